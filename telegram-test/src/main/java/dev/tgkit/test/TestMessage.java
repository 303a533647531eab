package dev.tgkit.test;

import dev.tgkit.tl.api.MessageEntity;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One account's copy of a message, as a test reads it: {@code id} is the id in that account's own
 * sequence, so the sender's and each recipient's copies of one message have different ids.
 *
 * @param id the message id in the reading account
 * @param fromId who sent it
 * @param text the text (empty for a service message)
 * @param date when it was sent, in Unix seconds
 * @param replyTo the id, in the reading account, of the message it replies to
 * @param out whether the reading account sent it
 * @param edited whether it was edited
 * @param pinned whether it is pinned
 * @param service whether it is a service message (a group created, a message pinned)
 * @param silent whether it was sent without a notification
 * @param entities its formatting
 * @param buttons whether a bot attached buttons to it
 * @param preview the link its preview shows, or null if it has none
 */
public record TestMessage(
    int id,
    long fromId,
    String text,
    int date,
    @Nullable Integer replyTo,
    boolean out,
    boolean edited,
    boolean pinned,
    boolean service,
    boolean silent,
    List<MessageEntity> entities,
    boolean buttons,
    @Nullable String preview) {}
