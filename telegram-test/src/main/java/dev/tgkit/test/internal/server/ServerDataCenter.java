package dev.tgkit.test.internal.server;

import dev.tgkit.crypto.AuthKey;
import dev.tgkit.crypto.RsaPrivateKey;
import dev.tgkit.crypto.RsaPublicKey;
import dev.tgkit.mtproto.ServerSession;
import dev.tgkit.mtproto.auth.ServerHandshake;
import dev.tgkit.test.EmbeddedTelegram;
import dev.tgkit.test.RpcErrorException;
import dev.tgkit.test.TestDataCenter;
import dev.tgkit.tl.Bytes;
import dev.tgkit.tl.TlFunction;
import dev.tgkit.tl.TlObject;
import dev.tgkit.tl.api.UpdatesTooLong;
import dev.tgkit.tl.api.UserCtor;
import dev.tgkit.tl.api.auth.AuthorizationCtor;
import dev.tgkit.tl.api.auth.ExportedAuthorizationCtor;
import dev.tgkit.tl.mtproto.FutureSaltCtor;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * One data center of the embedded Telegram: a loopback port, its own RSA key, the auth keys clients
 * created with it and their sessions. As on Telegram, an auth key belongs to the data center it was
 * <a href="https://core.telegram.org/mtproto/auth_key">created with</a>, and any number of
 * connections and sessions may use it.
 */
public final class ServerDataCenter implements TestDataCenter {

  /**
   * An auth key and the first salt its exchange derived, which the client may use until the DC's
   * salt has changed twice, as long as the salt current at the time of the exchange.
   */
  record KeyEntry(AuthKey key, long firstSalt, long saltGeneration) {}

  private record SessionKey(long authKeyId, long sessionId) {}

  /**
   * How long a push {@link PushFault.HoldBack held back} waits for the next one before it goes out
   * anyway: reordering, not loss.
   */
  private static final Duration HOLD_AT_MOST = Duration.ofSeconds(1);

  private final int id;
  private final String host;
  private final RsaPrivateKey rsaKey;
  private final ServerHandshake handshake;
  private final Salts salts;
  private final Clock clock;
  private final RandomGenerator random;
  private final Map<Long, KeyEntry> keys = new ConcurrentHashMap<>();
  private final Map<SessionKey, ServerSession> sessions = new ConcurrentHashMap<>();
  private final Map<ServerSession, ServerConnection> lastConnection = new ConcurrentHashMap<>();
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
  private final PushFault.Schedule pushFaults;
  // At most one push held back per session; guarded by itself, never by a session's lock, which
  // a request holds while it takes the world's lock, under which the world pushes.
  private final Map<ServerSession, TlObject> heldBack = new HashMap<>();
  private volatile int port;

  public ServerDataCenter(
      int id,
      String host,
      RsaPrivateKey rsaKey,
      Clock clock,
      RandomGenerator random,
      long saltPeriodMillis,
      PushFault.Schedule pushFaults) {
    this.id = id;
    this.host = host;
    this.rsaKey = rsaKey;
    this.handshake = new ServerHandshake(rsaKey);
    this.clock = clock;
    this.random = random;
    this.salts = new Salts(random, saltPeriodMillis, clock.millis());
    this.pushFaults = pushFaults;
  }

  @Override
  public int id() {
    return id;
  }

