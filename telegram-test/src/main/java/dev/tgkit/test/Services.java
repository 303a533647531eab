package dev.tgkit.test;

import dev.tgkit.tl.TlFunction;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The embedded Telegram's request registry: which {@link RpcHandler} executes which request type.
 * Telegram routes an API call by its constructor id to the service that owns the method (<a
 * href="https://core.telegram.org/api/invoking">invoking API methods</a>); here each generated
 * function class (one per constructor id) maps to one handler. Thread-safe: tests may register
 * handlers while the server runs.
 */
public final class Services {

  private final Map<Class<?>, RpcHandler<?>> handlers = new ConcurrentHashMap<>();

  /**
   * Makes {@code handler} answer every request of {@code type}, replacing an earlier handler.
   *
   * @return this registry
   */
  public <F extends TlFunction<?>> Services register(Class<F> type, RpcHandler<F> handler) {
    handlers.put(type, handler);
    return this;
  }

  /**
   * Makes {@code handler} answer {@code type} unless a handler is registered already: how the
   * embedded Telegram's own services yield to those a test registered first.
   */
  public <F extends TlFunction<?>> Services registerDefault(Class<F> type, RpcHandler<F> handler) {
    handlers.putIfAbsent(type, handler);
    return this;
  }

  /** Removes the handler of {@code type}, if any. */
  public void unregister(Class<? extends TlFunction<?>> type) {
    handlers.remove(type);
  }

  /** The handler for {@code request}'s class, or null when none is registered. */
  @SuppressWarnings("unchecked")
  public <F extends TlFunction<?>> @Nullable RpcHandler<F> handlerFor(F request) {
    return (RpcHandler<F>) handlers.get(request.getClass());
  }
}
