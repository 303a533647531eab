package dev.tgkit.client.filters;

import dev.tgkit.client.events.Event;
import dev.tgkit.client.events.MessageEvent;
import java.util.Set;

/** Passes messages sent by one of the users (or channels) with these ids. */
public record Senders(Set<Long> senderIds) implements Filter {

  public Senders {
    senderIds = Set.copyOf(senderIds);
    Filters.checkIds(senderIds, "sender");
  }

  @Override
  public boolean test(Event event) {
    return event instanceof MessageEvent m && m.sender().map(s -> senderIds.contains(s.id())).orElse(false);
  }
}
