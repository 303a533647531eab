package dev.tgkit.net;

import io.netty.channel.Channel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link Sender} connected to one data center: dials, attaches the channel, and when the
 * channel closes (or a dial fails) tries again after a {@link Backoff} delay, until {@link #stop}.
 * The attempt count starts over after each successful connect. Requests made meanwhile wait in
 * the sender and go out on the next channel.
 *
 * <p>This connection expects the sender's auth key to exist already; creating keys on demand
 * belongs to the data center pool, which may hand over the channel the key was made on.
 */
public final class Connection {

  private static final Logger log = LoggerFactory.getLogger(Connection.class);

  private final Sender sender;
  private final Dialer dialer;
  private final int dcId;
  private final String host;
  private final int port;
  private final Backoff backoff;
  private final RandomGenerator random;
  private int attempt;
  private volatile boolean stopped;
  private volatile @Nullable Channel channel;
  private volatile int connects;
  private volatile IntConsumer connected = count -> {};

  /**
   * @param random draws the backoff jitter
   */
  public Connection(
      Sender sender, Dialer dialer, int dcId, String host, int port, Backoff backoff, RandomGenerator random) {
    this.sender = sender;
    this.dialer = dialer;
    this.dcId = dcId;
    this.host = host;
    this.port = port;
    this.backoff = backoff;
    this.random = random;
  }

  /** Starts connecting; returns at once. */
  public void start() {
    dial();
  }

  /**
   * Starts with {@code connected}, a channel the dialer made whose auth-key exchange just
   * finished, and reconnects when it closes.
   */
  public void start(Channel connected) {
    attached(connected);
  }

  /**
   * Calls {@code listener} on the network thread each time a channel is attached, with how many
   * have been so far (1 for the first connect, more for reconnects). It must be quick and not
   * throw.
   */
  public void onConnected(IntConsumer listener) {
    this.connected = listener;
  }

  /** How many times a channel was connected and attached so far. */
  public int connects() {
    return connects;
  }

  /** Whether a channel is connected now. */
  public boolean isConnected() {
    Channel ch = channel;
    return ch != null && ch.isActive();
  }

  /** Stops reconnecting and closes the current channel; the sender stays usable for another. */
  public void stop() {
    stopped = true;
    Channel ch = channel;
    if (ch != null) {
      ch.close();
    }
  }

  private void dial() {
    if (stopped) {
      return;
    }
    dialer.dial(dcId, host, port).whenComplete((ch, failure) -> {
      if (failure != null) {
        log.debug("connecting to DC {} at {}:{} failed: {}", dcId, host, port, failure.toString());
        retry();
        return;
      }
      attached(ch);
    });
  }

  private void attached(Channel ch) {
    synchronized (this) {
      attempt = 0;
    }
    channel = ch;
    int count = ++connects;
    sender.attach(ch);
    try {
      connected.accept(count);
    } catch (RuntimeException e) {
      log.warn("a connect listener failed: {}", e.toString());
    }
    ch.closeFuture().addListener(closed -> retry());
    if (stopped) {
      ch.close();
    }
  }

  private void retry() {
    if (stopped) {
      return;
    }
    Duration delay;
    synchronized (this) {
      delay = backoff.delay(attempt++, random);
    }
    log.info("reconnecting to DC {} at {}:{} in {} ms", dcId, host, port, delay.toMillis());
    dialer.group().next().schedule(this::dial, delay.toMillis(), TimeUnit.MILLISECONDS);
  }
}
