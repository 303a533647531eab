package dev.tgkit.client.events;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * Messages were deleted. Their contents are gone. Outside channels, message ids are this
 * account's own and Telegram does not say which chat they were in; in a channel or supergroup
 * {@link #channelId()} says which.
 */
public final class MessageDeleted implements Event {

  private final List<Integer> messageIds;
  private final OptionalLong channelId;
  private final @Nullable String selfUsername;

  /**
   * @param channelId the channel or supergroup, or empty for private chats and small groups
   * @param selfUsername the signed-in account's username, or null
   */
  public MessageDeleted(List<Integer> messageIds, OptionalLong channelId, @Nullable String selfUsername) {
    this.messageIds = List.copyOf(messageIds);
    this.channelId = channelId;
    this.selfUsername = selfUsername;
  }

  /** The deleted messages' ids. */
  public List<Integer> messageIds() {
    return messageIds;
  }

  /** The channel or supergroup they were in; empty for private chats and small groups. */
  public OptionalLong channelId() {
    return channelId;
  }

  @Override
  public Optional<String> selfUsername() {
    return Optional.ofNullable(selfUsername);
  }

  @Override
  public String chatKey() {
    return channelId.isPresent() ? "c" + channelId.getAsLong() : "";
  }

  @Override
  public String toString() {
    return "MessageDeleted[" + messageIds + (channelId.isPresent() ? " in channel " + channelId.getAsLong() : "") + "]";
  }
}
