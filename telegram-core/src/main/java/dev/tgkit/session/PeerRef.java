package dev.tgkit.session;

import dev.tgkit.tl.api.InputChannel;
import dev.tgkit.tl.api.InputChannelCtor;
import dev.tgkit.tl.api.InputPeer;
import dev.tgkit.tl.api.InputPeerChannel;
import dev.tgkit.tl.api.InputPeerChat;
import dev.tgkit.tl.api.InputPeerSelf;
import dev.tgkit.tl.api.InputPeerUser;
import dev.tgkit.tl.api.InputUser;
import dev.tgkit.tl.api.InputUserCtor;
import dev.tgkit.tl.api.InputUserSelf;
import dev.tgkit.tl.api.Peer;
import dev.tgkit.tl.api.PeerChannel;
import dev.tgkit.tl.api.PeerChat;
import dev.tgkit.tl.api.PeerUser;
import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * A reusable reference to a user, a small group or a channel: its id and, where Telegram wants
 * one, the access hash this account was given for it (<a
 * href="https://core.telegram.org/api/peers">peers</a>). Keep refs (their {@link #toString()}
 * form) to reach a peer again without resolving it; the hash belongs to the account that saw it.
 *
 * <p>The string form is {@code u.<id>}, {@code g.<id>} or {@code c.<id>}, followed by {@code
 * .<hash>} when there is an access hash: its 8 bytes, big-endian, in URL-safe base64 without
 * padding ({@code u.123.AAAAAAAAAeI}). {@link #parse} reads it back: {@code
 * PeerRef.parse(ref.toString()).equals(ref)}.
 *
 * <p>An access hash of 0 means none: bots may use some methods without one.
 */
public sealed interface PeerRef permits PeerRef.UserRef, PeerRef.GroupRef, PeerRef.ChannelRef {

  /** The signed-in account itself ({@code inputPeerSelf}). */
  UserRef SELF = new UserRef(0, 0);

  /** The peer's id: positive, or 0 for {@link #SELF}. */
  long id();

  /** The access hash this account holds for the peer, or 0 for none. */
  long accessHash();

  /** Whether an access hash is known. */
  default boolean hasAccessHash() {
    return accessHash() != 0;
  }

  /** The form requests take. */
  InputPeer toInputPeer();

  /** The form messages and updates name peers with. */
  Peer toPeer();

  /**
   * Reads the {@link #toString()} form.
   *
   * @throws IllegalArgumentException if {@code text} is not one, saying what is wrong
   */
  static PeerRef parse(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length < 2 || parts.length > 3 || parts[0].length() != 1) {
      throw new IllegalArgumentException(
          "a peer ref looks like u.123, g.456 or c.789, optionally followed by .<access hash>; got \"" + text + "\"");
    }
    long id;
    try {
      id = Long.parseLong(parts[1]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("the id of peer ref \"" + text + "\" is not a number");
    }
    long hash = parts.length == 3 ? decodeHash(parts[2], text) : 0;
    try {
      return switch (parts[0]) {
        case "u" -> new UserRef(id, hash);
        case "g" -> {
          if (hash != 0) {
            throw new IllegalArgumentException("small groups have no access hash");
          }
          yield new GroupRef(id);
        }
        case "c" -> new ChannelRef(id, hash);
        default -> throw new IllegalArgumentException("it must start with u (user), g (small group) or c (channel)");
      };
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("\"" + text + "\" is not a valid peer ref: " + e.getMessage(), e);
    }
  }

  private static long decodeHash(String encoded, String text) {
    if (encoded.equals("0")) {
      return 0;
    }
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      bytes = new byte[0];
    }
    if (bytes.length != 8) {
      throw new IllegalArgumentException(
          "the access hash of peer ref \"" + text + "\" is not 8 bytes of URL-safe base64");
    }
    return ByteBuffer.wrap(bytes).getLong();
  }

  private static String format(char kind, long id, long hash) {
    if (hash == 0) {
      return kind + "." + id;
    }
    byte[] bytes = ByteBuffer.allocate(8).putLong(hash).array();
    return kind + "." + id + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static void checkId(long id, String kind, boolean zeroAllowed) {
    if (id < 0 || (id == 0 && !zeroAllowed)) {
      throw new IllegalArgumentException(
          "a " + kind + " id is positive (Telegram's ids, not the Bot API's -100... form), got " + id);
    }
  }

  /** A user or bot account; {@link #SELF} is the signed-in one. */
  record UserRef(long id, long accessHash) implements PeerRef {

    public UserRef {
      checkId(id, "user", true);
      if (id == 0 && accessHash != 0) {
        throw new IllegalArgumentException("the self ref (id 0) has no access hash");
      }
    }

    /** A user known by id alone. */
    public UserRef(long id) {
      this(id, 0);
    }

    /** Whether this is {@link #SELF}. */
    public boolean isSelf() {
      return id == 0;
    }

    @Override
    public InputPeer toInputPeer() {
      return isSelf() ? new InputPeerSelf() : new InputPeerUser(id, accessHash);
    }

    /** The form user-taking requests want. */
    public InputUser toInputUser() {
      return isSelf() ? new InputUserSelf() : new InputUserCtor(id, accessHash);
    }

    @Override
    public Peer toPeer() {
      if (isSelf()) {
        throw new IllegalStateException("the self ref names no user id; resolve it with getMe() first");
      }
      return new PeerUser(id);
    }

    @Override
    public String toString() {
      return format('u', id, accessHash);
    }
  }

  /** A small group ({@code chat}): no access hash needed. */
  record GroupRef(long id) implements PeerRef {

    public GroupRef {
      checkId(id, "group", false);
    }

    @Override
    public long accessHash() {
      return 0;
    }

    @Override
    public InputPeer toInputPeer() {
      return new InputPeerChat(id);
    }

    @Override
    public Peer toPeer() {
      return new PeerChat(id);
    }

    @Override
    public String toString() {
      return format('g', id, 0);
    }
  }

  /** A broadcast channel, a supergroup or a gigagroup ({@code channel}). */
  record ChannelRef(long id, long accessHash) implements PeerRef {

    public ChannelRef {
      checkId(id, "channel", false);
    }

    /** A channel known by id alone. */
    public ChannelRef(long id) {
      this(id, 0);
    }

    @Override
    public InputPeer toInputPeer() {
      return new InputPeerChannel(id, accessHash);
    }

    /** The form channel-taking requests want. */
    public InputChannel toInputChannel() {
      return new InputChannelCtor(id, accessHash);
    }

    @Override
    public Peer toPeer() {
      return new PeerChannel(id);
    }

    @Override
    public String toString() {
      return format('c', id, accessHash);
    }
  }
}
