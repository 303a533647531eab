package dev.tgkit.net;

import dev.tgkit.mtproto.ClientSession;
import dev.tgkit.mtproto.Incoming;
import dev.tgkit.mtproto.Invocations;
import dev.tgkit.mtproto.MessageRejectedException;
import dev.tgkit.mtproto.RpcError;
import dev.tgkit.mtproto.transport.Inbound;
import dev.tgkit.tl.TlFunction;
import dev.tgkit.tl.TlObject;
import dev.tgkit.tl.mtproto.GetFutureSalts;
import dev.tgkit.tl.mtproto.PingDelayDisconnect;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends requests to one data center over whichever connection is attached, and completes each
 * caller's future exactly once with its answer or error.
 *
 * <p>The sender owns the MTProto session ({@link ClientSession}) and the callers' futures, and
 * outlives connections: {@link #attach} hands it a connected channel (transport handlers
 * installed, auth key agreed), and when that channel closes every request not yet answered goes
 * back to the session's queue, to be sent again on the next attached channel. Requests made
 * while no channel is attached wait in the queue.
 *
 * <p>Thread-safe: callers on any thread (virtual threads included) invoke; the session is
 * touched only under this object's lock, and packing happens on the channel's event loop, once
 * per burst of requests, so concurrent requests travel together in containers.
 */
public final class Sender {

  private static final Logger log = LoggerFactory.getLogger(Sender.class);

  private record Pending(TlFunction<?> request, CompletableFuture<Object> future) {}

  /** Future salts are fetched when fewer than this many seconds of known salts remain. */
  private static final long SALT_MARGIN_SECONDS = 600;

  private final ClientSession session;
  private final Clock clock;
  private final Consumer<TlObject> updates;
  private final Duration pingInterval;
  private long nextPingId = 1;
  private long saltsRequestedAt = Long.MIN_VALUE;
  private final Map<Long, Pending> pending = new HashMap<>();
  private @Nullable Channel channel;
  private boolean flushScheduled;
  private boolean closed;
  private volatile @Nullable IntConsumer transportErrors;

  /**
   * A sender that pings every 60 seconds.
   *
   * @param updates receives the updates the server pushes, on the event loop: it must not block
   */
  public Sender(ClientSession session, Clock clock, Consumer<TlObject> updates) {
    this(session, clock, updates, Duration.ofSeconds(60));
  }

  /**
   * @param pingInterval how often to send {@code ping_delay_disconnect} on an attached channel;
   *     a channel that receives nothing for {@link #deadAfter} is closed (and the caller's
   *     {@link Connection} opens another)
   */
  public Sender(ClientSession session, Clock clock, Consumer<TlObject> updates, Duration pingInterval) {
    if (pingInterval.toMillis() < 10) {
      throw new IllegalArgumentException("ping interval must be at least 10 ms, got " + pingInterval);
    }
    this.session = session;
    this.clock = clock;
    this.updates = updates;
    this.pingInterval = pingInterval;
  }

  /**
   * How long a channel may stay silent before it is taken for dead: the ping interval plus a
   * quarter of it (at least a second), the slack Telegram's own clients give (60 s + 15 s). The
   * server is asked to close the connection itself after the same time without a ping.
   */
  public Duration deadAfter() {
    Duration slack = pingInterval.dividedBy(4);
    return pingInterval.plus(slack.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : slack);
  }

  /**
   * Sends {@code request} and returns its answer's future. It fails with {@link RpcError} if the
   * server answers with an error, with {@link ConnectionException.Rejected} if the server will
   * not take it, and with {@link ConnectionException.Closed} if the sender is closed first.
   */
  @SuppressWarnings("unchecked")
  public <R> CompletableFuture<R> invokeAsync(TlFunction<R> request) {
    CompletableFuture<Object> future = new CompletableFuture<>();
    synchronized (this) {
      if (closed) {
        return CompletableFuture.failedFuture(new ConnectionException.Closed("a request to a closed sender"));
      }
      try {
        pending.put(session.enqueue(request), new Pending(request, future));
      } catch (IllegalStateException full) {
        return CompletableFuture.failedFuture(full);
      }
      scheduleFlush();
    }
    return (CompletableFuture<R>) future;
  }

