package dev.tgkit.test.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tgkit.tl.mtproto.FutureSaltCtor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Salt rotation, grace and the future-salts schedule, on a fixed clock. */
class SaltsTest {

  private static final long PERIOD = 60_000;
  private static final long T0 = 1_700_000_000_000L;

  private final Salts salts = new Salts(new SplittableRandom(5), PERIOD, T0);

  @Test
  void currentSaltChangesOncePerPeriod() {
    long first = salts.current(T0);

    assertThat(salts.current(T0 + PERIOD - 1)).isEqualTo(first);
    assertThat(salts.current(T0 + PERIOD)).isNotEqualTo(first);
  }

  @Test
  void previousSaltIsAcceptedForOnePeriodAfterTheChange() {
    long first = salts.current(T0);
    salts.current(T0 + PERIOD);

    assertThat(salts.accepts(first, T0 + PERIOD + 1)).isTrue();
    assertThat(salts.accepts(first, T0 + 2 * PERIOD)).isFalse();
    assertThat(salts.accepts(first + 1, T0)).isFalse();
  }

  @Test
  void futureSaltsAreTheOnesThatBecomeCurrent() {
    List<FutureSaltCtor> future = salts.future(4, T0);

    assertThat(future).hasSize(4);
    for (int i = 0; i < 4; i++) {
      assertThat(salts.current(T0 + i * PERIOD)).isEqualTo(future.get(i).salt());
      assertThat(future.get(i).validSince()).isEqualTo((int) ((T0 + i * PERIOD) / 1000));
    }
  }

  @Test
  void futureSaltCountIsCappedAt64AndAtLeastOne() {
    assertThat(salts.future(1_000, T0)).hasSize(Salts.MAX_FUTURE);
    assertThat(salts.future(-3, T0)).hasSize(1);
  }

  @Test
  void longIdleTimeRotatesWithoutLoopingAndExpiresTheOldSalt() {
    long first = salts.current(T0);
    long later = T0 + 1_000_000 * PERIOD;

    long now = salts.current(later);

    assertThat(now).isNotEqualTo(first);
    assertThat(salts.accepts(first, later)).isFalse();
    assertThat(salts.generation(later)).isEqualTo(2);
  }

  @Test
  void forcedRotationKeepsTheOldSaltInGrace() {
    long first = salts.current(T0);

    salts.rotate(T0 + 10);

    assertThat(salts.current(T0 + 10)).isNotEqualTo(first);
    assertThat(salts.accepts(first, T0 + 10)).isTrue();
  }
}
