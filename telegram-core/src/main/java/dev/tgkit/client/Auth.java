package dev.tgkit.client;

import dev.tgkit.client.types.LoginToken;
import dev.tgkit.client.types.PasswordToken;
import dev.tgkit.client.types.SignInResult;
import dev.tgkit.client.types.User;
import dev.tgkit.mtproto.RpcError;
import dev.tgkit.session.PeerCache;
import dev.tgkit.session.Session;
import dev.tgkit.session.SessionUser;
import dev.tgkit.tl.api.InputUserSelf;
import dev.tgkit.tl.api.auth.LogOut;
import dev.tgkit.tl.api.users.GetUsers;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Signing in and out: the {@link Login} flows, and what a sign-in changes (the session's
 * account, the update state fetched for it, the peer cache emptied on sign-out). Telethon's
 * {@code client/auth.py}, grammers' {@code client/auth.rs}.
 */
final class Auth {

  private final Rpc rpc;
  private final StoredSession sessions;
  private final Login login;
  private final UpdateLoop updateLoop;
  private final PeerCache peers;
  private volatile @Nullable User self;

  Auth(Rpc rpc, StoredSession sessions, Login login, UpdateLoop updateLoop, PeerCache peers) {
    this.rpc = rpc;
    this.sessions = sessions;
    this.login = login;
    this.updateLoop = updateLoop;
    this.peers = peers;
  }

  boolean isAuthorized() {
    Session current = sessions.currentOrNull();
    if (self != null || (current != null && current.user() != null)) {
      return true;
    }
    return getMe().isPresent();
  }

  User botSignIn(String token) {
    return signedIn(login.botSignIn(rpc, token));
  }

  LoginToken requestLoginCode(String phone) {
    return login.requestLoginCode(rpc, phone);
  }

  SignInResult signIn(LoginToken token, String code) {
    SignInResult result = login.signIn(rpc, token, code);
    return result instanceof User user ? signedIn(user) : result;
  }

  User checkPassword(PasswordToken token, String password) {
    byte[] bytes = Login.utf8(password);
    try {
      return signedIn(login.checkPassword(rpc, token, bytes));
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  PasswordToken freshPasswordToken() {
    return login.passwordToken(rpc);
  }

  Optional<User> getMe() {
    try {
      List<dev.tgkit.tl.api.User> users = rpc.invoke(new GetUsers(List.of(new InputUserSelf())));
      if (users.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(signedIn(User.of(users.getFirst())));
    } catch (RpcError.Unauthorized e) {
      self = null;
      if (sessions.currentOrNull() != null && sessions.current().user() != null) {
        sessions.update(s -> s.withUser(null));
      }
      return Optional.empty();
    }
  }

  void signOut() {
    rpc.invoke(new LogOut());
    self = null;
    sessions.update(s -> s.withUser(null).withUpdateState(null));
    peers.clear(); // access hashes belong to the account that was shown them
  }

  /** Records {@code user} as the session's account; a new account's update state is fetched. */
  private User signedIn(User user) {
    self = user;
    Session current = sessions.currentOrNull();
    if (current != null) {
      SessionUser next = new SessionUser(user.id(), current.homeDc(), user.bot(), user.username().orElse(null));
      if (!next.equals(current.user())) {
        sessions.update(s -> s.withUser(next));
        updateLoop.fetchState(rpc);
      }
    }
    return user;
  }
}
