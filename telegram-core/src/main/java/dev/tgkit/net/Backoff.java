package dev.tgkit.net;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long to wait before reconnect attempt {@code n}: exponential growth from {@code initial}
 * to at most {@code max}, each delay spread by up to {@code jitter} (a fraction) either way, so
 * many clients cut off together do not all come back in the same instant.
 */
public record Backoff(Duration initial, Duration max, double multiplier, double jitter) {

  /** 100 ms doubling to 30 s, ±20 %. */
  public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30), 2.0, 0.2);

  public Backoff {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initial + " and " + max);
    }
    if (multiplier < 1.0 || jitter < 0.0 || jitter >= 1.0) {
      throw new IllegalArgumentException(
          "backoff multiplier must be >= 1 and jitter in [0, 1), got " + multiplier + " and " + jitter);
    }
  }

  /** The delay before attempt {@code attempt} (0 for the first retry). */
  public Duration delay(int attempt, RandomGenerator random) {
    double base = initial.toMillis() * Math.pow(multiplier, Math.min(attempt, 62));
    double capped = Math.min(base, max.toMillis());
    double spread = capped * jitter * (2 * random.nextDouble() - 1);
    return Duration.ofMillis(Math.max(1, Math.round(capped + spread)));
  }
}
