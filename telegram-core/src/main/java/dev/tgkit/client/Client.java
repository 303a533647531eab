package dev.tgkit.client;

import dev.tgkit.client.events.Continue;
import dev.tgkit.client.events.ContinuingHandler;
import dev.tgkit.client.events.Event;
import dev.tgkit.client.events.EventHandler;
import dev.tgkit.client.filters.Filter;
import dev.tgkit.client.filters.Filters;
import dev.tgkit.client.types.LoginToken;
import dev.tgkit.client.types.Message;
import dev.tgkit.client.types.OutgoingMessage;
import dev.tgkit.client.types.PasswordToken;
import dev.tgkit.client.types.Peer;
import dev.tgkit.client.types.SignInResult;
import dev.tgkit.client.types.User;
import dev.tgkit.crypto.RsaPublicKey;
import dev.tgkit.mtproto.RpcError;
import dev.tgkit.mtproto.transport.Framing;
import dev.tgkit.mtproto.transport.Transport;
import dev.tgkit.net.ConnectionException;
import dev.tgkit.net.EventLoops;
import dev.tgkit.net.Proxy;
import dev.tgkit.session.DataCenter;
import dev.tgkit.session.MemoryStorage;
import dev.tgkit.session.PeerCache;
import dev.tgkit.session.PeerRef;
import dev.tgkit.session.Session;
import dev.tgkit.session.Storage;
import dev.tgkit.tl.TlFunction;
import dev.tgkit.tl.api.Config;
import dev.tgkit.tl.api.auth.ExportAuthorization;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

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
 * Builder#eventLoops}).
 */
public final class Client implements AutoCloseable {

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

  private final StoredSession sessions;
  private final Handlers handlers;
  private final UpdateLoop updateLoop;
  private final Pipeline rpc;
  private final Net net;
  private final Auth auth;
  private final Messages messages;
  private final Users users;

  private Client(ClientSettings settings) {
    RandomGenerator random = new SecureRandom();
    PeerCache peers = new PeerCache();
    sessions = new StoredSession(settings.storage());
    handlers = new Handlers(settings.checkAllHandlers(), settings.updateQueueLimit(), settings.observations());
    updateLoop = new UpdateLoop(this, sessions, handlers, peers, settings.observations(), settings.clock());
    AuthorizationStep authorization = new AuthorizationStep(sessions);
    net = new Net(settings, sessions, updateLoop, handlers, authorization, random);
    rpc = new Pipeline(List.of(
        new ObserveStep(settings.observations()),
        new UpdatesStep(updateLoop),
        new LearnPeersStep(peers),
        new FloodPolicy(settings.floodSleepThreshold(), 1, settings.observations()),
        new MigrateStep(sessions),
        authorization), net);
    auth = new Auth(rpc, sessions, new Login(settings.apiId(), settings.apiHash(), random), updateLoop, peers,
        authorization);
    messages = new Messages(rpc, sessions, peers, this, random);
    users = new Users(rpc, sessions, peers);
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
    net.connect(rpc);
  }

  /**
   * When the last update arrived (pushed by Telegram or answering this client's own request),
   * by the builder's clock; empty before the first. A health check tells a silent account from
   * a stalled connection with it.
   */
  public Optional<Instant> lastUpdateAt() {
    return updateLoop.lastUpdateAt();
  }

  /** Whether {@link #connect} succeeded and the home data center's connection is up now. */
  public boolean isConnected() {
    return net.isConnected();
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
    net.disconnect();
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
    return net.disconnect(Objects.requireNonNull(handlersTimeout, "handlersTimeout"));
  }

  /** Same as {@link #disconnect}. */
  @Override
  public void close() {
    disconnect();
  }

  /** The config the last {@link #connect} received, or null before one. */
  public @Nullable Config config() {
    return net.config();
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
    return rpc.invoke(request);
  }

  /**
   * Sends {@code request} and returns a future of its answer, which fails with {@link RpcError},
   * {@link ConnectionException} or {@link IllegalStateException} (not connected). The future
   * completes on a network thread: continue with {@code *Async} stages for slow work.
   */
  public <R> CompletableFuture<R> invokeAsync(TlFunction<R> request) {
    return rpc.invokeAsync(request);
  }

  /**
   * Whether an account is signed in on this session: known from a sign-in, or asked of Telegram
   * ({@code updates.getState} answers only signed-in sessions).
   */
  public boolean isAuthorized() {
    return auth.isAuthorized();
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
    return auth.botSignIn(token);
  }

