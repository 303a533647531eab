package dev.tgkit.test.internal.world;

import dev.tgkit.tl.api.MessageAction;
import dev.tgkit.tl.api.MessageEntity;
import dev.tgkit.tl.api.MessageFwdHeader;
import dev.tgkit.tl.api.MessageMedia;
import dev.tgkit.tl.api.Peer;
import dev.tgkit.tl.api.ReplyMarkup;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One account's copy of a message: Telegram gives every participant of a private chat or basic
 * group its own copy, numbered in that participant's sequence. Copies of one message share {@link
 * #origin}, so edits, deletions and pins reach them all. Guarded by the world's lock.
 *
 * <p>What never changes is public for the services and tests to read into their answers; what
 * the world changes as it edits and pins is read through accessors.
 */
public final class Stored {

  final Account owner;
  public final int id;
  public final long origin;
  /** The dialog in the owner's view: the other user, or the group. */
  final Peer peer;
  public final long fromId;
  public final int date;
  public final boolean silent;
  public final @Nullable Integer replyTo;
  public final @Nullable MessageFwdHeader fwdFrom;
  @Nullable ReplyMarkup markup;
  public final @Nullable MessageAction action;
  /** A link's preview, Telegram's only media in this world. */
  @Nullable MessageMedia media;
  String text;
  @Nullable List<MessageEntity> entities;
  @Nullable Integer editDate;
  boolean pinned;

  Stored(
      Account owner,
      int id,
      long origin,
      Peer peer,
      long fromId,
      int date,
      boolean silent,
      @Nullable Integer replyTo,
      @Nullable MessageFwdHeader fwdFrom,
      @Nullable ReplyMarkup markup,
      @Nullable MessageAction action,
      String text,
      @Nullable List<MessageEntity> entities,
      @Nullable MessageMedia media) {
    this.owner = owner;
    this.id = id;
    this.origin = origin;
    this.peer = peer;
    this.fromId = fromId;
    this.date = date;
    this.silent = silent;
    this.replyTo = replyTo;
    this.fwdFrom = fwdFrom;
    this.markup = markup;
    this.action = action;
    this.text = text;
    this.entities = entities;
    this.media = media;
  }

  public boolean out() {
    return fromId == owner.id;
  }

  public @Nullable ReplyMarkup markup() {
    return markup;
  }

  public @Nullable MessageMedia media() {
    return media;
  }

  public String text() {
    return text;
  }

  public @Nullable List<MessageEntity> entities() {
    return entities;
  }

  public @Nullable Integer editDate() {
    return editDate;
  }

  public boolean pinned() {
    return pinned;
  }
}
