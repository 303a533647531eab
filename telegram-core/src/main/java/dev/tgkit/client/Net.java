package dev.tgkit.client;

import dev.tgkit.crypto.AuthKey;
import dev.tgkit.mtproto.RpcError;
import dev.tgkit.mtproto.auth.ClientHandshake;
import dev.tgkit.net.Backoff;
import dev.tgkit.net.ConnectionException;
import dev.tgkit.net.DcKeys;
import dev.tgkit.net.DcPool;
import dev.tgkit.net.EventLoops;
import dev.tgkit.session.DataCenter;
import dev.tgkit.session.Session;
import dev.tgkit.tl.api.Config;
import dev.tgkit.tl.api.ConfigCtor;
import dev.tgkit.tl.api.help.GetConfig;
import io.micrometer.observation.Observation;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's connections: {@link Client#connect}, {@link Client#disconnect} and whether it is
 * connected. Connecting loads the session, opens the {@link DcPool} (whose keys are the
 * session's), checks the config and resumes the updates; the pool is the {@link Pipeline}'s
 * terminal, which sends each call to its data center. Telethon's {@code client/net.py}, grammers'
 * {@code client/net.rs}.
 */
final class Net implements Pipeline.Next {

  private static final Logger log = LoggerFactory.getLogger(Net.class);

  private final ClientSettings settings;
  private final StoredSession sessions;
  private final UpdateLoop updateLoop;
  private final Handlers handlers;
  private final AuthorizationStep authorization;
  private final RandomGenerator random;
  private final Object lock = new Object();
  // The loops this client made for itself at connect, shut down with it; null when given shared ones.
  private @Nullable EventLoops ownLoops;
  private volatile @Nullable DcPool pool;
  private volatile @Nullable Config config;

  Net(ClientSettings settings, StoredSession sessions, UpdateLoop updateLoop, Handlers handlers,
      AuthorizationStep authorization, RandomGenerator random) {
    this.settings = settings;
    this.sessions = sessions;
    this.updateLoop = updateLoop;
    this.handlers = handlers;
    this.authorization = authorization;
    this.random = random;
  }

  /** As {@link Client#connect}, calling Telegram through {@code rpc}. */
  void connect(Rpc rpc) {
    boolean catchingUp;
    synchronized (lock) {
      if (pool != null) {
        return;
      }
      Session session = loadSession();
      catchingUp = settings.catchUp() && session.user() != null && session.updateState() != null;
      updateLoop.start(catchingUp);
      EventLoops loops = settings.eventLoops();
      if (loops == null) {
        loops = ownLoops = EventLoops.own();
      }
      pool = new DcPool(poolSettings(loops), new SessionKeys(sessions), updateLoop::pushed);
    }
    try {
      Config received = rpc.invokeAsync(new GetConfig())
          .get(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
      config = received;
      ConfigCtor c = (ConfigCtor) received; // Config's only constructor
      checkServers(c);
      sessions.update(s -> DcOptions.apply(s, c.dcOptions(), false));
      if (sessions.current().user() != null) {
        try {
          updateLoop.resume(rpc, catchingUp);
        } catch (RpcError.Unauthorized e) {
          log.info("the saved sign-in was revoked ({}); signed out", e.name());
          sessions.update(s -> s.withUser(null).withUpdateState(null));
          updateLoop.abandonCatchUp();
        }
      }
      log.info("connected to data center {}", sessions.current().homeDc());
    } catch (TimeoutException e) {
      throw failedConnect(new ConnectionException.TimedOut(settings.connectTimeout(), "connecting to Telegram"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failedConnect(new CancellationException("interrupted while connecting"));
    } catch (ExecutionException e) {
      throw failedConnect(Rpc.rethrowable(e.getCause()));
    } catch (RuntimeException e) {
      throw failedConnect(e);
    }
  }

  /** The stored session, or a new one at the start; an explicit start address wins over a stored one. */
  private Session loadSession() {
    DataCenter start = settings.start();
    Session session = settings.storage().load().orElse(null);
    if (session == null) {
      session = new Session(List.of(start), start.id());
    } else if (settings.dataCenter() != null) {
      // The key stays with its data center; only the address changes.
      DataCenter stored = session.dc(start.id()).orElse(start);
      session = session.with(stored.withAddress(start.host(), start.port()));
    }
    settings.storage().save(session);
    sessions.set(session);
    return session;
  }

  private DcPool.Settings poolSettings(EventLoops loops) {
    ClientSettings.InitialConnection app = settings.app();
    return new DcPool.Settings(
        loops.dialer(settings.transport(), settings.connectTimeout(), random, settings.proxy(), settings.testServers()),
        ClientHandshake.Options.of(settings.publicKeys()),
        settings.connectTimeout(),
        Backoff.DEFAULT,
        settings.pingInterval(),
        settings.clock(),
        random,
        new DcPool.InitConnectionTemplate(settings.apiId(), app.deviceModel(), app.systemVersion(), app.appVersion(),
            app.systemLangCode(), app.langPack(), app.langCode()),
        (dcId, count) -> Observation.createNotStarted(Client.CONNECTION_OBSERVATION, settings.observations())
            .lowCardinalityKeyValue("dc", Integer.toString(dcId))
            .lowCardinalityKeyValue("kind", count == 1 ? "connect" : "reconnect")
            .start()
            .stop(),
        settings.testServers());
  }

  /** A session belongs to the test servers or to production: refuse to mix them, saying which way. */
  private void checkServers(ConfigCtor c) {
    if (c.testMode() != settings.testServers()) {
      throw new IllegalStateException(settings.testServers()
          ? "asked for Telegram's test servers, but data center " + c.thisDc() + " is a production one:"
              + " its accounts and keys are not the test servers' (drop the data center override or testServers)"
          : "data center " + c.thisDc() + " is one of Telegram's test servers: set testServers(true) to use it,"
              + " so that keys are made for test data centers");
    }
  }

  /** The terminal of the pipeline: the call goes to its data center, home unless one is named. */
  @Override
  public <R> CompletableFuture<R> invoke(Pipeline.Call<R> call) {
    DcPool p = pool;
    if (p == null) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("the client is not connected: call connect() first"));
    }
    int dc = call.dcId() == Pipeline.Call.HOME ? sessions.current().homeDc() : call.dcId();
    return p.invoke(dc, call.request());
  }

  /** As {@link Client#isConnected}. */
  boolean isConnected() {
    DcPool p = pool;
    return p != null && p.isConnected(sessions.current().homeDc());
  }

  /** As {@link Client#config}. */
  @Nullable Config config() {
    return config;
  }

  /** As {@link Client#disconnect()}. */
  void disconnect() {
    RuntimeException failed = shutDown();
    if (failed != null) {
      throw failed;
    }
  }

  /** As {@link Client#disconnect(Duration)}. */
  boolean disconnect(Duration handlersTimeout) {
    updateLoop.stopTaking();
    boolean finished;
    try {
      finished = handlers.awaitIdle(handlersTimeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      finished = false;
    }
    if (!finished) {
      log.warn("handlers still running after {}; disconnecting under them", handlersTimeout);
    }
    disconnect();
    return finished;
  }

  /** Disconnects; returns what the last save threw instead of throwing it. */
  @Nullable RuntimeException shutDown() {
    EventLoops ending;
    synchronized (lock) {
      DcPool p = pool;
      pool = null;
      if (p != null) {
        p.close();
      }
      authorization.forget();
      updateLoop.abandonCatchUp();
      ending = ownLoops;
      ownLoops = null;
    }
    RuntimeException failed = sessions.close();
    if (ending != null) {
      ending.close();
    }
    return failed;
  }

  /** After a failed connect: disconnects, and keeps a failed save with the connect's own failure. */
  private <T extends Throwable> T failedConnect(T cause) {
    RuntimeException failed = shutDown();
    if (failed != null) {
      cause.addSuppressed(failed);
    }
    return cause;
  }

  /** The pool's view of the session: addresses and keys per data center, saved before use. */
  private record SessionKeys(StoredSession sessions) implements DcKeys {

    @Override
    public @Nullable Endpoint endpoint(int dcId) {
      return sessions.current().dc(dcId)
          .map(dc -> new Endpoint(dc.id(), dc.host(), dc.port(), dc.authKey()))
          .orElse(null);
    }

    @Override
    public List<Integer> known() {
      return sessions.current().dcs().stream().map(DataCenter::id).toList();
    }

    @Override
    public void saveKey(Endpoint at, AuthKey key) {
      sessions.update(s -> s.with(s.dc(at.dcId())
          .orElseGet(() -> new DataCenter(at.dcId(), at.host(), at.port(), null))
          .withAuthKey(key)));
    }

    @Override
    public void forgetKey(int dcId, AuthKey key) {
      sessions.update(s -> s.dc(dcId)
          .filter(dc -> key.equals(dc.authKey()))
          .map(dc -> s.with(dc.withAuthKey(null)))
          .orElse(s));
    }
  }
}
