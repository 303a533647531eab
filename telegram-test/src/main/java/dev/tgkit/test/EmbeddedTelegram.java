package dev.tgkit.test;

import dev.tgkit.client.Client;
import dev.tgkit.client.types.PasswordToken;
import dev.tgkit.crypto.RsaPrivateKey;
import dev.tgkit.crypto.RsaPublicKey;
import dev.tgkit.mtproto.RpcErrors;
import dev.tgkit.mtproto.ServerSession;
import dev.tgkit.mtproto.transport.ProxySecret;
import dev.tgkit.session.MemoryStorage;
import dev.tgkit.test.internal.server.Cluster;
import dev.tgkit.test.internal.server.RequestExecutor;
import dev.tgkit.test.internal.server.ServerConfig;
import dev.tgkit.test.internal.server.ServerDataCenter;
import dev.tgkit.test.internal.services.Callers;
import dev.tgkit.test.internal.services.auth.AuthService;
import dev.tgkit.test.internal.services.messages.MessagesService;
import dev.tgkit.test.internal.services.updates.UpdatesService;
import dev.tgkit.test.internal.services.users.UsersService;
import dev.tgkit.test.internal.world.Account;
import dev.tgkit.test.internal.world.BasicGroup;
import dev.tgkit.test.internal.world.World;
import dev.tgkit.tl.TlObject;
import dev.tgkit.tl.api.UpdatesTooLong;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

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
 * with {@link TestDataCenter#authorize}. A signed-in key moves to another data
 * center by <a href="https://core.telegram.org/api/datacenter#authorization-transfer">authorization
 * transfer</a>: {@code auth.exportAuthorization(dc_id)} returns the user id and 32 random bytes the
 * target data center accepts once in {@code auth.importAuthorization}, which signs the calling key
 * in there ({@link #DC_ID_INVALID} and {@link #AUTH_BYTES_INVALID} otherwise).
 *
 * <p>For tests: {@link #faults()} makes chosen requests fail, answer late or drop their
 * connection; each {@link TestDataCenter} counts the containers it received and the requests it
 * executed; {@link #push(TlObject)} and {@link TestDataCenter#push(long, TlObject)} send updates to
 * connected sessions on demand.
 *
 * <p>Start it with {@link #builder()}; {@link #close()} stops it. All data centers share one Netty
 * event loop group (its own, or the one given to the builder).
 */
public final class EmbeddedTelegram implements AutoCloseable {

  /** The api_id {@link #clientBuilder()} gives clients; any works here, as on Telegram's test servers. */
  public static final int TEST_API_ID = 12345;

  /** The api_hash {@link #clientBuilder()} gives clients. */
  public static final String TEST_API_HASH = "0123456789abcdef0123456789abcdef";

  /** The error name of a request no service implements. */
  public static final String METHOD_NOT_IMPLEMENTED = "METHOD_NOT_IMPLEMENTED";

  /** The error name of a request that needs a signed-in account. */
  public static final String AUTH_KEY_UNREGISTERED = RpcErrors.AUTH_KEY_UNREGISTERED;

  /** The error name of {@code auth.exportAuthorization} to no other data center of this Telegram. */
  public static final String DC_ID_INVALID = RpcErrors.DC_ID_INVALID;

  /** The error name of {@code auth.importAuthorization} with bytes no data center exported. */
  public static final String AUTH_BYTES_INVALID = RpcErrors.AUTH_BYTES_INVALID;

  private final Cluster cluster;
  private final Services services;
  private final Faults faults;
  private final EventLoopGroup group;
  private final boolean ownsGroup;
  private final World world;
  private final AuthService auth;

  private final RequestExecutor executor;

  private EmbeddedTelegram(
      Builder b,
      List<ServerDataCenter> dataCenters,
      EventLoopGroup group,
      boolean ownsGroup,
      RandomGenerator random,
      Faults faults) {
    this.cluster = new Cluster(dataCenters);
    this.faults = faults;
    this.services = b.services;
    this.group = group;
    this.ownsGroup = ownsGroup;
    this.world = new World(b.clock, random, dataCenters.size(), cluster::pushToAccount);
    this.auth = new AuthService(cluster, world, b.clock, random);
    auth.register(services);
    Callers callers = new Callers(cluster, world);
    new UsersService(callers, world).register(services);
    new MessagesService(callers, world).register(services);
    new UpdatesService(callers, world).register(services);
    this.executor =
        new RequestExecutor(
            cluster, faults::next, services, world, new ServerConfig(cluster, b.clock, b.testServers));
  }

  /** A builder with one data center on an ephemeral port. */
  public static Builder builder() {
    return new Builder();
  }

  /** The data centers, DC 1 first. */
  public List<TestDataCenter> dataCenters() {
    return List.copyOf(cluster.dataCenters());
  }

  /**
   * The data center with {@code id}.
   *
   * @throws IllegalArgumentException if there is none
   */
  public TestDataCenter dataCenter(int id) {
    return cluster.dataCenter(id);
  }

  /** The public keys of every data center, which clients must trust. */
  public List<RsaPublicKey> publicKeys() {
    return cluster.dataCenters().stream().map(ServerDataCenter::publicKey).toList();
  }

  /** Completed auth-key exchanges over all data centers. */
  public int exchanges() {
    return cluster.dataCenters().stream().mapToInt(ServerDataCenter::exchanges).sum();
  }

  /**
   * Containers ({@code msg_container}) received from clients over all data centers: a client that
   * sends bursts of requests should pack them together.
   */
  public int containersReceived() {
    return cluster.dataCenters().stream().mapToInt(ServerDataCenter::containersReceived).sum();
  }

  /**
   * Sends {@code message} to every session with an open connection on every data center; see
   * {@link TestDataCenter#push(TlObject)}.
   *
   * @return how many sessions it was queued for
   */
  public int push(TlObject message) {
    return cluster.dataCenters().stream().mapToInt(dc -> dc.push(message)).sum();
  }

  /**
   * Pushes {@code updatesTooLong} to every session of {@code account} now, through its push
   * faults: what Telegram sends when it has too many updates for a client to push them, telling it
   * to call {@code updates.getDifference}.
   *
   * @return how many sessions it was sent to
   */
  public int pushUpdatesTooLong(TestUser account) {
    return cluster.pushToAccount(account.id(), new UpdatesTooLong(), null);
  }

  /**
   * Forgets the MTProto sessions of every auth key signed in as {@code account}, on every data
   * center, as Telegram does when it lost a client's session: the keys and the sign-in stay, what
   * was queued for the sessions is lost, nothing is pushed to them until the client sends again,
   * and its next message is answered after a {@code new_session_created}, which tells it to call
   * {@code updates.getDifference}.
   *
   * @return how many sessions were forgotten
   */
  public int forgetSessions(TestUser account) {
    return cluster.dataCenters().stream().mapToInt(dc -> dc.forgetSessions(account.id())).sum();
  }

  /** The misbehaviour to show for chosen requests and pushes; see {@link Faults}. */
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
      BasicGroup g = world.createGroup(title, creator.account, invited, null);
      return new TestGroup(g.id, g.title);
    } catch (RpcErrorException e) {
      throw new IllegalArgumentException("Telegram refuses this group: " + e.errorMessage(), e);
    }
  }

  /**
   * A client builder pointed at this Telegram: DC 1's address, the keys of every data center, and
   * {@link #TEST_API_ID}/{@link #TEST_API_HASH}. Add a storage, handlers' settings and the like,
   * then build; the client finds the other data centers in the config, as on Telegram.
   */
  public Client.Builder clientBuilder() {
    TestDataCenter dc = dataCenter(1);
    return Client.builder()
        .apiId(TEST_API_ID)
        .apiHash(TEST_API_HASH)
        .dataCenter(dc.id(), dc.host(), dc.port())
        .publicKeys(publicKeys());
  }

  /**
   * A client of {@link #clientBuilder()} with a memory storage, connected and signed in as {@code
   * account}: a bot with its token, a user with the login code this Telegram sent it. The caller
   * closes it.
   *
   * @throws IllegalStateException if the user has two-step verification, whose password this
   *     Telegram does not keep: sign such a user in with {@link Client#checkPassword}
   */
  public Client signedIn(TestUser account) {
    Client client = clientBuilder().storage(new MemoryStorage()).build();
    try {
      client.connect();
      String token = account.account.botToken;
      String phone = account.phone();
      if (token != null) {
        client.botSignIn(token);
      } else if (phone != null
          && client.signIn(client.requestLoginCode(phone), lastCode(phone)) instanceof PasswordToken) {
        throw new IllegalStateException(
            account + " has two-step verification: sign in with Client.checkPassword");
      }
      return client;
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }

  /**
   * The basic group {@code chatId}, such as one a client created with {@code messages.createChat}.
   *
   * @throws IllegalArgumentException if there is none
   */
  public TestGroup group(long chatId) {
    BasicGroup g = world.group(chatId);
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

  /** Closes every listener and connection, and the event loop group if it is its own. */
  @Override
  public void close() {
    cluster.close();
    if (ownsGroup) {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
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
     * clients name in their key exchanges ({@link TestDataCenter#namedDcIds()}), 10000 + id on a test server.
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
      // Made before the data centers, which consult its push faults on every push.
      Faults faults = new Faults();
      List<ServerDataCenter> dcs = new ArrayList<>();
      for (int id = 1; id <= dataCenters; id++) {
        dcs.add(
            new ServerDataCenter(
                id,
                host,
                RsaPrivateKey.generate(keyRandom),
                clock,
                random,
                saltPeriod.toMillis(),
                faults::nextPush));
      }
      EventLoopGroup shared = group;
      boolean owns = shared == null;
      EventLoopGroup loops =
          shared != null ? shared : new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
      EmbeddedTelegram telegram = new EmbeddedTelegram(this, dcs, loops, owns, random, faults);
      try {
        telegram.cluster.bind(loops, host, firstPort, telegram.executor, clock, random, proxySecret);
      } catch (RuntimeException e) {
        telegram.close();
        throw new IllegalStateException("cannot start the embedded Telegram: " + e.getMessage(), e);
      }
      return telegram;
    }
  }
}
