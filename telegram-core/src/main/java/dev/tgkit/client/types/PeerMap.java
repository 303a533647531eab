package dev.tgkit.client.types;

import dev.tgkit.session.PeerCache;
import dev.tgkit.session.PeerRef;
import dev.tgkit.tl.api.Chat;
import dev.tgkit.tl.api.PeerChannel;
import dev.tgkit.tl.api.PeerChat;
import dev.tgkit.tl.api.PeerUser;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The users and chats a response or an update came with, by id, to turn the bare {@code Peer}s
 * inside its messages into {@link Peer}s. A peer the response did not describe becomes a peer
 * known by id alone.
 */
public final class PeerMap {

  private final Map<Long, User> users = new HashMap<>();
  // Small groups and channels number their ids apart: keep them apart.
  private final Map<Long, Peer> groups = new HashMap<>();
  private final Map<Long, Peer> channels = new HashMap<>();

  private final @Nullable PeerCache cache;

  /** An empty map. */
  public PeerMap() {
    this.cache = null;
  }

  /**
   * An empty map that takes the access hashes of peers it was not given from {@code cache}: what
   * updates need, as they often name peers an earlier update described.
   */
  public PeerMap(PeerCache cache) {
    this.cache = cache;
  }

  /** The peers of one response or update. */
  public PeerMap(List<dev.tgkit.tl.api.User> users, List<Chat> chats) {
    this.cache = null;
    add(users, chats);
  }

  /** Adds more peers, replacing those with the same ids. */
  public PeerMap add(List<dev.tgkit.tl.api.User> users, List<Chat> chats) {
    for (dev.tgkit.tl.api.User u : users) {
      User user = User.of(u);
      this.users.put(user.id(), user);
    }
    for (Chat c : chats) {
      Peer peer = Peer.of(c);
      (peer.ref() instanceof PeerRef.GroupRef ? groups : channels).put(peer.id(), peer);
    }
    return this;
  }

  /** The peer {@code peer} names: described if the response did, else known by id alone. */
  public Peer resolve(dev.tgkit.tl.api.Peer peer) {
    return switch (peer) {
      case PeerUser p -> {
        User u = users.get(p.userId());
        yield u != null ? u : Peer.of(known(peer, new PeerRef.UserRef(p.userId())));
      }
      case PeerChat p -> {
        Peer c = groups.get(p.chatId());
        yield c != null ? c : Peer.of(new PeerRef.GroupRef(p.chatId()));
      }
      case PeerChannel p -> {
        Peer c = channels.get(p.channelId());
        yield c != null ? c : Peer.of(known(peer, new PeerRef.ChannelRef(p.channelId())));
      }
    };
  }

  private PeerRef known(dev.tgkit.tl.api.Peer peer, PeerRef bare) {
    return cache == null ? bare : cache.ref(peer).orElse(bare);
  }
}