  /** Requests waiting for an answer, sent or not. */
  public synchronized int pendingRequests() {
    return pending.size();
  }

  /** Whether a channel is attached. */
  public synchronized boolean isAttached() {
    return channel != null;
  }

  /**
   * Starts using {@code ch}, a connected channel whose pipeline ends with the client transport
   * handlers and whose auth key is the session's; what is queued is sent at once.
   */
  public void attach(Channel ch) {
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("the sender is closed");
      }
      if (channel != null) {
        throw new IllegalStateException("a channel is already attached; detach it first");
      }
      channel = ch;
    }
    ch.pipeline().addLast("tgkit-idle", new IdleStateHandler(deadAfter().toMillis(), 0, 0, TimeUnit.MILLISECONDS));
    ch.pipeline().addLast("tgkit-sender", new Reader(ch));
    long every = pingInterval.toMillis();
    ScheduledFuture<?> pings = ch.eventLoop().scheduleAtFixedRate(() -> keepAlive(ch), every, every, TimeUnit.MILLISECONDS);
    ch.closeFuture().addListener(f -> {
      pings.cancel(false);
      detached(ch);
    });
    keepAlive(ch);
  }

  /**
   * Asks the server to keep the connection (and to drop it if we fall silent), and fetches
   * future salts while fewer than ten minutes of them are known, so the salt never expires
   * under a request.
   */
  private void keepAlive(Channel ch) {
    synchronized (this) {
      if (channel != ch) {
        return;
      }
      try {
        long now = clock.millis();
        // One request at a time: a minute is ample for the answer.
        if (session.needsFutureSalts(now, SALT_MARGIN_SECONDS) && now - saltsRequestedAt > 60_000) {
          saltsRequestedAt = now;
          session.enqueue(new GetFutureSalts(64));
        }
        int disconnectDelay = (int) Math.max(1, (deadAfter().toMillis() + 999) / 1000);
        session.enqueue(new PingDelayDisconnect(nextPingId++, disconnectDelay));
      } catch (IllegalStateException full) {
        // The queue is full of callers' requests: they keep the connection busy enough.
      }
      scheduleFlush();
    }
  }

  /**
   * Tells {@code listener}, on the event loop, the code of each <a
   * href="https://core.telegram.org/mtproto/mtproto-transports#transport-errors">transport
   * error</a> the server sends, after the channel was closed for it. -404 means the server does
   * not know the session's auth key: reconnecting with it cannot help, the owner must make a new
   * one.
   */
  public void onTransportError(IntConsumer listener) {
    this.transportErrors = listener;
  }

  /** Fails every pending request with {@link ConnectionException.Closed} and closes the channel. */
  public void close() {
    close(new ConnectionException.Closed("the sender's shutdown"));
  }

  /** Fails every pending request with {@code reason} and closes the channel. */
  public void close(RuntimeException reason) {
    List<Pending> failed;
    Channel ch;
    synchronized (this) {
      closed = true;
      failed = new ArrayList<>(pending.values());
      pending.clear();
      ch = channel;
      channel = null;
    }
    failed.forEach(p -> p.future().completeExceptionally(reason));
    if (ch != null) {
      ch.close();
    }
  }

  private void detached(Channel ch) {
    synchronized (this) {
      if (channel != ch) {
        return;
      }
      channel = null;
      flushScheduled = false;
      // Nothing sent on the lost connection can be trusted to arrive: send it all again.
      session.requeueUnanswered();
    }
  }

  /** Packs on the event loop once per burst, so requests made together share a container. */
  private void scheduleFlush() {
    Channel ch = channel;
    if (ch != null && !flushScheduled && session.hasPending()) {
      flushScheduled = true;
      ch.eventLoop().execute(() -> flush(ch));
    }
  }

  private void flush(Channel ch) {
    while (true) {
      byte[] packet;
      synchronized (this) {
        flushScheduled = false;
        if (channel != ch) {
          return;
        }
        packet = session.pack(clock.millis());
      }
      if (packet == null) {
        return;
      }
      ch.writeAndFlush(packet);
    }
  }

  private void received(Channel ch, byte[] frame) {
    List<Incoming> results;
    synchronized (this) {
      if (channel != ch) {
        return;
      }
      try {
        results = session.unpack(usable(frame), clock.millis());
      } catch (MessageRejectedException e) {
        log.warn("closing the connection to {}: {}", ch.remoteAddress(), e.getMessage());
        ch.close();
        return;
      }
    }
    for (Incoming incoming : results) {
      deliver(incoming);
    }
    synchronized (this) {
      scheduleFlush();
    }
  }

  /**
   * The frame without the 0-15 bytes of padding the padded intermediate transport may add: an
   * encrypted message is 24 bytes plus whole 16-byte blocks.
   */
  private static byte[] usable(byte[] frame) {
    int extra = frame.length < 24 ? 0 : (frame.length - 24) % 16;
    return extra == 0 ? frame : java.util.Arrays.copyOf(frame, frame.length - extra);
  }

  private void deliver(Incoming incoming) {
    switch (incoming) {
      case Incoming.Answer a -> complete(a.requestId()).ifPresent(p -> p.future().complete(a.result()));
      case Incoming.RpcErrorAnswer e -> complete(e.requestId()).ifPresent(p -> p.future()
          .completeExceptionally(RpcError.of(e.errorCode(), e.errorMessage(), Invocations.innermost(p.request()))));
      case Incoming.Undecodable u -> complete(u.requestId()).ifPresent(p -> p.future().completeExceptionally(u.cause()));
      case Incoming.Failed f -> complete(f.requestId()).ifPresent(p -> p.future()
          .completeExceptionally(new ConnectionException.Rejected(f.reason())));
      case Incoming.Update u -> updates.accept(u.update());
      case Incoming.Unknown u -> log.debug("ignored a message the schema does not describe: {}", u.cause().getMessage());
      case Incoming.NewSession n -> log.debug("the server started a new session");
      case Incoming.Acknowledged a -> { }
      case Incoming.Requeued r -> log.debug("request {} goes out again: {}", r.requestId(), r.reason());
      case Incoming.ClockSynchronized c -> log.debug("clock offset to the server is now {} ms", c.offsetMillis());
      case Incoming.SaltChanged s -> { }
    }
  }

  private synchronized java.util.Optional<Pending> complete(long requestId) {
    return java.util.Optional.ofNullable(pending.remove(requestId));
  }

  /** Reads the attached channel's frames; transport errors close it. */
  private final class Reader extends ChannelInboundHandlerAdapter {
    private final Channel ch;

    Reader(Channel ch) {
      this.ch = ch;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      switch (msg) {
        case Inbound.Frame f -> received(ch, f.payload().toByteArray());
        case Inbound.TransportError e -> {
          log.warn("transport error {} from {}; closing the connection", e.code(), ch.remoteAddress());
          ctx.close();
          IntConsumer listener = transportErrors;
          if (listener != null) {
            listener.accept(e.code());
          }
        }
        case Inbound.QuickAck q -> { }
        default -> ctx.fireChannelRead(msg);
      }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
      if (event instanceof IdleStateEvent) {
        log.warn("nothing from {} for {} ms; closing the connection as dead", ch.remoteAddress(), deadAfter().toMillis());
        ctx.close();
        return;
      }
      super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      log.warn("closing the connection to {}: {}", ch.remoteAddress(), cause.toString());
      ctx.close();
    }
  }
}
