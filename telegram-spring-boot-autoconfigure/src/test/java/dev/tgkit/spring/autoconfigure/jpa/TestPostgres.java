package dev.tgkit.spring.autoconfigure.jpa;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The real PostgreSQL the tests use: the server {@code TGKIT_TEST_POSTGRES_URL} names (a JDBC
 * URL, such as {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}; {@code .ci/run} sets
 * it), else one started once per JVM with Testcontainers if Docker answers, else none, with the
 * reason a test reports itself skipped for. Each user works in a schema of its own, so runs on
 * one server do not meet.
 */
final class TestPostgres {

  static final String URL_VARIABLE = "TGKIT_TEST_POSTGRES_URL";

  private static @Nullable TestPostgres instance;
  private static @Nullable String unavailable;

  private final String url;
  private final Properties credentials;

  private TestPostgres(String url, Properties credentials) {
    this.url = url;
    this.credentials = credentials;
  }

  /** The server, or null if there is none to test against ({@link #unavailable()} says why). */
  static synchronized @Nullable TestPostgres get() {
    if (instance != null || unavailable != null) {
      return instance;
    }
    String configured = System.getenv(URL_VARIABLE);
    if (configured != null && !configured.isBlank()) {
      instance = new TestPostgres(configured, new Properties());
    } else if (!dockerAnswers()) {
      unavailable = "no PostgreSQL to test against: set " + URL_VARIABLE
          + " to a JDBC URL (such as jdbc:postgresql://127.0.0.1:5432/test?user=postgres) or start Docker";
    } else {
      // Stopped by Testcontainers' reaper when the JVM ends.
      PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
      container.start();
      Properties credentials = new Properties();
      credentials.setProperty("user", container.getUsername());
      credentials.setProperty("password", container.getPassword());
      instance = new TestPostgres(container.getJdbcUrl(), credentials);
    }
    return instance;
  }

  /** Why there is no server, or null if there is one. */
  static synchronized @Nullable String unavailable() {
    get();
    return unavailable;
  }

  private static boolean dockerAnswers() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  /** The server's JDBC URL, without a schema. */
  String url() {
    return url;
  }

  /** The user and password, empty when the URL carries them. */
  Properties credentials() {
    return credentials;
  }

  /** A new, empty schema's name. */
  String createSchema() throws SQLException {
    String schema = "tgkit_test_" + UUID.randomUUID().toString().replace("-", "");
    execute("CREATE SCHEMA " + schema);
    return schema;
  }

  void dropSchema(String schema) throws SQLException {
    execute("DROP SCHEMA " + schema + " CASCADE");
  }

  /** Connections whose current schema is {@code schema}. */
  DataSource dataSource(String schema) {
    DriverManagerDataSource ds = new DriverManagerDataSource(url);
    Properties properties = new Properties();
    properties.putAll(credentials);
    properties.setProperty("currentSchema", schema);
    ds.setConnectionProperties(properties);
    return ds;
  }

  /** The {@code spring.datasource.*} properties of connections whose current schema is {@code schema}. */
  String[] springProperties(String schema) {
    String separator = url.contains("?") ? "&" : "?";
    return new String[] {
        "spring.datasource.url=" + url + separator + "currentSchema=" + schema,
        "spring.datasource.username=" + credentials.getProperty("user", ""),
        "spring.datasource.password=" + credentials.getProperty("password", "")};
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url, credentials);
  }

  private void execute(String sql) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