  @Override
  public String host() {
    return host;
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public RsaPublicKey publicKey() {
    return rsaKey.publicKey();
  }

  @Override
  public List<Integer> namedDcIds() {
    return List.copyOf(namedDcIds);
  }

  @Override
  public List<Integer> initDcFields() {
    return List.copyOf(initDcFields);
  }

  @Override
  public int exchanges() {
    return exchanges.get();
  }

  @Override
  public int authKeys() {
    return keys.size();
  }

  @Override
  public long currentSalt() {
    return salts.current(clock.millis());
  }

  @Override
  public void rotateSalt() {
    salts.rotate(clock.millis());
  }

  @Override
  public int connections() {
    return connections.size();
  }

  @Override
  public int dropConnections() {
    int n = connections.size();
    connections.close().awaitUninterruptibly();
    return n;
  }

  @Override
  public int push(TlObject message) {
    return push(k -> true, message);
  }

  @Override
  public int push(long authKeyId, TlObject message) {
    return push(authKeyId, null, message);
  }

  /**
   * Like {@link #push(long, TlObject)}, leaving out session {@code exceptSessionId} (when not null):
   * the session whose request caused the update, which gets it in its answer instead.
   */
  int push(long authKeyId, @Nullable Long exceptSessionId, TlObject message) {
    return push(
        k -> k.authKeyId() == authKeyId && (exceptSessionId == null || k.sessionId() != exceptSessionId),
        message);
  }

  /** Pushes {@code message} to the sessions {@code to} picks; how many had an open connection. */
  private int push(Predicate<SessionKey> to, TlObject message) {
    int n = 0;
    for (Map.Entry<SessionKey, ServerSession> e : sessions.entrySet()) {
      if (to.test(e.getKey()) && pushTo(e.getKey().authKeyId(), e.getValue(), message)) {
        n++;
      }
    }
    return n;
  }

  /**
   * The one place a push leaves for a session's connection, through the push faults of the
   * account its auth key is signed in as. A push a fault drops or delays counts as sent: the
   * server sent it, the network lost or slowed it.
   *
   * @return false if the session has no open connection
   */
  private boolean pushTo(long authKeyId, ServerSession session, TlObject message) {
    ServerConnection connection = lastConnection.get(session);
    if (connection == null) {
      return false;
    }
    Long user = users.get(authKeyId);
    PushFault fault = user == null ? null : pushFaults.next(user);
    TlObject held;
    synchronized (heldBack) {
      held = heldBack.remove(session);
      if (fault instanceof PushFault.HoldBack && held == null) {
        heldBack.put(session, message);
        connection.later(HOLD_AT_MOST, () -> releaseHeld(session, message));
        return true;
      }
    }
    boolean open =
        switch (fault) {
          case null -> connection.push(session, message);
          case PushFault.HoldBack h -> connection.push(session, message); // one held already
          case PushFault.Drop d -> true;
          case PushFault.Delay d -> {
            connection.later(d.delay(), () -> deliver(session, s -> s.push(message)));
            yield true;
          }
          case PushFault.TooLong t -> connection.push(session, new UpdatesTooLong());
        };
    if (held != null) {
      connection.push(session, held);
    }
    return open;
  }

  /** Sends {@code message} if it is still held back for {@code session}: no push came after it. */
  private void releaseHeld(ServerSession session, TlObject message) {
    boolean still;
    synchronized (heldBack) {
      still = heldBack.remove(session, message);
    }
    if (still) {
      deliver(session, s -> s.push(message));
    }
  }

  @Override
  public int containersReceived() {
    return containers.get();
  }

  @Override
  public int executed(Class<? extends TlFunction<?>> method) {
    AtomicInteger n = executed.get(method);
    return n == null ? 0 : n.get();
  }

  @Override
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

  @Override
  public OptionalLong userOf(long authKeyId) {
    Long user = users.get(authKeyId);
    return user == null ? OptionalLong.empty() : OptionalLong.of(user);
  }

  /** The auth keys signed in as {@code userId} here. */
  List<Long> authKeysOf(long userId) {
    return users.entrySet().stream().filter(e -> e.getValue() == userId).map(Map.Entry::getKey).toList();
  }

  /** Signs auth key {@code authKeyId} out, as {@code auth.logOut} does; false if it was not in. */
  public boolean deauthorize(long authKeyId) {
    return users.remove(authKeyId) != null;
  }

  @Override
  public int exportedAuthorizations() {
    return exported.get();
  }

  @Override
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
  void used(ServerSession session, ServerConnection connection) {
    lastConnection.put(session, connection);
  }

  /**
   * Runs {@code queue} on {@code session} (under its lock) and sends the result on the connection
   * the session used last; with none open it stays queued for the session's next packet, which is
   * how Telegram keeps answers for a client that reconnects.
   */
  void deliver(ServerSession session, Consumer<ServerSession> queue) {
    ServerConnection connection = lastConnection.get(session);
    if (connection == null || !connection.deliver(session, queue)) {
      synchronized (session) {
        queue.accept(session);
      }
    }
  }

  /** Forgets {@code connection}'s sessions when it closes. */
  void closed(ServerConnection connection) {
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
    return forgetSessions(k -> k.authKeyId() == authKeyId && k.sessionId() == sessionId) > 0;
  }

  /**
   * Forgets every session of the auth keys signed in as {@code userId}, as Telegram does when it
   * lost them: the keys stay, and a client's next message starts the session again, announced by
   * {@code new_session_created}. What was queued or held back for the sessions is lost.
   *
   * @return how many sessions were forgotten
   */
  public int forgetSessions(long userId) {
    List<Long> keysOfUser = authKeysOf(userId);
    return forgetSessions(k -> keysOfUser.contains(k.authKeyId()));
  }

  private int forgetSessions(Predicate<SessionKey> which) {
    int n = 0;
    for (var it = sessions.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<SessionKey, ServerSession> e = it.next();
      if (which.test(e.getKey())) {
        it.remove();
        lastConnection.remove(e.getValue());
        synchronized (heldBack) {
          heldBack.remove(e.getValue());
        }
        n++;
      }
    }
    return n;
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
  ExportedAuthorizationCtor exportAuthorization(long authKeyId, ServerDataCenter target) {
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
    // No access_hash: one's own user needs none.
    return UserCtor.builder(userId).self(true).firstName("User " + userId).build();
  }
}
