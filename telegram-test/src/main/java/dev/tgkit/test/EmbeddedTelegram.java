package dev.tgkit.test;

import dev.tgkit.crypto.RsaPrivateKey;
import dev.tgkit.crypto.RsaPublicKey;
import dev.tgkit.mtproto.ServerSession;
import dev.tgkit.mtproto.transport.ProxySecret;
import dev.tgkit.mtproto.transport.Transport;
import dev.tgkit.tl.TlDecodeException;
import dev.tgkit.tl.TlFunction;
import dev.tgkit.tl.TlObject;
import dev.tgkit.tl.api.ConfigCtor;
import dev.tgkit.tl.api.DcOption;
import dev.tgkit.tl.api.DcOptionCtor;
import dev.tgkit.tl.api.InitConnection;
import dev.tgkit.tl.api.InvokeAfterMsg;
import dev.tgkit.tl.api.InvokeWithLayer;
import dev.tgkit.tl.api.InvokeWithoutUpdates;
import dev.tgkit.tl.api.NearestDcCtor;
import dev.tgkit.tl.api.TlApi;
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
 * the {@link Services} registry. As no account is ever signed in yet, requests outside the {@code
 * help} and {@code auth} namespaces get 401 {@code AUTH_KEY_UNREGISTERED}, like Telegram before
 * sign-in (<a href="https://core.telegram.org/api/errors">errors</a>).
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

  /** Namespaces a client may call before signing in: the rest need an authorization. */
  private static final Set<String> ALLOWED_BEFORE_SIGN_IN =
      Set.of(GetConfig.class.getPackageName(), "dev.tgkit.tl.api.auth");

  private static final String API_PACKAGE = "dev.tgkit.tl.api.";

  private final List<DataCenter> dataCenters;
  private final Services services;
  private final Faults faults = new Faults();
  private final Clock clock;
  private final EventLoopGroup group;
  private final boolean ownsGroup;
  private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

  private EmbeddedTelegram(
      Builder b, List<DataCenter> dataCenters, EventLoopGroup group, boolean ownsGroup) {
    this.dataCenters = List.copyOf(dataCenters);
    this.services = b.services;
    this.clock = b.clock;
    this.group = group;
    this.ownsGroup = ownsGroup;
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

  /** The request registry; handlers may be added while it runs. */
  /** The errors to answer instead of executing chosen requests; see {@link Faults}. */
  public Faults faults() {
    return faults;
  }

  public Services services() {
    return services;
  }

  Clock clock() {
    return clock;
  }

  /** Closes every listener and connection, and the event loop group if it is its own. */
  @Override
  public void close() {
    channels.close().awaitUninterruptibly();
    if (ownsGroup) {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
  }

  /** Executes one client request in {@code session}; called with the session locked. */
  void execute(ServerSession session, ServerSession.ClientMessage message, RequestContext context) {
    TlFunction<?> request;
    try {
      request = TlApi.readFunction(message.reader());
    } catch (TlDecodeException e) {
      log.info(
          "DC {}: undecodable request 0x{}: {}",
          context.dcId(),
          Integer.toHexString(message.constructorId()),
          e.getMessage());
      session.answerError(message.msgId(), 400, "INPUT_METHOD_INVALID");
      return;
    }
    request = unwrap(request);
    try {
      session.answer(message.msgId(), answer(request, context));
    } catch (RpcErrorException e) {
      session.answerError(message.msgId(), e.code(), e.errorMessage());
    } catch (RuntimeException e) {
      log.error("DC {}: {} failed", context.dcId(), methodName(request), e);
      session.answerError(message.msgId(), 500, "INTERNAL");
    }
  }

  private static TlFunction<?> unwrap(TlFunction<?> request) {
    TlFunction<?> f = request;
    while (true) {
      switch (f) {
        case InvokeWithLayer<?> w -> f = w.query();
        case InitConnection<?> w -> f = w.query();
        case InvokeWithoutUpdates<?> w -> f = w.query();
        case InvokeAfterMsg<?> w -> f = w.query();
        default -> {
          return f;
        }
      }
    }
  }

  private TlObject answer(TlFunction<?> request, RequestContext context) {
    DataCenter dc = dataCenter(context.dcId());
    RpcErrorException injected = faults.next(dc.id(), request);
    if (injected != null) {
      log.info("DC {}: injected {} for {}", dc.id(), injected.errorMessage(), methodName(request));
      throw injected;
    }
    if (request instanceof GetConfig) {
      return config(dc);
    }
    if (request instanceof GetNearestDc) {
      return new NearestDcCtor("NL", dc.id(), dc.id());
    }
    if (!ALLOWED_BEFORE_SIGN_IN.contains(request.getClass().getPackageName())) {
      log.info("DC {}: {} before sign-in, answering 401", dc.id(), methodName(request));
      throw new RpcErrorException(401, AUTH_KEY_UNREGISTERED);
    }
    return dispatch(request, context);
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
        false, // test_mode
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
      EmbeddedTelegram telegram = new EmbeddedTelegram(this, dcs, loops, owns);
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
