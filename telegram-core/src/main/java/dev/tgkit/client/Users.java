package dev.tgkit.client;

import dev.tgkit.client.types.Peer;
import dev.tgkit.client.types.PeerMap;
import dev.tgkit.session.PeerCache;
import dev.tgkit.session.PeerRef;
import dev.tgkit.tl.api.contacts.ResolveUsername;
import dev.tgkit.tl.api.contacts.ResolvedPeerCtor;
import dev.tgkit.tl.api.users.GetUsers;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finding users, groups and channels: by username, or fetching kept refs anew. Telethon's {@code
 * client/users.py}, grammers' {@code client/chats.rs} (its resolving part).
 */
final class Users {

  private static final Pattern USERNAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{3,31}");

  private final Rpc rpc;
  private final StoredSession sessions;
  private final PeerCache peers;

  Users(Rpc rpc, StoredSession sessions, PeerCache peers) {
    this.rpc = rpc;
    this.sessions = sessions;
    this.peers = peers;
  }

  Peer resolveUsername(String username) {
    String name = username.startsWith("@") ? username.substring(1) : username;
    if (!USERNAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "a username is 4 to 32 letters, digits and underscores, starting with a letter; got \"" + username + "\"");
    }
    ResolvedPeerCtor resolved = (ResolvedPeerCtor) rpc.invoke(new ResolveUsername(name, null));
    return new PeerMap(peers).add(resolved.users(), resolved.chats()).resolve(resolved.peer());
  }

  List<Peer> resolvePeers(List<PeerRef> refs) {
    List<dev.tgkit.tl.api.InputUser> users = new ArrayList<>();
    List<Long> groups = new ArrayList<>();
    List<dev.tgkit.tl.api.InputChannel> channels = new ArrayList<>();
    for (PeerRef ref : refs) {
      switch (ref) {
        case PeerRef.UserRef u -> users.add(u.toInputUser());
        case PeerRef.GroupRef g -> groups.add(g.id());
        case PeerRef.ChannelRef c -> channels.add(c.toInputChannel());
      }
    }
    List<dev.tgkit.tl.api.User> fetchedUsers = users.isEmpty() ? List.of() : rpc.invoke(new GetUsers(users));
    List<dev.tgkit.tl.api.Chat> chats = new ArrayList<>();
    if (!groups.isEmpty()) {
      chats.addAll(rpc.invoke(new dev.tgkit.tl.api.messages.GetChats(groups)).chats());
    }
    if (!channels.isEmpty()) {
      chats.addAll(rpc.invoke(new dev.tgkit.tl.api.channels.GetChannels(channels)).chats());
    }
    PeerMap map = new PeerMap(peers).add(fetchedUsers, chats);
    long me = sessions.selfId();
    List<Peer> resolved = new ArrayList<>(refs.size());
    for (PeerRef ref : refs) {
      Peer found = map.resolve(SentMessages.peerOf(ref.toInputPeer(), me));
      if (found.name().isEmpty() && found.username().isEmpty()) {
        throw new IllegalStateException("Telegram did not describe " + ref);
      }
      resolved.add(found);
    }
    return resolved;
  }
}
