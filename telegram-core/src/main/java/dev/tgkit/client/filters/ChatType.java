package dev.tgkit.client.filters;

import dev.tgkit.client.events.Event;
import dev.tgkit.client.events.MessageEvent;
import dev.tgkit.client.types.Peer;

/**
 * Passes messages in a chat of {@link #type()}: {@code User.class} for private chats, {@code
 * Group.class} for small groups and supergroups, {@code Channel.class} for broadcast channels.
 */
public record ChatType(Class<? extends Peer> type) implements Filter {
  @Override
  public boolean test(Event event) {
    return event instanceof MessageEvent m && type.isInstance(m.chat());
  }
}
