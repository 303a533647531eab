package dev.tgkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void growsExponentiallyUpToTheMaximum() {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), 2.0, 0.0);
    SplittableRandom random = new SplittableRandom(1);
    assertThat(backoff.delay(0, random)).isEqualTo(Duration.ofMillis(100));
    assertThat(backoff.delay(3, random)).isEqualTo(Duration.ofMillis(800));
    assertThat(backoff.delay(10, random)).isEqualTo(Duration.ofSeconds(5));
    assertThat(backoff.delay(Integer.MAX_VALUE, random)).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void jitterSpreadsDelaysWithinItsFraction() {
    Backoff backoff = new Backoff(Duration.ofMillis(1000), Duration.ofSeconds(5), 2.0, 0.2);
    SplittableRandom random = new SplittableRandom(2);
    long min = Long.MAX_VALUE;
    long max = 0;
    for (int i = 0; i < 1_000; i++) {
      long d = backoff.delay(0, random).toMillis();
      min = Math.min(min, d);
      max = Math.max(max, d);
    }
    assertThat(min).isBetween(800L, 850L);
    assertThat(max).isBetween(1150L, 1200L);
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 2, 0.1)).hasMessageContaining("initial");
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 0.1)).hasMessageContaining("initial <= max");
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 0.5, 0.1)).hasMessageContaining("multiplier");
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 2, 1.0)).hasMessageContaining("jitter");
  }
}
