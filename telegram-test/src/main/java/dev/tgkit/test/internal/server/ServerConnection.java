package dev.tgkit.test.internal.server;

import dev.tgkit.crypto.Direction;
import dev.tgkit.mtproto.EncryptedMessages;
import dev.tgkit.mtproto.MessageIds;
import dev.tgkit.mtproto.PlainMessages;
import dev.tgkit.mtproto.ServerSession;
import dev.tgkit.mtproto.auth.ServerHandshake;
import dev.tgkit.mtproto.transport.Framing;
import dev.tgkit.mtproto.transport.Inbound;
import dev.tgkit.mtproto.transport.ServerDecoder;
import dev.tgkit.mtproto.transport.ServerEncoder;
import dev.tgkit.mtproto.transport.Transport;
import dev.tgkit.mtproto.transport.TransportException;
import dev.tgkit.test.Faults;
import dev.tgkit.test.RequestContext;
import dev.tgkit.tl.MsgContainer;
import dev.tgkit.tl.TlObject;
import dev.tgkit.tl.TlReader;
import dev.tgkit.tl.mtproto.DestroySession;
import dev.tgkit.tl.mtproto.DestroySessionNone;
import dev.tgkit.tl.mtproto.DestroySessionOk;
import dev.tgkit.tl.mtproto.FutureSaltsCtor;
import dev.tgkit.tl.mtproto.GetFutureSalts;
import dev.tgkit.tl.mtproto.PingDelayDisconnect;
import dev.tgkit.tl.mtproto.ReqDHParams;
import dev.tgkit.tl.mtproto.ReqPq;
import dev.tgkit.tl.mtproto.ReqPqMulti;
import dev.tgkit.tl.mtproto.SetClientDHParams;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection to a {@link ServerDataCenter}: detects the <a
 * href="https://core.telegram.org/mtproto/mtproto-transports">transport</a> from the first bytes,
 * runs the <a href="https://core.telegram.org/mtproto/auth_key">auth-key exchange</a> over plain
 * messages, and hands encrypted messages to the session they name. Every method runs on the
 * channel's event loop, so the decoder, the encoder and the exchange state need no locks; the
 * sessions are shared between connections and are locked while used.
 *
 * <p>Any protocol fault (a frame that is no transport, a plain message out of order, an encrypted
 * message that does not authenticate) is logged and closes this connection only, as Telegram does.
 */
public final class ServerConnection extends ChannelInboundHandlerAdapter {

  private static final Logger log = LoggerFactory.getLogger(ServerConnection.class);

  private final Clock clock;
  private final RequestExecutor executor;
  private final ServerDataCenter dc;
  private final SecureRandom random;
  private final ServerDecoder decoder;
  private final MessageIds plainIds = new MessageIds(0);
  private final List<Inbound.Frame> frames = new ArrayList<>();
  private @Nullable Object exchange;
  private boolean closing;
  private @Nullable ScheduledFuture<?> disconnectTimer;
  private volatile @Nullable ChannelHandlerContext context;

