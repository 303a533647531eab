package dev.tgkit.net;

import dev.tgkit.mtproto.transport.Obfuscation;
import dev.tgkit.mtproto.transport.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.proxy.HttpProxyHandler;
import io.netty.handler.proxy.ProxyConnectException;
import io.netty.handler.proxy.ProxyHandler;
import io.netty.handler.proxy.Socks5ProxyHandler;
import io.netty.resolver.DefaultAddressResolverGroup;
import io.netty.resolver.NoopAddressResolverGroup;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Opens TCP connections to data centers, ready for MTProto: each new channel has the client
 * transport handlers ({@link ClientTransportHandlers}) at the end of its pipeline. One dialer
 * serves every data center of a client; it holds no connection itself.
 *
 * <p>Every connection may go through a {@link Proxy}: a SOCKS5 or HTTP proxy tunnels to the data
 * center's address, which the proxy resolves; an MTProxy is connected to instead of the data center
 * and forwards by the DC id in the obfuscated init.
 *
 * <p>Thread-safe. The channels run on {@code group}, which many clients may share.
 */
public final class Dialer {

  /** Pipeline name of the SOCKS5 or HTTP proxy handler, first in the pipeline when there is one. */
  public static final String PROXY_HANDLER_NAME = "tgkit.proxy";

  private static final String PROXY_FAILURE_NAME = "tgkit.proxy.failure";

  private final EventLoopGroup group;
  private final Transport transport;
  private final Duration connectTimeout;
  private final RandomGenerator random;
  private final @Nullable Proxy proxy;
  private final boolean testServers;
  // Whether connections go to an MTProxy, which routes by the DC id in the obfuscated init.
  private final boolean routesByDc;

  /**
   * A dialer that connects directly.
   *
   * @param transport what every connection speaks
   * @param connectTimeout how long a TCP connect may take
   * @param random draws the obfuscated inits and padding: a {@code SecureRandom} outside tests,
   *     used from several event loops at once
   * @throws IllegalArgumentException if {@code connectTimeout} is not positive
   */
  public Dialer(EventLoopGroup group, Transport transport, Duration connectTimeout, RandomGenerator random) {
    this(group, transport, connectTimeout, random, null);
  }

  /**
   * A dialer that connects through {@code proxy}.
   *
   * @param transport what every connection speaks, except through an {@link Proxy.MtProxy}: an
   *     MTProxy understands only {@link Transport#mtProxy} with its secret, so that replaces it
   * @param connectTimeout how long a TCP connect may take; through a SOCKS5 or HTTP proxy, also
   *     how long the proxy may take to open the tunnel after that
   * @param random draws the obfuscated inits and padding: a {@code SecureRandom} outside tests,
   *     used from several event loops at once
   * @param proxy the proxy, or null to connect directly
   * @throws IllegalArgumentException if {@code connectTimeout} is not positive
   */
  public Dialer(
      EventLoopGroup group,
      Transport transport,
      Duration connectTimeout,
      RandomGenerator random,
      @Nullable Proxy proxy) {
    this(group, transport, connectTimeout, random, proxy, false);
  }

