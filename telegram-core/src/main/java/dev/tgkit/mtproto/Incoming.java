package dev.tgkit.mtproto;

import dev.tgkit.tl.TlDecodeException;
import dev.tgkit.tl.TlObject;

/**
 * What a client learns from one incoming packet, after the session has absorbed what it can
 * itself (acks, salts, clock, resends). Each request a caller enqueued ends in exactly one of
 * {@link Answer}, {@link RpcErrorAnswer}, {@link Undecodable} or {@link Failed}, named by the
 * request id {@link ClientSession#enqueue} returned.
 */
public sealed interface Incoming {

  /** The request's answer, as its {@link dev.tgkit.tl.TlFunction#readResult} read it. */
  record Answer(long requestId, Object result) implements Incoming {}

  /**
   * The server's {@code rpc_error} for the request (<a
   * href="https://core.telegram.org/api/errors">errors</a>): {@code FLOOD_WAIT_31},
   * {@code PHONE_MIGRATE_2}, ...
   */
  record RpcErrorAnswer(long requestId, int errorCode, String errorMessage) implements Incoming {}

  /** An answer arrived but could not be read with the request's result type. */
  record Undecodable(long requestId, TlDecodeException cause) implements Incoming {}

  /**
   * The server rejected the request's message for a reason resending cannot fix
   * (bad_msg_notification 18, 19, 34, 35, 64), or it was resent too often.
   */
  record Failed(long requestId, String reason) implements Incoming {}

  /**
   * The server acknowledged receiving these requests; their answers are still to come. After a
   * reconnect they are sent again all the same: an ack says the server got them, not that it
   * will answer on a new connection.
   */
  record Acknowledged(java.util.List<Long> requestIds) implements Incoming {}

  /** An update the server pushed ({@code Updates} and its kin), outside any answer. */
  record Update(TlObject update) implements Incoming {}

  /** The server started a new session: updates sent before may be lost (call getDifference). */
  record NewSession(long firstMsgId, long uniqueId) implements Incoming {}

  /** A message that is neither an answer nor a known service message nor a readable update. */
  record Unknown(long msgId, TlDecodeException cause) implements Incoming {}

  /** The session moved requests back to the queue; pack again to send them. */
  record Requeued(long requestId, String reason) implements Incoming {}

  /** The session adopted the server's clock: peer time = local time + {@code offsetMillis}. */
  record ClockSynchronized(long offsetMillis) implements Incoming {}

  /** The server gave a new salt (bad_server_salt or new_session_created). */
  record SaltChanged() implements Incoming {}
}