  ServerConnection(
      Clock clock,
      RequestExecutor executor,
      ServerDataCenter dc,
      SecureRandom random,
      ServerDecoder decoder) {
    this.clock = clock;
    this.executor = executor;
    this.dc = dc;
    this.random = random;
    this.decoder = decoder;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf buf = (ByteBuf) msg;
    RuntimeException fault = null;
    try {
      decoder.decode(buf.nioBuffer(), frames);
    } catch (TransportException e) {
      fault = e;
    } finally {
      buf.release();
    }
    try {
      for (Inbound.Frame frame : frames) {
        if (closing) {
          break;
        }
        handle(ctx, frame.payload().toByteArray());
      }
    } catch (RuntimeException e) {
      fault = e;
    } finally {
      frames.clear();
    }
    if (fault != null) {
      fail(ctx, fault);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.warn("{}: connection {} failed, closing it", dc, ctx.channel().remoteAddress(), cause);
    ctx.close();
  }

  private void fail(ChannelHandlerContext ctx, RuntimeException fault) {
    log.warn(
        "{}: protocol error from {}, closing the connection: {}",
        dc,
        ctx.channel().remoteAddress(),
        fault.toString());
    closing = true;
    ctx.close();
  }

  private void handle(ChannelHandlerContext ctx, byte[] packet) {
    long authKeyId = EncryptedMessages.authKeyId(packet);
    if (authKeyId == 0) {
      plain(ctx, packet);
    } else {
      encrypted(ctx, authKeyId, packet);
    }
  }

  private void plain(ChannelHandlerContext ctx, byte[] packet) {
    PlainMessages.Plain message = PlainMessages.unpack(withoutPlainPadding(packet));
    byte[] body = message.body();
    if (body.length < 4) {
      throw new IllegalArgumentException(
          "a plain message of " + body.length + " bytes names no request");
    }
    int constructorId = new TlReader(body).readInt();
    long nowMillis = clock.millis();
    byte[] response =
        switch (constructorId) {
          case ReqPqMulti.CONSTRUCTOR_ID, ReqPq.CONSTRUCTOR_ID -> {
            var reply = dc.handshake().answerReqPq(body, random);
            exchange = reply.next();
            yield reply.response();
          }
          case ReqDHParams.CONSTRUCTOR_ID -> {
            if (!(exchange instanceof ServerHandshake.PqSent state)) {
              throw new IllegalStateException("req_DH_params before req_pq_multi");
            }
            var reply = state.answerReqDhParams(body, random, (int) (nowMillis / 1000));
            exchange = reply.next();
            yield reply.response();
          }
          case SetClientDHParams.CONSTRUCTOR_ID -> {
            if (!(exchange instanceof ServerHandshake.DhParamsSent state)) {
              throw new IllegalStateException("set_client_DH_params before req_DH_params");
            }
            ServerHandshake.Outcome outcome = state.answerSetClientDhParams(body, dc::hasKey);
            switch (outcome) {
              case ServerHandshake.Accepted accepted -> {
                if (!dc.addKey(accepted.authKey(), accepted.firstSalt(), accepted.dcId(), decoder.dcField())) {
                  throw new IllegalStateException("two exchanges agreed on the same auth_key_id");
                }
                exchange = null;
                log.debug("{}: auth key {} created", dc, Long.toHexString(accepted.authKey().id()));
              }
              case ServerHandshake.Retry retry -> exchange = retry.next();
            }
            yield outcome.response();
          }
          default ->
              throw new IllegalArgumentException(
                  "a plain message must be an auth-key exchange step, got constructor 0x"
                      + Integer.toHexString(constructorId));
        };
    send(ctx, PlainMessages.pack(plainIds.nextServerAnswerId(nowMillis), response));
  }

  private void encrypted(ChannelHandlerContext ctx, long authKeyId, byte[] packet) {
    ServerDataCenter.KeyEntry entry = dc.key(authKeyId);
    if (entry == null) {
      log.info(
          "{}: unknown auth_key_id {} from {}, answering -404",
          dc,
          Long.toHexString(authKeyId),
          ctx.channel().remoteAddress());
      closing = true;
      ctx.writeAndFlush(
              Unpooled.wrappedBuffer(
                  decoder.encoder().transportError(Inbound.TransportError.AUTH_KEY_NOT_FOUND)))
          .addListener(ChannelFutureListener.CLOSE);
      return;
    }
    EncryptedMessages.Decrypted message =
        EncryptedMessages.unpack(
            entry.key(), Direction.CLIENT_TO_SERVER, withoutCipherPadding(packet));
    if (message.body().remaining() >= 4 && message.body().peekInt() == MsgContainer.CONSTRUCTOR_ID) {
      dc.containerReceived();
    }
    ServerSession session = dc.session(entry, message.sessionId());
    this.context = ctx;
    dc.used(session, this);
    List<byte[]> packets = new ArrayList<>();
    boolean drop = false;
    boolean closeAfterAnswers = false;
    Faults.HostileBytes hostile = null;
    synchronized (session) {
      long nowMillis = clock.millis();
      long salt = dc.currentSalt(nowMillis);
      List<ServerSession.ClientMessage> requests =
          session.unpack(
              message, dc.acceptsSalt(entry, message.salt(), nowMillis), salt, nowMillis);
      for (ServerSession.ClientMessage request : requests) {
        if (serviceRequest(ctx, entry, session, request, nowMillis)) {
          continue;
        }
        Outcome outcome =
            executor.execute(
                request, new RequestContext(dc.id(), authKeyId, message.sessionId(), request.msgId()));
        switch (outcome) {
          case Outcome.Now now -> now.answer().queueIn(session);
          case Outcome.Later later -> answerLater(ctx, session, later);
          case Outcome.ThenClose then -> {
            then.answer().queueIn(session);
            closeAfterAnswers = true;
          }
          case Outcome.Drop() -> drop = true;
          case Outcome.Hostile h -> {
            Outcome.Answer answer = h.answer();
            if (answer != null) {
              answer.queueIn(session);
            }
            hostile = h.kind();
          }
        }
        if (drop) {
          // What was answered before stays queued in the session, as on Telegram, for the
          // client's next connection; the rest of the container is lost with this one.
          break;
        }
      }
      while (!drop && session.hasPending()) {
        byte[] out = session.pack(salt, nowMillis);
        if (out == null) {
          break;
        }
        packets.add(out);
      }
    }
    if (drop) {
      closing = true;
      ctx.close();
      return;
    }
    if (hostile != null) {
      sendHostile(ctx, hostile, packets);
      return;
    }
    for (byte[] out : packets) {
      send(ctx, out);
    }
    if (closeAfterAnswers) {
      closing = true;
      ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
  }

  /**
   * Sends {@code kind} of hostile bytes: packets that hold answers are spoiled (the last one, which
   * holds the hostile request's answer), the others go out as they are.
   */
  private void sendHostile(ChannelHandlerContext ctx, Faults.HostileBytes kind, List<byte[]> packets) {
    switch (kind) {
      case GARBAGE_FRAME -> {
        packets.forEach(out -> send(ctx, out));
        byte[] garbage = new byte[64];
        random.nextBytes(garbage);
        garbage[3] &= 0x7f; // a positive first int, or the client would read a transport error
        send(ctx, garbage);
      }
      case WRONG_AUTH_KEY_ID, TAMPERED_MSG_KEY -> {
        byte[] last = packets.removeLast();
        packets.forEach(out -> send(ctx, out));
        last[kind == Faults.HostileBytes.WRONG_AUTH_KEY_ID ? 0 : 8] ^= 1;
        send(ctx, last);
      }
      case HUGE_LENGTH -> {
        packets.forEach(out -> send(ctx, out));
        ServerEncoder encoder = decoder.encoder();
        byte[] header =
            switch (encoder.framing()) {
              // 0x7f, then the length in 4-byte words: 0x3fffff words, 16 MiB.
              case ABRIDGED -> new byte[] {0x7f, (byte) 0xff, (byte) 0xff, 0x3f};
              // 1 GiB, then the full transport's sequence number.
              case FULL -> new byte[] {0, 0, 0, 0x40, 0, 0, 0, 0};
              case INTERMEDIATE, PADDED_INTERMEDIATE -> new byte[] {0, 0, 0, 0x40};
            };
        ctx.writeAndFlush(Unpooled.wrappedBuffer(encoder.unframed(header)));
      }
    }
  }

  /**
   * Queues a delayed answer in its session when it is due, without blocking the event loop, and
   * sends it on the connection the session uses then: this one, a newer one, or, with none open,
   * the session's next packet.
   */
  private void answerLater(ChannelHandlerContext ctx, ServerSession session, Outcome.Later later) {
    later(ctx, later.delay(), () -> dc.deliver(session, later.answer()::queueIn));
  }

  /**
   * Runs {@code task} on this connection's event loop after {@code delay}, even if the connection
   * has closed by then (the loop outlives it): what a delayed push or answer does then is the
   * task's to decide.
   */
  void later(Duration delay, Runnable task) {
    ChannelHandlerContext ctx = context;
    if (ctx == null) {
      throw new IllegalStateException("no session has used this connection yet");
    }
    later(ctx, delay, task);
  }

  private static void later(ChannelHandlerContext ctx, Duration delay, Runnable task) {
    ctx.executor().schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * Answers the <a href="https://core.telegram.org/mtproto/service_messages">service functions</a>
   * a session may call besides API methods. Like Telegram, it sends {@code pong} and {@code
   * future_salts}, which name the request themselves, as they are, not in {@code rpc_result}.
   *
   * @return whether {@code request} was one
   */
  private boolean serviceRequest(
      ChannelHandlerContext ctx,
      ServerDataCenter.KeyEntry entry,
      ServerSession session,
      ServerSession.ClientMessage request,
      long nowMillis) {
    switch (request.constructorId()) {
      case GetFutureSalts.CONSTRUCTOR_ID -> {
        TlReader in = request.reader();
        in.readInt();
        GetFutureSalts get = GetFutureSalts.readBare(in);
        session.push(
            new FutureSaltsCtor(
                request.msgId(), (int) (nowMillis / 1000), dc.futureSalts(get.num(), nowMillis)));
        return true;
      }
      case PingDelayDisconnect.CONSTRUCTOR_ID -> {
        TlReader in = request.reader();
        in.readInt();
        // ServerSession already queued the pong; the disconnect timer is ours.
        scheduleDisconnect(ctx, PingDelayDisconnect.readBare(in).disconnectDelay());
        return true;
      }
      case DestroySession.CONSTRUCTOR_ID -> {
        TlReader in = request.reader();
        in.readInt();
        long other = DestroySession.readBare(in).sessionId();
        boolean destroyed =
            other != session.sessionId() && dc.destroySession(entry.key().id(), other);
        // In rpc_result: clients look answers up by req_msg_id, and these do not carry one.
        session.answer(
            request.msgId(),
            destroyed ? new DestroySessionOk(other) : new DestroySessionNone(other));
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  /**
   * {@code ping_delay_disconnect}: close the connection if no other ping arrives within {@code
   * seconds}; each ping replaces the previous timer.
   */
  private void scheduleDisconnect(ChannelHandlerContext ctx, int seconds) {
    ScheduledFuture<?> previous = disconnectTimer;
    if (previous != null) {
      previous.cancel(false);
    }
    disconnectTimer =
        seconds <= 0
            ? null
            : ctx.executor()
                .schedule(
                    () -> {
                      log.info("{}: no ping within {} s, closing {}", dc, seconds, ctx.channel());
                      ctx.close();
                    },
                    seconds,
                    TimeUnit.SECONDS);
  }

  /**
   * Queues {@code message} in {@code session} and sends it on this connection's event loop.
   *
   * @return false if the connection is closed
   */
  boolean push(ServerSession session, TlObject message) {
    return deliver(session, s -> s.push(message));
  }

  /**
   * Runs {@code queue} on {@code session} under its lock on this connection's event loop, then
   * sends what the session has pending. If the connection closed meanwhile, what was queued stays
   * in the session for its next connection.
   *
   * @return false if the connection is closed
   */
  boolean deliver(ServerSession session, Consumer<ServerSession> queue) {
    ChannelHandlerContext ctx = context;
    if (ctx == null || !ctx.channel().isActive()) {
      return false;
    }
    ctx.executor()
        .execute(
            () -> {
              List<byte[]> packets = new ArrayList<>();
              synchronized (session) {
                queue.accept(session);
                if (!ctx.channel().isActive()) {
                  return;
                }
                long nowMillis = clock.millis();
                long salt = dc.currentSalt(nowMillis);
                while (session.hasPending()) {
                  byte[] out = session.pack(salt, nowMillis);
                  if (out == null) {
                    break;
                  }
                  packets.add(out);
                }
              }
              for (byte[] out : packets) {
                send(ctx, out);
              }
            });
    return true;
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    dc.closed(this);
    ScheduledFuture<?> timer = disconnectTimer;
    if (timer != null) {
      timer.cancel(false);
    }
    super.channelInactive(ctx);
  }

  private void send(ChannelHandlerContext ctx, byte[] payload) {
    ctx.writeAndFlush(Unpooled.wrappedBuffer(decoder.encoder().encode(payload)));
  }

  /** Padded intermediate appends 0..15 random bytes that only the message's own length tells. */
  private byte[] withoutPlainPadding(byte[] packet) {
    if (!padded() || packet.length < PlainMessages.HEADER) {
      return packet;
    }
    int length = new TlReader(packet, 16, 4).readInt();
    int whole = PlainMessages.HEADER + length;
    return length >= 0 && whole < packet.length ? Arrays.copyOf(packet, whole) : packet;
  }

  private byte[] withoutCipherPadding(byte[] packet) {
    if (!padded() || packet.length < EncryptedMessages.ENVELOPE) {
      return packet;
    }
    int extra = (packet.length - EncryptedMessages.ENVELOPE) % 16;
    return extra == 0 ? packet : Arrays.copyOf(packet, packet.length - extra);
  }

  private boolean padded() {
    Transport transport = decoder.transport();
    return transport != null && transport.framing() == Framing.PADDED_INTERMEDIATE;
  }
}