  /**
   * Asks Telegram to send a login code to {@code phone} (international format; {@code +}, spaces
   * and dashes are ignored). The account's data center answers; the session moves there.
   */
  public LoginToken requestLoginCode(String phone) {
    return auth.requestLoginCode(phone);
  }

  /**
   * Completes a sign-in with the code the user received: the signed-in {@link User}, or a {@link
   * PasswordToken} when the account has a password too ({@link #checkPassword}).
   *
   * @throws RpcError {@code PHONE_CODE_INVALID}, {@code PHONE_CODE_EXPIRED} and the like
   */
  public SignInResult signIn(LoginToken token, String code) {
    return auth.signIn(token, code);
  }

  /**
   * Completes a sign-in with the account's two-step verification password, checked by <a
   * href="https://core.telegram.org/api/srp">SRP</a>: the password never leaves this process.
   *
   * @throws RpcError {@code PASSWORD_HASH_INVALID} for a wrong password; ask {@link #signIn} for a
   *     new token before trying again
   */
  public User checkPassword(PasswordToken token, String password) {
    return auth.checkPassword(token, password);
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
    return InteractiveLogin.run(this, Objects.requireNonNull(phoneOrToken, "phoneOrToken"), password,
        InteractiveLogin.terminal());
  }

  /**
   * {@link #interactiveLogin()} with the questions answered by {@code ask} instead of a terminal:
   * it gets each prompt ("Phone number...", "Login code: ", "... password: ") and returns the
   * answer, or null when there is no more input (which fails the sign-in with an {@link
   * IllegalStateException}). For sign-in through a user interface of your own.
   */
  public User interactiveLogin(UnaryOperator<@Nullable String> ask) {
    return InteractiveLogin.run(this, null, null, Objects.requireNonNull(ask, "ask"));
  }

  /** New SRP parameters for another password check: each check needs its own. */
  PasswordToken freshPasswordToken() {
    return auth.freshPasswordToken();
  }

  /** The signed-in account; empty if none is. */
  public Optional<User> getMe() {
    return auth.getMe();
  }

  /** Signs out, revoking this session's authorization on Telegram's side. */
  public void signOut() {
    auth.signOut();
  }

  /** Sends {@code text} to {@code chat}. */
  public Message sendMessage(PeerRef chat, String text) {
    return messages.sendMessage(chat, OutgoingMessage.text(text));
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
    return messages.sendMessage(chat, message);
  }

  /**
   * Edits message {@code messageId} of {@code chat} to {@code message}'s text (its reply and
   * silence are ignored: they belong to sending). A preview is removed unless allowed again. A
   * bot's message gets {@code message}'s buttons, none if it has none, as Telegram replaces them.
   *
   * @throws IllegalStateException if it has buttons and the account is a user
   */
  public Message editMessage(PeerRef chat, int messageId, OutgoingMessage message) {
    return messages.editMessage(chat, messageId, message);
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
    return messages.deleteMessages(chat, messageIds, revoke);
  }

  /** Forwards messages of {@code source} to {@code target}; returns the new messages, in order. */
  public List<Message> forwardMessages(PeerRef target, List<Integer> messageIds, PeerRef source) {
    return messages.forwardMessages(target, messageIds, source);
  }

  /**
   * The history of {@code chat}, newest first, fetched lazily as it is iterated: see {@link
   * MessageList} for limits, offsets and the oldest-first order.
   */
  public MessageList getMessages(PeerRef chat) {
    return messages.getMessages(chat);
  }

  /**
   * The messages of {@code chat} with these ids; ids that name no message are left out, and
   * the order is not guaranteed.
   */
  public List<Message> getMessagesWithIds(PeerRef chat, List<Integer> messageIds) {
    return messages.getMessagesWithIds(chat, messageIds);
  }

  /** Pins message {@code messageId} of {@code chat}; returns the service message that says so. */
  public Optional<Message> pinMessage(PeerRef chat, int messageId) {
    return messages.pinMessage(chat, messageId);
  }

  /** Unpins message {@code messageId} of {@code chat}. */
  public void unpinMessage(PeerRef chat, int messageId) {
    messages.unpinMessage(chat, messageId);
  }

