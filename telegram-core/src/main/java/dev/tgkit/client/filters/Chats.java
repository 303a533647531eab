package dev.tgkit.client.filters;

import dev.tgkit.client.events.Event;
import dev.tgkit.client.events.MessageDeleted;
import dev.tgkit.client.events.MessageEvent;
import java.util.Set;

/**
 * Passes events in one of the chats with these ids: Telegram's positive ids (a user's, a group's
 * or a channel's), not usernames, which would need a request.
 */
public record Chats(Set<Long> chatIds) implements Filter {

  public Chats {
    chatIds = Set.copyOf(chatIds);
    Filters.checkIds(chatIds, "chat");
  }

  @Override
  public boolean test(Event event) {
    return switch (event) {
      case MessageEvent m -> chatIds.contains(m.chat().id());
      case MessageDeleted d -> d.channelId().isPresent() && chatIds.contains(d.channelId().getAsLong());
    };
  }
}
