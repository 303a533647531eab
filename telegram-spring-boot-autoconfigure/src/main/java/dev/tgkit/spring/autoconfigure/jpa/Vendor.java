package dev.tgkit.spring.autoconfigure.jpa;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/** The databases the JPA storage has tables and a session lock for. */
enum Vendor {
  POSTGRESQL("postgresql"),
  H2("h2");

  private final String directory;

  Vendor(String directory) {
    this.directory = directory;
  }

  /** Where this database's Flyway migrations are. */
  String migrations() {
    return "classpath:dev/tgkit/spring/autoconfigure/jpa/migration/" + directory;
  }

  /**
   * The kind of database {@code dataSource} connects to.
   *
   * @throws IllegalStateException if it is neither PostgreSQL nor H2
   * @throws SQLException if it could not be asked
   */
  static Vendor of(DataSource dataSource) throws SQLException {
    String product;
    try (Connection connection = dataSource.getConnection()) {
      product = connection.getMetaData().getDatabaseProductName();
    }
    String lower = product == null ? "" : product.toLowerCase(Locale.ROOT);
    if (lower.contains("postgresql")) {
      return POSTGRESQL;
    }
    if (lower.equals("h2")) {
      return H2;
    }
    throw new IllegalStateException("tgkit's JPA session storage supports PostgreSQL and H2, not " + product
        + "; define a bean of type dev.tgkit.session.Storage of your own (such as a FileStorage), "
        + "or set telegram.storage.jpa.enabled=false to use the default storage");
  }
}
