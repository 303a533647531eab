package dev.tgkit.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.mtproto.ClientSession;
import dev.tgkit.mtproto.auth.ClientHandshake;
import dev.tgkit.mtproto.transport.Framing;
import dev.tgkit.mtproto.transport.ProxySecret;
import dev.tgkit.mtproto.transport.Transport;
import dev.tgkit.net.Dialer;
import dev.tgkit.net.PlainHandshake;
import dev.tgkit.net.Proxy;
import dev.tgkit.net.Sender;
import dev.tgkit.test.internal.proxy.HttpConnectProxyServer;
import dev.tgkit.test.internal.proxy.Socks5ProxyServer;
import dev.tgkit.tl.api.Config;
import dev.tgkit.tl.api.ConfigCtor;
import dev.tgkit.tl.api.InitConnection;
import dev.tgkit.tl.api.InvokeWithLayer;
import dev.tgkit.tl.api.TlApi;
import dev.tgkit.tl.api.help.GetConfig;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.proxy.ProxyConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@link Dialer} through each kind of proxy, against the embedded Telegram over real TCP: a
 * fresh auth key, then {@code initConnection(help.getConfig)}, with the proxy's own counters
 * proving the bytes went through it.
 */
class DialerThroughProxyTest {

  static {
    NettyLeaks.install(); // before any buffer exists, so every leak is recorded
  }

  @RegisterExtension
  static final EmbeddedTelegramExtension TELEGRAM = new EmbeddedTelegramExtension();

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
  private static final SecureRandom RANDOM = new SecureRandom();

  private static EventLoopGroup group;

  @BeforeAll
  static void start() {
    group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
  }

  @AfterAll
  static void stop() throws InterruptedException {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    assertThat(NettyLeaks.collect()).isEmpty();
  }

  /** Dials {@code dc}, makes a key, and asks for the config as a client's first request does. */
  private static Config firstRequest(Dialer dialer, TestDataCenter dc, String host, int port)
      throws Exception {
    Channel ch = dialer.dial(dc.id(), host, port).get(30, TimeUnit.SECONDS);
    ClientHandshake.Done key = PlainHandshake.start(ch,
        ClientHandshake.Options.of(List.of(dc.publicKey())).withDcId(dc.id()),
        RANDOM, Clock.systemUTC(), Duration.ofSeconds(20)).get(30, TimeUnit.SECONDS);
    ClientSession session = new ClientSession(key.authKey(), key.firstSalt(),
        key.timeOffset() * 1000L, true, ClientSession.Limits.DEFAULT, RANDOM);
    Sender sender = new Sender(session, Clock.systemUTC(), update -> { });
    sender.attach(ch);
    try {
      return sender.invokeAsync(new InvokeWithLayer<>(TlApi.LAYER, new InitConnection<>(
          12345, "test device", "test os", "0.1", "en", "", "en", null, null, new GetConfig())))
          .get(30, TimeUnit.SECONDS);
    } finally {
      sender.close();
    }
  }

  private static Dialer dialer(Proxy proxy) {
    return new Dialer(group, Transport.obfuscated(Framing.INTERMEDIATE), CONNECT_TIMEOUT, RANDOM, proxy);
  }

  private static void assertFreshKeyAndConfigThrough(Proxy proxy) throws Exception {
    EmbeddedTelegram telegram = TELEGRAM.telegram();
    TestDataCenter dc = telegram.dataCenter(1);
    int exchangesBefore = telegram.exchanges();

    // "localhost", not the address: the proxy resolves the data center's name.
    Config config = firstRequest(dialer(proxy), dc, "localhost", dc.port());

    assertThat(telegram.exchanges()).isEqualTo(exchangesBefore + 1);
    assertThat(config).isInstanceOf(ConfigCtor.class);
  }

  @Test
  void createsAKeyAndGetsTheConfigThroughASocks5ProxyWithoutAuthentication() throws Exception {
    try (Socks5ProxyServer socks = Socks5ProxyServer.start()) {
      assertFreshKeyAndConfigThrough(Proxy.socks5(socks.host(), socks.port()));
      assertThat(socks.tunnels()).isEqualTo(1);
    }
  }

  @Test
  void createsAKeyAndGetsTheConfigThroughASocks5ProxyWithAPassword() throws Exception {
    try (Socks5ProxyServer socks = Socks5ProxyServer.builder().credentials("alice", "s3cret").start()) {
      assertFreshKeyAndConfigThrough(Proxy.socks5(socks.host(), socks.port(), "alice", "s3cret"));
      assertThat(socks.tunnels()).isEqualTo(1);
      assertThat(socks.rejectedLogins()).isZero();
    }
  }

  @Test
  void createsAKeyAndGetsTheConfigThroughAnHttpConnectProxy() throws Exception {
    try (HttpConnectProxyServer http = HttpConnectProxyServer.start()) {
      assertFreshKeyAndConfigThrough(Proxy.http(http.host(), http.port()));
      assertThat(http.tunnels()).isEqualTo(1);
    }
  }

