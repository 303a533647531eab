package dev.tgkit.net;

import dev.tgkit.mtproto.MessageIds;
import dev.tgkit.mtproto.PlainMessages;
import dev.tgkit.mtproto.auth.ClientHandshake;
import dev.tgkit.mtproto.auth.ClientHandshake.DhParamsRequested;
import dev.tgkit.mtproto.auth.ClientHandshake.DhSent;
import dev.tgkit.mtproto.auth.ClientHandshake.PqRequested;
import dev.tgkit.mtproto.transport.Inbound;
import dev.tgkit.tl.Bytes;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Runs the <a href="https://core.telegram.org/mtproto/auth_key">auth-key exchange</a> over a
 * channel whose pipeline already carries a client transport ({@link ClientTransportHandlers}): the
 * sans-IO {@link ClientHandshake} steps, each request wrapped in an <a
 * href="https://core.telegram.org/mtproto/description#unencrypted-message">unencrypted message</a>.
 *
 * <pre>
 *   +-----------------+---------+----------------+--------------------------+
 *   | auth_key_id = 0 | msg_id  | message_length | req_pq_multi / req_DH... |
 *   +-----------------+---------+----------------+--------------------------+
 *        what each step writes, framed by the transport below this handler
 * </pre>
 *
 * <p>A one-shot handler: it adds itself to the end of the pipeline, sends {@code req_pq_multi} once
 * the channel is active, answers each server message with the next step, and removes itself when
 * the key is agreed, leaving the channel to the encrypted session. Any failure (a {@link
 * dev.tgkit.mtproto.auth.HandshakeException}, a {@link
 * dev.tgkit.mtproto.transport.TransportException}, a transport error, the channel closing, the
 * timeout) completes the future exceptionally and closes the channel, since the server's half of
 * the exchange cannot be resumed.
 *
 * <p>The steps run on the channel's event loop. They are CPU work of a few milliseconds (factoring
 * a 64-bit pq, one RSA encryption, two 2048-bit modular exponentiations), done once per new key,
 * not blocking IO. The returned future is completed on the event loop too: callers that continue
 * with slow work should use an async continuation.
 */
public final class PlainHandshake extends ChannelInboundHandlerAdapter {

  /** Pipeline name of the handler while the exchange runs. */
  public static final String NAME = "tgkit.handshake";

  private final ClientHandshake.Options options;
  private final RandomGenerator random;
  private final Clock clock;
  private final Duration timeout;
  private final CompletableFuture<ClientHandshake.Done> result = new CompletableFuture<>();
  private final MessageIds messageIds = new MessageIds(0);

  /** PqRequested, DhParamsRequested or DhSent: the state whose step takes the next answer. */
  private @Nullable Object state;

  private @Nullable ScheduledFuture<?> deadline;

  private PlainHandshake(
      ClientHandshake.Options options, RandomGenerator random, Clock clock, Duration timeout) {
    this.options = options;
    this.random = random;
    this.clock = clock;
    this.timeout = timeout;
  }

