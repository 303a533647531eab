package dev.tgkit.client.events;

import dev.tgkit.client.types.Message;
import org.jspecify.annotations.Nullable;

/** A message was edited: the event is the message as it is now. */
public final class MessageEdited extends MessageEvent {

  /**
   * @param selfUsername the signed-in account's username, or null
   */
  public MessageEdited(Message message, @Nullable String selfUsername) {
    super(message, selfUsername);
  }
}
