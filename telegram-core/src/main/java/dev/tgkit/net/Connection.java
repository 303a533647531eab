package dev.tgkit.net;

import dev.tgkit.mtproto.transport.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link Sender} connected to one address: connects, attaches the channel, and when the
 * channel closes (or a connect fails) tries again after a {@link Backoff} delay, until {@link
 * #stop}. The attempt count starts over after each successful connect. Requests made meanwhile
 * wait in the sender and go out on the next channel.
 *
 * <p>This connection expects the sender's auth key to exist already; creating keys on demand
 * belongs to the data center pool.
 */
public final class Connection {

  private static final Logger log = LoggerFactory.getLogger(Connection.class);

  private final Sender sender;
  private final Bootstrap bootstrap;
  private final SocketAddress address;
  private final Backoff backoff;
  private final RandomGenerator random;
  private int attempt;
  private volatile boolean stopped;
  private volatile @Nullable Channel channel;
  private volatile int connects;

  /**
   * @param random draws the transport's obfuscation and padding and the backoff jitter; a
   *     cryptographically strong generator in production
   */
  public Connection(
      Sender sender, EventLoopGroup group, SocketAddress address, Transport transport,
      Duration connectTimeout, Backoff backoff, RandomGenerator random) {
    this.sender = sender;
    this.address = address;
    this.backoff = backoff;
    this.random = random;
    this.bootstrap = new Bootstrap()
        .group(group)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(ClientTransportHandlers.initializer(transport, random, 0, Transport.DEFAULT_MAX_FRAME_LENGTH));
  }

  /** Starts connecting; returns at once. */
  public void start() {
    connect();
  }

  /** How many times a channel was connected and attached so far. */
  public int connects() {
    return connects;
  }

  /** Stops reconnecting and closes the current channel; the sender stays usable for another. */
  public void stop() {
    stopped = true;
    Channel ch = channel;
    if (ch != null) {
      ch.close();
    }
  }

  private void connect() {
    if (stopped) {
      return;
    }
    ChannelFuture f = bootstrap.connect(address);
    f.addListener(done -> {
      if (!done.isSuccess()) {
        log.debug("connecting to {} failed: {}", address, done.cause().toString());
        retry(f.channel());
        return;
      }
      Channel ch = f.channel();
      synchronized (this) {
        attempt = 0;
      }
      channel = ch;
      connects++;
      sender.attach(ch);
      ch.closeFuture().addListener(closed -> retry(ch));
      if (stopped) {
        ch.close();
      }
    });
  }

  private void retry(Channel ch) {
    if (stopped) {
      return;
    }
    Duration delay;
    synchronized (this) {
      delay = backoff.delay(attempt++, random);
    }
    log.info("reconnecting to {} in {} ms", address, delay.toMillis());
    ch.eventLoop().schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
  }
}
