package com.example.echobot;

import static dev.tgkit.client.filters.Filters.incoming;

import dev.tgkit.client.Client;
import dev.tgkit.client.events.NewMessage;

/**
 * A bot as a user of tgkit writes one, with nothing but the public {@link Client} API: it greets
 * on {@code /start} and echoes any other text. {@link EchoBotTest} tests it the way its README
 * section shows.
 */
final class EchoBot {

  private EchoBot() {}

  /** Makes {@code client} answer as the echo bot. */
  static void register(Client client) {
    client.on(
        NewMessage.class,
        incoming(),
        event -> event.reply(event.text().equals("/start") ? "Hello! Send me anything." : event.text()));
  }
}
