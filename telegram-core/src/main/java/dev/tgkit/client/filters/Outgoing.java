package dev.tgkit.client.filters;

import dev.tgkit.client.events.Event;
import dev.tgkit.client.events.MessageEvent;

/**
 * Passes messages this account sent. In broadcast channels, posts by other admins are not
 * outgoing: this does not tell whether this session produced the update.
 */
public record Outgoing() implements Filter {
  @Override
  public boolean test(Event event) {
    return event instanceof MessageEvent m && m.outgoing();
  }
}
