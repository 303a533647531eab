package dev.tgkit.test;

/**
 * Thrown by a {@link RpcHandler} to answer its request with an <a
 * href="https://core.telegram.org/api/errors">{@code rpc_error}</a> instead of a result, exactly as
 * Telegram answers a request it refuses (for example 400 {@code PHONE_NUMBER_INVALID}).
 */
public final class RpcErrorException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int code;
  private final String errorMessage;

  /**
   * @param code the error code, such as 400, 401, 420
   * @param errorMessage the upper-case error name, such as {@code FLOOD_WAIT_2}
   */
  public RpcErrorException(int code, String errorMessage) {
    super(code + " " + errorMessage);
    this.code = code;
    this.errorMessage = errorMessage;
  }

  /** The error code. */
  public int code() {
    return code;
  }

  /** The error name sent to the client. */
  public String errorMessage() {
    return errorMessage;
  }
}
