package dev.tgkit.client;

import dev.tgkit.client.events.Continue;
import dev.tgkit.client.events.ContinuingHandler;
import dev.tgkit.client.events.Event;
import dev.tgkit.client.events.EventHandler;
import dev.tgkit.client.events.NewMessage;
import dev.tgkit.client.filters.Filter;
import dev.tgkit.client.filters.Filters;
import dev.tgkit.client.types.LoginToken;
import dev.tgkit.client.types.Message;
import dev.tgkit.client.types.MessageList;
import dev.tgkit.client.types.OutgoingMessage;
import dev.tgkit.client.types.Peer;
import dev.tgkit.client.types.PeerMap;
import dev.tgkit.client.types.PasswordToken;
import dev.tgkit.client.types.SignInResult;
import dev.tgkit.client.types.User;
import dev.tgkit.crypto.RsaPublicKey;
import dev.tgkit.mtproto.RpcError;
import dev.tgkit.mtproto.auth.ClientHandshake;
import dev.tgkit.mtproto.transport.Framing;
import dev.tgkit.mtproto.transport.Transport;
import dev.tgkit.net.Backoff;
import dev.tgkit.net.ConnectionException;
import dev.tgkit.net.Dialer;
import dev.tgkit.net.Proxy;
import dev.tgkit.session.DataCenter;
import dev.tgkit.session.MemoryStorage;
import dev.tgkit.session.PeerCache;
import dev.tgkit.session.PeerRef;
import dev.tgkit.session.SessionUser;
import dev.tgkit.session.Session;
import dev.tgkit.session.Storage;
import dev.tgkit.tl.TlFunction;
import dev.tgkit.tl.TlObject;
import dev.tgkit.tl.api.Config;
import dev.tgkit.tl.api.ConfigCtor;
import dev.tgkit.tl.api.InputReplyToMessage;
import dev.tgkit.tl.api.InputUserSelf;
import dev.tgkit.tl.api.messages.SendMessage;
import dev.tgkit.tl.api.messages.AffectedHistoryCtor;
import dev.tgkit.tl.api.messages.AffectedMessages;
import dev.tgkit.tl.api.messages.AffectedMessagesCtor;
import dev.tgkit.tl.api.messages.ChannelMessages;
import dev.tgkit.tl.api.messages.DeleteMessages;
import dev.tgkit.tl.api.messages.EditMessage;
import dev.tgkit.tl.api.messages.ForwardMessages;
import dev.tgkit.tl.api.messages.GetHistory;
import dev.tgkit.tl.api.messages.GetMessages;
import dev.tgkit.tl.api.messages.Messages;
import dev.tgkit.tl.api.messages.MessagesCtor;
import dev.tgkit.tl.api.messages.MessagesNotModified;
import dev.tgkit.tl.api.messages.MessagesSlice;
import dev.tgkit.tl.api.messages.ReadHistory;
import dev.tgkit.tl.api.messages.UnpinAllMessages;
import dev.tgkit.tl.api.messages.UpdatePinnedMessage;
import dev.tgkit.tl.api.contacts.ResolveUsername;
import dev.tgkit.tl.api.contacts.ResolvedPeerCtor;
import dev.tgkit.tl.api.InputMessage;
import dev.tgkit.tl.api.InputMessageID;
import dev.tgkit.tl.api.MessageEmpty;
import dev.tgkit.tl.api.MessageEntity;
import dev.tgkit.tl.api.UpdateShortSentMessage;
import dev.tgkit.tl.api.Updates;
import dev.tgkit.tl.api.auth.LogOut;
import dev.tgkit.tl.api.users.GetUsers;
import dev.tgkit.tl.api.auth.ExportAuthorization;
import dev.tgkit.tl.api.auth.ExportedAuthorization;
import dev.tgkit.tl.api.auth.ImportAuthorization;
import dev.tgkit.tl.api.help.GetConfig;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Telegram client: connects to Telegram, keeps its session in a {@link Storage}, and sends
 * requests of the <a href="https://core.telegram.org/methods">API</a>.
 *
 * <pre>{@code
 * try (Client client = Client.builder().apiId(12345).apiHash("0123456789abcdef0123456789abcdef").build()) {
 *   client.connect();
 *   Config config = client.invoke(new GetConfig());
 * }
 * }</pre>
 *
 * <p>{@link #invoke} blocks its caller until the answer arrives, cheaply on a virtual thread;
 * {@link #invokeAsync} returns a future. Either way:
 *
 * <ul>
 *   <li>{@code FLOOD_WAIT_X}, {@code FLOOD_PREMIUM_WAIT_X} and {@code SLOWMODE_WAIT_X} of at most
 *       the {@linkplain Builder#floodSleepThreshold flood-sleep threshold} are waited out and the
 *       request sent again; longer ones raise {@link RpcError.Flood}.
 *   <li>{@code PHONE_MIGRATE_X}, {@code NETWORK_MIGRATE_X} and {@code USER_MIGRATE_X} move the
 *       account's home to data center X (saved in the storage) and send the request there; {@code
 *       FILE_MIGRATE_X} and {@code STATS_MIGRATE_X} send it to X, after {@linkplain
 *       ExportAuthorization exporting the authorization} there if the account is signed in.
 *   <li>A lost connection is reopened with backoff and every unanswered request sent again, so
 *       each caller gets exactly one answer; other errors raise {@link RpcError} (with the
 *       caller's own request in {@link RpcError#request()}).
 *   <li>Each request is an {@link Observation} named {@value #OBSERVATION} with the method, the
 *       outcome and the error name; updates received, handler runs, flood waits and connections
 *       are observed too ({@link #UPDATES_OBSERVATION}, {@link #HANDLER_OBSERVATION}, {@link
 *       #FLOOD_WAIT_OBSERVATION}, {@link #CONNECTION_OBSERVATION}).
 * </ul>
 *
 * <p>Thread-safe. Many clients may share one Netty event loop group ({@link
 * Builder#eventLoopGroup}).
 */
public final class Client implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Client.class);

  /**
   * The name of the observation each request makes: tags {@code method}, {@code outcome} and
   * {@code rpc.error} (Telegram's error name, such as {@code PEER_ID_INVALID}, or {@code none}).
   * Not {@code error}: Micrometer's meter handler sets that tag itself, to the exception's class.
   */
  public static final String OBSERVATION = "telegram.rpc";

  /** The observation of each batch of updates received, from its arrival to its events queued: tag {@code type}. */
  public static final String UPDATES_OBSERVATION = "telegram.updates";

  /** The observation of each handler run: tags {@code handler}, {@code event}, {@code outcome}. */
  public static final String HANDLER_OBSERVATION = "telegram.handler";

  /**
   * The observation of each flood wait slept through, as long as the wait: tags {@code method} and
   * {@code rpc.error} ({@code FLOOD_WAIT}, {@code FLOOD_PREMIUM_WAIT} or {@code SLOWMODE_WAIT}).
   */
  public static final String FLOOD_WAIT_OBSERVATION = "telegram.flood.wait";

  /** The observation of each connection made to a data center: tags {@code dc}, {@code kind} (connect or reconnect). */
  public static final String CONNECTION_OBSERVATION = "telegram.connection";

  /** Telegram's own start: data center 2, the one Telegram's apps connect to first. */
  static final DataCenter TELEGRAM_DC = new DataCenter(2, "149.154.167.51", 443, null);

  /** The start on Telegram's test servers: their data center 2, as my.telegram.org lists it. */
  static final DataCenter TELEGRAM_TEST_DC = new DataCenter(2, "149.154.167.40", 443, null);

  /** Redirects one request may follow before the client gives up on it. */
  private static final int MAX_REDIRECTS = 3;

  private final Builder options;
  private final Storage storage;
  private final FloodPolicy floodPolicy;
  private final ObservationRegistry observations;
  private final RandomGenerator random = new SecureRandom();
  private final Object lock = new Object();
  private final StoredSession sessions;
  private final Map<Integer, CompletableFuture<Void>> authorizedDcs = new ConcurrentHashMap<>();
  private @Nullable EventLoopGroup ownGroup;
  private final Handlers handlers;
  private final Login login;
  private final UpdateLoop updateLoop;
  private volatile @Nullable User self;
  private final PeerCache peerCache = new PeerCache();
  private volatile @Nullable DcPool pool;
  private volatile @Nullable Config config;
  private Client(Builder b) {
    this.options = b.copy();
    this.storage = b.storage;
    this.sessions = new StoredSession(b.storage);
    this.floodPolicy = new FloodPolicy(b.floodSleepThreshold, 1, b.observationRegistry);
    this.observations = b.observationRegistry;
    this.handlers = new Handlers(b.checkAllHandlers, b.updateQueueLimit, b.observationRegistry);
    this.login = new Login(b.apiId, Objects.requireNonNull(b.apiHash), random);
    this.updateLoop = new UpdateLoop(this, sessions, handlers, peerCache, b.observationRegistry, b.clock);
  }

  /** A builder; {@link Builder#apiId} and {@link Builder#apiHash} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Connects to the home data center (creating an auth key there if the storage has none), sends
   * {@code invokeWithLayer(initConnection(help.getConfig))} and keeps the data centers the config
   * lists. Returns once the config arrived and, for a signed-in session, the update state is
   * known: with {@link Builder#catchUp}, once the updates missed while away were fetched and
   * handed to the handlers (this is not bounded by the connect timeout). Does nothing if already
   * connected.
   *
   * @throws ConnectionException.TimedOut if that took longer than the {@linkplain
   *     Builder#connectTimeout connect timeout}
   * @throws RuntimeException what else prevented it ({@link RpcError}, a connect failure); the
   *     client is then disconnected and {@code connect} may be called again
   */
  public void connect() {
    DcPool made;
    boolean catchingUp;
    synchronized (lock) {
      if (pool != null) {
        return;
      }
      Session session = storage.load().orElse(null);
      DataCenter start = options.dataCenter != null ? options.dataCenter
          : options.testServers ? TELEGRAM_TEST_DC : TELEGRAM_DC;
      if (session == null) {
        session = new Session(List.of(start), start.id());
      } else if (options.dataCenter != null) {
        // An explicit address wins over a stored one; the key stays with its data center.
        DataCenter stored = session.dc(start.id()).orElse(start);
        session = session.with(stored.withAddress(start.host(), start.port()));
      }
      storage.save(session);
      sessions.set(session);
      catchingUp = options.catchUp && session.user() != null && session.updateState() != null;
      updateLoop.start(catchingUp);
      EventLoopGroup group = options.eventLoopGroup;
      if (group == null) {
        group = ownGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
      }
      Dialer dialer = new Dialer(group, options.transport, options.connectTimeout, random, options.proxy);
      if (options.testServers) {
        dialer = dialer.forTestServers();
      }
      made = new DcPool(new DcPool.Settings(
          dialer,
          ClientHandshake.Options.of(options.publicKeys),
          options.connectTimeout,
          Backoff.DEFAULT,
          options.pingInterval,
          options.clock,
          random,
          new DcPool.InitConnectionTemplate(options.apiId, options.deviceModel, options.systemVersion,
              options.appVersion, options.systemLangCode, options.langPack, options.langCode),
          observations,
          options.testServers),
          sessions, updateLoop::pushed);
      pool = made;
    }
    try {
      Config received = invokeAsync(new GetConfig()).get(options.connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
      config = received;
      ConfigCtor c = (ConfigCtor) received; // Config's only constructor
      if (c.testMode() != options.testServers) {
        throw new IllegalStateException(options.testServers
            ? "asked for Telegram's test servers, but data center " + c.thisDc() + " is a production one:"
                + " its accounts and keys are not the test servers' (drop the data center override or testServers)"
            : "data center " + c.thisDc() + " is one of Telegram's test servers: set testServers(true) to use it,"
                + " so that keys are made for test data centers");
      }
      sessions.update(s -> DcOptions.apply(s, c.dcOptions(), false));
      if (sessions.current().user() != null) {
        try {
          updateLoop.resume(catchingUp);
        } catch (RpcError.Unauthorized e) {
          log.info("the saved sign-in was revoked ({}); signed out", e.name());
          sessions.update(s -> s.withUser(null).withUpdateState(null));
          updateLoop.abandonCatchUp();
        }
      }
      log.info("connected to data center {}", sessions.current().homeDc());
    } catch (TimeoutException e) {
      throw failedConnect(new ConnectionException.TimedOut(options.connectTimeout, "connecting to Telegram"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failedConnect(new CancellationException("interrupted while connecting"));
    } catch (ExecutionException e) {
      throw failedConnect(rethrowable(e.getCause()));
    } catch (RuntimeException e) {
      throw failedConnect(e);
    }
  }

  /**
   * When the last update arrived (pushed by Telegram or answering this client's own request),
   * by the builder's clock; empty before the first. A health check tells a silent account from
   * a stalled connection with it.
   */
  public Optional<java.time.Instant> lastUpdateAt() {
    return updateLoop.lastUpdateAt();
  }

  /** Whether {@link #connect} succeeded and the home data center's connection is up now. */
  public boolean isConnected() {
    DcPool p = pool;
    return p != null && p.isConnected(sessions.current().homeDc());
  }

  /**
   * Closes every connection; requests still waiting fail with {@link ConnectionException.Closed}.
   * The session (with the latest update state) is saved and the storage closed, so a later {@link
   * #connect} resumes it.
   *
   * @throws dev.tgkit.session.StorageException (or what else the storage threw) if that last save
   *     failed; the client is disconnected and the storage closed all the same
   */
  public void disconnect() {
    RuntimeException failed = shutDown();
    if (failed != null) {
      throw failed;
    }
  }

  /**
   * Disconnects gracefully: stops taking updates (those arriving from now on are not handled, and
   * the saved update state does not move past them), waits up to {@code handlersTimeout} for the
   * handlers still running or queued to finish (they can still send and call Telegram), then
   * {@linkplain #disconnect() disconnects}. What an application does when it shuts down.
   *
   * @return whether every handler finished within the timeout; if not, the ones still running
   *     see their requests fail with {@link ConnectionException.Closed}
   * @throws dev.tgkit.session.StorageException (or what else the storage threw) if the last save
   *     failed, as {@link #disconnect()}
   */
  public boolean disconnect(Duration handlersTimeout) {
    Objects.requireNonNull(handlersTimeout, "handlersTimeout");
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
  private @Nullable RuntimeException shutDown() {
    EventLoopGroup group;
    synchronized (lock) {
      DcPool p = pool;
      pool = null;
      if (p != null) {
        p.close();
      }
      authorizedDcs.clear();
      updateLoop.abandonCatchUp();
      group = ownGroup;
      ownGroup = null;
    }
    RuntimeException failed = sessions.close();
    if (group != null) {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
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

  /** Same as {@link #disconnect}. */
  @Override
  public void close() {
    disconnect();
  }

  /** The config the last {@link #connect} received, or null before one. */
  public @Nullable Config config() {
    return config;
  }

  /** The session as it is now: known data centers, their keys, the home one. */
  public Session session() {
    return sessions.current();
  }

  /**
   * Sends {@code request} and waits for its answer, as {@link #invokeAsync} describes.
   *
   * @throws RpcError if Telegram answered with an error
   * @throws ConnectionException if the request could not be delivered (the client disconnected,
   *     the server refused the message)
   * @throws CancellationException if the calling thread was interrupted; the request may still be
   *     executed by Telegram
   * @throws IllegalStateException if called on a Netty event-loop thread, which must not block
   */
  public <R> R invoke(TlFunction<R> request) {
    if (Thread.currentThread() instanceof FastThreadLocalThread) {
      // Blocking a network thread can stall the very connection the answer must arrive on.
      throw new IllegalStateException("invoke() blocks and this is a Netty event-loop thread; use invokeAsync here, or"
          + " continue with an *Async stage on another executor");
    }
    CompletableFuture<R> answer = invokeAsync(request);
    try {
      return answer.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      answer.cancel(false);
      throw new CancellationException("interrupted while waiting for " + request.tlName());
    } catch (ExecutionException e) {
      throw rethrowable(e.getCause());
    }
  }

  /**
   * Sends {@code request} and returns a future of its answer, which fails with {@link RpcError},
   * {@link ConnectionException} or {@link IllegalStateException} (not connected). The future
   * completes on a network thread: continue with {@code *Async} stages for slow work.
   */
  public <R> CompletableFuture<R> invokeAsync(TlFunction<R> request) {
    Objects.requireNonNull(request, "request");
    DcPool p = pool;
    if (p == null) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("the client is not connected: call connect() first"));
    }
    Observation observation = Observation.createNotStarted(OBSERVATION, observations)
        .contextualName(request.tlName())
        .lowCardinalityKeyValue("method", request.tlName())
        .start();
    CompletableFuture<R> answer = floodPolicy.invoke(request, r -> routed(p, r, sessions.current().homeDc(), 0));
    return answer.whenComplete((value, failure) -> {
      learn(value);
      Throwable cause = failure == null ? null : DcPool.unwrap(failure);
      observation.lowCardinalityKeyValue("outcome", cause == null ? "success" : outcome(cause));
      observation.lowCardinalityKeyValue("rpc.error", cause instanceof RpcError e ? e.name() : cause == null ? "none" : cause.getClass().getSimpleName());
      if (cause != null) {
        observation.error(cause);
      }
      observation.stop();
    });
  }

  private static String outcome(Throwable cause) {
    return switch (cause) {
      case RpcError.Flood f -> "flood";
      case RpcError e -> "rpc_error";
      default -> "failure";
    };
  }

  /** Sends {@code request} to {@code dcId} and follows the {@code *_MIGRATE_X} it may answer. */
  private <R> CompletableFuture<R> routed(DcPool p, TlFunction<R> request, int dcId, int redirects) {
    return p.invoke(dcId, request).exceptionallyCompose(failure -> {
      Throwable cause = DcPool.unwrap(failure);
      if (!(cause instanceof RpcError.SeeOther migrate) || migrate.dc() <= 0 || redirects >= MAX_REDIRECTS) {
        return CompletableFuture.failedFuture(cause);
      }
      int target = migrate.dc();
      return switch (migrate.name()) {
        case "PHONE_MIGRATE", "NETWORK_MIGRATE", "USER_MIGRATE" -> {
          log.info("{}: the account's home is data center {} now", migrate.name(), target);
          sessions.update(s -> s.withHomeDc(target));
          yield routed(p, request, target, redirects + 1);
        }
        case "FILE_MIGRATE", "STATS_MIGRATE" ->
            authorizedOn(p, target).thenCompose(ignored -> routed(p, request, target, redirects + 1));
        default -> CompletableFuture.failedFuture(cause);
      };
    });
  }

  /**
   * Makes {@code dcId} know the signed-in account (<a
   * href="https://core.telegram.org/api/datacenter#authorization-transfer">authorization
   * transfer</a>): exports the authorization at home and imports it there, once per connect. A
   * client that is not signed in has nothing to export and goes on without.
   */
  private CompletableFuture<Void> authorizedOn(DcPool p, int dcId) {
    int home = sessions.current().homeDc();
    if (dcId == home) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> made = new CompletableFuture<>();
    CompletableFuture<Void> existing = authorizedDcs.putIfAbsent(dcId, made);
    if (existing != null) {
      return existing;
    }
    p.invoke(home, new ExportAuthorization(dcId))
        .thenCompose(exported -> importAuthorization(p, dcId, exported))
        .exceptionally(failure -> {
          Throwable cause = DcPool.unwrap(failure);
          if (cause instanceof RpcError.Unauthorized) {
            log.debug("not signed in: nothing to export to data center {}", dcId);
            return null;
          }
          throw new java.util.concurrent.CompletionException(cause);
        })
        .whenComplete((ignored, failure) -> {
          if (failure != null) {
            authorizedDcs.remove(dcId, made);
            made.completeExceptionally(DcPool.unwrap(failure));
          } else {
            made.complete(null);
          }
        });
    return made;
  }

  private CompletableFuture<Void> importAuthorization(DcPool p, int dcId, ExportedAuthorization exported) {
    var e = (dev.tgkit.tl.api.auth.ExportedAuthorizationCtor) exported;
    return p.invoke(dcId, new ImportAuthorization(e.id(), e.bytes())).thenAccept(imported ->
        log.info("authorization imported into data center {}", dcId));
  }

  /**
   * Whether an account is signed in on this session: known from a sign-in, or asked of Telegram
   * ({@code updates.getState} answers only signed-in sessions).
   */
  public boolean isAuthorized() {
    Session current = sessions.currentOrNull();
    if (self != null || (current != null && current.user() != null)) {
      return true;
    }
    return getMe().isPresent();
  }

  /**
   * Signs in as the bot whose token @BotFather gave. Check {@link #isAuthorized()} first: signing
   * in again when the session already is leads to flood errors.
   *
   * @throws IllegalArgumentException if {@code token} does not look like a bot token (it is not
   *     repeated in the message)
   * @throws RpcError {@code ACCESS_TOKEN_INVALID} and the like
   */
  public User botSignIn(String token) {
    return signedIn(login.botSignIn(this::invoke, token));
  }

  /**
   * Asks Telegram to send a login code to {@code phone} (international format; {@code +}, spaces
   * and dashes are ignored). The account's data center answers; the session moves there.
   */
  public LoginToken requestLoginCode(String phone) {
    return login.requestLoginCode(this::invoke, phone);
  }

  /**
   * Completes a sign-in with the code the user received: the signed-in {@link User}, or a {@link
   * PasswordToken} when the account has a password too ({@link #checkPassword}).
   *
   * @throws RpcError {@code PHONE_CODE_INVALID}, {@code PHONE_CODE_EXPIRED} and the like
   */
  public SignInResult signIn(LoginToken token, String code) {
    SignInResult result = login.signIn(this::invoke, token, code);
    return result instanceof User user ? signedIn(user) : result;
  }

  /**
   * Completes a sign-in with the account's two-step verification password, checked by <a
   * href="https://core.telegram.org/api/srp">SRP</a>: the password never leaves this process.
   *
   * @throws RpcError {@code PASSWORD_HASH_INVALID} for a wrong password; ask {@link #signIn} for a
   *     new token before trying again
   */
  public User checkPassword(PasswordToken token, String password) {
    byte[] bytes = Login.utf8(password);
    try {
      return signedIn(login.checkPassword(this::invoke, token, bytes));
    } finally {
      java.util.Arrays.fill(bytes, (byte) 0);
    }
  }

  /**
   * Signs in from a terminal: asks for a phone number or bot token, then the login code and, if
   * the account has one, the password (read without echo when a console is attached). A mistyped
   * code or password is asked for again. Returns the signed-in user at once if the session already
   * is signed in, without asking anything.
   */
  public User interactiveLogin() {
    return InteractiveLogin.run(this, null, null, InteractiveLogin.terminal());
  }

  /**
   * {@link #interactiveLogin()} without asking for what is given: {@code phoneOrToken} (a phone
   * number, or a bot token: digits, a colon, then the secret) and, if not null, the two-step
   * verification {@code password}. Only the login code (and a password not given) are asked for
   * on the terminal. A wrong {@code password} raises {@code PASSWORD_HASH_INVALID} rather than
   * being asked for again.
   */
  public User interactiveLogin(String phoneOrToken, @Nullable String password) {
    java.util.Objects.requireNonNull(phoneOrToken, "phoneOrToken");
    return InteractiveLogin.run(this, phoneOrToken, password, InteractiveLogin.terminal());
  }

  /**
   * {@link #interactiveLogin()} with the questions answered by {@code ask} instead of a terminal:
   * it gets each prompt ("Phone number...", "Login code: ", "... password: ") and returns the
   * answer, or null when there is no more input (which fails the sign-in with an {@link
   * IllegalStateException}). For sign-in through a user interface of your own.
   */
  public User interactiveLogin(java.util.function.UnaryOperator<@Nullable String> ask) {
    java.util.Objects.requireNonNull(ask, "ask");
    return InteractiveLogin.run(this, null, null, ask);
  }

  /** New SRP parameters for another password check: each check needs its own. */
  PasswordToken freshPasswordToken() {
    return login.passwordToken(this::invoke);
  }

  /** The signed-in account; empty if none is. */
  public Optional<User> getMe() {
    try {
      List<dev.tgkit.tl.api.User> users = invoke(new GetUsers(List.of(new InputUserSelf())));
      if (users.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(signedIn(User.of(users.getFirst())));
    } catch (RpcError.Unauthorized e) {
      self = null;
      if (sessions.currentOrNull() != null && sessions.current().user() != null) {
        sessions.update(s -> s.withUser(null));
      }
      return Optional.empty();
    }
  }

  /** Signs out, revoking this session's authorization on Telegram's side. */
  public void signOut() {
    invoke(new LogOut());
    self = null;
    sessions.update(s -> s.withUser(null).withUpdateState(null));
    peerCache.clear(); // access hashes belong to the account that was shown them
  }

  /** Sends {@code text} to {@code chat}. */
  public Message sendMessage(PeerRef chat, String text) {
    return sendMessage(chat, OutgoingMessage.text(text));
  }

  /**
   * Sends {@code message} to {@code chat}. Handlers see it too, as an outgoing {@code
   * NewMessage}.
   *
   * @throws IllegalArgumentException if the text is empty or longer than Telegram takes
   * @throws IllegalStateException if it has buttons and the account is a user (Telegram takes
   *     them from bots only)
   */
  public Message sendMessage(PeerRef chat, OutgoingMessage message) {
    if (message.text().isBlank()) {
      throw new IllegalArgumentException("a message needs text; Telegram refuses empty ones");
    }
    checkButtons(message);
    long randomId = random.nextLong();
    SendMessage request = new SendMessage(!message.linkPreview(), message.silent(), false, false, false, false, false,
        false, chat.toInputPeer(),
        message.replyTo().isPresent()
            ? new InputReplyToMessage(message.replyTo().getAsInt(), null, null, null, null, null, null, null, null)
            : null,
        message.text(), randomId, message.replyMarkup(), outgoingEntities(message),
        null, null, null, null, null, null, null, null);
    Updates answer = invoke(request);
    long selfId = selfId();
    dev.tgkit.tl.api.Peer to = peerOf(chat, selfId);
    Message sent = Message.of(SentMessages.sent(request, to, answer, selfId), SentMessages.peers(answer, peerCache), selfId, this);
    SessionUser user = sessions.current().user();
    // The short answer holds no message to make an event of: the rebuilt one is it.
    updateLoop.received(answer, answer instanceof UpdateShortSentMessage
        ? new NewMessage(sent, user == null ? null : user.username())
        : null);
    return sent;
  }

  /**
   * Edits message {@code messageId} of {@code chat} to {@code message}'s text (its reply and
   * silence are ignored: they belong to sending). A preview is removed unless allowed again. A
   * bot's message gets {@code message}'s buttons, none if it has none, as Telegram replaces them.
   *
   * @throws IllegalStateException if it has buttons and the account is a user
   */
  public Message editMessage(PeerRef chat, int messageId, OutgoingMessage message) {
    checkButtons(message);
    Updates answer = invoke(new EditMessage(!message.linkPreview(), false, chat.toInputPeer(), messageId,
        message.text(), null, message.replyMarkup(), outgoingEntities(message), null, null, null, null));
    updateLoop.received(answer, null);
    dev.tgkit.tl.api.Message edited = SentMessages.edited(answer, messageId);
    if (edited == null) {
      throw new IllegalStateException("Telegram's answer to the edit of message " + messageId + " holds no message");
    }
    return Message.of(edited, SentMessages.peers(answer, peerCache), selfId(), this);
  }

  /**
   * Deletes messages; {@code revoke} deletes them for everyone, not only this account.
   *
   * <p>Outside channels, ids are this account's own and Telegram ignores {@code chat}: the ids
   * may name messages of other private chats and small groups.
   *
   * @return how many were deleted
   */
  public int deleteMessages(PeerRef chat, List<Integer> messageIds, boolean revoke) {
    checkIds(messageIds);
    AffectedMessages affected = chat instanceof PeerRef.ChannelRef channel
        ? invoke(new dev.tgkit.tl.api.channels.DeleteMessages(channel.toInputChannel(), messageIds))
        : invoke(new DeleteMessages(revoke, messageIds));
    return ((AffectedMessagesCtor) affected).ptsCount();
  }

  /** Forwards messages of {@code source} to {@code target}; returns the new messages, in order. */
  public List<Message> forwardMessages(PeerRef target, List<Integer> messageIds, PeerRef source) {
    checkIds(messageIds);
    List<Long> randomIds = messageIds.stream().map(id -> random.nextLong()).toList();
    Updates answer = invoke(new ForwardMessages(false, false, false, false, false, false, false,
        source.toInputPeer(), messageIds, randomIds, target.toInputPeer(),
        null, null, null, null, null, null, null, null, null, null));
    updateLoop.received(answer, null);
    PeerMap peers = SentMessages.peers(answer, peerCache);
    return SentMessages.forwarded(answer, randomIds).stream().map(m -> Message.of(m, peers, selfId(), this)).toList();
  }

  /**
   * The history of {@code chat}, newest first, fetched lazily as it is iterated: see {@link
   * MessageList} for limits, offsets and the oldest-first order.
   */
  public MessageList getMessages(PeerRef chat) {
    return new MessageList(page -> {
      Messages answer;
      if (!page.oldestFirst()) {
        answer = invoke(new GetHistory(chat.toInputPeer(), page.offsetId(), page.offsetDate(), 0, page.limit(), 0, 0,
            0));
      } else if (page.offsetId() == 0 && page.offsetDate() != 0) {
        // The page just newer than the first message before the date: those sent at or after it.
        answer = invoke(new GetHistory(chat.toInputPeer(), 0, page.offsetDate(), -page.limit(), page.limit(), 0, 0, 0));
      } else {
        answer = invoke(new GetHistory(chat.toInputPeer(), page.offsetId() + 1, 0, -page.limit(), page.limit(), 0,
            page.offsetId(), 0));
      }
      List<Message> messages = messagesOf(answer);
      return page.oldestFirst() ? messages.reversed() : messages;
    });
  }

  /**
   * The messages of {@code chat} with these ids; ids that name no message are left out, and
   * the order is not guaranteed.
   */
  public List<Message> getMessagesWithIds(PeerRef chat, List<Integer> messageIds) {
    checkIds(messageIds);
    List<InputMessage> ids = messageIds.stream().<InputMessage>map(InputMessageID::new).toList();
    Messages answer = chat instanceof PeerRef.ChannelRef channel
        ? invoke(new dev.tgkit.tl.api.channels.GetMessages(channel.toInputChannel(), ids))
        : invoke(new GetMessages(ids));
    return messagesOf(answer);
  }

  /** Pins message {@code messageId} of {@code chat}; returns the service message that says so. */
  public Optional<Message> pinMessage(PeerRef chat, int messageId) {
    Updates answer = invoke(new UpdatePinnedMessage(false, false, false, chat.toInputPeer(), messageId));
    updateLoop.received(answer, null);
    PeerMap peers = SentMessages.peers(answer, peerCache);
    return SentMessages.newMessages(answer).stream().findFirst().map(m -> Message.of(m, peers, selfId(), this));
  }

  /** Unpins message {@code messageId} of {@code chat}. */
  public void unpinMessage(PeerRef chat, int messageId) {
    updateLoop.received(invoke(new UpdatePinnedMessage(false, true, false, chat.toInputPeer(), messageId)), null);
  }

  /** Unpins every pinned message of {@code chat}. */
  public void unpinAllMessages(PeerRef chat) {
    // Telegram may unpin a batch at a time: a positive offset, smaller each time, asks for the call again.
    int offset = Integer.MAX_VALUE;
    while (true) {
      var affected = (AffectedHistoryCtor) invoke(new UnpinAllMessages(chat.toInputPeer(), null, null));
      if (affected.offset() <= 0) {
        return;
      }
      if (affected.offset() >= offset) {
        throw new IllegalStateException("Telegram's offset for unpinning all messages did not shrink: "
            + affected.offset() + " after " + offset);
      }
      offset = affected.offset();
    }
  }

  /** Marks the messages of {@code chat} up to and including {@code messageId} as read. */
  public void readMessage(PeerRef chat, int messageId) {
    if (chat instanceof PeerRef.ChannelRef channel) {
      invoke(new dev.tgkit.tl.api.channels.ReadHistory(channel.toInputChannel(), messageId));
    } else {
      invoke(new ReadHistory(chat.toInputPeer(), messageId));
    }
  }

  /**
   * The user, group or channel with this public username ({@code @} optional; not a link). Keep
   * its {@link Peer#ref()}: resolving is rate-limited by Telegram.
   */
  public Peer resolveUsername(String username) {
    String name = username.startsWith("@") ? username.substring(1) : username;
    if (!name.matches("[A-Za-z][A-Za-z0-9_]{3,31}")) {
      throw new IllegalArgumentException(
          "a username is 4 to 32 letters, digits and underscores, starting with a letter; got \"" + username + "\"");
    }
    ResolvedPeerCtor resolved = (ResolvedPeerCtor) invoke(new ResolveUsername(name, null));
    return new PeerMap(peerCache).add(resolved.users(), resolved.chats()).resolve(resolved.peer());
  }

  /**
   * The peers {@code refs} name, fetched anew, in the same order: to refresh names and usernames,
   * or to turn kept refs back into peers.
   *
   * @throws IllegalStateException if Telegram did not describe one of them
   */
  public List<Peer> resolvePeers(List<PeerRef> refs) {
    List<dev.tgkit.tl.api.InputUser> users = new ArrayList<>();
    List<Long> groups = new ArrayList<>();
    List<dev.tgkit.tl.api.InputChannel> channels = new ArrayList<>();
    for (PeerRef ref : refs) {
      switch (ref) {
        case PeerRef.UserRef u -> users.add(u.toInputUser());
        case PeerRef.GroupRef g -> groups.add(g.id());
        case PeerRef.ChannelRef c -> channels.add(c.toInputChannel());
      }
    }
    PeerMap peers = new PeerMap(peerCache);
    List<dev.tgkit.tl.api.User> fetchedUsers = users.isEmpty() ? List.of() : invoke(new GetUsers(users));
    List<dev.tgkit.tl.api.Chat> chats = new ArrayList<>();
    if (!groups.isEmpty()) {
      chats.addAll(invoke(new dev.tgkit.tl.api.messages.GetChats(groups)).chats());
    }
    if (!channels.isEmpty()) {
      chats.addAll(invoke(new dev.tgkit.tl.api.channels.GetChannels(channels)).chats());
    }
    peers.add(fetchedUsers, chats);
    long me = selfId();
    List<Peer> resolved = new java.util.ArrayList<>(refs.size());
    for (PeerRef ref : refs) {
      dev.tgkit.tl.api.Peer peer = peerOf(ref, me);
      Peer found = peers.resolve(peer);
      if (found.name().isEmpty() && found.username().isEmpty()) {
        throw new IllegalStateException("Telegram did not describe " + ref);
      }
      resolved.add(found);
    }
    return resolved;
  }

  private List<Message> messagesOf(Messages answer) {
    record Page(List<dev.tgkit.tl.api.Message> messages, PeerMap peers) {}
    Page page = switch (answer) {
      case MessagesCtor m -> new Page(m.messages(), new PeerMap(peerCache).add(m.users(), m.chats()));
      case MessagesSlice m -> new Page(m.messages(), new PeerMap(peerCache).add(m.users(), m.chats()));
      case ChannelMessages m -> new Page(m.messages(), new PeerMap(peerCache).add(m.users(), m.chats()));
      case MessagesNotModified m -> new Page(List.of(), new PeerMap(peerCache));
    };
    long me = selfId();
    // Ids that name no message come back empty, often without a chat: there is nothing to show.
    return page.messages().stream().filter(m -> !(m instanceof MessageEmpty))
        .map(m -> Message.of(m, page.peers(), me, this)).toList();
  }

  /** Every answer teaches the peer cache the access hashes of the users and chats in it. */
  private void learn(@Nullable Object answer) {
    try {
      if (answer instanceof TlObject object) {
        peerCache.learn(object);
      } else if (answer instanceof List<?> list) {
        for (Object item : list) {
          if (item instanceof TlObject object) {
            peerCache.learn(object);
          }
        }
      }
    } catch (RuntimeException e) {
      log.warn("could not learn the peers of an answer: {}", e.toString());
    }
  }

  /** The entities to send, mentions completed with the access hashes this client knows; null for none. */
  private @Nullable List<MessageEntity> outgoingEntities(OutgoingMessage message) {
    return message.entities().isEmpty() ? null : Mentions.completed(message.entities(), peerCache, selfId());
  }

  /** The peer {@code ref} names; {@link PeerRef#SELF} is the signed-in account, {@code me}. */
  private static dev.tgkit.tl.api.Peer peerOf(PeerRef ref, long me) {
    return ref instanceof PeerRef.UserRef u && u.isSelf() ? new dev.tgkit.tl.api.PeerUser(me) : ref.toPeer();
  }

  private long selfId() {
    Session s = sessions.currentOrNull();
    SessionUser me = s == null ? null : s.user();
    return me == null ? 0 : me.id();
  }

  /** Telegram drops the buttons a user sends without a word: say so instead. */
  private void checkButtons(OutgoingMessage message) {
    Session s = sessions.currentOrNull();
    SessionUser me = s == null ? null : s.user();
    if (!message.buttons().isEmpty() && me != null && !me.bot()) {
      throw new IllegalStateException(
          "only bots can attach buttons, and this client is signed in as a user: send the text without them");
    }
  }

  private static void checkIds(List<Integer> messageIds) {
    if (messageIds.isEmpty()) {
      throw new IllegalArgumentException("no message ids given");
    }
    for (int id : messageIds) {
      if (id <= 0) {
        throw new IllegalArgumentException("a message id is positive, got " + id);
      }
    }
  }

  private User signedIn(User user) {
    self = user;
    Session current = sessions.currentOrNull();
    if (current != null) {
      SessionUser next = new SessionUser(user.id(), current.homeDc(), user.bot(), user.username().orElse(null));
      if (!next.equals(current.user())) {
        sessions.update(s -> s.withUser(next));
        updateLoop.fetchState();
      }
    }
    return user;
  }

  /**
   * Runs {@code handler} for events of {@code type} that pass {@code filter}. Handlers are tried
   * in the order they were added; the first that matches runs and the rest are skipped (unless
   * {@link Builder#checkAllHandlers}). Handlers run on virtual threads, one chat's events in order.
   */
  public <E extends Event> void on(Class<E> type, Filter filter, EventHandler<? super E> handler) {
    Objects.requireNonNull(handler, "handler");
    handlers.add(type, filter, handler, event -> {
      handler.handle(event);
      return Continue.STOP;
    });
  }

  /** Runs {@code handler} for every event of {@code type}; see {@link #on(Class, Filter, EventHandler)}. */
  public <E extends Event> void on(Class<E> type, EventHandler<? super E> handler) {
    on(type, Filters.any(), handler);
  }

  /**
   * Runs {@code handler} for events of {@code type} that pass {@code filter}; when it returns
   * {@link Continue#CONTINUE}, the handlers after it see the event too (a separate name, as Java
   * cannot tell the two kinds of lambda apart by their return).
   */
  public <E extends Event> void onContinuable(Class<E> type, Filter filter, ContinuingHandler<? super E> handler) {
    Objects.requireNonNull(handler, "handler");
    handlers.add(type, filter, handler, handler);
  }

  /**
   * {@link #on(Class, Filter, EventHandler)} with a {@code name} for the handler's {@value
   * #HANDLER_OBSERVATION} observations (by default the event type and the handler's place in the
   * order of adding, such as {@code NewMessage#2}). Keep names few and stable: they become metric
   * tags.
   */
  public <E extends Event> void on(String name, Class<E> type, Filter filter, EventHandler<? super E> handler) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(handler, "handler");
    handlers.add(type, filter, handler, event -> {
      handler.handle(event);
      return Continue.STOP;
    }, name);
  }

  /** {@link #onContinuable(Class, Filter, ContinuingHandler)} with a name, as {@link #on(String, Class, Filter, EventHandler)}. */
  public <E extends Event> void onContinuable(String name, Class<E> type, Filter filter,
      ContinuingHandler<? super E> handler) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(handler, "handler");
    handlers.add(type, filter, handler, handler, name);
  }

  /** Same as {@link #on(Class, Filter, EventHandler)}, in the order of Telethon's {@code add_event_handler}. */
  public <E extends Event> void addEventHandler(EventHandler<? super E> handler, Class<E> type, Filter filter) {
    on(type, filter, handler);
  }

  /**
   * Stops running {@code handler} (the object given to {@code on} or {@code addEventHandler}).
   *
   * @return whether it had been added
   */
  public boolean removeEventHandler(Object handler) {
    return handlers.remove(handler);
  }

  /** The filter {@code handler} was added with; empty if it was not added. */
  public Optional<Filter> getHandlerFilter(Object handler) {
    return handlers.filterOf(handler);
  }

  /**
   * Replaces the filter of {@code handler}; to narrow it, combine the old one: {@code
   * setHandlerFilter(h, getHandlerFilter(h).orElseThrow().and(text("test")))}.
   *
   * @throws IllegalArgumentException if {@code handler} was not added
   */
  public void setHandlerFilter(Object handler, Filter filter) {
    handlers.setFilter(handler, filter);
  }

  private static RuntimeException rethrowable(Throwable cause) {
    Throwable c = DcPool.unwrap(cause);
    return c instanceof RuntimeException r ? r : new IllegalStateException(c);
  }

  /** Configures a {@link Client}. */
  public static final class Builder {

    private static final Pattern API_HASH = Pattern.compile("[0-9a-f]{32}");

    private int apiId;
    private @Nullable String apiHash;
    private Storage storage = new MemoryStorage();
    private @Nullable DataCenter dataCenter;
    private List<RsaPublicKey> publicKeys = RsaPublicKey.telegramKeys();
    private Transport transport = Transport.plain(Framing.INTERMEDIATE);
    private @Nullable Proxy proxy;
    private String deviceModel = defaultDeviceModel();
    private String systemVersion = System.getProperty("os.name", "Unknown") + " " + System.getProperty("os.version", "");
    private String appVersion = "tgkit " + Version.of();
    private String systemLangCode = Locale.getDefault().getLanguage().isEmpty() ? "en" : Locale.getDefault().getLanguage();
    private String langPack = "";
    private String langCode = systemLangCode;
    private Duration floodSleepThreshold = Duration.ofSeconds(60);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration pingInterval = Duration.ofSeconds(60);
    private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;
    private @Nullable EventLoopGroup eventLoopGroup;
    private Clock clock = Clock.systemUTC();
    private boolean checkAllHandlers;
    private int updateQueueLimit = 10_000;
    private boolean testServers;
    private boolean catchUp;

    private Builder() {}

    private Builder copy() {
      Builder b = new Builder();
      b.apiId = apiId;
      b.apiHash = apiHash;
      b.storage = storage;
      b.dataCenter = dataCenter;
      b.publicKeys = publicKeys;
      b.transport = transport;
      b.proxy = proxy;
      b.deviceModel = deviceModel;
      b.systemVersion = systemVersion;
      b.appVersion = appVersion;
      b.systemLangCode = systemLangCode;
      b.langPack = langPack;
      b.langCode = langCode;
      b.floodSleepThreshold = floodSleepThreshold;
      b.connectTimeout = connectTimeout;
      b.pingInterval = pingInterval;
      b.observationRegistry = observationRegistry;
      b.eventLoopGroup = eventLoopGroup;
      b.clock = clock;
      b.checkAllHandlers = checkAllHandlers;
      b.updateQueueLimit = updateQueueLimit;
      b.testServers = testServers;
      b.catchUp = catchUp;
      return b;
    }

    /** The app's api_id from <a href="https://my.telegram.org">my.telegram.org</a>. Required. */
    public Builder apiId(int apiId) {
      if (apiId <= 0) {
        throw new IllegalArgumentException("the api_id is a positive number from my.telegram.org, got " + apiId);
      }
      this.apiId = apiId;
      return this;
    }

    /** The app's api_hash: 32 hexadecimal digits from my.telegram.org. Required; never logged. */
    public Builder apiHash(String apiHash) {
      if (!API_HASH.matcher(apiHash).matches()) {
        // Never echo it: a near miss is still a secret.
        throw new IllegalArgumentException(
            "the api_hash is 32 lowercase hexadecimal digits from my.telegram.org; the one given ("
                + apiHash.length() + " characters) is not");
      }
      this.apiHash = apiHash;
      return this;
    }

    /** Where the session is kept (default: in memory, lost when the JVM exits). */
    public Builder storage(Storage storage) {
      this.storage = Objects.requireNonNull(storage, "storage");
      return this;
    }

    /**
     * The data center to start from instead of Telegram's DC 2, for test servers and the embedded
     * Telegram. With a stored session, that data center's address is replaced by this one.
     */
    public Builder dataCenter(int id, String host, int port) {
      this.dataCenter = new DataCenter(id, host, port, null);
      return this;
    }

    /**
     * Whether to use Telegram's <a href="https://core.telegram.org/api/auth#test-accounts">test
     * servers</a> rather than production (default false): their own accounts (a number such as
     * 9996612345 signs in with its sixth digit five times, 11111), started from their data
     * center 2 unless {@link #dataCenter} names another, with keys made for test data centers
     * (10000 + id). A session belongs to one or the other: connecting fails, saying so, when the
     * server's config disagrees.
     */
    public Builder testServers(boolean testServers) {
      this.testServers = testServers;
      return this;
    }

    /** The RSA keys to trust when creating auth keys (default: Telegram's production and test keys). */
    public Builder publicKeys(List<RsaPublicKey> keys) {
      if (keys.isEmpty()) {
        throw new IllegalArgumentException("at least one RSA public key is needed to create auth keys");
      }
      this.publicKeys = List.copyOf(keys);
      return this;
    }

    /** The MTProto transport (default: intermediate). A {@link Proxy.MtProxy} chooses its own. */
    public Builder transport(Transport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /**
     * Connects through a proxy (default: directly): SOCKS5 or HTTP CONNECT, which reach each data
     * center's address, or an MTProxy, which carries every connection itself. {@link
     * Proxy#parse} reads the {@code socks5://}, {@code http://} and {@code tg://proxy} forms.
     */
    public Builder proxy(@Nullable Proxy proxy) {
      this.proxy = proxy;
      return this;
    }

    /** The device model Telegram shows in the session list (default: the JVM and OS). */
    public Builder deviceModel(String deviceModel) {
      this.deviceModel = nonBlank(deviceModel, "the device model");
      return this;
    }

    /** The system version Telegram shows in the session list (default: the OS name and version). */
    public Builder systemVersion(String systemVersion) {
      this.systemVersion = nonBlank(systemVersion, "the system version");
      return this;
    }

    /** The app version Telegram shows in the session list. */
    public Builder appVersion(String appVersion) {
      this.appVersion = nonBlank(appVersion, "the app version");
      return this;
    }

    /** The system's ISO 639-1 language code (default: the JVM's). */
    public Builder systemLangCode(String code) {
      this.systemLangCode = nonBlank(code, "the system language code");
      return this;
    }

    /** The language pack name (default: empty, as for custom clients). */
    public Builder langPack(String langPack) {
      this.langPack = Objects.requireNonNull(langPack, "langPack");
      return this;
    }

    /** The app's ISO 639-1 language code (default: the system's). */
    public Builder langCode(String code) {
      this.langCode = nonBlank(code, "the language code");
      return this;
    }

    /**
     * Flood waits up to this long are slept through and the request sent again; longer ones raise
     * {@link RpcError.Flood} (default: 60 s; zero never sleeps).
     */
    public Builder floodSleepThreshold(Duration threshold) {
      if (threshold.isNegative()) {
        throw new IllegalArgumentException("the flood-sleep threshold cannot be negative, got " + threshold);
      }
      this.floodSleepThreshold = threshold;
      return this;
    }

    /**
     * How long {@link Client#connect} may take in all (TCP connect, auth-key exchange, the config),
     * and each reconnect's TCP connect (default: 10 s).
     */
    public Builder connectTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("the connect timeout must be positive, got " + timeout);
      }
      this.connectTimeout = timeout;
      return this;
    }

    /**
     * How often an idle connection is pinged; one silent for 1.25 times as long is taken for dead
     * and replaced (default: 60 s, as Telegram's apps).
     */
    public Builder pingInterval(Duration interval) {
      if (interval.toMillis() < 10) {
        throw new IllegalArgumentException("the ping interval must be at least 10 ms, got " + interval);
      }
      this.pingInterval = interval;
      return this;
    }

    /** Where requests are observed (default: nowhere). Spring Boot passes its own. */
    public Builder observationRegistry(ObservationRegistry registry) {
      this.observationRegistry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /**
     * A Netty event loop group to run the connections on, shared with other clients and not shut
     * down by this one (default: a one-thread group of the client's own).
     */
    public Builder eventLoopGroup(EventLoopGroup group) {
      this.eventLoopGroup = Objects.requireNonNull(group, "group");
      return this;
    }

    /** The local clock (default: the system's); message ids follow it, corrected by the server's. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Whether every handler whose filter passes runs, not only the first (default: false, as
     * Telethon v2).
     */
    public Builder checkAllHandlers(boolean checkAll) {
      this.checkAllHandlers = checkAll;
      return this;
    }

    /**
     * How many events may wait for handlers before new ones are dropped with a warning (default:
     * 10,000), so slow handlers cannot make the client run out of memory.
     */
    public Builder updateQueueLimit(int limit) {
      if (limit < 1) {
        throw new IllegalArgumentException("the update queue limit must be positive, got " + limit);
      }
      this.updateQueueLimit = limit;
      return this;
    }

    /**
     * Whether {@link Client#connect} delivers the updates that arrived while the session was away
     * (default: false, as Telethon's {@code catch_up}).
     *
     * <p>When true and the storage holds a signed-in session with a saved update state, {@code
     * connect} asks Telegram what was missed since that state ({@code updates.getDifference}, <a
     * href="https://core.telegram.org/api/updates#recovering-gaps">recovering gaps</a>), answer
     * after answer until nothing remains, and hands it to the handlers before it returns: new
     * messages as {@code NewMessage}, edits as {@code MessageEdited}, deletions as {@code
     * MessageDeleted}, in order and each once. Updates Telegram pushes meanwhile wait, and are
     * handled afterwards unless catch-up delivered them already. The saved state moves with each
     * answer, so a client that stops during catch-up resumes where it stopped (events it had queued
     * for handlers but not yet handled are not delivered again). When Telegram no longer has all
     * that was missed ({@code updates.differenceTooLong}), a warning says how many pts were skipped
     * and the client goes on from Telegram's current state. Catch-up waits for the handlers rather
     * than drop events beyond the {@linkplain #updateQueueLimit update queue limit}.
     *
     * <p>Only the account's common update sequence is caught up: private chats and small groups.
     * Channels and supergroups keep a sequence each ({@code updates.getChannelDifference}), which
     * this client does not track yet, so what they posted while the session was away is not
     * delivered.
     *
     * <p>When false, {@code connect} starts from Telegram's current state, and what arrived while
     * the session was away is skipped; an INFO log line says how much.
     */
    public Builder catchUp(boolean catchUp) {
      this.catchUp = catchUp;
      return this;
    }

    /**
     * The client, not yet connected.
     *
     * @throws IllegalStateException if the api id or hash is missing
     */
    public Client build() {
      if (apiId == 0 || apiHash == null) {
        throw new IllegalStateException(
            "a client needs apiId and apiHash: get both for your app at https://my.telegram.org");
      }
      return new Client(this);
    }

    private static String nonBlank(String value, String what) {
      if (value.isBlank()) {
        throw new IllegalArgumentException(what + " cannot be blank");
      }
      return value;
    }

    private static String defaultDeviceModel() {
      return "Java " + Runtime.version().feature() + " (" + System.getProperty("os.arch", "unknown") + ")";
    }
  }

  /** The library version, from the jar's manifest when there is one. */
  private static final class Version {
    static String of() {
      String v = Client.class.getPackage().getImplementationVersion();
      return v == null ? "dev" : v;
    }
  }
}
