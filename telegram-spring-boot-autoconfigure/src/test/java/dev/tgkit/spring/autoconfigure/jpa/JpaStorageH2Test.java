package dev.tgkit.spring.autoconfigure.jpa;

import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The JPA storage on H2, the demo's embedded database: an in-memory database per run. */
class JpaStorageH2Test extends JpaStorageContract {

  private static DataSource dataSource;
  private static DataSource other;
  private static JpaSessionStore store;

  @BeforeAll
  static void startDatabase() {
    String url = "jdbc:h2:mem:tgkit_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
    dataSource = new DriverManagerDataSource(url, "sa", "");
    other = new DriverManagerDataSource(url, "sa", "");
    store = JpaSessionStore.open(dataSource);
  }

  @AfterAll
  static void stopDatabase() throws Exception {
    if (store != null) {
      store.close();
    }
    try (var c = dataSource.getConnection(); var s = c.createStatement()) {
      s.execute("SHUTDOWN");
    }
  }

  @Override
  DataSource dataSource() {
    return dataSource;
  }

  @Override
  JpaSessionStore store() {
    return store;
  }

  @Override
  DataSource otherDataSource() {
    return other;
  }
}
