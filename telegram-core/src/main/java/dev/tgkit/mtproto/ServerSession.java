package dev.tgkit.mtproto;

import dev.tgkit.crypto.AuthKey;
import dev.tgkit.crypto.Direction;
import dev.tgkit.tl.Bytes;
import dev.tgkit.tl.ContainedMessage;
import dev.tgkit.tl.GzipPacked;
import dev.tgkit.tl.MsgContainer;
import dev.tgkit.tl.RpcResult;
import dev.tgkit.tl.TlDecodeException;
import dev.tgkit.tl.TlObject;
import dev.tgkit.tl.TlReader;
import dev.tgkit.tl.TlWriter;
import dev.tgkit.tl.mtproto.BadMsgNotificationCtor;
import dev.tgkit.tl.mtproto.BadServerSalt;
import dev.tgkit.tl.mtproto.MsgsAckCtor;
import dev.tgkit.tl.mtproto.NewSessionCreated;
import dev.tgkit.tl.mtproto.Ping;
import dev.tgkit.tl.mtproto.PingDelayDisconnect;
import dev.tgkit.tl.mtproto.PongCtor;
import dev.tgkit.tl.mtproto.RpcErrorCtor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The server side of one MTProto 2.0 session: what Telegram does with a client's encrypted
 * messages. The embedded Telegram uses it; it follows the same pages as {@link ClientSession}.
 *
 * <p>It judges each client message as Telegram does and answers faults itself: a salt it does
 * not accept gets {@code bad_server_salt}; a msg_id that is not divisible by 4 (18), too far in
 * the past (16) or future (17) of the server's clock, too old to tell (20), a container that
 * holds a container or ids not below its own (64), and a seq_no of the wrong parity (34/35) get
 * {@code bad_msg_notification}. The first message of a new session is preceded by {@code
 * new_session_created}; {@code ping} and {@code ping_delay_disconnect} are answered with {@code
 * pong} (the latter also handed on, for the caller's disconnect timer); content-related messages are
 * acknowledged. Everything else comes out of {@link #unpack} as a {@link ClientMessage} for the
 * caller to execute and {@link #answer} or {@link #answerError}.
 *
 * <p>Sans-IO and single-threaded.
 */
public final class ServerSession {

  /** A message from the client for the server to act on. */
  public record ClientMessage(long msgId, int seqNo, Bytes body) {
    /** A reader over the (gzip-unpacked) body. */
    public TlReader reader() {
      return new TlReader(body.toByteArray());
    }

    /** The body's constructor id. */
    public int constructorId() {
      return reader().readInt();
    }
  }

  private record Pending(TlObject body, boolean contentRelated, boolean answer) {}

  private static final long TIME_WINDOW_PAST_SECONDS = 300;
  private static final long TIME_WINDOW_FUTURE_SECONDS = 30;
  private static final int MAX_OUTBOX = 65_536;
  private static final int MAX_ACKS = 8_192;

  private final AuthKey key;
  private final long sessionId;
  private final RandomGenerator random;
  private final MessageIds ids = new MessageIds(0);
  private final SeqNos seqNos = new SeqNos();
  private final ReceivedIds received = new ReceivedIds(1_024);
  private final ArrayDeque<Pending> outbox = new ArrayDeque<>();
  private final List<Long> pendingAcks = new ArrayList<>();
  private boolean announced;

  public ServerSession(AuthKey key, long sessionId, RandomGenerator random) {
    this.key = key;
    this.sessionId = sessionId;
    this.random = random;
  }

  public long sessionId() {
    return sessionId;
  }

  /**
   * Judges a message the client sent in this session (already decrypted and checked by {@link
   * EncryptedMessages#unpack}) and returns what the server must execute, in order.
   *
   * @param saltValid whether the message's salt is one the server accepts now
   * @param currentSalt the salt to give the client when it is not
   */
  public List<ClientMessage> unpack(
      EncryptedMessages.Decrypted m, boolean saltValid, long currentSalt, long nowMillis) {
    if (m.sessionId() != sessionId) {
      throw new MessageRejectedException.SessionIdMismatch(sessionId, m.sessionId());
    }
    List<ClientMessage> out = new ArrayList<>();
    if (!checkMsgId(m.msgId(), m.seqNo(), nowMillis)) {
      return out;
    }
    if (!announced) {
      announced = true;
      queue(new NewSessionCreated(m.msgId(), random.nextLong(), currentSalt), false, false);
    }
    if (!saltValid) {
      queue(new BadServerSalt(m.msgId(), m.seqNo(), 48, currentSalt), false, true);
      return out;
    }
    if (!received.record(m.msgId())) {
      return out; // a duplicate: it was executed once already
    }
    TlReader body = m.body();
    if (body.remaining() >= 4 && body.peekInt() == MsgContainer.CONSTRUCTOR_ID) {
      if ((m.seqNo() & 1) != 0) {
        notify(m.msgId(), m.seqNo(), 34);
        return out;
      }
      body.readInt();
      List<ContainedMessage> inner;
      try {
        inner = MsgContainer.readBare(body).messages();
      } catch (TlDecodeException e) {
        notify(m.msgId(), m.seqNo(), 64);
        return out;
      }
      for (ContainedMessage c : inner) {
        if (c.msgId() >= m.msgId() || c.bodyConstructorId() == MsgContainer.CONSTRUCTOR_ID) {
          notify(m.msgId(), m.seqNo(), 64);
          return out;
        }
      }
      for (ContainedMessage c : inner) {
        if (checkMsgId(c.msgId(), c.seqNo(), nowMillis) && received.record(c.msgId())) {
          accept(c.msgId(), c.seqNo(), c.bodyReader(), out);
        }
      }
      return out;
    }
    accept(m.msgId(), m.seqNo(), body, out);
    return out;
  }

  /** Checks parity and time; on failure queues the notification and returns false. */
  private boolean checkMsgId(long msgId, int seqNo, long nowMillis) {
    if ((msgId & 3) != 0) {
      notify(msgId, seqNo, 18);
      return false;
    }
    long skew = MessageIds.seconds(msgId) - Math.floorDiv(nowMillis, 1000);
    if (skew < -TIME_WINDOW_PAST_SECONDS) {
      notify(msgId, seqNo, 16);
      return false;
    }
    if (skew > TIME_WINDOW_FUTURE_SECONDS) {
      notify(msgId, seqNo, 17);
      return false;
    }
    if (received.isBeyondWindow(msgId)) {
      notify(msgId, seqNo, 20);
      return false;
    }
    return true;
  }

  private void accept(long msgId, int seqNo, TlReader body, List<ClientMessage> out) {
    int at = body.position();
    byte[] raw;
    int id;
    try {
      id = body.peekInt();
      if (id == GzipPacked.CONSTRUCTOR_ID) {
        body.readInt();
        TlReader inflated = body.inflateNested(at);
        raw = inflated.readRaw(inflated.remaining());
        id = new TlReader(raw).peekInt();
      } else {
        raw = body.readRaw(body.remaining());
      }
    } catch (TlDecodeException e) {
      notify(msgId, seqNo, 64);
      return;
    }
    boolean contentRelated = id != MsgsAckCtor.CONSTRUCTOR_ID;
    if (contentRelated != ((seqNo & 1) != 0)) {
      notify(msgId, seqNo, contentRelated ? 35 : 34);
      return;
    }
    switch (id) {
      case MsgsAckCtor.CONSTRUCTOR_ID -> {
        // The client received our messages; nothing is kept for resending, so nothing to do.
      }
      case Ping.CONSTRUCTOR_ID -> {
        Ping ping = Ping.readBare(skipId(raw));
        queue(new PongCtor(msgId, ping.pingId()), false, true);
      }
      case PingDelayDisconnect.CONSTRUCTOR_ID -> {
        // Answered here like ping; handed on too, since closing a silent connection after
        // disconnect_delay is the caller's IO.
        PingDelayDisconnect ping = PingDelayDisconnect.readBare(skipId(raw));
        queue(new PongCtor(msgId, ping.pingId()), false, true);
        out.add(new ClientMessage(msgId, seqNo, Bytes.wrap(raw)));
      }
      default -> {
        ack(msgId);
        out.add(new ClientMessage(msgId, seqNo, Bytes.wrap(raw)));
      }
    }
  }

  private static TlReader skipId(byte[] raw) {
    TlReader r = new TlReader(raw);
    r.readInt();
    return r;
  }

  private void ack(long msgId) {
    if (pendingAcks.size() >= MAX_ACKS) {
      pendingAcks.removeFirst();
    }
    pendingAcks.add(msgId);
  }

  private void notify(long badMsgId, int badSeqNo, int code) {
    queue(new BadMsgNotificationCtor(badMsgId, badSeqNo, code), false, true);
  }

  private void queue(TlObject body, boolean contentRelated, boolean answer) {
    if (outbox.size() >= MAX_OUTBOX) {
      throw new IllegalStateException("server outbox full (" + MAX_OUTBOX + " messages) for one session");
    }
    outbox.addLast(new Pending(body, contentRelated, answer));
  }

  /** Answers the request sent as {@code reqMsgId} with {@code result}. */
  public void answer(long reqMsgId, TlObject result) {
    byte[] serialized = result.toByteArray();
    queue(new RpcResult(reqMsgId, Bytes.wrap(serialized)), true, true);
  }

  /** Answers the request sent as {@code reqMsgId} with an {@code rpc_error}. */
  public void answerError(long reqMsgId, int code, String message) {
    queue(new RpcResult(reqMsgId, Bytes.wrap(new RpcErrorCtor(code, message).toByteArray())), true, true);
  }

  /** Sends an object the client did not ask for: an update, or a service message. */
  public void push(TlObject message) {
    queue(message, true, false);
  }

  /** Whether {@link #pack} would produce a packet. */
  public boolean hasPending() {
    return !outbox.isEmpty() || !pendingAcks.isEmpty();
  }

  /**
   * Packs what is queued into one encrypted packet for the client, as a container when there
   * are several messages.
   *
   * @param salt the salt to put in the header (the client does not check it)
   * @return the packet, or null when nothing is queued
   */
  public byte @Nullable [] pack(long salt, long nowMillis) {
    List<ContainedMessage> messages = new ArrayList<>();
    if (!pendingAcks.isEmpty()) {
      MsgsAckCtor ack = new MsgsAckCtor(List.copyOf(pendingAcks));
      pendingAcks.clear();
      messages.add(new ContainedMessage(ids.nextServerAnswerId(nowMillis), seqNos.next(false), Bytes.wrap(ack.toByteArray())));
    }
    while (!outbox.isEmpty() && messages.size() < 1_000) {
      Pending p = outbox.removeFirst();
      long msgId = p.answer() ? ids.nextServerAnswerId(nowMillis) : ids.nextServerInitiatedId(nowMillis);
      messages.add(new ContainedMessage(msgId, seqNos.next(p.contentRelated()), Bytes.wrap(p.body().toByteArray())));
    }
    if (messages.isEmpty()) {
      return null;
    }
    if (messages.size() == 1) {
      ContainedMessage only = messages.getFirst();
      return EncryptedMessages.pack(key, Direction.SERVER_TO_CLIENT, salt, sessionId,
          only.msgId(), only.seqNo(), only.body().toByteArray(), random);
    }
    TlWriter w = new TlWriter();
    new MsgContainer(messages).serialize(w);
    return EncryptedMessages.pack(key, Direction.SERVER_TO_CLIENT, salt, sessionId,
        ids.nextServerAnswerId(nowMillis), seqNos.next(false), w.toByteArray(), random);
  }
}
