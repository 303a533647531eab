package dev.tgkit.test;

import dev.tgkit.mtproto.ClientSession;
import dev.tgkit.mtproto.auth.ClientHandshake;
import dev.tgkit.mtproto.transport.Framing;
import dev.tgkit.mtproto.transport.Transport;
import dev.tgkit.net.Dialer;
import dev.tgkit.net.PlainHandshake;
import dev.tgkit.net.Sender;
import dev.tgkit.tl.TlFunction;
import dev.tgkit.tl.TlObject;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One client of the embedded Telegram made of telegram-core's real network pieces: a {@link
 * Dialer} channel, an auth key from {@link PlainHandshake}, and a {@link Sender} that is attached
 * only when the test says, so requests can be queued first and leave in one container.
 */
final class RealClient implements AutoCloseable {

  private final Dialer dialer;
  private final TestDataCenter dc;
  private final ClientHandshake.Done key;
  private final Sender sender;
  private Channel channel;

  /** Updates the server pushed, in arrival order. */
  final List<TlObject> updates = new CopyOnWriteArrayList<>();

  private RealClient(Dialer dialer, TestDataCenter dc, Channel channel, ClientHandshake.Done key) {
    this.dialer = dialer;
    this.dc = dc;
    this.channel = channel;
    this.key = key;
    this.sender =
        new Sender(
            new ClientSession(
                key.authKey(),
                key.firstSalt(),
                key.timeOffset() * 1000L,
                true,
                ClientSession.Limits.DEFAULT,
                new SecureRandom()),
            Clock.systemUTC(),
            updates::add);
  }

  /** Connects to {@code dc} and creates an auth key there; the sender is not attached yet. */
  static RealClient keyed(EventLoopGroup group, TestDataCenter dc) throws Exception {
    SecureRandom random = new SecureRandom();
    Dialer dialer =
        new Dialer(group, Transport.obfuscated(Framing.INTERMEDIATE), Duration.ofSeconds(10), random);
    Channel ch = dialer.dial(dc.id(), dc.host(), dc.port()).get(10, TimeUnit.SECONDS);
    ClientHandshake.Done key =
        PlainHandshake.start(
                ch,
                ClientHandshake.Options.of(List.of(dc.publicKey())).withDcId(dc.id()),
                random,
                Clock.systemUTC(),
                Duration.ofSeconds(20))
            .get(30, TimeUnit.SECONDS);
    return new RealClient(dialer, dc, ch, key);
  }

  /** Connects, creates a key and attaches the sender. */
  static RealClient attached(EventLoopGroup group, TestDataCenter dc) throws Exception {
    RealClient client = keyed(group, dc);
    client.attach();
    return client;
  }

  /** Attaches the sender to the channel the key was made on. */
  void attach() {
    sender.attach(channel);
  }

  /**
   * Waits until the sender has let go of its closed channel, then dials a new one and attaches
   * it: what the client's connection keeper does after a drop.
   */
  void reconnect() throws Exception {
    await(() -> !sender.isAttached(), "the sender to let go of the closed channel");
    channel = dialer.dial(dc.id(), dc.host(), dc.port()).get(10, TimeUnit.SECONDS);
    sender.attach(channel);
  }

  /** Sends {@code request} and waits for its answer. */
  <R> R call(TlFunction<R> request) throws Exception {
    return sender.invokeAsync(request).get(30, TimeUnit.SECONDS);
  }

  Sender sender() {
    return sender;
  }

  Channel channel() {
    return channel;
  }

  long authKeyId() {
    return key.authKey().id();
  }

  /** Polls {@code condition} for up to 20 seconds. */
  static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up waiting for " + what);
      }
      Thread.sleep(10);
    }
  }

  @Override
  public void close() {
    sender.close();
  }
}
