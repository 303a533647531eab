package dev.tgkit.test.internal.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.function.Consumer;

/** A listening socket of the embedded Telegram or its test proxies. */
public final class Listener {

  private Listener() {}

  /**
   * Listens on {@code host:port} (0: an ephemeral port) on {@code loops}; the listener and every
   * accepted channel join {@code channels}, so closing that group closes them all, and each
   * accepted channel gets its handlers from {@code install}.
   *
   * @return the listening channel
   */
  public static Channel bind(EventLoopGroup loops, String host, int port, ChannelGroup channels,
      Consumer<SocketChannel> install) {
    Channel server = new ServerBootstrap()
        .group(loops)
        .channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            channels.add(ch);
            install.accept(ch);
          }
        })
        .bind(new InetSocketAddress(host, port))
        .syncUninterruptibly()
        .channel();
    channels.add(server);
    return server;
  }
}
