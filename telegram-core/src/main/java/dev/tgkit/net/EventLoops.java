package dev.tgkit.net;

import dev.tgkit.mtproto.transport.Transport;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The Netty event loops a client's connections run on: a group of the client's own, shut down
 * with it, or one {@linkplain #shared shared} by many clients and left running. It keeps Netty's
 * types in {@code net}, the one layer that does IO.
 */
public final class EventLoops implements AutoCloseable {

  private final EventLoopGroup group;
  private final boolean owned;

  private EventLoops(EventLoopGroup group, boolean owned) {
    this.group = group;
    this.owned = owned;
  }

  /**
   * Connections on {@code group}, which many clients (and embedded Telegram servers) may share;
   * {@link #close} leaves it running: its owner shuts it down.
   */
  public static EventLoops shared(EventLoopGroup group) {
    return new EventLoops(Objects.requireNonNull(group, "group"), false);
  }

  /**
   * A one-thread group of its own, shut down by {@link #close}: what a client makes when given
   * none. Given to clients, it is shared as any other: they never close it.
   */
  public static EventLoops own() {
    return new EventLoops(new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory()), true);
  }

  /**
   * A dialer for these loops.
   *
   * @see Dialer#Dialer(EventLoopGroup, Transport, Duration, RandomGenerator, Proxy)
   */
  public Dialer dialer(Transport transport, Duration connectTimeout, RandomGenerator random, @Nullable Proxy proxy,
      boolean testServers) {
    Dialer dialer = new Dialer(group, transport, connectTimeout, random, proxy);
    return testServers ? dialer.forTestServers() : dialer;
  }

  /**
   * Whether the calling thread is a Netty event loop's, which must never block: an answer may have
   * to arrive on the very thread that waits for it.
   */
  public static boolean isEventLoopThread() {
    return Thread.currentThread() instanceof FastThreadLocalThread;
  }

  /** Shuts the group down if it is this object's own; a {@linkplain #shared shared} one keeps running. */
  @Override
  public void close() {
    if (owned) {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }
  }

  @Override
  public String toString() {
    return (owned ? "own " : "shared ") + group;
  }
}
