package dev.tgkit.test.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.test.NettyLeaks;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The test proxies against the JDK's own SOCKS5 and HTTP CONNECT clients ({@code java.net.Socket}
 * through a {@code java.net.Proxy}), so they are checked by a client other than Netty's.
 */
class ProxyServersTest {

  static {
    NettyLeaks.install(); // before any buffer exists, so every leak is recorded
  }

  private static final int TIMEOUT_MILLIS = 10_000;

  @AfterAll
  static void noLeaks() throws InterruptedException {
    assertThat(NettyLeaks.collect()).isEmpty();
  }

  private static ServerSocket target() throws Exception {
    ServerSocket target = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    target.setSoTimeout(TIMEOUT_MILLIS);
    return target;
  }

  private static Socket through(Proxy.Type type, String host, int port, ServerSocket target)
      throws Exception {
    Socket client = new Socket(new Proxy(type, new InetSocketAddress(host, port)));
    client.setSoTimeout(TIMEOUT_MILLIS);
    client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target.getLocalPort()), TIMEOUT_MILLIS);
    return client;
  }

  private static void assertRelaysBothWays(Socket client, Socket accepted) throws Exception {
    accepted.setSoTimeout(TIMEOUT_MILLIS);
    client.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
    assertThat(accepted.getInputStream().readNBytes(4)).asString(StandardCharsets.US_ASCII).isEqualTo("ping");
    accepted.getOutputStream().write("pong".getBytes(StandardCharsets.US_ASCII));
    assertThat(client.getInputStream().readNBytes(4)).asString(StandardCharsets.US_ASCII).isEqualTo("pong");
  }

  @Test
  void socks5RelaysBothWaysAndClosesTheTargetWhenTheClientCloses() throws Exception {
    try (Socks5ProxyServer socks = Socks5ProxyServer.start();
        ServerSocket target = target();
        Socket client = through(Proxy.Type.SOCKS, socks.host(), socks.port(), target);
        Socket accepted = target.accept()) {
      assertRelaysBothWays(client, accepted);
      assertThat(socks.tunnels()).isEqualTo(1);

      client.close();

      assertThat(accepted.getInputStream().read()).isEqualTo(-1);
    }
  }

  @Test
  void httpConnectRelaysBothWaysAndClosesTheClientWhenTheTargetCloses() throws Exception {
    try (HttpConnectProxyServer http = HttpConnectProxyServer.start();
        ServerSocket target = target();
        Socket client = through(Proxy.Type.HTTP, http.host(), http.port(), target);
        Socket accepted = target.accept()) {
      assertRelaysBothWays(client, accepted);
      assertThat(http.tunnels()).isEqualTo(1);

      accepted.close();

      assertThat(client.getInputStream().read()).isEqualTo(-1);
    }
  }

  @Test
  void socks5WithCredentialsRefusesAClientThatOffersNoAuthentication() throws Exception {
    try (Socks5ProxyServer socks = Socks5ProxyServer.builder().credentials("alice", "s3cret").start();
        ServerSocket target = target()) {
      // The JDK's client offers username/password only when an Authenticator is set; none is.
      assertThatThrownBy(() -> through(Proxy.Type.SOCKS, socks.host(), socks.port(), target))
          .isInstanceOf(java.net.SocketException.class);
      assertThat(socks.tunnels()).isZero();
    }
  }

  @Test
  void httpConnectAnswers407WithoutTheRightCredentialsAnd405ToOtherMethods() throws Exception {
    try (HttpConnectProxyServer http = HttpConnectProxyServer.builder().credentials("bob", "s3cret").start()) {
      assertThat(exchange(http, "CONNECT 127.0.0.1:1 HTTP/1.1\r\nHost: 127.0.0.1:1\r\n\r\n"))
          .startsWith("HTTP/1.1 407 ")
          .contains("proxy-authenticate: Basic");
      assertThat(exchange(http, "GET http://127.0.0.1:1/ HTTP/1.1\r\nHost: 127.0.0.1:1\r\n\r\n"))
          .startsWith("HTTP/1.1 405 ");
      assertThat(http.rejectedLogins()).isEqualTo(1);
      assertThat(http.tunnels()).isZero();
    }
  }

  @Test
  void httpConnectAnswers502WhenTheTargetRefuses() throws Exception {
    int closedPort;
    try (ServerSocket s = target()) {
      closedPort = s.getLocalPort();
    }
    try (HttpConnectProxyServer http = HttpConnectProxyServer.start()) {
      String authority = "127.0.0.1:" + closedPort;
      assertThat(exchange(http, "CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n"))
          .startsWith("HTTP/1.1 502 ");
    }
  }

  /** Sends a raw request and reads the whole answer, which ends when the proxy closes. */
  private static String exchange(HttpConnectProxyServer http, String request) throws Exception {
    try (Socket s = new Socket(http.host(), http.port())) {
      s.setSoTimeout(TIMEOUT_MILLIS);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }
}