  @Test
  void createsAKeyAndGetsTheConfigThroughAnHttpConnectProxyWithAPassword() throws Exception {
    try (HttpConnectProxyServer http =
        HttpConnectProxyServer.builder().credentials("bob", "p@ss:word").start()) {
      assertFreshKeyAndConfigThrough(Proxy.parse("http://bob:p%40ss%3Aword@" + http.host() + ":" + http.port()));
      assertThat(http.tunnels()).isEqualTo(1);
    }
  }

  @Test
  void aWrongSocks5PasswordFailsTheDialAtOnceWithoutShowingThePassword() throws Exception {
    try (Socks5ProxyServer socks = Socks5ProxyServer.builder().credentials("alice", "s3cret").start()) {
      TestDataCenter dc = TELEGRAM.telegram().dataCenter(1);
      Dialer dialer = dialer(Proxy.socks5(socks.host(), socks.port(), "alice", "hunter2"));

      // A 30 s wait on a 20 s proxy timeout would end in TimeoutException, not this, if it hung.
      assertThatThrownBy(() -> dialer.dial(dc.id(), dc.host(), dc.port()).get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(ProxyConnectException.class)
          .hasMessageContaining("authStatus: FAILURE")
          .hasMessageNotContaining("hunter2")
          .hasMessageNotContaining("s3cret");
      assertThat(socks.rejectedLogins()).isEqualTo(1);
      assertThat(socks.tunnels()).isZero();
    }
  }

  @Test
  void aWrongHttpProxyPasswordFailsTheDialWith407WithoutShowingThePassword() throws Exception {
    try (HttpConnectProxyServer http = HttpConnectProxyServer.builder().credentials("bob", "s3cret").start()) {
      TestDataCenter dc = TELEGRAM.telegram().dataCenter(1);
      Dialer dialer = dialer(Proxy.http(http.host(), http.port(), "bob", "hunter2"));

      assertThatThrownBy(() -> dialer.dial(dc.id(), dc.host(), dc.port()).get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(ProxyConnectException.class)
          .hasMessageContaining("407")
          .hasMessageNotContaining("hunter2");
      assertThat(http.rejectedLogins()).isEqualTo(1);
      assertThat(http.tunnels()).isZero();
    }
  }

  @Test
  void anUnreachableTargetFailsTheDialThroughTheProxy() throws Exception {
    try (Socks5ProxyServer socks = Socks5ProxyServer.start()) {
      TestDataCenter dc = TELEGRAM.telegram().dataCenter(1);
      int closedPort = closedPort();
      Dialer dialer = dialer(Proxy.socks5(socks.host(), socks.port()));

      assertThatThrownBy(() -> dialer.dial(dc.id(), "127.0.0.1", closedPort).get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(ProxyConnectException.class)
          .hasMessageContaining("HOST_UNREACHABLE");
      assertThat(socks.tunnels()).isZero();
    }
  }

  @Test
  void aProxyThatNeverAnswersFailsTheDialAfterTheConnectTimeout() throws Exception {
    // The kernel completes the TCP handshake from the backlog; nothing ever reads or answers.
    try (ServerSocket silent = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
      TestDataCenter dc = TELEGRAM.telegram().dataCenter(1);
      Dialer dialer = new Dialer(group, Transport.obfuscated(Framing.INTERMEDIATE), Duration.ofSeconds(1), RANDOM,
          Proxy.socks5("127.0.0.1", silent.getLocalPort()));

      assertThatThrownBy(() -> dialer.dial(dc.id(), dc.host(), dc.port()).get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(ProxyConnectException.class)
          .hasMessageContaining("timeout");
    }
  }

  @Test
  void anMtProxyWithAPlainSecretAcceptsTheDialledClient() throws Exception {
    assertThroughMtProxy(ProxySecret.parse("00112233445566778899aabbccddeeff"));
  }

  @Test
  void anMtProxyWithADdSecretAcceptsTheDialledClient() throws Exception {
    assertThroughMtProxy(ProxySecret.parse("dd00112233445566778899aabbccddeeff"));
  }

  private static void assertThroughMtProxy(ProxySecret secret) throws Exception {
    try (EmbeddedTelegram proxied = EmbeddedTelegram.builder().proxySecret(secret).start()) {
      TestDataCenter dc = proxied.dataCenter(1);
      // Configured for plain abridged, which the MTProxy would refuse: the proxy's transport wins.
      Dialer dialer = new Dialer(
          group, Transport.plain(Framing.ABRIDGED), CONNECT_TIMEOUT, RANDOM,
          Proxy.mtProxy(dc.host(), dc.port(), secret));
      assertThat(dialer.transport()).isEqualTo(Transport.mtProxy(secret));

      // The data center's address is ignored: the MTProxy is dialled instead.
      Config config = firstRequest(dialer, dc, "127.0.0.1", closedPort());

      assertThat(config).isInstanceOf(ConfigCtor.class);
      assertThat(proxied.exchanges()).isEqualTo(1);
    }
  }

  /** A loopback port nothing listens on: one that was just bound and released. */
  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
