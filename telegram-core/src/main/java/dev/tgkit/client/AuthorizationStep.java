package dev.tgkit.client;

import dev.tgkit.mtproto.RpcError;
import dev.tgkit.net.DcPool;
import dev.tgkit.tl.api.auth.ExportAuthorization;
import dev.tgkit.tl.api.auth.ExportedAuthorizationCtor;
import dev.tgkit.tl.api.auth.ImportAuthorization;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A call to a data center other than home first makes the signed-in account known there (<a
 * href="https://core.telegram.org/api/datacenter#authorization-transfer">authorization
 * transfer</a>): the authorization is exported at home and imported there, once per connection
 * and account ({@link #forget} starts over: a new connection, a sign-in or a sign-out). A client
 * that is not signed in has nothing to export and goes on without until it signs in; a failed
 * transfer fails the call, and the next call tries again.
 */
final class AuthorizationStep implements Pipeline.Step {

  private static final Logger log = LoggerFactory.getLogger(AuthorizationStep.class);

  private final StoredSession sessions;
  private final Map<Integer, CompletableFuture<Void>> authorized = new ConcurrentHashMap<>();

  AuthorizationStep(StoredSession sessions) {
    this.sessions = sessions;
  }

  @Override
  public <R> CompletableFuture<R> invoke(Pipeline.Call<R> call, Pipeline.Next next) {
    int home = sessions.current().homeDc();
    if (call.dcId() == Pipeline.Call.HOME || call.dcId() == home) {
      return next.invoke(call);
    }
    return authorizedOn(call.dcId(), home, next).thenCompose(ignored -> next.invoke(call));
  }

  /** Forgets where the account was imported: a new connection's data centers know nothing yet. */
  void forget() {
    authorized.clear();
  }

  private CompletableFuture<Void> authorizedOn(int dcId, int home, Pipeline.Next next) {
    CompletableFuture<Void> made = new CompletableFuture<>();
    CompletableFuture<Void> existing = authorized.putIfAbsent(dcId, made);
    if (existing != null) {
      return existing;
    }
    next.invoke(new Pipeline.Call<>(new ExportAuthorization(dcId), home))
        .thenCompose(exported -> {
          var e = (ExportedAuthorizationCtor) exported; // the type's only constructor
          return next.invoke(new Pipeline.Call<>(new ImportAuthorization(e.id(), e.bytes()), dcId));
        })
        .whenComplete((imported, failure) -> {
          Throwable cause = failure == null ? null : DcPool.unwrap(failure);
          if (cause == null) {
            log.info("authorization imported into data center {}", dcId);
            made.complete(null);
            return;
          }
          if (cause instanceof RpcError.Unauthorized) {
            // Until a sign-in, which forgets this, there is nothing to transfer there.
            log.debug("not signed in: nothing to export to data center {}", dcId);
            made.complete(null);
          } else {
            authorized.remove(dcId, made); // the next call tries again
            made.completeExceptionally(cause);
          }
        });
    return made;
  }
}
