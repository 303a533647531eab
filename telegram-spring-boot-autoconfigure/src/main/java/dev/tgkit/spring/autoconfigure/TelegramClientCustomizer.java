package dev.tgkit.spring.autoconfigure;

import dev.tgkit.client.Client;

/**
 * Adjusts the auto-configured {@link Client} before it is built, after the {@code telegram.*}
 * properties were applied: for what properties cannot say (an {@code ObservationRegistry} of
 * your own, an event loop group shared with other Netty code, the data center keys to trust).
 * Customizers run in {@link org.springframework.core.annotation.Order} order.
 */
@FunctionalInterface
public interface TelegramClientCustomizer {

  /** Changes {@code builder} as needed. */
  void customize(Client.Builder builder);
}
