package dev.tgkit.mtproto;

import dev.tgkit.tl.TlFunction;
import dev.tgkit.tl.api.InitConnection;
import dev.tgkit.tl.api.InvokeAfterMsg;
import dev.tgkit.tl.api.InvokeAfterMsgs;
import dev.tgkit.tl.api.InvokeWithApnsSecret;
import dev.tgkit.tl.api.InvokeWithBusinessConnection;
import dev.tgkit.tl.api.InvokeWithGooglePlayIntegrity;
import dev.tgkit.tl.api.InvokeWithLayer;
import dev.tgkit.tl.api.InvokeWithMessagesRange;
import dev.tgkit.tl.api.InvokeWithReCaptcha;
import dev.tgkit.tl.api.InvokeWithTakeout;
import dev.tgkit.tl.api.InvokeWithoutUpdates;

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
    while (true) {
      switch (f) {
        case InvokeWithLayer<?> w -> f = w.query();
        case InitConnection<?> w -> f = w.query();
        case InvokeWithoutUpdates<?> w -> f = w.query();
        case InvokeAfterMsg<?> w -> f = w.query();
        case InvokeAfterMsgs<?> w -> f = w.query();
        case InvokeWithMessagesRange<?> w -> f = w.query();
        case InvokeWithTakeout<?> w -> f = w.query();
        case InvokeWithBusinessConnection<?> w -> f = w.query();
        case InvokeWithGooglePlayIntegrity<?> w -> f = w.query();
        case InvokeWithApnsSecret<?> w -> f = w.query();
        case InvokeWithReCaptcha<?> w -> f = w.query();
        default -> {
          return f;
        }
      }
    }
  }
}