  /** Unpins every pinned message of {@code chat}. */
  public void unpinAllMessages(PeerRef chat) {
    messages.unpinAllMessages(chat);
  }

  /** Marks the messages of {@code chat} up to and including {@code messageId} as read. */
  public void readMessage(PeerRef chat, int messageId) {
    messages.readMessage(chat, messageId);
  }

  /**
   * The user, group or channel with this public username ({@code @} optional; not a link). Keep
   * its {@link Peer#ref()}: resolving is rate-limited by Telegram.
   */
  public Peer resolveUsername(String username) {
    return users.resolveUsername(username);
  }

  /**
   * The peers {@code refs} name, fetched anew, in the same order: to refresh names and usernames,
   * or to turn kept refs back into peers.
   *
   * @throws IllegalStateException if Telegram did not describe one of them
   */
  public List<Peer> resolvePeers(List<PeerRef> refs) {
    return users.resolvePeers(refs);
  }

  /**
   * Runs {@code handler} for events of {@code type} that pass {@code filter}. Handlers are tried
   * in the order they were added; the first that matches runs and the rest are skipped (unless
   * {@link Builder#checkAllHandlers}). Handlers run on virtual threads, one chat's events in order.
   */
  public <E extends Event> void on(Class<E> type, Filter filter, EventHandler<? super E> handler) {
    handlers.on(type, filter, handler, null);
  }

  /** Runs {@code handler} for every event of {@code type}; see {@link #on(Class, Filter, EventHandler)}. */
  public <E extends Event> void on(Class<E> type, EventHandler<? super E> handler) {
    handlers.on(type, Filters.any(), handler, null);
  }

  /**
   * Runs {@code handler} for events of {@code type} that pass {@code filter}; when it returns
   * {@link Continue#CONTINUE}, the handlers after it see the event too (a separate name, as Java
   * cannot tell the two kinds of lambda apart by their return).
   */
  public <E extends Event> void onContinuable(Class<E> type, Filter filter, ContinuingHandler<? super E> handler) {
    handlers.onContinuable(type, filter, handler, null);
  }

  /**
   * {@link #on(Class, Filter, EventHandler)} with a {@code name} for the handler's {@value
   * #HANDLER_OBSERVATION} observations (by default the event type and the handler's place in the
   * order of adding, such as {@code NewMessage#2}). Keep names few and stable: they become metric
   * tags.
   */
  public <E extends Event> void on(String name, Class<E> type, Filter filter, EventHandler<? super E> handler) {
    handlers.on(type, filter, handler, Objects.requireNonNull(name, "name"));
  }

  /** {@link #onContinuable(Class, Filter, ContinuingHandler)} with a name, as {@link #on(String, Class, Filter, EventHandler)}. */
  public <E extends Event> void onContinuable(String name, Class<E> type, Filter filter,
      ContinuingHandler<? super E> handler) {
    handlers.onContinuable(type, filter, handler, Objects.requireNonNull(name, "name"));
  }

  /**
   * Stops running {@code handler} (the object given to {@code on} or {@code onContinuable}).
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
    private @Nullable EventLoops eventLoops;
    private Clock clock = Clock.systemUTC();
    private boolean checkAllHandlers;
    private int updateQueueLimit = 10_000;
    private boolean testServers;
    private boolean catchUp;

    private Builder() {}

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
     * The Netty event loops to run the connections on, shared with other clients ({@link
     * EventLoops#shared}, or one {@link EventLoops#own} made for them) and never shut down by this
     * client: close them when the last client is closed (default: a one-thread group the client
     * makes at each connect and shuts down at disconnect).
     */
    public Builder eventLoops(EventLoops loops) {
      this.eventLoops = Objects.requireNonNull(loops, "loops");
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
      return new Client(settings());
    }

    /** What {@link #build} configures a client with. */
    ClientSettings settings() {
      if (apiId == 0 || apiHash == null) {
        throw new IllegalStateException(
            "a client needs apiId and apiHash: get both for your app at https://my.telegram.org");
      }
      return new ClientSettings(apiId, apiHash, storage, dataCenter, publicKeys, transport, proxy,
          new ClientSettings.InitialConnection(deviceModel, systemVersion, appVersion, systemLangCode, langPack, langCode),
          floodSleepThreshold, connectTimeout, pingInterval, observationRegistry, eventLoops, clock, checkAllHandlers,
          updateQueueLimit, testServers, catchUp);
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
