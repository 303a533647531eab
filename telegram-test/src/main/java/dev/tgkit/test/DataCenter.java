package dev.tgkit.test;

import dev.tgkit.crypto.AuthKey;
import dev.tgkit.crypto.RsaPrivateKey;
import dev.tgkit.crypto.RsaPublicKey;
import dev.tgkit.mtproto.ServerSession;
import dev.tgkit.mtproto.auth.ServerHandshake;
import dev.tgkit.tl.Bytes;
import dev.tgkit.tl.TlFunction;
import dev.tgkit.tl.TlObject;
import dev.tgkit.tl.api.UserCtor;
import dev.tgkit.tl.api.auth.AuthorizationCtor;
import dev.tgkit.tl.api.auth.ExportedAuthorizationCtor;
import dev.tgkit.tl.mtproto.FutureSaltCtor;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
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
  private final Queue<Integer> namedDcIds = new ConcurrentLinkedQueue<>();
  private final Queue<Integer> initDcFields = new ConcurrentLinkedQueue<>();
  private final AtomicInteger containers = new AtomicInteger();
  private final Map<Class<?>, AtomicInteger> executed = new ConcurrentHashMap<>();
  private final Map<Long, Long> users = new ConcurrentHashMap<>(); // auth_key_id -> user id
  // Bytes other data centers exported for this one, each good for one import: bytes -> user id.
  private final Map<Bytes, Long> importable = new ConcurrentHashMap<>();
  private final AtomicInteger exported = new AtomicInteger();
  private final AtomicInteger imported = new AtomicInteger();
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

  /**
   * The DC id each completed key exchange here named in {@code p_q_inner_data_dc}, in order; 0 for
   * an exchange that named none. Telegram asks for the id, plus 10000 on its test servers.
   */
  public List<Integer> namedDcIds() {
    return List.copyOf(namedDcIds);
  }

  /**
   * The DC field of the obfuscated init of each connection a key exchange completed on, in order:
   * what an MTProxy routes by (10000 + id for a test server); 0 where there was none.
   */
  public List<Integer> initDcFields() {
    return List.copyOf(initDcFields);
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

  /**
   * Sends {@code message} to the sessions of auth key {@code authKeyId} that have an open
   * connection, as Telegram sends an account's updates to that account's clients only.
   *
   * @return how many sessions it was queued for (0 for a key this data center does not know)
   */
  public int push(long authKeyId, TlObject message) {
    return push(authKeyId, null, message);
  }

  /**
   * Like {@link #push(long, TlObject)}, leaving out session {@code exceptSessionId} (when not null):
   * the session whose request caused the update, which gets it in its answer instead.
   */
  int push(long authKeyId, @Nullable Long exceptSessionId, TlObject message) {
    int n = 0;
    for (Map.Entry<SessionKey, ServerSession> e : sessions.entrySet()) {
      if (e.getKey().authKeyId() != authKeyId
          || (exceptSessionId != null && e.getKey().sessionId() == exceptSessionId)) {
        continue;
      }
      Connection connection = lastConnection.get(e.getValue());
      if (connection != null && connection.push(e.getValue(), message)) {
        n++;
      }
    }
    return n;
  }

  /**
   * Encrypted messages received here whose body was a {@code msg_container}, whether or not the
   * session then accepted it: how much a client batches its requests.
   */
  public int containersReceived() {
    return containers.get();
  }

  /**
   * How many {@code method} requests this data center executed, counted after {@code
   * invokeWithLayer}, {@code initConnection} and the other wrappers are unwrapped. A request a
   * {@link Faults fault} answered with an error or dropped before answering is not executed; a
   * delayed one is, on receipt. MTProto service messages ({@code ping}, {@code get_future_salts}...)
   * are not counted.
   */
  public int executed(Class<? extends TlFunction<?>> method) {
    AtomicInteger n = executed.get(method);
    return n == null ? 0 : n.get();
  }

  /**
   * Marks auth key {@code authKeyId} as signed in as user {@code userId}, as a completed login
   * would: from then on its requests outside {@code help} and {@code auth} go to the {@link
   * Services} instead of getting 401 {@code AUTH_KEY_UNREGISTERED}.
   *
   * @throws IllegalArgumentException if this data center has no such key or the id is not positive
   */
  public void authorize(long authKeyId, long userId) {
    if (userId <= 0) {
      throw new IllegalArgumentException("a user id is positive, got " + userId);
    }
    if (!keys.containsKey(authKeyId)) {
      throw new IllegalArgumentException(
          "DC " + id + " has no auth key " + Long.toHexString(authKeyId)
              + ": authorize a key a client created with this data center");
    }
    users.put(authKeyId, userId);
  }

  /** The user auth key {@code authKeyId} is signed in as, if it is. */
  public OptionalLong userOf(long authKeyId) {
    Long user = users.get(authKeyId);
    return user == null ? OptionalLong.empty() : OptionalLong.of(user);
  }

  /** The auth keys signed in as {@code userId} here. */
  List<Long> authKeysOf(long userId) {
    return users.entrySet().stream().filter(e -> e.getValue() == userId).map(Map.Entry::getKey).toList();
  }

  /** Signs auth key {@code authKeyId} out, as {@code auth.logOut} does; false if it was not in. */
  boolean deauthorize(long authKeyId) {
    return users.remove(authKeyId) != null;
  }

  /** Successful {@code auth.exportAuthorization} calls made here. */
  public int exportedAuthorizations() {
    return exported.get();
  }

  /** Successful {@code auth.importAuthorization} calls made here. */
  public int importedAuthorizations() {
    return imported.get();
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

  /**
   * Stores a new key; false when its id was taken meanwhile.
   *
   * @param namedDcId the DC id the client named in {@code p_q_inner_data_dc}, null if it used the
   *     older form without one
   * @param initDcField the DC field of the connection's obfuscated init, 0 if it had none
   */
  boolean addKey(AuthKey key, long firstSalt, @Nullable Integer namedDcId, int initDcField) {
    boolean added =
        keys.putIfAbsent(key.id(), new KeyEntry(key, firstSalt, salts.generation(clock.millis())))
            == null;
    if (added) {
      exchanges.incrementAndGet();
      namedDcIds.add(namedDcId == null ? 0 : namedDcId);
      initDcFields.add(initDcField);
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

  /**
   * Runs {@code queue} on {@code session} (under its lock) and sends the result on the connection
   * the session used last; with none open it stays queued for the session's next packet, which is
   * how Telegram keeps answers for a client that reconnects.
   */
  void deliver(ServerSession session, Consumer<ServerSession> queue) {
    Connection connection = lastConnection.get(session);
    if (connection == null || !connection.deliver(session, queue)) {
      synchronized (session) {
        queue.accept(session);
      }
    }
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

  void containerReceived() {
    containers.incrementAndGet();
  }

  void executed(TlFunction<?> request) {
    executed.computeIfAbsent(request.getClass(), c -> new AtomicInteger()).incrementAndGet();
  }

  /**
   * <a href="https://core.telegram.org/api/datacenter#authorization-transfer">Authorization
   * transfer</a>, first half: hands the signed-in user of {@code authKeyId} to {@code target} as
   * 32 random bytes it accepts once.
   *
   * @throws RpcErrorException 401 if the key is not signed in
   */
  ExportedAuthorizationCtor exportAuthorization(long authKeyId, DataCenter target) {
    Long user = users.get(authKeyId);
    if (user == null) {
      throw new RpcErrorException(401, EmbeddedTelegram.AUTH_KEY_UNREGISTERED);
    }
    byte[] token = new byte[32];
    random.nextBytes(token);
    Bytes bytes = Bytes.wrap(token);
    target.importable.put(bytes, user);
    exported.incrementAndGet();
    return new ExportedAuthorizationCtor(user, bytes);
  }

  /**
   * The second half: signs {@code authKeyId} in as {@code userId} if another data center exported
   * exactly this pair for this one, using the bytes up.
   *
   * @throws RpcErrorException 400 {@code AUTH_BYTES_INVALID} otherwise
   */
  AuthorizationCtor importAuthorization(long authKeyId, long userId, Bytes bytes) {
    if (!importable.remove(bytes, userId)) {
      throw new RpcErrorException(400, EmbeddedTelegram.AUTH_BYTES_INVALID);
    }
    users.put(authKeyId, userId);
    imported.incrementAndGet();
    return new AuthorizationCtor(false, null, null, null, self(userId));
  }

  /** The signed-in user as Telegram describes it to itself: {@code self}, with a name. */
  private static UserCtor self(long userId) {
    return new UserCtor(
        true, // self
        false, false, false, false, false, false, false, false, false, false, false, false, false,
        false, false, false, false, false, false, false, false, false, false, false, false, false,
        false, false, false,
        userId,
        null, // access_hash: one's own user needs none
        "User " + userId, // first_name
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null);
  }
}
