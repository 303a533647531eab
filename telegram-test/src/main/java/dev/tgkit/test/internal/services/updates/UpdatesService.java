package dev.tgkit.test.internal.services.updates;

import dev.tgkit.test.RequestContext;
import dev.tgkit.test.Services;
import dev.tgkit.test.internal.services.Callers;
import dev.tgkit.test.internal.world.Account;
import dev.tgkit.test.internal.world.World;
import dev.tgkit.tl.api.updates.Difference;
import dev.tgkit.tl.api.updates.GetDifference;
import dev.tgkit.tl.api.updates.GetState;
import dev.tgkit.tl.api.updates.StateCtor;

/**
 * {@code updates.getState}: the caller's account's {@code pts}, the date, and its unread count;
 * {@code updates.getDifference}: what the account missed since a state, from its update log (see
 * {@link World#difference}). This world has no secret chats or channels, so {@code qts} stays 0;
 * every {@code updates} it sends has {@code seq} 0, which tells clients to apply it without ordering
 * by seq (<a href="https://core.telegram.org/api/updates#update-handling">update handling</a>), so
 * {@code seq} stays 0 too.
 */
public final class UpdatesService {

  private final Callers callers;
  private final World world;

  public UpdatesService(Callers callers, World world) {
    this.callers = callers;
    this.world = world;
  }

  public void register(Services services) {
    services
        .registerDefault(GetState.class, this::state)
        .registerDefault(GetDifference.class, this::difference);
  }

  private StateCtor state(GetState r, RequestContext context) {
    Account me = callers.accountOf(context);
    synchronized (world) {
      return new StateCtor(me.pts(), 0, world.now(), 0, world.unread(me));
    }
  }

  private Difference difference(GetDifference r, RequestContext context) {
    return world.difference(callers.accountOf(context), r.pts(), r.qts(), r.date());
  }
}
