package dev.tgkit.test;

import dev.tgkit.crypto.RsaPrivateKey;
import dev.tgkit.crypto.RsaPublicKey;
import dev.tgkit.mtproto.Invocations;
import dev.tgkit.mtproto.ServerSession;
import dev.tgkit.mtproto.transport.ProxySecret;
import dev.tgkit.mtproto.transport.Transport;
import dev.tgkit.tl.TlDecodeException;
import dev.tgkit.tl.TlFunction;
import dev.tgkit.tl.TlObject;
import dev.tgkit.tl.api.ConfigCtor;
import dev.tgkit.tl.api.DcOption;
import dev.tgkit.tl.api.DcOptionCtor;
import dev.tgkit.tl.api.NearestDcCtor;
import dev.tgkit.tl.api.TlApi;
import dev.tgkit.tl.api.account.GetPassword;
import dev.tgkit.tl.api.auth.AuthorizationCtor;
import dev.tgkit.tl.api.auth.ExportAuthorization;
import dev.tgkit.tl.api.auth.ImportAuthorization;
import dev.tgkit.tl.api.help.GetConfig;
import dev.tgkit.tl.api.help.GetNearestDc;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Telegram of N data centers on loopback, for tests and manual testing with any MTProto client.
 *
 * <p>Each data center listens on its own port with its own 2048-bit RSA key (top byte at least
 * 0xF0, see {@link RsaPrivateKey#generate}). A connection may speak any <a
 * href="https://core.telegram.org/mtproto/mtproto-transports">transport</a>, plain or obfuscated;
 * it creates auth keys with the <a href="https://core.telegram.org/mtproto/auth_key">auth-key
 * exchange</a> and then talks <a href="https://core.telegram.org/mtproto/description">MTProto
 * 2.0</a>: salts that rotate, acks, containers, pings and {@code bad_msg_notification} come from
 * {@link ServerSession}. Requests are unwrapped from {@code invokeWithLayer}, {@code
 * initConnection}, {@code invokeWithoutUpdates} and {@code invokeAfterMsg}; {@code help.getConfig}
 * lists these data centers and {@code help.getNearestDc} names the one asked; anything else goes to
 * the {@link Services} registry (400 {@link #METHOD_NOT_IMPLEMENTED} when no service has it).
 *
 * <p>Accounts live in a simulated world that follows Telegram's rules: {@link #createUser} and
 * {@link #createBot} make accounts that sign in as on Telegram ({@code AuthService}: login codes,
 * two-step verification with SRP, bot tokens, {@code PHONE_MIGRATE}/{@code USER_MIGRATE} to the
 * account's data center); {@code UsersService}, {@code MessagesService} and {@code UpdatesService}
 * answer for a signed-in account (private chats and basic groups with per-account message ids, pts
 * and access hashes), and every change is pushed to every session of every account involved and
 * logged, so {@code updates.getDifference} gives a session what it missed ({@link #differenceLimit},
 * {@link #updateLogCapacity}). A
 * {@link TestUser} acts as if its own app did ({@link TestUser#sendMessage}) and waits for what
 * others sent it ({@link TestUser#awaitMessages}). Handlers a test registers in {@link #services()}
 * replace the built-in ones. Requests outside the {@code help} and {@code auth} namespaces (and
 * {@code account.getPassword}, the two-step verification's) from a key that is not signed in get
 * 401 {@link #AUTH_KEY_UNREGISTERED}, like Telegram before sign-in (<a
 * href="https://core.telegram.org/api/errors">errors</a>); a test may also sign a key in directly
 * with {@link DataCenter#authorize}. A signed-in key moves to another data
 * center by <a href="https://core.telegram.org/api/datacenter#authorization-transfer">authorization
 * transfer</a>: {@code auth.exportAuthorization(dc_id)} returns the user id and 32 random bytes the
 * target data center accepts once in {@code auth.importAuthorization}, which signs the calling key
 * in there ({@link #DC_ID_INVALID} and {@link #AUTH_BYTES_INVALID} otherwise).
 *
 * <p>For tests: {@link #faults()} makes chosen requests fail, answer late or drop their
 * connection; each {@link DataCenter} counts the containers it received and the requests it
 * executed; {@link #push(TlObject)} and {@link DataCenter#push(long, TlObject)} send updates to
 * connected sessions on demand.
 *
 * <p>Start it with {@link #builder()}; {@link #close()} stops it. All data centers share one Netty
 * event loop group (its own, or the one given to the builder).
 */
public final class EmbeddedTelegram implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedTelegram.class);

  /** The error name of a request no service implements. */
  public static final String METHOD_NOT_IMPLEMENTED = "METHOD_NOT_IMPLEMENTED";

  /** The error name of a request that needs a signed-in account. */
  public static final String AUTH_KEY_UNREGISTERED = "AUTH_KEY_UNREGISTERED";

  /** The error name of {@code auth.exportAuthorization} to no other data center of this Telegram. */
  public static final String DC_ID_INVALID = "DC_ID_INVALID";

  /** The error name of {@code auth.importAuthorization} with bytes no data center exported. */
  public static final String AUTH_BYTES_INVALID = "AUTH_BYTES_INVALID";

  /** Namespaces a client may call before signing in: the rest need an authorization. */
  private static final Set<String> ALLOWED_BEFORE_SIGN_IN =
      Set.of(GetConfig.class.getPackageName(), ExportAuthorization.class.getPackageName());

  /** Methods outside those namespaces a client may call before signing in: the 2FA step. */
  private static final Set<Class<?>> ALLOWED_METHODS_BEFORE_SIGN_IN = Set.of(GetPassword.class);

  private static final String API_PACKAGE = "dev.tgkit.tl.api.";

  private final List<DataCenter> dataCenters;
  private final Services services;
  private final Faults faults = new Faults();
  private final Clock clock;
  private final EventLoopGroup group;
  private final boolean ownsGroup;
  private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private final World world;
  private final AuthService auth;
  private final boolean testServers;

  private EmbeddedTelegram(
      Builder b,
      List<DataCenter> dataCenters,
      EventLoopGroup group,
      boolean ownsGroup,
      RandomGenerator random) {
    this.dataCenters = List.copyOf(dataCenters);
    this.services = b.services;
    this.clock = b.clock;
    this.group = group;
    this.ownsGroup = ownsGroup;
    this.testServers = b.testServers;
    this.world = new World(clock, random, dataCenters.size(), this::pushToAccount);
    this.auth = new AuthService(this, world, clock, random);
    auth.register(services);
    new UsersService(this, world).register(services);
    new MessagesService(this, world).register(services);
    new UpdatesService(this, world).register(services);
  }

  /** A builder with one data center on an ephemeral port. */
  public static Builder builder() {
    return new Builder();
  }

  /** The data centers, DC 1 first. */
  public List<DataCenter> dataCenters() {
    return dataCenters;
  }

  /**
   * The data center with {@code id}.
   *
   * @throws IllegalArgumentException if there is none
   */
  public DataCenter dataCenter(int id) {
    if (id < 1 || id > dataCenters.size()) {
      throw new IllegalArgumentException(
          "no DC " + id + ": this Telegram has DCs 1.." + dataCenters.size());
    }
    return dataCenters.get(id - 1);
  }

  /** The public keys of every data center, which clients must trust. */
  public List<RsaPublicKey> publicKeys() {
    return dataCenters.stream().map(DataCenter::publicKey).toList();
  }

  /** Completed auth-key exchanges over all data centers. */
  public int exchanges() {
    return dataCenters.stream().mapToInt(DataCenter::exchanges).sum();
  }

  /**
   * Containers ({@code msg_container}) received from clients over all data centers: a client that
   * sends bursts of requests should pack them together.
   */
  public int containersReceived() {
    return dataCenters.stream().mapToInt(DataCenter::containersReceived).sum();
  }

  /**
   * Sends {@code message} to every session with an open connection on every data center; see
   * {@link DataCenter#push(TlObject)}.
   *
   * @return how many sessions it was queued for
   */
  public int push(TlObject message) {
    return dataCenters.stream().mapToInt(dc -> dc.push(message)).sum();
  }

  /** The misbehaviour to show for chosen requests; see {@link Faults}. */
  public Faults faults() {
    return faults;
  }

  /**
   * Sets how many updates one {@code updates.getDifference} answer holds at most (default 100,
   * about Telegram's); when more were missed, the answer is an {@code updates.differenceSlice} and
   * the client asks again from its intermediate state.
   *
   * @return this Telegram
   * @throws IllegalArgumentException if {@code updates} is not positive
   */
  public EmbeddedTelegram differenceLimit(int updates) {
    world.differenceLimit(updates);
    return this;
  }

  /**
   * Sets how many of its latest updates each account keeps for {@code updates.getDifference}
   * (default 10,000), forgetting older ones at once. A client asking from before the oldest one
   * kept gets {@code updates.differenceTooLong}, as from Telegram after a long absence.
   *
   * @return this Telegram
   * @throws IllegalArgumentException if {@code updates} is not positive
   */
  public EmbeddedTelegram updateLogCapacity(int updates) {
    world.updateLogCapacity(updates);
    return this;
  }

  /** The request registry; handlers may be added while it runs. */
  public Services services() {
    return services;
  }

  Clock clock() {
    return clock;
  }

  /**
   * Creates a user who signs in with {@code phone} on DC 1; see {@link #createUser(String, String,
   * String, int)}.
   */
  public TestUser createUser(String phone, String firstName) {
    return createUser(phone, firstName, null, 1);
  }

  /** Creates a user who signs in with {@code phone} on DC 1. */
  public TestUser createUser(String phone, String firstName, @Nullable String lastName) {
    return createUser(phone, firstName, lastName, 1);
  }

  /**
   * Creates a user who signs in with {@code phone} (digits, optionally with {@code +}, spaces or
   * dashes) on data center {@code homeDc}; elsewhere {@code auth.sendCode} answers {@code
   * PHONE_MIGRATE_<homeDc>}. A number {@code 99966XYYYY} gets login code X repeated five times; any
   * other a random one, read with {@link #lastCode}.
   *
   * @throws IllegalArgumentException if the number is malformed or taken, or there is no such DC
   */
  public TestUser createUser(String phone, String firstName, @Nullable String lastName, int homeDc) {
    return new TestUser(world, world.createUser(phone, firstName, lastName, homeDc));
  }

  /** Creates a bot on DC 1; see {@link #createBot(String, String, int)}. */
  public TestUser createBot(String token, String username) {
    return createBot(token, username, 1);
  }

  /**
   * Creates a bot that signs in with {@code auth.importBotAuthorization} and {@code token} ({@code
   * <bot id>:<secret>}, as BotFather gives: the bot's id is the part before the colon) on data
   * center {@code homeDc}, elsewhere answering {@code USER_MIGRATE_<homeDc>}.
   *
   * @param username its username, ending with "bot" as Telegram requires
   * @throws IllegalArgumentException if the token or username is malformed or taken
   */
  public TestUser createBot(String token, String username, int homeDc) {
    return new TestUser(world, world.createBot(token, username, homeDc));
  }

  /**
   * Creates a basic group of {@code creator} and {@code members}, as if {@code creator}'s app called
   * {@code messages.createChat}: every member gets the "group created" service message.
   */
  public TestGroup createGroup(String title, TestUser creator, TestUser... members) {
    List<Account> invited = new ArrayList<>();
    for (TestUser m : members) {
      if (m.account != creator.account) {
        invited.add(m.account);
      }
    }
    try {
      Group g = world.createGroup(title, creator.account, invited, null);
      return new TestGroup(g.id, g.title);
    } catch (RpcErrorException e) {
      throw new IllegalArgumentException("Telegram refuses this group: " + e.errorMessage(), e);
    }
  }

  /**
   * The basic group {@code chatId}, such as one a client created with {@code messages.createChat}.
   *
   * @throws IllegalArgumentException if there is none
   */
  public TestGroup group(long chatId) {
    Group g = world.group(chatId);
    if (g == null) {
      throw new IllegalArgumentException("no basic group " + chatId);
    }
    return new TestGroup(g.id, g.title);
  }

  /**
   * The login code last sent to {@code phone} by {@code auth.sendCode}, as the phone would show it.
   *
   * @throws IllegalStateException if none was sent
   */
  public String lastCode(String phone) {
    String number = World.phone(phone);
    return auth.lastCode(number)
        .orElseThrow(() -> new IllegalStateException("no login code was sent to " + number));
  }

  AuthService auth() {
    return auth;
  }

  /** The account the request's auth key is signed in as; 401 AUTH_KEY_UNREGISTERED otherwise. */
  Account accountOf(RequestContext context) {
    long id = dataCenter(context.dcId()).userOf(context.authKeyId()).orElse(0);
    Account account = world.account(id);
    if (account == null) {
      // A key a test signed in with DataCenter.authorize as a user the world does not have.
      log.info("DC {}: user {} has no account in this world", context.dcId(), id);
      throw new RpcErrorException(401, AUTH_KEY_UNREGISTERED);
    }
    return account;
  }

  /** Whether any auth key on any data center is signed in as {@code userId}. */
  boolean signedIn(long userId) {
    return dataCenters.stream().anyMatch(dc -> !dc.authKeysOf(userId).isEmpty());
  }

  /**
   * Pushes {@code updates} to every session signed in as {@code userId}, on every data center, but
   * {@code except}, the session that gets them in its answer.
   */
  private void pushToAccount(long userId, TlObject updates, @Nullable RequestContext except) {
    for (DataCenter dc : dataCenters) {
      for (long key : dc.authKeysOf(userId)) {
        boolean origin = except != null && except.dcId() == dc.id() && except.authKeyId() == key;
        dc.push(key, origin ? except.sessionId() : null, updates);
      }
    }
  }

  /** Closes every listener and connection, and the event loop group if it is its own. */
  @Override
  public void close() {
    channels.close().awaitUninterruptibly();
    if (ownsGroup) {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
  }

  /**
   * Executes one client request, unless a fault says otherwise, and tells the connection what to
   * do with the answer. Called with the request's session locked.
   */
  Outcome execute(ServerSession.ClientMessage message, RequestContext context) {
    TlFunction<?> request;
    try {
      request = TlApi.readFunction(message.reader());
    } catch (TlDecodeException e) {
      log.info(
          "DC {}: undecodable request 0x{}: {}",
          context.dcId(),
          Integer.toHexString(message.constructorId()),
          e.getMessage());
      return new Outcome.Now(Outcome.Answer.error(message.msgId(), 400, "INPUT_METHOD_INVALID"));
    }
    request = Invocations.innermost(request);
    DataCenter dc = dataCenter(context.dcId());
    Faults.Action fault = faults.next(dc.id(), request);
    switch (fault) {
      case null -> {
        return new Outcome.Now(run(dc, request, context));
      }
      case Faults.Action.AnswerError e -> {
        log.info("DC {}: injected {} for {}", dc.id(), e.message(), methodName(request));
        return new Outcome.Now(Outcome.Answer.error(message.msgId(), e.code(), e.message()));
      }
      case Faults.Action.Delay d -> {
        log.info("DC {}: answering {} after {}", dc.id(), methodName(request), d.delay());
        return new Outcome.Later(run(dc, request, context), d.delay());
      }
      case Faults.Action.DropBefore() -> {
        log.info("DC {}: closing the connection on receipt of {}", dc.id(), methodName(request));
        return new Outcome.Drop();
      }
      case Faults.Action.Hostile h -> {
        log.info("DC {}: answering {} with {}", dc.id(), methodName(request), h.kind());
        boolean spoilsAnswer =
            h.kind() == Faults.HostileBytes.WRONG_AUTH_KEY_ID
                || h.kind() == Faults.HostileBytes.TAMPERED_MSG_KEY;
        return new Outcome.Hostile(h.kind(), spoilsAnswer ? run(dc, request, context) : null);
      }
      case Faults.Action.DropAfter() -> {
        log.info("DC {}: closing the connection after answering {}", dc.id(), methodName(request));
        return new Outcome.ThenClose(run(dc, request, context));
      }
    }
  }

  /** Executes {@code request} and counts it, turning any failure into its rpc_error. */
  private Outcome.Answer run(DataCenter dc, TlFunction<?> request, RequestContext context) {
    dc.executed(request);
    try {
      return Outcome.Answer.result(context.msgId(), answer(dc, request, context));
    } catch (RpcErrorException e) {
      return Outcome.Answer.error(context.msgId(), e.code(), e.errorMessage());
    } catch (RuntimeException e) {
      log.error("DC {}: {} failed", context.dcId(), methodName(request), e);
      return Outcome.Answer.error(context.msgId(), 500, "INTERNAL");
    }
  }

  private TlObject answer(DataCenter dc, TlFunction<?> request, RequestContext context) {
    switch (request) {
      case GetConfig g -> {
        return config(dc);
      }
      case GetNearestDc g -> {
        return new NearestDcCtor("NL", dc.id(), dc.id());
      }
      case ExportAuthorization e -> {
        return dc.exportAuthorization(context.authKeyId(), exportTarget(dc, e.dcId()));
      }
      case ImportAuthorization i -> {
        AuthorizationCtor imported = dc.importAuthorization(context.authKeyId(), i.id(), i.bytes());
        Account account = world.account(i.id());
        return account == null
            ? imported
            : new AuthorizationCtor(false, null, null, null, world.user(account, account));
      }
      default -> {
        if (!ALLOWED_BEFORE_SIGN_IN.contains(request.getClass().getPackageName())
            && !ALLOWED_METHODS_BEFORE_SIGN_IN.contains(request.getClass())
            && dc.userOf(context.authKeyId()).isEmpty()) {
          log.info("DC {}: {} before sign-in, answering 401", dc.id(), methodName(request));
          throw new RpcErrorException(401, AUTH_KEY_UNREGISTERED);
        }
        return dispatch(request, context);
      }
    }
  }

  /** The data center an authorization is exported to: another one of this Telegram. */
  private DataCenter exportTarget(DataCenter from, int dcId) {
    if (dcId == from.id() || dcId < 1 || dcId > dataCenters.size()) {
      throw new RpcErrorException(400, DC_ID_INVALID);
    }
    return dataCenters.get(dcId - 1);
  }

  private <F extends TlFunction<?>> TlObject dispatch(F request, RequestContext context) {
    RpcHandler<F> handler = services.handlerFor(request);
    if (handler == null) {
      log.info(
          "DC {}: no service implements {} (0x{}), answering 400 {}",
          context.dcId(),
          methodName(request),
          Integer.toHexString(request.constructorId()),
          METHOD_NOT_IMPLEMENTED);
      throw new RpcErrorException(400, METHOD_NOT_IMPLEMENTED);
    }
    return handler.handle(request, context);
  }

  private static String methodName(TlFunction<?> request) {
    String name = request.getClass().getName();
    return name.startsWith(API_PACKAGE) ? name.substring(API_PACKAGE.length()) : name;
  }

  /** Telegram's config with these data centers; the limits are the values Telegram sends. */
  private ConfigCtor config(DataCenter thisDc) {
    int now = (int) (clock.millis() / 1000);
    List<DcOption> options = new ArrayList<>();
    for (DataCenter dc : dataCenters) {
      options.add(
          new DcOptionCtor(
              false, false, false, false, false, false, dc.id(), dc.host(), dc.port(), null));
    }
    return new ConfigCtor(
        false, // default_p2p_contacts
        false, // preload_featured_stickers
        false, // revoke_pm_inbox
        false, // blocked_mode
        false, // force_try_ipv6
        now, // date
        now + 3600, // expires
        testServers, // test_mode
        thisDc.id(),
        options,
        "embedded.tgkit.invalid", // dc_txt_domain_name
        200, // chat_size_max
        200_000, // megagroup_size_max
        100, // forwarded_count_max
        210_000, // online_update_period_ms
        5_000, // offline_blur_timeout_ms
        30_000, // offline_idle_timeout_ms
        300_000, // online_cloud_timeout_ms
        30_000, // notify_cloud_delay_ms
        1_500, // notify_default_delay_ms
        60_000, // push_chat_period_ms
        2, // push_chat_limit
        172_800, // edit_time_limit
        Integer.MAX_VALUE, // revoke_time_limit
        Integer.MAX_VALUE, // revoke_pm_time_limit
        2_419_200, // rating_e_decay
        200, // stickers_recent_limit
        604_800, // channels_read_media_period
        null, // tmp_sessions
        20_000, // call_receive_timeout_ms
        90_000, // call_ring_timeout_ms
        30_000, // call_connect_timeout_ms
        10_000, // call_packet_timeout_ms
        "https://t.me/", // me_url_prefix
        null, // autoupdate_url_prefix
        "gif", // gif_search_username
        "foursquare", // venue_search_username
        "bing", // img_search_username
        null, // static_maps_provider
        1_024, // caption_length_max
        4_096, // message_length_max
        1, // webfile_dc_id
        null, // suggested_lang_code
        null, // lang_pack_version
        null, // base_lang_pack_version
        null, // reactions_default
        null); // autologin_token
  }

  /** Configures and starts an {@link EmbeddedTelegram}. */
  public static final class Builder {

    private int dataCenters = 1;
    private int firstPort;
    private String host = "127.0.0.1";
    private Duration saltPeriod = Duration.ofMinutes(30);
    private Clock clock = Clock.systemUTC();
    private @Nullable Long seed;
    private @Nullable EventLoopGroup group;
    private Services services = new Services();
    private @Nullable ProxySecret proxySecret;
    private boolean testServers;

    private Builder() {}

    /** How many data centers, 1 to 5 as Telegram has (default 1). */
    public Builder dataCenters(int count) {
      if (count < 1 || count > 5) {
        throw new IllegalArgumentException("between 1 and 5 data centers, got " + count);
      }
      this.dataCenters = count;
      return this;
    }

    /** The first data center's port; the others take the next ones. 0 (default): ephemeral. */
    public Builder firstPort(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("a port is 0..65535, got " + port);
      }
      this.firstPort = port;
      return this;
    }

    /** The address to listen on (default 127.0.0.1), also the one the config lists. */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /** How long a salt is current; the previous one is accepted as long again (default 30 min). */
    public Builder saltPeriod(Duration period) {
      if (period.isNegative() || period.isZero()) {
        throw new IllegalArgumentException("the salt period must be positive, got " + period);
      }
      this.saltPeriod = period;
      return this;
    }

    /** The server's clock (default the system clock), to test clients whose clock is off. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Draws the RSA keys from a seeded generator, so the keys are the same on every run. */
    public Builder rsaSeed(long seed) {
      this.seed = seed;
      return this;
    }

    /** An event loop group to share with others; it is not shut down by {@link #close()}. */
    public Builder eventLoopGroup(EventLoopGroup group) {
      this.group = group;
      return this;
    }

    /**
     * Makes every data center behave as an <a
     * href="https://core.telegram.org/mtproto/mtproto-transports#transport-obfuscation">MTProxy</a>
     * keyed with {@code secret}: only obfuscated connections keyed with it are accepted (only
     * padded intermediate for a {@code dd} secret), to test clients that connect through one.
     */
    public Builder proxySecret(ProxySecret secret) {
      this.proxySecret = secret;
      return this;
    }

    /**
     * Makes this Telegram one of the test servers: its config says {@code test_mode}, as the real
     * test servers' does (default: a production one). Each data center records the DC id the
     * clients name in their key exchanges ({@link DataCenter#namedDcIds()}), 10000 + id on a test server.
     */
    public Builder testServers(boolean testServers) {
      this.testServers = testServers;
      return this;
    }

    /** The request registry to use (default an empty one). */
    public Builder services(Services services) {
      this.services = services;
      return this;
    }

    /**
     * Generates the keys and binds every data center.
     *
     * @throws IllegalStateException if a port cannot be bound
     */
    public EmbeddedTelegram start() {
      SecureRandom random = new SecureRandom();
      Random keyRandom = seed == null ? random : new Random(seed);
      List<DataCenter> dcs = new ArrayList<>();
      for (int id = 1; id <= dataCenters; id++) {
        dcs.add(
            new DataCenter(
                id, host, RsaPrivateKey.generate(keyRandom), clock, random, saltPeriod.toMillis()));
      }
      EventLoopGroup shared = group;
      boolean owns = shared == null;
      EventLoopGroup loops =
          shared != null ? shared : new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
      EmbeddedTelegram telegram = new EmbeddedTelegram(this, dcs, loops, owns, random);
      try {
        for (DataCenter dc : dcs) {
          int port = firstPort == 0 ? 0 : firstPort + dc.id() - 1;
          Channel server =
              new ServerBootstrap()
                  .group(loops)
                  .channel(NioServerSocketChannel.class)
                  .childHandler(
                      new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                          telegram.channels.add(ch);
                          dc.accepted(ch);
                          ch.pipeline()
                              .addLast(
                                  new Connection(
                                      telegram,
                                      dc,
                                      random,
                                      Transport.detect(
                                          random,
                                          proxySecret,
                                          Transport.DEFAULT_MAX_FRAME_LENGTH)));
                        }
                      })
                  .bind(new InetSocketAddress(host, port))
                  .syncUninterruptibly()
                  .channel();
          telegram.channels.add(server);
          dc.bound(((InetSocketAddress) server.localAddress()).getPort());
          log.info("{} listening", dc);
        }
      } catch (RuntimeException e) {
        telegram.close();
        throw new IllegalStateException("cannot start the embedded Telegram: " + e.getMessage(), e);
      }
      return telegram;
    }
  }
}
