package dev.tgkit.client.types;

import dev.tgkit.session.PeerRef;
import dev.tgkit.tl.api.Chat;
import dev.tgkit.tl.api.ChatCtor;
import dev.tgkit.tl.api.ChatEmpty;
import dev.tgkit.tl.api.ChatForbidden;
import dev.tgkit.tl.api.ChannelForbidden;
import dev.tgkit.tl.api.Community;
import dev.tgkit.tl.api.CommunityForbidden;
import java.util.Optional;

/**
 * A user, a group or a channel (<a href="https://core.telegram.org/api/peers">peers</a>): what
 * messages are sent to and by.
 *
 * <p>Telegram may name a peer without describing it (a "min" peer, or one an update only
 * mentions by id); such a peer has its {@link #id()} and an empty {@link #name()}.
 */
public sealed interface Peer permits User, Group, Channel {

  /** Telegram's id: always positive. */
  long id();

  /** A user's first and last name, or a group's or channel's title; empty if unknown. */
  String name();

  /** The primary public username, without the {@code @}. */
  Optional<String> username();

  /** A reference to keep and reach this peer again. */
  PeerRef ref();

  /**
   * The peer a TL {@code Chat} describes: a {@link Group} for a small group or a supergroup, a
   * {@link Channel} for a broadcast channel.
   */
  static Peer of(Chat chat) {
    return switch (chat) {
      case ChatCtor c -> Group.of(c);
      case ChatForbidden c -> Group.of(c);
      case ChatEmpty c -> new Group(new PeerRef.GroupRef(c.id()), "", null, false, c);
      case dev.tgkit.tl.api.Channel c -> c.broadcast() ? Channel.of(c) : Group.of(c);
      case ChannelForbidden c -> c.broadcast() ? Channel.of(c) : Group.of(c);
      // A community gathers channels and groups; requests reach it as a channel.
      case Community c -> new Channel(new PeerRef.ChannelRef(c.id(), c.accessHash() == null ? 0 : c.accessHash()),
          c.title(), null, c);
      case CommunityForbidden c -> new Channel(
          new PeerRef.ChannelRef(c.id(), c.accessHash() == null ? 0 : c.accessHash()), c.title(), null, c);
    };
  }

  /** A peer known only by its reference, as updates mention peers they do not describe. */
  static Peer of(PeerRef ref) {
    return switch (ref) {
      case PeerRef.UserRef u -> new User(u, "", "", null, null, false, null);
      case PeerRef.GroupRef g -> new Group(g, "", null, false, null);
      // Updates do not say whether a channel broadcasts; a supergroup is the likelier guess only
      // for groups, so keep what the ref says: a channel.
      case PeerRef.ChannelRef c -> new Channel(c, "", null, null);
    };
  }
}
