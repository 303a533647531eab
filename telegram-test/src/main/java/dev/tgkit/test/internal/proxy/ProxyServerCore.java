package dev.tgkit.test.internal.proxy;

import dev.tgkit.test.internal.server.Listener;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * What the test proxies share: a listener on loopback, the tunnels' outbound connections, the
 * byte relay between both ends of a tunnel, counters and shutdown. A proxy adds its handshake in
 * {@link #install}.
 */
public abstract class ProxyServerCore implements AutoCloseable {

  private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

  private final EventLoopGroup group;
  private final boolean ownsGroup;
  private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private final AtomicInteger tunnels = new AtomicInteger();
  private final AtomicInteger rejectedLogins = new AtomicInteger();
  private final Channel server;
  private final @Nullable String username;

  /**
   * Listens on an ephemeral loopback port. Accepted channels get {@link #install} although the
   * subclass is still being constructed: no client can connect before the constructor returns,
   * since the port is only known from {@link #port()}.
   *
   * @param username the login the proxy asks for, null for none
   */
  ProxyServerCore(@Nullable EventLoopGroup shared, @Nullable String username) {
    this.username = username;
    this.ownsGroup = shared == null;
    this.group = shared != null ? shared : new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try {
      this.server = Listener.bind(group, "127.0.0.1", 0, channels, this::install);
    } catch (RuntimeException e) {
      if (ownsGroup) {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
      }
      throw new IllegalStateException("cannot start the test proxy: " + e.getMessage(), e);
    }
  }

  /** Adds the proxy's handshake handlers to an accepted channel. */
  abstract void install(SocketChannel ch);

  /** The loopback address it listens on. */
  public String host() {
    return "127.0.0.1";
  }

  /** The ephemeral port it listens on. */
  public int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  /** The login it asks for, null for none. */
  final @Nullable String username() {
    return username;
  }

  /** How many tunnels it has opened: {@code CONNECT}s whose target accepted the connection. */
  public int tunnels() {
    return tunnels.get();
  }

  /** How many logins it has refused for missing or wrong credentials. */
  public int rejectedLogins() {
    return rejectedLogins.get();
  }

  void loginRejected() {
    rejectedLogins.incrementAndGet();
  }

  /**
   * Connects to the tunnel's target for {@code client}, on the client's event loop so that {@code
   * then} runs there too; {@code then} gets the connected channel, or null if the connect failed.
   * The client reads nothing meanwhile: bytes that arrive early belong to the tunnel.
   */
  void connectTarget(Channel client, String host, int port, Consumer<@Nullable Channel> then) {
    client.config().setAutoRead(false);
    new Bootstrap()
        .group(client.eventLoop())
        .channel(NioSocketChannel.class)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
        .option(ChannelOption.AUTO_READ, false)
        .handler(new ChannelInboundHandlerAdapter())
        .connect(host, port)
        .addListener(
            (ChannelFutureListener)
                f -> {
                  if (f.isSuccess()) {
                    channels.add(f.channel());
                    then.accept(f.channel());
                  } else {
                    then.accept(null);
                  }
                });
  }

  /**
   * Relays bytes both ways between {@code client} and {@code target}, whose pipelines must hold
   * nothing else by now, and counts the tunnel.
   */
  void relay(Channel client, Channel target) {
    target.pipeline().addLast(new Relay(client));
    client.pipeline().addLast(new Relay(target));
    tunnels.incrementAndGet();
    target.config().setAutoRead(true);
    client.config().setAutoRead(true);
  }

  /** Closes {@code ch} once what was written to it has gone out. */
  static void closeOnFlush(Channel ch) {
    if (ch.isActive()) {
      ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    } else {
      ch.close();
    }
  }

  /** Closes the listener and every tunnel, and the event loop group if it is its own. */
  @Override
  public void close() {
    channels.close().awaitUninterruptibly();
    if (ownsGroup) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }
  }

  @Override
  public String toString() {
    return getClass().getSimpleName()
        + "["
        + host()
        + ":"
        + port()
        + (username == null ? "" : ", user " + username)
        + "]";
  }

  /** One direction of a tunnel: what one end reads, the other end writes. */
  private static final class Relay extends ChannelInboundHandlerAdapter {

    private final Channel peer;

    Relay(Channel peer) {
      this.peer = peer;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (peer.isActive()) {
        peer.writeAndFlush(msg);
      } else {
        ReferenceCountUtil.release(msg);
      }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      // Back-pressure: stop reading the peer while this end cannot take more.
      peer.config().setAutoRead(ctx.channel().isWritable());
      ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      closeOnFlush(peer);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
