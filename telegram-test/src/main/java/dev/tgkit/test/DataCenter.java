package dev.tgkit.test;

import dev.tgkit.crypto.AuthKey;
import dev.tgkit.crypto.RsaPrivateKey;
import dev.tgkit.crypto.RsaPublicKey;
import dev.tgkit.mtproto.ServerSession;
import dev.tgkit.mtproto.auth.ServerHandshake;
import dev.tgkit.tl.TlObject;
import dev.tgkit.tl.mtproto.FutureSaltCtor;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * One data center of the embedded Telegram: a loopback port, its own RSA key, the auth keys clients
 * created with it and their sessions. As on Telegram, an auth key belongs to the data center it was
 * <a href="https://core.telegram.org/mtproto/auth_key">created with</a>, and any number of
 * connections and sessions may use it.
 */
public final class DataCenter {

  /**
   * An auth key and the first salt its exchange derived, which the client may use until the DC's
   * salt has changed twice, as long as the salt current at the time of the exchange.
   */
  record KeyEntry(AuthKey key, long firstSalt, long saltGeneration) {}

  private record SessionKey(long authKeyId, long sessionId) {}

  private final int id;
  private final String host;
  private final RsaPrivateKey rsaKey;
  private final ServerHandshake handshake;
  private final Salts salts;
  private final Clock clock;
  private final RandomGenerator random;
  private final Map<Long, KeyEntry> keys = new ConcurrentHashMap<>();
  private final Map<SessionKey, ServerSession> sessions = new ConcurrentHashMap<>();
  private final Map<ServerSession, Connection> lastConnection = new ConcurrentHashMap<>();
  private final AtomicInteger exchanges = new AtomicInteger();
  private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private volatile int port;

  DataCenter(
      int id,
      String host,
      RsaPrivateKey rsaKey,
      Clock clock,
      RandomGenerator random,
      long saltPeriodMillis) {
    this.id = id;
    this.host = host;
    this.rsaKey = rsaKey;
    this.handshake = new ServerHandshake(rsaKey);
    this.clock = clock;
    this.random = random;
    this.salts = new Salts(random, saltPeriodMillis, clock.millis());
  }

  /** The data center's id, 1 for the first. */
  public int id() {
    return id;
  }

  /** The address it listens on. */
  public String host() {
    return host;
  }

  /** The port it listens on (the bound one, when an ephemeral port was asked for). */
  public int port() {
    return port;
  }

  /** The RSA public key clients must trust to create auth keys here. */
  public RsaPublicKey publicKey() {
    return rsaKey.publicKey();
  }

  /** How many auth-key exchanges completed here. */
  public int exchanges() {
    return exchanges.get();
  }

  /** How many auth keys this data center knows. */
  public int authKeys() {
    return keys.size();
  }

  /** The salt clients should use now. */
  public long currentSalt() {
    return salts.current(clock.millis());
  }

  /**
   * Changes the salt at once (fault injection): clients then get {@code bad_server_salt} for
   * messages with a salt older than the previous one.
   */
  public void rotateSalt() {
    salts.rotate(clock.millis());
  }

  /** Client connections open now. */
  public int connections() {
    return connections.size();
  }

  /**
   * Closes every client connection (fault injection: what a restarting server or a broken network
   * does). Auth keys and sessions survive, as on Telegram, so clients reconnect and resume.
   *
   * @return how many connections were closed
   */
  public int dropConnections() {
    int n = connections.size();
    connections.close().awaitUninterruptibly();
    return n;
  }

  /**
   * Sends {@code message} to every session that has an open connection, as Telegram pushes updates
   * (<a href="https://core.telegram.org/api/updates">updates</a>): on the connection that session
   * used last, at once.
   *
   * @return how many sessions it was queued for
   */
  public int push(TlObject message) {
    int n = 0;
    for (Map.Entry<ServerSession, Connection> e : lastConnection.entrySet()) {
      if (e.getValue().push(e.getKey(), message)) {
        n++;
      }
    }
    return n;
  }

  @Override
  public String toString() {
    return "DC " + id + " " + host + ":" + port;
  }

  void accepted(Channel channel) {
    connections.add(channel);
  }

  void bound(int port) {
    this.port = port;
  }

  ServerHandshake handshake() {
    return handshake;
  }

  @Nullable KeyEntry key(long authKeyId) {
    return keys.get(authKeyId);
  }

  boolean hasKey(long authKeyId) {
    return keys.containsKey(authKeyId);
  }

  /** Stores a new key; false when its id was taken meanwhile. */
  boolean addKey(AuthKey key, long firstSalt) {
    boolean added =
        keys.putIfAbsent(key.id(), new KeyEntry(key, firstSalt, salts.generation(clock.millis())))
            == null;
    if (added) {
      exchanges.incrementAndGet();
    }
    return added;
  }

  ServerSession session(KeyEntry entry, long sessionId) {
    return sessions.computeIfAbsent(
        new SessionKey(entry.key().id(), sessionId),
        k -> new ServerSession(entry.key(), sessionId, random));
  }

  /** Remembers that {@code session} was last used on {@code connection}, for pushes. */
  void used(ServerSession session, Connection connection) {
    lastConnection.put(session, connection);
  }

  /** Forgets {@code connection}'s sessions when it closes. */
  void closed(Connection connection) {
    lastConnection.values().removeIf(c -> c == connection);
  }

  boolean acceptsSalt(KeyEntry entry, long salt, long nowMillis) {
    return salts.accepts(salt, nowMillis)
        || (salt == entry.firstSalt() && salts.generation(nowMillis) - entry.saltGeneration() <= 1);
  }

  List<FutureSaltCtor> futureSalts(int count, long nowMillis) {
    return salts.future(count, nowMillis);
  }

  /** Forgets a session; true if it existed. */
  boolean destroySession(long authKeyId, long sessionId) {
    ServerSession removed = sessions.remove(new SessionKey(authKeyId, sessionId));
    if (removed != null) {
      lastConnection.remove(removed);
    }
    return removed != null;
  }

  long currentSalt(long nowMillis) {
    return salts.current(nowMillis);
  }
}
