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
  private final AuthorizationStep authorization;

  Auth(Rpc rpc, StoredSession sessions, Login login, UpdateLoop updateLoop, PeerCache peers,
      AuthorizationStep authorization) {
    this.rpc = rpc;
    this.sessions = sessions;
    this.login = login;
    this.updateLoop = updateLoop;
    this.peers = peers;
    this.authorization = authorization;
  }

  /** Whether the session has an account: known from a sign-in, or asked of Telegram. */
  boolean isAuthorized() {
    Session current = sessions.currentOrNull();
    return (current != null && current.user() != null) || getMe().isPresent();
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
      if (sessions.currentOrNull() != null && sessions.current().user() != null) {
        sessions.update(s -> s.withUser(null));
      }
      return Optional.empty();
    }
  }

  void signOut() {
    rpc.invoke(new LogOut());
    sessions.update(s -> s.withUser(null).withUpdateState(null));
    peers.clear(); // access hashes belong to the account that was shown them
    authorization.forget(); // other data centers knew the account signed out
  }

  /**
   * Records {@code user} as the session's account; a new account's update state is fetched, and
   * other data centers learn it anew.
   */
  private User signedIn(User user) {
    Session current = sessions.currentOrNull();
    if (current != null) {
      SessionUser next = new SessionUser(user.id(), current.homeDc(), user.bot(), user.username().orElse(null));
      if (!next.equals(current.user())) {
        boolean otherAccount = current.user() == null || current.user().id() != user.id();
        sessions.update(s -> s.withUser(next));
        if (otherAccount) {
          authorization.forget();
        }
        updateLoop.fetchState(rpc);
      }
    }
    return user;
  }
}
