package dev.tgkit.spring.autoconfigure;

import dev.tgkit.client.Client;
import dev.tgkit.client.types.PasswordToken;
import dev.tgkit.client.types.SignInResult;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Connects the auto-configured {@link Client} when the application context starts and signs it
 * in (as the bot of {@code telegram.bot-token}, or as the user of {@code telegram.phone} with the
 * codes of a {@link LoginCodeProvider}); when the context stops, it stops taking updates, lets
 * running handlers finish within {@code telegram.shutdown-timeout}, saves the session and
 * disconnects.
 *
 * <p>It runs in the last phase, so the client starts after everything it may call (the
 * database its session is in) and stops before them.
 */
public final class TelegramClientLifecycle implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(TelegramClientLifecycle.class);

  private final Client client;
  private final @Nullable String botToken;
  private final @Nullable String phone;
  private final @Nullable LoginCodeProvider codes;
  private final Duration shutdownTimeout;
  private volatile boolean running;

  TelegramClientLifecycle(Client client, TelegramProperties properties, @Nullable LoginCodeProvider codes) {
    this.client = client;
    this.botToken = properties.getBotToken();
    this.phone = properties.getPhone();
    this.codes = codes;
    this.shutdownTimeout = properties.getShutdownTimeout();
  }

  @Override
  public void start() {
    client.connect();
    running = true;
    if (client.isAuthorized()) {
      client.getMe().ifPresent(me -> log.info("signed in as {}", me));
      return;
    }
    if (botToken != null) {
      log.info("signed in as {}", client.botSignIn(botToken));
    } else if (phone != null && codes != null) {
      SignInResult result = client.signIn(client.requestLoginCode(phone), codes.loginCode());
      if (result instanceof PasswordToken token) {
        result = client.checkPassword(token, codes.password(token.hint()));
      }
      log.info("signed in as {}", result);
    } else if (phone != null) {
      log.warn("not signed in: telegram.phone is set but there is no LoginCodeProvider bean to give the login code");
    } else {
      log.warn("not signed in: set telegram.bot-token, or telegram.phone with a LoginCodeProvider bean");
    }
  }

  @Override
  public void stop() {
    running = false;
    client.disconnect(shutdownTimeout);
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
