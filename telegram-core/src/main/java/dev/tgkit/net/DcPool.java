package dev.tgkit.net;

import dev.tgkit.crypto.AuthKey;
import dev.tgkit.mtproto.ClientSession;
import dev.tgkit.mtproto.RpcError;
import dev.tgkit.mtproto.auth.ClientHandshake;
import dev.tgkit.mtproto.transport.Inbound;
import dev.tgkit.tl.TlFunction;
import dev.tgkit.tl.TlObject;
import dev.tgkit.tl.api.InitConnection;
import dev.tgkit.tl.api.InvokeWithLayer;
import dev.tgkit.tl.api.TlApi;
import io.netty.channel.Channel;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link Sender} per data center in use, made on first use: with the auth key the session
 * holds for that data center, or with a new one agreed over a fresh connection ({@link
 * PlainHandshake}) and saved before any request goes out, so a crash never loses a key the server
 * already knows.
 *
 * <p>Every link's first requests carry {@code invokeWithLayer(initConnection(...))}, until one
 * of them was processed, so the server knows the layer and the app of this session.
 *
 * <p>Addresses and keys come from, and new keys go to, a {@link DcKeys}: the client's session,
 * which {@code net} may not see itself.
 *
 * <p>Thread-safe.
 */
public final class DcPool {

  private static final Logger log = LoggerFactory.getLogger(DcPool.class);

  /** What a new key needs and what every connection shares. */
  public record Settings(
      Dialer dialer,
      ClientHandshake.Options handshake,
      Duration handshakeTimeout,
      Backoff backoff,
      Duration pingInterval,
      Clock clock,
      RandomGenerator random,
      InitConnectionTemplate init,
      ConnectionListener listener,
      boolean testServers) {

    /** The id {@code p_q_inner_data_dc} names: a test server's is 10000 higher, as Telegram asks. */
    int handshakeDcId(int dcId) {
      return testServers ? 10_000 + dcId : dcId;
    }
  }

  /** Told of each connection made: {@code count} is 1 for a link's first, more for its reconnects. */
  public interface ConnectionListener {
    void connected(int dcId, int count);
  }

  /** The fields of {@code initConnection} besides the query. */
  public record InitConnectionTemplate(
      int apiId, String deviceModel, String systemVersion, String appVersion,
      String systemLangCode, String langPack, String langCode) {

    <R> TlFunction<R> wrap(TlFunction<R> query) {
      return new InvokeWithLayer<>(TlApi.LAYER, InitConnection.builder(query)
          .apiId(apiId).deviceModel(deviceModel).systemVersion(systemVersion).appVersion(appVersion)
          .systemLangCode(systemLangCode).langPack(langPack).langCode(langCode)
          .build());
    }
  }

  /** A data center's sender and the connection that keeps it attached. */
  private static final class Link {
    final int dcId;
    final Sender sender;
    final Connection connection;
    private final InitConnectionTemplate init;
    private volatile boolean initialized;

    Link(int dcId, Sender sender, Connection connection, InitConnectionTemplate init) {
      this.dcId = dcId;
      this.sender = sender;
      this.connection = connection;
      this.init = init;
    }

    <R> CompletableFuture<R> invoke(TlFunction<R> request) {
      if (initialized) {
        return sender.invokeAsync(request);
      }
      return sender.invokeAsync(init.wrap(request)).whenComplete((value, failure) -> {
        // An answer, or an rpc_error, means the server read the wrapper.
        if (failure == null || unwrap(failure) instanceof RpcError) {
          initialized = true;
        }
      });
    }

    void close() {
      connection.stop();
      sender.close();
    }
  }

  private final Settings settings;
  private final DcKeys keys;
  private final Consumer<TlObject> updates;
  private final Map<Integer, CompletableFuture<Link>> links = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /**
   * A pool that connects nowhere until the first request.
   *
   * @param updates what the data centers push, called on a network thread
   */
  public DcPool(Settings settings, DcKeys keys, Consumer<TlObject> updates) {
    this.settings = settings;
    this.keys = keys;
    this.updates = updates;
  }

  /**
   * Sends {@code request} to data center {@code dcId}, connecting to it first if need be. A
   * request the server could not read because it forgot the auth key goes out once more, with a
   * new key.
   */
  public <R> CompletableFuture<R> invoke(int dcId, TlFunction<R> request) {
    return link(dcId).thenCompose(link -> link.invoke(request)).exceptionallyCompose(failure ->
        unwrap(failure) instanceof ConnectionException.TransportError e && e.code() == Inbound.TransportError.AUTH_KEY_NOT_FOUND
            ? link(dcId).thenCompose(link -> link.invoke(request))
            : CompletableFuture.failedFuture(unwrap(failure)));
  }

