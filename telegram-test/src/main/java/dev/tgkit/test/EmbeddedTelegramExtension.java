package dev.tgkit.test;

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
 * Test methods and constructors may take an {@link EmbeddedTelegram} parameter.
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

  @Override
  public void beforeAll(ExtensionContext context) {
    perClass = true;
    running = configuration.get().start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (running == null) {
      running = configuration.get().start();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!perClass) {
      stop();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == EmbeddedTelegram.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    EmbeddedTelegram t = running;
    if (t == null) {
      // A test-class constructor runs before beforeEach for instance-field registration.
      t = configuration.get().start();
      running = t;
    }
    return t;
  }

  private void stop() {
    EmbeddedTelegram t = running;
    running = null;
    if (t != null) {
      t.close();
    }
  }
}
