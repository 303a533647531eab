package dev.tgkit.client.types;

import dev.tgkit.tl.api.MessageFwdHeaderCtor;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * Where a forwarded message came from (<a href="https://core.telegram.org/constructor/messageFwdHeader">messageFwdHeader</a>).
 *
 * <p>A sender who hides their account when forwarded has no {@link #from()}, only a {@link
 * #fromName()}. A forward of a channel post names the channel and the post's id there.
 */
public final class ForwardInfo {

  private final MessageFwdHeaderCtor raw;
  private final @Nullable Peer from;
  private final @Nullable Peer savedFrom;

  ForwardInfo(MessageFwdHeaderCtor raw, PeerMap peers) {
    this.raw = raw;
    this.from = raw.fromId() == null ? null : peers.resolve(raw.fromId());
    this.savedFrom = raw.savedFromPeer() == null ? null : peers.resolve(raw.savedFromPeer());
  }

  /** Who first sent it: a user, or the channel of a channel post; empty if the sender hides their account. */
  public Optional<Peer> from() {
    return Optional.ofNullable(from);
  }

  /** The name shown for a sender who hides their account. */
  public Optional<String> fromName() {
    return Optional.ofNullable(raw.fromName());
  }

  /** When the original was sent. */
  public Instant date() {
    return Instant.ofEpochSecond(Integer.toUnsignedLong(raw.date()));
  }

  /** For a channel post: its id in the channel {@link #from()} names. */
  public OptionalInt channelPostId() {
    return raw.channelPost() == null ? OptionalInt.empty() : OptionalInt.of(raw.channelPost());
  }

  /** For a channel post signed by its author: the signature. */
  public Optional<String> postAuthor() {
    return Optional.ofNullable(raw.postAuthor());
  }

  /** For a message forwarded to Saved Messages: the chat it was saved from. */
  public Optional<Peer> savedFrom() {
    return Optional.ofNullable(savedFrom);
  }

  /** For a message forwarded to Saved Messages: its id in {@link #savedFrom()}. */
  public OptionalInt savedFromMessageId() {
    return raw.savedFromMsgId() == null ? OptionalInt.empty() : OptionalInt.of(raw.savedFromMsgId());
  }

  /** Whether it was imported from another app rather than forwarded in Telegram. */
  public boolean imported() {
    return raw.imported();
  }

  /** The TL header this was made from. */
  public MessageFwdHeaderCtor raw() {
    return raw;
  }

  @Override
  public String toString() {
    return "ForwardInfo[from " + (from != null ? from : fromName().map(n -> "a hidden sender").orElse("unknown"))
        + ", " + date() + "]";
  }
}
