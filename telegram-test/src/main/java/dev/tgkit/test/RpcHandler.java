package dev.tgkit.test;

import dev.tgkit.tl.TlFunction;
import dev.tgkit.tl.TlObject;

/**
 * Executes one kind of API request for the embedded Telegram, as a Telegram service would after the
 * session layer has unwrapped {@code invokeWithLayer}, {@code initConnection} and friends (<a
 * href="https://core.telegram.org/api/invoking">invoking API methods</a>).
 *
 * @param <F> the request type it handles
 */
@FunctionalInterface
public interface RpcHandler<F extends TlFunction<?>> {

  /**
   * Answers {@code request}.
   *
   * @param request the unwrapped request
   * @param context which data center and connection the request reached
   * @return the result to send in {@code rpc_result}
   * @throws RpcErrorException to answer with an {@code rpc_error}
   */
  TlObject handle(F request, RequestContext context);
}
