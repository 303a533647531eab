package dev.tgkit.test;

import dev.tgkit.client.Client;
import dev.tgkit.session.MemoryStorage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts an {@link EmbeddedTelegram} for JUnit 5 tests and stops it afterwards, so every test talks
 * to real MTProto data centers over loopback TCP. Registered on a static field it serves the whole
 * class; on an instance field, each test gets a fresh one:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final EmbeddedTelegramExtension telegram =
 *     new EmbeddedTelegramExtension(() -> EmbeddedTelegram.builder().dataCenters(2));
 *
 * @Test
 * void connects(EmbeddedTelegram server) { ... }
 * }</pre>
 *
 * Test methods and constructors may take an {@link EmbeddedTelegram} parameter, and a {@link
 * Client} parameter: a client of {@link EmbeddedTelegram#clientBuilder()} with a memory storage,
 * connected but not signed in, for tests of signing in. A client signed in as a test account comes
 * from {@link #signedIn(TestUser)}:
 *
 * <pre>{@code
 * TestUser bot = telegram.telegram().createBot("4242:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw", "echo_bot");
 * Client client = telegram.signedIn(bot);
 * }</pre>
 *
 * The extension closes every client it made when the test ends (a client made in a
 * {@code @BeforeAll} method, when the class ends), before it stops the Telegram.
 */
public final class EmbeddedTelegramExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver {

  private final Supplier<EmbeddedTelegram.Builder> configuration;
  private @Nullable EmbeddedTelegram running;
  private boolean perClass;
  private final List<Client> clients = new ArrayList<>();
  private final List<Client> classClients = new ArrayList<>();
  private boolean inTest;

  /** One data center on an ephemeral port. */
  public EmbeddedTelegramExtension() {
    this(EmbeddedTelegram::builder);
  }

  /** A Telegram built from a fresh builder of {@code configuration} at each start. */
  public EmbeddedTelegramExtension(Supplier<EmbeddedTelegram.Builder> configuration) {
    this.configuration = configuration;
  }

  /**
   * The running Telegram.
   *
   * @throws IllegalStateException outside a test
   */
  public EmbeddedTelegram telegram() {
    EmbeddedTelegram t = running;
    if (t == null) {
      throw new IllegalStateException("the embedded Telegram runs only while a test runs");
    }
    return t;
  }

  /**
   * A client connected and signed in as {@code account} (see {@link
   * EmbeddedTelegram#signedIn(TestUser)}), closed when the test ends.
   *
   * @throws IllegalStateException outside a test
   */
  public Client signedIn(TestUser account) {
    return made(telegram().signedIn(account));
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    perClass = true;
    running = configuration.get().start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    try {
      closeAll(classClients);
    } finally {
      stop();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    inTest = true;
    if (running == null) {
      running = configuration.get().start();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    inTest = false;
    try {
      closeAll(clients);
    } finally {
      if (!perClass) {
        // Registered on an instance field there is no afterAll: a constructor's client goes now.
        try {
          closeAll(classClients);
        } finally {
          stop();
        }
      }
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == EmbeddedTelegram.class || type == Client.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    EmbeddedTelegram t = running;
    if (t == null) {
      // A test-class constructor runs before beforeEach for instance-field registration.
      t = configuration.get().start();
      running = t;
    }
    if (parameter.getParameter().getType() == Client.class) {
      Client client = made(t.clientBuilder().storage(new MemoryStorage()).build());
      client.connect();
      return client;
    }
    return t;
  }

  /** Remembers {@code client} to close it when the test, or the class outside a test, ends. */
  private synchronized Client made(Client client) {
    (inTest ? clients : classClients).add(client);
    return client;
  }

  /** Closes every client of {@code made}, all of them even when one fails; then throws the first failure. */
  private synchronized void closeAll(List<Client> made) {
    RuntimeException failed = null;
    for (Client client : made) {
      try {
        client.close();
      } catch (RuntimeException e) {
        if (failed == null) {
          failed = e;
        } else {
          failed.addSuppressed(e);
        }
      }
    }
    made.clear();
    if (failed != null) {
      throw failed;
    }
  }

  private void stop() {
    EmbeddedTelegram t = running;
    running = null;
    if (t != null) {
      t.close();
    }
  }
}