  private Dialer(EventLoopGroup group, Transport transport, Duration connectTimeout, RandomGenerator random,
      @Nullable Proxy proxy, boolean testServers) {
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("the connect timeout must be positive, got " + connectTimeout);
    }
    this.group = group;
    this.transport = proxy instanceof Proxy.MtProxy mt ? Transport.mtProxy(mt.secret()) : transport;
    this.connectTimeout = connectTimeout;
    this.random = random;
    this.proxy = proxy;
    this.testServers = testServers;
    this.routesByDc = this.transport instanceof Transport.Obfuscated o && o.secret() != null;
  }

  /**
   * This dialer, for Telegram's test servers: an MTProxy is asked for test data center {@code
   * 10000 + id} rather than production's {@code id}.
   */
  public Dialer forTestServers() {
    return new Dialer(group, transport, connectTimeout, random, proxy, true);
  }

  /** The event loop group the channels run on. */
  public EventLoopGroup group() {
    return group;
  }

  /** What every connection speaks: the configured transport, or an MTProxy's. */
  public Transport transport() {
    return transport;
  }

  /** The proxy every connection goes through, or null for direct connections. */
  public @Nullable Proxy proxy() {
    return proxy;
  }

  /**
   * Connects to data center {@code dcId} at {@code host:port}. The future completes, on the
   * channel's event loop, with the connected channel once MTProto payloads can be written to it,
   * or fails with the connect's exception (a {@code java.net.ConnectException}, Netty's {@code
   * ConnectTimeoutException}, ...).
   *
   * <p>Through a SOCKS5 or HTTP proxy it completes once the proxy has opened the tunnel, and fails
   * with Netty's {@code ProxyConnectException} if the proxy refuses (wrong credentials, target
   * unreachable) or takes longer than the connect timeout; its message names the proxy and the
   * target, never a credential. Through an MTProxy, {@code host} and {@code port} are not used:
   * the MTProxy is connected to, and it forwards to data center {@code dcId}.
   */
  public CompletableFuture<Channel> dial(int dcId, String host, int port) {
    return switch (proxy) {
      case null -> connect(group, dcId, InetSocketAddress.createUnresolved(host, port), null);
      case Proxy.MtProxy mt ->
          connect(group, dcId, InetSocketAddress.createUnresolved(mt.host(), mt.port()), null);
      case Proxy.Socks5 s ->
          tunnel(dcId, host, port, s,
              address -> s.username() == null
                  ? new Socks5ProxyHandler(address)
                  : new Socks5ProxyHandler(address, s.username(), s.password()));
      case Proxy.Http h ->
          tunnel(dcId, host, port, h,
              address -> h.username() == null
                  ? new HttpProxyHandler(address)
                  : new HttpProxyHandler(address, h.username(), h.password()));
    };
  }

  /**
   * Resolves the proxy's own address first: a {@code ProxyHandler} connects to the address it was
   * made with, and the socket cannot connect to an unresolved one.
   */
  private CompletableFuture<Channel> tunnel(
      int dcId, String host, int port, Proxy via, Function<InetSocketAddress, ProxyHandler> handlers) {
    CompletableFuture<Channel> result = new CompletableFuture<>();
    EventLoop loop = group.next();
    DefaultAddressResolverGroup.INSTANCE
        .getResolver(loop)
        .resolve(InetSocketAddress.createUnresolved(via.host(), via.port()))
        .addListener(
            (Future<InetSocketAddress> resolved) -> {
              if (!resolved.isSuccess()) {
                result.completeExceptionally(resolved.cause());
                return;
              }
              ProxyHandler handler = handlers.apply(resolved.getNow());
              handler.setConnectTimeoutMillis(connectTimeout.toMillis());
              // The data center's name stays unresolved: the proxy resolves it, which matters where
              // local DNS is blocked or lies.
              connect(loop, dcId, InetSocketAddress.createUnresolved(host, port), handler)
                  .whenComplete(
                      (ch, error) -> {
                        if (error != null) {
                          result.completeExceptionally(error);
                        } else {
                          result.complete(ch);
                        }
                      });
            });
    return result;
  }

  /**
   * Connects to {@code target}, unresolved: without a proxy handler Netty resolves it off the
   * caller's thread; with one, the handler sends it to the proxy as it is and connects to the proxy
   * instead, so nothing may resolve it here.
   */
  private CompletableFuture<Channel> connect(
      EventLoopGroup loops, int dcId, InetSocketAddress target, @Nullable ProxyHandler via) {
    CompletableFuture<Channel> result = new CompletableFuture<>();
    int millis = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
    Bootstrap bootstrap = new Bootstrap()
        .group(loops)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, millis)
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            if (via != null) {
              // First, so that it sees the raw socket bytes and holds back the transport's writes
              // until the tunnel is open.
              ch.pipeline().addFirst(PROXY_HANDLER_NAME, via);
              ch.pipeline().addAfter(PROXY_HANDLER_NAME, PROXY_FAILURE_NAME, new ProxyFailure());
            }
            ClientTransportHandlers.install(
                ch.pipeline(), transport, random, dcField(dcId), Transport.DEFAULT_MAX_FRAME_LENGTH);
          }
        });
    if (via != null) {
      bootstrap.resolver(NoopAddressResolverGroup.INSTANCE);
    }
    ChannelFuture connect = bootstrap.connect(target);
    connect.addListener(done -> {
      if (!done.isSuccess()) {
        result.completeExceptionally(done.cause());
      } else if (via == null) {
        result.complete(connect.channel());
      } else {
        // The proxy handler closes the channel itself when the tunnel fails.
        via.connectFuture().addListener(tunnel -> {
          if (tunnel.isSuccess()) {
            connect.channel().pipeline().remove(PROXY_FAILURE_NAME);
            result.complete(connect.channel());
          } else {
            result.completeExceptionally(tunnel.cause());
          }
        });
      }
    });
    return result;
  }

  /**
   * Takes the exception a proxy handler fires when the tunnel fails: the dial's future reports it,
   * so it should not also reach the pipeline's tail as an "unhandled" warning.
   */
  private static final class ProxyFailure extends ChannelInboundHandlerAdapter {
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (!(cause instanceof ProxyConnectException)) {
        ctx.fireExceptionCaught(cause);
      }
    }
  }

  /**
   * The DC field of the obfuscated init: the DC id (10000 higher for a test server) for an MTProxy
   * to route by; elsewhere 0, and the field stays random.
   */
  private int dcField(int dcId) {
    return routesByDc ? Obfuscation.dcField(dcId, testServers, false) : 0;
  }

  @Override
  public String toString() {
    return "Dialer["
        + transport
        + ", connect timeout "
        + connectTimeout
        + (proxy == null ? "" : ", via " + proxy)
        + (testServers ? ", test servers" : "")
        + "]";
  }
}
