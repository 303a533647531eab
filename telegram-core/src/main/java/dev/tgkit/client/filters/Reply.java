package dev.tgkit.client.filters;

import dev.tgkit.client.events.Event;
import dev.tgkit.client.events.MessageEvent;

/** Passes messages that reply to another message. */
public record Reply() implements Filter {
  @Override
  public boolean test(Event event) {
    return event instanceof MessageEvent m && m.repliedMessageId().isPresent();
  }
}