  /**
   * Starts the exchange on {@code channel}: at once if it is connected, else when it becomes
   * active. The timeout runs from when the channel's event loop installs the handler, so the
   * channel must be registered with one (as {@code Bootstrap.connect} does).
   *
   * @param options whom to trust and what kind of key to ask for
   * @param random source of nonces and Diffie-Hellman secrets: a {@code SecureRandom} outside tests
   * @param clock the local clock: message ids follow it, and the key's time offset is measured
   *     against it
   * @param timeout how long the whole exchange may take, from now
   * @return the agreed key, first salt and server time offset; or an exception as described above
   * @throws IllegalArgumentException if {@code timeout} is not positive
   */
  public static CompletableFuture<ClientHandshake.Done> start(
      Channel channel,
      ClientHandshake.Options options,
      RandomGenerator random,
      Clock clock,
      Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the handshake timeout must be positive, got " + timeout);
    }
    if (!channel.isOpen()) {
      // Its pipeline may never run handlerAdded again: answer now rather than never.
      return CompletableFuture.failedFuture(
          new ConnectionException.Closed("the auth-key exchange (closed before it began)"));
    }
    PlainHandshake handler = new PlainHandshake(options, random, clock, timeout);
    // A caller that gives up should not leave a half-made key on the server's side running.
    handler.result.whenComplete(
        (done, error) -> {
          if (handler.result.isCancelled()) {
            channel.close();
          }
        });
    channel.pipeline().addLast(NAME, handler);
    return handler.result;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    deadline =
        ctx.executor()
            .schedule(
                () -> fail(ctx, new ConnectionException.TimedOut(timeout, "the auth-key exchange")),
                timeout.toNanos(),
                TimeUnit.NANOSECONDS);
    if (ctx.channel().isActive()) {
      begin(ctx);
    } else if (!ctx.channel().isOpen()) {
      fail(ctx, new ConnectionException.Closed("the auth-key exchange"));
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    begin(ctx);
    super.channelActive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof Inbound item)) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (result.isDone()) {
      return;
    }
    try {
      switch (item) {
        case Inbound.Frame frame -> answer(ctx, frame.payload());
        case Inbound.QuickAck ack -> {
          // Plain messages are never sent with the quick-ack bit; nothing to match it to.
        }
        case Inbound.TransportError error ->
            fail(
                ctx, new ConnectionException.TransportError(error.code(), "the auth-key exchange"));
      }
    } catch (RuntimeException e) {
      fail(ctx, e);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (!fail(ctx, cause)) {
      ctx.fireExceptionCaught(cause);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    fail(ctx, new ConnectionException.Closed("the auth-key exchange"));
    super.channelInactive(ctx);
  }

  private void begin(ChannelHandlerContext ctx) {
    if (state != null || result.isDone()) {
      return;
    }
    ClientHandshake.Step<PqRequested> step = ClientHandshake.step1(options, random);
    send(ctx, step.request());
    state = step.next();
  }

  private void answer(ChannelHandlerContext ctx, Bytes payload) {
    PlainMessages.Plain plain = PlainMessages.unpack(withoutPadding(payload.toByteArray()));
    long now = clock.millis();
    // Later requests carry ids in the server's time, as it expects even of unencrypted messages.
    messageIds.synchronize(plain.msgId(), now);
    switch (state) {
      case PqRequested s -> {
        var step = s.step2(plain.body(), random);
        send(ctx, step.request());
        state = step.next();
      }
      case DhParamsRequested s -> {
        var step = s.step3(plain.body(), random, (int) Math.floorDiv(now, 1000));
        send(ctx, step.request());
        state = step.next();
      }
      case DhSent s -> {
        switch (s.step4(plain.body())) {
          case ClientHandshake.Done done -> succeed(ctx, done);
          case ClientHandshake.Retry retry -> {
            // The server already has a key with this id: same exchange, a new b.
            var step = retry.next().step3(random);
            send(ctx, step.request());
            state = step.next();
          }
        }
      }
      case null, default ->
          throw new IllegalStateException("a server message arrived before req_pq_multi was sent");
    }
  }

  /**
   * Cuts padded intermediate's 0..15 random bytes off a plain message, whose own length field says
   * where it ends; the transport cannot tell (see {@link Inbound.Frame}).
   */
  private static byte[] withoutPadding(byte[] packet) {
    if (packet.length <= PlainMessages.HEADER) {
      return packet;
    }
    int length =
        (packet[16] & 0xff)
            | (packet[17] & 0xff) << 8
            | (packet[18] & 0xff) << 16
            | (packet[19] & 0xff) << 24;
    long end = PlainMessages.HEADER + (length & 0xffffffffL);
    if (end < packet.length && packet.length - end < 16) {
      return Arrays.copyOf(packet, (int) end);
    }
    return packet;
  }

  private void send(ChannelHandlerContext ctx, byte[] body) {
    byte[] message = PlainMessages.pack(messageIds.nextClientId(clock.millis()), body);
    ctx.writeAndFlush(message)
        .addListener(
            f -> {
              if (!f.isSuccess()) {
                fail(ctx, f.cause());
              }
            });
  }

  private void succeed(ChannelHandlerContext ctx, ClientHandshake.Done done) {
    stopDeadline();
    ctx.pipeline().remove(this);
    result.complete(done);
  }

  /** Completes the future with {@code cause} and closes; false if it was already complete. */
  private boolean fail(ChannelHandlerContext ctx, Throwable cause) {
    if (!result.completeExceptionally(cause)) {
      return false;
    }
    stopDeadline();
    if (ctx.pipeline().context(this) != null) {
      ctx.pipeline().remove(this);
    }
    ctx.channel().close();
    return true;
  }

  private void stopDeadline() {
    ScheduledFuture<?> d = deadline;
    if (d != null) {
      d.cancel(false);
    }
  }
}
