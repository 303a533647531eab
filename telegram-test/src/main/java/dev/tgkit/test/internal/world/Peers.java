package dev.tgkit.test.internal.world;

import dev.tgkit.mtproto.RpcErrors;
import dev.tgkit.test.RpcErrorException;
import dev.tgkit.tl.api.InputPeer;
import dev.tgkit.tl.api.InputPeerChat;
import dev.tgkit.tl.api.InputPeerSelf;
import dev.tgkit.tl.api.InputPeerUser;
import dev.tgkit.tl.api.InputUser;
import dev.tgkit.tl.api.InputUserCtor;
import dev.tgkit.tl.api.InputUserSelf;
import dev.tgkit.tl.api.Peer;
import dev.tgkit.tl.api.PeerChat;
import dev.tgkit.tl.api.PeerUser;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Who an account may name, and how: the access hashes each account sees, the accounts and groups
 * an {@code InputPeer} or {@code InputUser} resolves to, and who takes part in a dialog. Guarded
 * by the world's lock.
 */
final class Peers {

  private final Accounts accounts;
  private final BasicGroups groups;

  Peers(Accounts accounts, BasicGroups groups) {
    this.accounts = accounts;
    this.groups = groups;
  }

  /** The access hash {@code viewer} sees for peer {@code peerId}: its own, unlike any other's. */
  static long accessHash(Account viewer, long peerId) {
    long z = viewer.secret + peerId * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The account or group {@code peer} names for {@code viewer}; 400 PEER_ID_INVALID otherwise. */
  Object resolve(Account viewer, InputPeer peer) {
    Object named = switch (peer) {
      case InputPeerSelf s -> viewer;
      case InputPeerUser u -> account(viewer, u.userId(), u.accessHash());
      case InputPeerChat c -> {
        BasicGroup g = groups.group(c.chatId());
        yield g != null && g.members.contains(viewer.id) ? g : null;
      }
      default -> null;
    };
    if (named == null) {
      throw new RpcErrorException(400, RpcErrors.PEER_ID_INVALID);
    }
    return named;
  }

  /** The account {@code user} names for {@code viewer}; 400 USER_ID_INVALID otherwise. */
  Account resolve(Account viewer, InputUser user) {
    Account named = switch (user) {
      case InputUserSelf s -> viewer;
      case InputUserCtor u -> account(viewer, u.userId(), u.accessHash());
      default -> null;
    };
    if (named == null) {
      throw new RpcErrorException(400, RpcErrors.USER_ID_INVALID);
    }
    return named;
  }

  /** The account {@code userId}, if {@code accessHash} is the one {@code viewer} sees for it. */
  private @Nullable Account account(Account viewer, long userId, long accessHash) {
    Account a = accounts.account(userId);
    return a != null && accessHash == accessHash(viewer, a.id) ? a : null;
  }

  /** The dialog with {@code target} (an account or a group) as {@code viewer} names it. */
  static Peer peerOf(Account viewer, Object target) {
    return switch (target) {
      case Account a -> new PeerUser(a.id);
      case BasicGroup g -> new PeerChat(g.id);
      default -> throw new IllegalArgumentException("not a dialog: " + target);
    };
  }

  /** The participants of the dialog with {@code target}, the sender first. */
  List<Account> participants(Account sender, Object target) {
    Set<Account> all = new LinkedHashSet<>();
    all.add(sender);
    switch (target) {
      case Account a -> all.add(a);
      case BasicGroup g -> g.members.forEach(id -> all.add(accounts.account(id)));
      default -> throw new IllegalArgumentException("not a dialog: " + target);
    }
    return List.copyOf(all);
  }
}
