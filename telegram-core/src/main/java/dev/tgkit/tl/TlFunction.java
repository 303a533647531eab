package dev.tgkit.tl;

import org.jspecify.annotations.Nullable;

/**
 * A TL function: a request whose answer is of type {@code R}.
 *
 * <p>The answer arrives inside {@code rpc_result}, whose {@code result:Object} field TL cannot
 * type; the request itself knows what it expects, so it reads the answer.
 *
 * @param <R> the Java type of the answer ({@code Boolean} for {@code Bool}, {@code List} for
 *     {@code Vector}, a generated sealed interface for a boxed type)
 */
public interface TlFunction<R> extends TlObject {

  /** Reads this function's answer (boxed, possibly wrapped in {@code gzip_packed}). */
  R readResult(TlReader in);

  /**
   * The function's name in the schema, with its namespace ({@code help.getConfig}): what logs,
   * metrics and traces call the request.
   */
  String tlName();

  /**
   * The query inside, for an <a href="https://core.telegram.org/api/invoking">invocation
   * wrapper</a> ({@code invokeWithLayer}, {@code initConnection}, {@code invokeAfterMsg}...: a
   * function with a {@code !X} field); null for every other function.
   */
  default @Nullable TlFunction<?> wrapped() {
    return null;
  }
}
