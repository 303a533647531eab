package dev.tgkit.client.filters;

import dev.tgkit.client.events.Event;
import dev.tgkit.client.events.MessageEvent;

/** Passes messages this account received from someone else. */
public record Incoming() implements Filter {
  @Override
  public boolean test(Event event) {
    return event instanceof MessageEvent m && m.incoming();
  }
}
