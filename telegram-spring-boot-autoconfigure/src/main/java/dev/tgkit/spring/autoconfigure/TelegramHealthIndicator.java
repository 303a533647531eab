package dev.tgkit.spring.autoconfigure;

import dev.tgkit.client.Client;
import dev.tgkit.session.Session;
import dev.tgkit.session.SessionUser;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code telegram} health: UP while the client is connected and signed in, OUT_OF_SERVICE
 * while connected but not signed in (a user account waiting for its login code), DOWN while
 * not connected. Details: the home data center, the signed-in user's id and whether it is a bot,
 * and the seconds since the last update arrived. Never a credential, a phone number or a key.
 *
 * <p>It reads the client's state only: checking health never calls Telegram.
 */
public final class TelegramHealthIndicator implements HealthIndicator {

  private final Client client;
  private final Clock clock;

  public TelegramHealthIndicator(Client client) {
    this(client, Clock.systemUTC());
  }

  TelegramHealthIndicator(Client client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  @Override
  public Health health() {
    if (!client.isConnected()) {
      return Health.down().withDetail("connected", false).build();
    }
    Session session = client.session();
    SessionUser user = session.user();
    Health.Builder health = (user == null ? Health.outOfService() : Health.up())
        .withDetail("connected", true)
        .withDetail("dc", session.homeDc())
        .withDetail("authorized", user != null);
    if (user != null) {
      health.withDetail("userId", user.id()).withDetail("bot", user.bot());
    }
    client.lastUpdateAt().ifPresent(at ->
        health.withDetail("secondsSinceLastUpdate", Math.max(0, Duration.between(at, clock.instant()).toSeconds())));
    return health.build();
  }
}
