package dev.tgkit.test.internal.services.users;

import dev.tgkit.mtproto.RpcErrors;
import dev.tgkit.test.RequestContext;
import dev.tgkit.test.RpcErrorException;
import dev.tgkit.test.Services;
import dev.tgkit.test.internal.services.Callers;
import dev.tgkit.test.internal.world.Account;
import dev.tgkit.test.internal.world.World;
import dev.tgkit.tl.api.InputUser;
import dev.tgkit.tl.api.PeerNotifySettingsCtor;
import dev.tgkit.tl.api.PeerSettingsCtor;
import dev.tgkit.tl.api.PeerUser;
import dev.tgkit.tl.api.User;
import dev.tgkit.tl.api.UserFullCtor;
import dev.tgkit.tl.api.contacts.ResolveUsername;
import dev.tgkit.tl.api.contacts.ResolvedPeerCtor;
import dev.tgkit.tl.api.users.GetFullUser;
import dev.tgkit.tl.api.users.GetUsers;
import java.util.ArrayList;
import java.util.List;

/**
 * Who is who: {@code users.getUsers}, {@code users.getFullUser} and {@code
 * contacts.resolveUsername}. Every user comes with the access hash the caller sees, which makes the
 * caller able to write to it.
 */
public final class UsersService {

  private final Callers callers;
  private final World world;

  public UsersService(Callers callers, World world) {
    this.callers = callers;
    this.world = world;
  }

  public void register(Services services) {
    services
        .registerDefault(GetUsers.class, this::users)
        .registerDefault(GetFullUser.class, this::fullUser)
        .registerDefault(ResolveUsername.class, this::resolve);
  }

  /** The users asked for that exist with the given access hash, as Telegram leaves others out. */
  private dev.tgkit.tl.TlObject users(GetUsers r, RequestContext context) {
    Account me = callers.accountOf(context);
    List<User> users = new ArrayList<>();
    for (InputUser input : r.id()) {
      Account a;
      try {
        a = world.resolve(me, input);
      } catch (RpcErrorException e) {
        continue;
      }
      users.add(world.user(me, a));
    }
    return new BoxedVector(users);
  }

  private dev.tgkit.tl.api.users.UserFullCtor fullUser(GetFullUser r, RequestContext context) {
    Account me = callers.accountOf(context);
    Account a = world.resolve(me, r.id());
    UserFullCtor full = UserFullCtor.builder(a.id, PeerSettingsCtor.builder().build(),
            PeerNotifySettingsCtor.builder().build(), 0)
        .canPinMessage(true)
        .build();
    return new dev.tgkit.tl.api.users.UserFullCtor(full, List.of(), List.of(world.user(me, a)));
  }

  private ResolvedPeerCtor resolve(ResolveUsername r, RequestContext context) {
    Account me = callers.accountOf(context);
    String name = r.username().startsWith("@") ? r.username().substring(1) : r.username();
    if (!World.isUsername(name)) {
      throw new RpcErrorException(400, RpcErrors.USERNAME_INVALID);
    }
    Account a = world.byUsername(name);
    if (a == null) {
      throw new RpcErrorException(400, RpcErrors.USERNAME_NOT_OCCUPIED);
    }
    return new ResolvedPeerCtor(new PeerUser(a.id), List.of(), List.of(world.user(me, a)));
  }
}