  /** The link to {@code dcId}: one in use, or a new one being made. */
  private CompletableFuture<Link> link(int dcId) {
    if (closed) {
      return CompletableFuture.failedFuture(new IllegalStateException("the client is disconnected"));
    }
    CompletableFuture<Link> made = new CompletableFuture<>();
    CompletableFuture<Link> existing = links.putIfAbsent(dcId, made);
    if (existing != null) {
      return existing;
    }
    open(dcId).whenComplete((link, failure) -> {
      if (failure != null) {
        // The next request tries again from scratch.
        links.remove(dcId, made);
        made.completeExceptionally(unwrap(failure));
      } else if (closed) {
        link.close();
        made.completeExceptionally(new IllegalStateException("the client is disconnected"));
      } else {
        made.complete(link);
      }
    });
    return made;
  }

  /** Whether the link to {@code dcId} exists and has a connected channel. */
  public boolean isConnected(int dcId) {
    CompletableFuture<Link> f = links.get(dcId);
    return f != null && f.isDone() && !f.isCompletedExceptionally() && f.join().connection.isConnected();
  }

  /** Stops every connection and fails what is still waiting for an answer. */
  public void close() {
    closed = true;
    for (CompletableFuture<Link> f : links.values()) {
      f.thenAccept(Link::close);
    }
    links.clear();
  }

  private CompletableFuture<Link> open(int dcId) {
    DcKeys.Endpoint dc = keys.endpoint(dcId);
    if (dc == null) {
      return CompletableFuture.failedFuture(new IllegalStateException(
          "no address is known for data center " + dcId + "; the config lists " + keys.known()));
    }
    AuthKey key = dc.authKey();
    if (key != null) {
      Link link = newLink(dc, new ClientSession(key, 0, 0, false, ClientSession.Limits.DEFAULT, settings.random()));
      link.connection.start();
      return CompletableFuture.completedFuture(link);
    }
    log.info("creating an auth key with data center {}", dcId);
    return settings.dialer().dial(dcId, dc.host(), dc.port())
        .exceptionallyCompose(failure -> CompletableFuture.failedFuture(
            new ConnectionException.Unreachable(dcId, dc.host(), dc.port(), unwrap(failure))))
        .thenCompose(channel -> PlainHandshake
        .start(channel, settings.handshake().withDcId(settings.handshakeDcId(dcId)), settings.random(), settings.clock(), settings.handshakeTimeout())
        .thenApply(done -> withNewKey(dc, done, channel)));
  }

  private Link withNewKey(DcKeys.Endpoint dc, ClientHandshake.Done done, Channel channel) {
    try {
      keys.saveKey(dc, done.authKey());
    } catch (RuntimeException e) {
      channel.close();
      throw e;
    }
    log.info("data center {}: new auth key {} saved", dc.dcId(), done.authKey());
    ClientSession session = new ClientSession(done.authKey(), done.firstSalt(), done.timeOffset() * 1000L, true,
        ClientSession.Limits.DEFAULT, settings.random());
    Link link = newLink(dc, session);
    link.connection.start(channel);
    return link;
  }

  private Link newLink(DcKeys.Endpoint dc, ClientSession session) {
    Sender sender = new Sender(session, settings.clock(), updates, settings.pingInterval());
    Connection connection = new Connection(
        sender, settings.dialer(), dc.dcId(), dc.host(), dc.port(), settings.backoff(), settings.random());
    connection.onConnected(count -> settings.listener().connected(dc.dcId(), count));
    Link link = new Link(dc.dcId(), sender, connection, settings.init());
    sender.onTransportError(code -> {
      if (code == Inbound.TransportError.AUTH_KEY_NOT_FOUND) {
        forgetKey(link, session.authKey());
      }
    });
    return link;
  }

  /**
   * The server does not know the link's key (it was revoked, or the server lost it): forget the
   * key and the link, so the next request makes a new one, and fail what waited on it with the
   * -404, which {@link #invoke} answers by sending again.
   */
  private void forgetKey(Link link, AuthKey key) {
    log.warn("data center {} does not know auth key {}; a new one will be made", link.dcId, key);
    keys.forgetKey(link.dcId, key);
    CompletableFuture<Link> current = links.get(link.dcId);
    if (current != null && current.isDone() && !current.isCompletedExceptionally() && current.join() == link) {
      links.remove(link.dcId, current);
    }
    link.connection.stop();
    link.sender.close(new ConnectionException.TransportError(Inbound.TransportError.AUTH_KEY_NOT_FOUND, "a request"));
  }

  /** The failure inside a {@link CompletionException}, as a future's stages see it; others as they are. */
  public static Throwable unwrap(Throwable t) {
    return t instanceof CompletionException c && c.getCause() != null ? c.getCause() : t;
  }
}
