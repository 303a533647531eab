package dev.tgkit.client.filters;

import dev.tgkit.client.events.Event;
import dev.tgkit.client.events.MessageEvent;

/** Passes forwarded messages. */
public record Forward() implements Filter {
  @Override
  public boolean test(Event event) {
    return event instanceof MessageEvent m && m.forwardInfo().isPresent();
  }
}
