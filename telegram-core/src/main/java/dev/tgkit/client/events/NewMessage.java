package dev.tgkit.client.events;

import dev.tgkit.client.types.Message;
import org.jspecify.annotations.Nullable;

/**
 * A message was sent or received: the event is the message. Messages this account sends arrive
 * too, so a handler that answers every message should filter on {@code Incoming}.
 */
public final class NewMessage extends MessageEvent {

  /**
   * @param selfUsername the signed-in account's username, or null
   */
  public NewMessage(Message message, @Nullable String selfUsername) {
    super(message, selfUsername);
  }
}
