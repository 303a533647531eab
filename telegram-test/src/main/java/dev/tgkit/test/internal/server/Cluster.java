package dev.tgkit.test.internal.server;

import dev.tgkit.mtproto.transport.ProxySecret;
import dev.tgkit.mtproto.transport.Transport;
import dev.tgkit.test.RequestContext;
import dev.tgkit.tl.TlObject;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data centers of one embedded Telegram and the sockets they listen on: what spans data
 * centers, such as an account signed in on several of them and the updates pushed to all its
 * sessions.
 */
public final class Cluster {

  private static final Logger log = LoggerFactory.getLogger(Cluster.class);

  private final List<ServerDataCenter> dataCenters;
  private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

  public Cluster(List<ServerDataCenter> dataCenters) {
    this.dataCenters = List.copyOf(dataCenters);
  }

  /** The data centers, DC 1 first. */
  public List<ServerDataCenter> dataCenters() {
    return dataCenters;
  }

  /**
   * The data center with {@code id}.
   *
   * @throws IllegalArgumentException if there is none
   */
  public ServerDataCenter dataCenter(int id) {
    if (id < 1 || id > dataCenters.size()) {
      throw new IllegalArgumentException(
          "no DC " + id + ": this Telegram has DCs 1.." + dataCenters.size());
    }
    return dataCenters.get(id - 1);
  }

  /** Whether any auth key on any data center is signed in as {@code userId}. */
  public boolean signedIn(long userId) {
    return dataCenters.stream().anyMatch(dc -> !dc.authKeysOf(userId).isEmpty());
  }

  /**
   * Pushes {@code updates} to every session signed in as {@code userId}, on every data center, but
   * {@code except}, the session that gets them in its answer.
   *
   * @return how many sessions had an open connection to push to
   */
  public int pushToAccount(long userId, TlObject updates, @Nullable RequestContext except) {
    int n = 0;
    for (ServerDataCenter dc : dataCenters) {
      for (long key : dc.authKeysOf(userId)) {
        boolean origin = except != null && except.dcId() == dc.id() && except.authKeyId() == key;
        n += dc.push(key, origin ? except.sessionId() : null, updates);
      }
    }
    return n;
  }

  /**
   * Binds every data center on {@code host}, from {@code firstPort} on (0: ephemeral ports), each
   * accepted connection executing its requests with {@code executor}.
   *
   * @param proxySecret when not null, only obfuscated connections keyed with it are accepted
   */
  public void bind(
      EventLoopGroup loops,
      String host,
      int firstPort,
      RequestExecutor executor,
      Clock clock,
      SecureRandom random,
      @Nullable ProxySecret proxySecret) {
    for (ServerDataCenter dc : dataCenters) {
      int port = firstPort == 0 ? 0 : firstPort + dc.id() - 1;
      Channel server = Listener.bind(loops, host, port, channels, ch -> {
        dc.accepted(ch);
        ch.pipeline().addLast(new ServerConnection(clock, executor, dc, random,
            Transport.detect(random, proxySecret, Transport.DEFAULT_MAX_FRAME_LENGTH)));
      });
      dc.bound(((InetSocketAddress) server.localAddress()).getPort());
      log.info("{} listening", dc);
    }
  }

  /** Closes every listener and connection. */
  public void close() {
    channels.close().awaitUninterruptibly();
  }
}
