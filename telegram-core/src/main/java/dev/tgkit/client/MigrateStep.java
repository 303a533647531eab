package dev.tgkit.client;

import dev.tgkit.mtproto.RpcError;
import dev.tgkit.mtproto.RpcErrors;
import dev.tgkit.net.DcPool;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the <a href="https://core.telegram.org/api/datacenter">data center redirects</a>
 * Telegram answers with: {@code PHONE_MIGRATE_X}, {@code NETWORK_MIGRATE_X} and {@code
 * USER_MIGRATE_X} make X the account's home (saved in the session) and send the call there; {@code
 * FILE_MIGRATE_X} and {@code STATS_MIGRATE_X} send only this call to X. At most {@link
 * #MAX_REDIRECTS} per call, so two data centers that name each other cannot loop; other errors pass
 * untouched.
 */
record MigrateStep(StoredSession sessions) implements Pipeline.Step {

  private static final Logger log = LoggerFactory.getLogger(MigrateStep.class);

  /** Redirects one request may follow before the client gives up on it. */
  static final int MAX_REDIRECTS = 3;

  @Override
  public <R> CompletableFuture<R> invoke(Pipeline.Call<R> call, Pipeline.Next next) {
    return send(call, next, 0);
  }

  private <R> CompletableFuture<R> send(Pipeline.Call<R> call, Pipeline.Next next, int redirects) {
    return next.invoke(call).exceptionallyCompose(failure -> {
      Throwable cause = DcPool.unwrap(failure);
      if (!(cause instanceof RpcError.SeeOther migrate) || migrate.dc() <= 0 || redirects >= MAX_REDIRECTS) {
        return CompletableFuture.failedFuture(cause);
      }
      int target = migrate.dc();
      return switch (migrate.name()) {
        case RpcErrors.PHONE_MIGRATE, RpcErrors.NETWORK_MIGRATE, RpcErrors.USER_MIGRATE -> {
          log.info("{}: the account's home is data center {} now", migrate.name(), target);
          sessions.update(s -> s.withHomeDc(target));
          yield send(call.to(target), next, redirects + 1);
        }
        case RpcErrors.FILE_MIGRATE, RpcErrors.STATS_MIGRATE -> send(call.to(target), next, redirects + 1);
        default -> CompletableFuture.failedFuture(cause);
      };
    });
  }
}
