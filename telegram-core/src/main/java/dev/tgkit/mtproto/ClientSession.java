package dev.tgkit.mtproto;

import dev.tgkit.crypto.AuthKey;
import dev.tgkit.crypto.Direction;
import dev.tgkit.tl.Bytes;
import dev.tgkit.tl.ContainedMessage;
import dev.tgkit.tl.GzipPacked;
import dev.tgkit.tl.MsgContainer;
import dev.tgkit.tl.RpcResult;
import dev.tgkit.tl.TlDecodeException;
import dev.tgkit.tl.TlFunction;
import dev.tgkit.tl.TlObject;
import dev.tgkit.tl.TlReader;
import dev.tgkit.tl.TlWriter;
import dev.tgkit.tl.api.TlApi;
import dev.tgkit.tl.mtproto.BadMsgNotification;
import dev.tgkit.tl.mtproto.BadMsgNotificationCtor;
import dev.tgkit.tl.mtproto.BadServerSalt;
import dev.tgkit.tl.mtproto.FutureSaltCtor;
import dev.tgkit.tl.mtproto.FutureSaltsCtor;
import dev.tgkit.tl.mtproto.MsgDetailedInfo;
import dev.tgkit.tl.mtproto.MsgDetailedInfoCtor;
import dev.tgkit.tl.mtproto.MsgNewDetailedInfo;
import dev.tgkit.tl.mtproto.MsgResendReqCtor;
import dev.tgkit.tl.mtproto.MsgsAckCtor;
import dev.tgkit.tl.mtproto.MsgsStateInfoCtor;
import dev.tgkit.tl.mtproto.MsgsStateReqCtor;
import dev.tgkit.tl.mtproto.NewSessionCreated;
import dev.tgkit.tl.mtproto.PongCtor;
import dev.tgkit.tl.mtproto.RpcErrorCtor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The client side of an MTProto 2.0 session on one auth key: it turns requests into encrypted
 * packets and packets into {@link Incoming} results (<a
 * href="https://core.telegram.org/mtproto/description">description</a>, <a
 * href="https://core.telegram.org/mtproto/service_messages">service messages</a>, <a
 * href="https://core.telegram.org/mtproto/service_messages_about_messages">messages about
 * messages</a>).
 *
 * <p>It keeps what a session needs: session id, salt and future salts, the clock offset, msg_id
 * and seq_no counters, the queue of requests not yet sent, the requests sent and not answered
 * (keyed by msg_id, with the containers that carried them), the acks owed to the server and the
 * window of msg_ids received. It absorbs service messages itself: a {@code bad_server_salt} or a
 * time complaint (bad_msg_notification 16/17) moves the affected requests back to the queue
 * with the new salt or clock; {@code msgs_state_req}, {@code msg_resend_req} and {@code
 * msg_detailed_info} are answered. What the caller must know comes out as {@link Incoming}.
 *
 * <p>Sans-IO and single-threaded: the network layer calls {@link #pack}, {@link #unpack} and
 * {@link #enqueue} from one thread (its event loop).
 */
public final class ClientSession {

  /**
   * Bounds that keep memory finite whatever the server or the caller does.
   *
   * @param maxQueued requests waiting to be sent
   * @param maxInFlight requests sent and awaiting an answer
   * @param maxPendingAcks acks owed to the server; 8192 is the most one {@code msgs_ack} may carry
   * @param maxContainerMessages messages per container (Telegram accepts 1020 at most)
   * @param maxContainerBytes bytes of bodies per packet before a container is closed
   * @param gzipThreshold bodies at least this long are sent gzip-packed when that is smaller
   * @param maxSends how often one request is sent before it fails
   * @param receivedWindow msg_ids remembered to drop replays
   */
  public record Limits(
      int maxQueued,
      int maxInFlight,
      int maxPendingAcks,
      int maxContainerMessages,
      int maxContainerBytes,
      int gzipThreshold,
      int maxSends,
      int receivedWindow) {

    public static final Limits DEFAULT =
        new Limits(65_536, 65_536, 8_192, 1_020, 512 * 1024, 512, 5, 1_024);

    public Limits {
      if (maxQueued < 1 || maxInFlight < 1 || maxPendingAcks < 1 || maxPendingAcks > 8192
          || maxContainerMessages < 2 || maxContainerMessages > 1020 || maxContainerBytes < 1024
          || gzipThreshold < 0 || maxSends < 1 || receivedWindow < 16) {
        throw new IllegalArgumentException("invalid session limits: " + this);
      }
    }
  }

  /** A request from the moment it is enqueued until it is answered or fails. */
  private static final class Outgoing {
    final long requestId;
    final TlObject request;
    final byte[] body; // boxed, possibly gzip_packed
    final boolean contentRelated;
    long msgId;
    long containerId;
    int sends;

    Outgoing(long requestId, TlObject request, byte[] body, boolean contentRelated) {
      this.requestId = requestId;
      this.request = request;
      this.body = body;
      this.contentRelated = contentRelated;
    }

    boolean expectsAnswer() {
      return request instanceof TlFunction<?>;
    }
  }

  /** Server salts with their validity (unixtime seconds), from {@code future_salts}. */
  private record Salt(long salt, long validSince, long validUntil) {}

  private static final int MSGS_STATE_UNKNOWN = 1;
  private static final int MSGS_STATE_RECEIVED = 4;
  private static final long TIME_WINDOW_PAST_SECONDS = 300;
  private static final long TIME_WINDOW_FUTURE_SECONDS = 30;

  private final AuthKey key;
  private final Limits limits;
  private final RandomGenerator random;
  private final MessageIds ids;
  private final SeqNos seqNos = new SeqNos();
  private final ReceivedIds received;
  private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();
  private final Map<Long, Outgoing> inFlight = new HashMap<>();
  private final Map<Long, List<Outgoing>> containers = new LinkedHashMap<>();
  private final List<Long> pendingAcks = new ArrayList<>();
  private final List<Salt> futureSalts = new ArrayList<>();
  private long sessionId;
  private long salt;
  private boolean clockTrusted;
  private long nextRequestId = 1;

  /**
   * @param salt the server salt to start with (from the auth-key exchange or storage)
   * @param offsetMillis the peer's clock minus ours, as known so far
   * @param clockTrusted whether {@code offsetMillis} was learnt from this server; if not, the
   *     first authentic message of the session sets it
   * @param random draws the session id and the padding
   */
  public ClientSession(
      AuthKey key, long salt, long offsetMillis, boolean clockTrusted, Limits limits, RandomGenerator random) {
    this.key = key;
    this.salt = salt;
    this.limits = limits;
    this.random = random;
    this.ids = new MessageIds(offsetMillis);
    this.clockTrusted = clockTrusted;
    this.received = new ReceivedIds(limits.receivedWindow());
    this.sessionId = newSessionId(random);
  }

  private static long newSessionId(RandomGenerator random) {
    long id;
    do {
      id = random.nextLong();
    } while (id == 0);
    return id;
  }

  public long sessionId() {
    return sessionId;
  }

  public long salt() {
    return salt;
  }

  /** The server's clock minus ours, in milliseconds. */
  public long offsetMillis() {
    return ids.offsetMillis();
  }

  public AuthKey authKey() {
    return key;
  }

  /** Requests enqueued and not yet sent. */
  public int queued() {
    return queue.size();
  }

  /** Requests sent and not yet answered. */
  public int inFlight() {
    return inFlight.size();
  }

  /** Whether {@link #pack} would produce a packet. */
  public boolean hasPending() {
    return !queue.isEmpty() || !pendingAcks.isEmpty();
  }

  /**
   * Queues a request (or any content-related object) to be sent by the next {@link #pack}.
   *
   * @return the id that names it in the {@link Incoming} results
   * @throws IllegalStateException when the queue is full: the caller must slow down
   */
  public long enqueue(TlObject request) {
    if (queue.size() >= limits.maxQueued()) {
      throw new IllegalStateException(
          "request queue full (" + limits.maxQueued() + " waiting); wait for answers before sending more");
    }
    Outgoing out = new Outgoing(nextRequestId++, request, serialize(request), true);
    queue.addLast(out);
    return out.requestId;
  }

  private byte[] serialize(TlObject request) {
    byte[] body = request.toByteArray();
    if (body.length >= limits.gzipThreshold()) {
      byte[] packed = GzipPacked.pack(body).toByteArray();
      if (packed.length < body.length) {
        return packed;
      }
    }
    return body;
  }

  /**
   * Queues a service message of our own ahead of requests. Like every message but acks and
   * containers it is content-related (<a
   * href="https://core.telegram.org/mtproto/description#content-related-message">content-related
   * message</a>).
   */
  private void enqueueService(TlObject message) {
    queue.addFirst(new Outgoing(0, message, message.toByteArray(), true));
  }

  /**
   * Packs what is queued (and the acks owed) into one encrypted packet: a single message, or a
   * container when there are several.
   *
   * @return the packet, or null when there is nothing to send
   */
  public byte @Nullable [] pack(long nowMillis) {
    rotateSalt(nowMillis);
    List<Outgoing> batch = new ArrayList<>();
    int bytes = 0;
    Outgoing acks = takeAcks();
    if (acks != null) {
      batch.add(acks);
      bytes += acks.body.length;
    }
    while (!queue.isEmpty()
        && batch.size() < limits.maxContainerMessages()
        && inFlight.size() + batch.size() < limits.maxInFlight()) {
      Outgoing next = queue.peekFirst();
      if (!batch.isEmpty() && bytes + next.body.length + ContainedMessage.HEADER_SIZE > limits.maxContainerBytes()) {
        break;
      }
      queue.removeFirst();
      batch.add(next);
      bytes += next.body.length + ContainedMessage.HEADER_SIZE;
    }
    if (batch.isEmpty()) {
      return null;
    }
    for (Outgoing out : batch) {
      out.msgId = ids.nextClientId(nowMillis);
      out.sends++;
      out.containerId = 0;
      if (out.expectsAnswer()) {
        inFlight.put(out.msgId, out);
      }
    }
    if (batch.size() == 1) {
      Outgoing only = batch.getFirst();
      return EncryptedMessages.pack(
          key, Direction.CLIENT_TO_SERVER, salt, sessionId, only.msgId,
          seqNos.next(only.contentRelated), only.body, random);
    }
    List<ContainedMessage> inner = new ArrayList<>(batch.size());
    for (Outgoing out : batch) {
      inner.add(new ContainedMessage(out.msgId, seqNos.next(out.contentRelated), Bytes.wrap(out.body)));
    }
    // The container's id comes last: it must be greater than the ids it holds.
    long containerId = ids.nextClientId(nowMillis);
    List<Outgoing> tracked = new ArrayList<>();
    for (Outgoing out : batch) {
      out.containerId = containerId;
      if (out.expectsAnswer()) {
        tracked.add(out);
      }
    }
    if (!tracked.isEmpty()) {
      containers.put(containerId, tracked);
      trimContainers();
    }
    TlWriter w = new TlWriter(bytes + 8);
    new MsgContainer(inner).serialize(w);
    return EncryptedMessages.pack(
        key, Direction.CLIENT_TO_SERVER, salt, sessionId, containerId, seqNos.next(false),
        w.toByteArray(), random);
  }

  private @Nullable Outgoing takeAcks() {
    if (pendingAcks.isEmpty()) {
      return null;
    }
    MsgsAckCtor ack = new MsgsAckCtor(List.copyOf(pendingAcks));
    pendingAcks.clear();
    return new Outgoing(0, ack, ack.toByteArray(), false);
  }

  /** Containers only matter while their requests are in flight; forget the oldest beyond that. */
  private void trimContainers() {
    Iterator<Map.Entry<Long, List<Outgoing>>> it = containers.entrySet().iterator();
    while (containers.size() > limits.maxInFlight() && it.hasNext()) {
      it.next();
      it.remove();
    }
  }

  private void rotateSalt(long nowMillis) {
    if (futureSalts.isEmpty()) {
      return;
    }
    long now = (nowMillis + ids.offsetMillis()) / 1000;
    futureSalts.removeIf(s -> s.validUntil() <= now);
    for (Salt s : futureSalts) {
      if (s.validSince() <= now) {
        salt = s.salt();
      }
    }
  }

  /**
   * Whether the session should ask for {@code get_future_salts}: it knows no salt valid for
   * at least {@code marginSeconds} more.
   */
  public boolean needsFutureSalts(long nowMillis, long marginSeconds) {
    long now = (nowMillis + ids.offsetMillis()) / 1000;
    for (Salt s : futureSalts) {
      if (s.validUntil() > now + marginSeconds) {
        return false;
      }
    }
    return true;
  }

  /**
   * Moves every request sent and not answered back to the queue, in the order they were first
   * enqueued: after a reconnect nothing already sent can be trusted to arrive.
   */
  public void requeueUnanswered() {
    List<Outgoing> unanswered = new ArrayList<>(inFlight.values());
    inFlight.clear();
    containers.clear();
    unanswered.sort(Comparator.comparingLong((Outgoing o) -> o.requestId).reversed());
    for (Outgoing out : unanswered) {
      queue.addFirst(out);
    }
  }

  /**
   * Decrypts and checks one packet from the server, absorbs its service messages and returns
   * what the caller must act on.
   *
   * @param packet the transport's frame; decrypted in place
   * @throws MessageRejectedException if the packet fails a check; nothing was changed
   */
  public List<Incoming> unpack(byte[] packet, long nowMillis) {
    EncryptedMessages.Decrypted m = EncryptedMessages.unpack(key, Direction.SERVER_TO_CLIENT, packet);
    if (m.sessionId() != sessionId) {
      throw new MessageRejectedException.SessionIdMismatch(sessionId, m.sessionId());
    }
    checkServerMsgId(m.msgId(), nowMillis);
    if (!received.record(m.msgId())) {
      throw new MessageRejectedException.DuplicateMsgId(m.msgId());
    }
    List<Incoming> results = new ArrayList<>();
    if (!clockTrusted) {
      // The first authentic message of this session: only the server can have made it (its
      // msg_key proves the auth key) and it cannot be a replay from another session (the
      // session id is ours and new), so its time is the server's.
      clockTrusted = true;
      ids.synchronize(m.msgId(), nowMillis);
      results.add(new Incoming.ClockSynchronized(ids.offsetMillis()));
    }
    handle(m.msgId(), m.seqNo(), m.body(), nowMillis, results, true);
    return results;
  }

  private void checkServerMsgId(long msgId, long nowMillis) {
    if ((msgId & 1) == 0) {
      throw new MessageRejectedException.BadMsgIdParity(msgId, "odd (server)");
    }
    if (clockTrusted) {
      long skew = MessageIds.seconds(msgId) - Math.floorDiv(nowMillis + ids.offsetMillis(), 1000);
      if (skew < -TIME_WINDOW_PAST_SECONDS || skew > TIME_WINDOW_FUTURE_SECONDS) {
        throw new MessageRejectedException.MsgIdOutOfWindow(msgId, skew);
      }
    }
  }

  private void handle(long msgId, int seqNo, TlReader body, long nowMillis, List<Incoming> out, boolean top) {
    if ((seqNo & 1) != 0) {
      owe(msgId);
    }
    int at = body.position();
    switch (body.peekInt()) {
      case MsgContainer.CONSTRUCTOR_ID -> {
        body.readInt();
        if (!top) {
          out.add(new Incoming.Unknown(msgId, new TlDecodeException("container inside a container", at)));
          return;
        }
        for (ContainedMessage inner : MsgContainer.readBare(body).messages()) {
          if ((inner.msgId() & 1) == 0 || !received.record(inner.msgId())) {
            continue; // a client-parity or replayed id inside a container: ignore that message
          }
          handle(inner.msgId(), inner.seqNo(), inner.bodyReader(), nowMillis, out, false);
        }
      }
      case GzipPacked.CONSTRUCTOR_ID -> {
        body.readInt();
        handleBody(msgId, body.inflateNested(at), nowMillis, out);
      }
      default -> handleBody(msgId, body, nowMillis, out);
    }
  }

  private void owe(long msgId) {
    if (pendingAcks.size() >= limits.maxPendingAcks()) {
      pendingAcks.removeFirst(); // the oldest ack is the least useful; the server resends if needed
    }
    pendingAcks.add(msgId);
  }

  private void handleBody(long msgId, TlReader body, long nowMillis, List<Incoming> out) {
    int id = body.peekInt();
    try {
      switch (id) {
        case RpcResult.CONSTRUCTOR_ID -> answer(RpcResult.readBare(skipId(body)), out);
        case BadServerSalt.CONSTRUCTOR_ID, BadMsgNotificationCtor.CONSTRUCTOR_ID ->
            badMessage(msgId, BadMsgNotification.read(body), nowMillis, out);
        case NewSessionCreated.CONSTRUCTOR_ID -> {
          NewSessionCreated created = NewSessionCreated.readBare(skipId(body));
          salt = created.serverSalt();
          out.add(new Incoming.SaltChanged());
          out.add(new Incoming.NewSession(created.firstMsgId(), created.uniqueId()));
        }
        case MsgsAckCtor.CONSTRUCTOR_ID -> acknowledged(MsgsAckCtor.readBare(skipId(body)), out);
        case PongCtor.CONSTRUCTOR_ID -> {
          // Telegram answers ping with a bare pong naming the ping's msg_id, not an rpc_result.
          PongCtor pong = PongCtor.readBare(skipId(body));
          Outgoing ping = inFlight.remove(pong.msgId());
          if (ping != null) {
            out.add(new Incoming.Answer(ping.requestId, pong));
          }
        }
        case FutureSaltsCtor.CONSTRUCTOR_ID -> {
          FutureSaltsCtor salts = FutureSaltsCtor.readBare(skipId(body));
          adopt(salts);
          Outgoing request = inFlight.remove(salts.reqMsgId());
          if (request != null) {
            out.add(new Incoming.Answer(request.requestId, salts));
          }
        }
        case MsgDetailedInfoCtor.CONSTRUCTOR_ID, MsgNewDetailedInfo.CONSTRUCTOR_ID -> {
          long answerMsgId =
              switch (MsgDetailedInfo.read(body)) {
                case MsgDetailedInfoCtor d -> d.answerMsgId();
                case MsgNewDetailedInfo d -> d.answerMsgId();
              };
          // The server says it has an answer for us: ack it if it arrived, else ask for it.
          if (received.contains(answerMsgId)) {
            owe(answerMsgId);
          } else {
            enqueueService(new MsgResendReqCtor(List.of(answerMsgId)));
          }
        }
        case MsgsStateReqCtor.CONSTRUCTOR_ID -> {
          MsgsStateReqCtor req = MsgsStateReqCtor.readBare(skipId(body));
          byte[] info = new byte[req.msgIds().size()];
          for (int i = 0; i < info.length; i++) {
            info[i] = (byte) (received.contains(req.msgIds().get(i)) ? MSGS_STATE_RECEIVED : MSGS_STATE_UNKNOWN);
          }
          enqueueService(new MsgsStateInfoCtor(msgId, Bytes.wrap(info)));
        }
        case MsgResendReqCtor.CONSTRUCTOR_ID -> {
          for (long resend : MsgResendReqCtor.readBare(skipId(body)).msgIds()) {
            requeue(resend, "server asked to resend", out);
          }
        }
        default -> out.add(new Incoming.Update(TlApi.readObject(body)));
      }
    } catch (TlDecodeException e) {
      out.add(new Incoming.Unknown(msgId, e));
    }
  }

  private void adopt(FutureSaltsCtor salts) {
    futureSalts.clear();
    for (FutureSaltCtor s : salts.salts()) {
      futureSalts.add(new Salt(s.salt(), s.validSince(), s.validUntil()));
    }
  }

  private static TlReader skipId(TlReader body) {
    body.readInt();
    return body;
  }

  private void acknowledged(MsgsAckCtor ack, List<Incoming> out) {
    List<Long> requestIds = new ArrayList<>();
    for (long msgId : ack.msgIds()) {
      List<Outgoing> inContainer = containers.get(msgId);
      if (inContainer != null) {
        for (Outgoing o : inContainer) {
          if (inFlight.containsKey(o.msgId)) requestIds.add(o.requestId);
        }
      }
      Outgoing one = inFlight.get(msgId);
      if (one != null) {
        requestIds.add(one.requestId);
      }
    }
    if (!requestIds.isEmpty()) {
      out.add(new Incoming.Acknowledged(List.copyOf(requestIds)));
    }
  }

  private void answer(RpcResult result, List<Incoming> out) {
    Outgoing request = inFlight.remove(result.reqMsgId());
    if (request == null) {
      return; // an answer to a request already answered, or forgotten after a reconnect
    }
    TlReader in = result.resultReader();
    try {
      int at = in.position();
      int id = in.peekInt();
      if (id == GzipPacked.CONSTRUCTOR_ID) {
        in.readInt();
        in = in.inflateNested(at);
        id = in.peekInt();
      }
      if (id == RpcErrorCtor.CONSTRUCTOR_ID) {
        RpcErrorCtor error = RpcErrorCtor.readBare(skipId(in));
        out.add(new Incoming.RpcErrorAnswer(request.requestId, error.errorCode(), error.errorMessage()));
        return;
      }
      Object value = ((TlFunction<?>) request.request).readResult(in);
      if (value instanceof FutureSaltsCtor salts) {
        adopt(salts); // future_salts may also come wrapped in rpc_result
      }
      out.add(new Incoming.Answer(request.requestId, value));
    } catch (TlDecodeException e) {
      out.add(new Incoming.Undecodable(request.requestId, e));
    }
  }

  private void badMessage(long msgId, BadMsgNotification notification, long nowMillis, List<Incoming> out) {
    switch (notification) {
      case BadServerSalt bad -> {
        salt = bad.newServerSalt();
        out.add(new Incoming.SaltChanged());
        requeue(bad.badMsgId(), "bad_server_salt", out);
      }
      case BadMsgNotificationCtor bad -> {
        switch (bad.errorCode()) {
          case 16, 17 -> {
            // Our clock is off: take the server's from this notification's own msg_id.
            ids.synchronize(msgId, nowMillis);
            clockTrusted = true;
            out.add(new Incoming.ClockSynchronized(ids.offsetMillis()));
            requeue(bad.badMsgId(), "msg_id too " + (bad.errorCode() == 16 ? "low" : "high"), out);
          }
          case 20 -> requeue(bad.badMsgId(), "message too old", out);
          case 32, 33 -> {
            // Our seq_no disagrees with the server's count: start a new session, in which both
            // count from zero, and send everything unanswered again.
            sessionId = newSessionId(random);
            seqNos.reset();
            received.clear();
            List<Long> requestIds = new ArrayList<>();
            for (Outgoing o : inFlight.values()) requestIds.add(o.requestId);
            requeueUnanswered();
            for (long r : requestIds) out.add(new Incoming.Requeued(r, "seq_no mismatch; new session"));
          }
          default -> fail(bad.badMsgId(), "bad_msg_notification " + bad.errorCode(), out);
        }
      }
    }
  }

  /** The requests a msg_id stands for: one request, or every request of a container. */
  private List<Outgoing> affected(long msgId) {
    List<Outgoing> inContainer = containers.remove(msgId);
    if (inContainer != null) {
      List<Outgoing> still = new ArrayList<>();
      for (Outgoing o : inContainer) {
        if (inFlight.remove(o.msgId) != null) {
          still.add(o);
        }
      }
      return still;
    }
    Outgoing one = inFlight.remove(msgId);
    return one == null ? List.of() : List.of(one);
  }

  private void requeue(long msgId, String reason, List<Incoming> out) {
    List<Outgoing> requests = affected(msgId);
    for (int i = requests.size() - 1; i >= 0; i--) {
      Outgoing o = requests.get(i);
      if (o.sends >= limits.maxSends()) {
        out.add(new Incoming.Failed(o.requestId, reason + " after " + o.sends + " sends"));
      } else {
        queue.addFirst(o);
        out.add(new Incoming.Requeued(o.requestId, reason));
      }
    }
  }

  private void fail(long msgId, String reason, List<Incoming> out) {
    for (Outgoing o : affected(msgId)) {
      out.add(new Incoming.Failed(o.requestId, reason));
    }
  }
}
