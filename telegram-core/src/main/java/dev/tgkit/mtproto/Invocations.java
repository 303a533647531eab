package dev.tgkit.mtproto;

import dev.tgkit.tl.TlFunction;

/**
 * The <a href="https://core.telegram.org/api/invoking">invocation wrappers</a> ({@code
 * invokeWithLayer}, {@code initConnection}, {@code invokeAfterMsg}...) that change how a request
 * is executed, not what it asks.
 */
public final class Invocations {

  private Invocations() {}

  /**
   * The request inside every wrapper around {@code request}: the one its answer and its errors
   * are about; {@code request} itself if it wraps nothing.
   */
  public static TlFunction<?> innermost(TlFunction<?> request) {
    TlFunction<?> f = request;
    for (TlFunction<?> inner = f.wrapped(); inner != null; inner = f.wrapped()) {
      f = inner;
    }
    return f;
  }
}
