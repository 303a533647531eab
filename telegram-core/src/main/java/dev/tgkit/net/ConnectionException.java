package dev.tgkit.net;

import java.time.Duration;

/**
 * A connection to a data center stopped serving a request for a reason that is not a protocol fault
 * of the bytes themselves: it closed, the server refused it with a <a
 * href="https://core.telegram.org/mtproto/mtproto-transports#transport-errors">transport error</a>,
 * or it did not answer in time. Protocol faults keep their own types ({@link
 * dev.tgkit.mtproto.transport.TransportException}, {@link
 * dev.tgkit.mtproto.auth.HandshakeException}, {@link dev.tgkit.mtproto.MessageRejectedException}).
 *
 * <p>Each subclass carries the values that describe it, so callers can decide on a retry without
 * parsing messages.
 */
public abstract sealed class ConnectionException extends RuntimeException {

  private ConnectionException(String message) {
    super(message);
  }

  /**
   * No connection to the data center could be opened: refused, unreachable, a name that does not
   * resolve, a proxy that refused the tunnel, or the connect timeout.
   */
  public static final class Unreachable extends ConnectionException {
    private final int dcId;

    public Unreachable(int dcId, String host, int port, Throwable cause) {
      super("cannot connect to data center " + dcId + " at " + host + ":" + port + ": " + describe(cause));
      this.dcId = dcId;
      initCause(cause);
    }

    /** The data center that could not be reached. */
    public int dcId() {
      return dcId;
    }

    private static String describe(Throwable cause) {
      String message = cause.getMessage();
      return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
  }

  /** The channel closed before the work it carried was done. */
  public static final class Closed extends ConnectionException {
    Closed(String during) {
      super("the connection closed during " + during);
    }
  }

  /**
   * The server answered with a transport error, such as -404 (it does not know the auth key) or
   * -429 (too many connections: back off before reconnecting).
   */
  public static final class TransportError extends ConnectionException {
    private final int code;

    public TransportError(int code, String during) {
      super("the server answered transport error " + code + " during " + during);
      this.code = code;
    }

    /** The negative code the server sent. */
    public int code() {
      return code;
    }
  }

  /**
   * The server would not accept the request's message for a reason resending cannot fix
   * (bad_msg_notification 18, 19, 34, 35, 64), or it was resent too often.
   */
  public static final class Rejected extends ConnectionException {
    Rejected(String reason) {
      super("the server rejected the request: " + reason);
    }
  }

  /** The server did not finish answering within the allowed time. */
  public static final class TimedOut extends ConnectionException {
    private final Duration timeout;

    public TimedOut(Duration timeout, String during) {
      super(during + " did not finish within " + timeout);
      this.timeout = timeout;
    }

    /** The time that was allowed. */
    public Duration timeout() {
      return timeout;
    }
  }
}
