package dev.tgkit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.mtproto.RpcError;
import dev.tgkit.tl.api.NearestDc;
import dev.tgkit.tl.api.NearestDcCtor;
import dev.tgkit.tl.api.help.GetNearestDc;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FloodPolicyTest {

  private static final NearestDc ANSWER = new NearestDcCtor("NL", 2, 2);

  /** A send that answers FLOOD_WAIT_{seconds} {@code floods} times, then the answer. */
  private static java.util.function.Function<dev.tgkit.tl.TlFunction<NearestDc>, CompletableFuture<NearestDc>> flooding(
      int floods, int seconds, AtomicInteger sends) {
    return request -> sends.incrementAndGet() <= floods
        ? CompletableFuture.failedFuture(RpcError.of(420, "FLOOD_WAIT_" + seconds, request))
        : CompletableFuture.completedFuture(ANSWER);
  }

  @Test
  void aWaitUnderTheThresholdIsWaitedOutAndTheRequestSentAgain() throws Exception {
    AtomicInteger sends = new AtomicInteger();
    long start = System.nanoTime();

    NearestDc answer = new FloodPolicy(Duration.ofSeconds(60), 1)
        .invoke(new GetNearestDc(), flooding(1, 2, sends)).get(10, TimeUnit.SECONDS);

    assertThat(answer).isEqualTo(ANSWER);
    assertThat(sends.get()).isEqualTo(2);
    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(2));
  }

  @Test
  void aWaitAboveTheThresholdReachesTheCallerWithItsSeconds() {
    AtomicInteger sends = new AtomicInteger();

    CompletableFuture<NearestDc> answer =
        new FloodPolicy(Duration.ofSeconds(60), 1).invoke(new GetNearestDc(), flooding(1, 120, sends));

    assertThatThrownBy(() -> answer.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(RpcError.Flood.class, e -> assertThat(e.seconds()).isEqualTo(120));
    assertThat(sends.get()).isEqualTo(1);
  }

  @Test
  void retriesStopAfterTheLimitAndAZeroThresholdNeverSleeps() {
    AtomicInteger sends = new AtomicInteger();
    assertThatThrownBy(() -> new FloodPolicy(Duration.ofSeconds(60), 2)
            .invoke(new GetNearestDc(), flooding(10, 0, sends)).get(5, TimeUnit.SECONDS))
        .cause().isInstanceOf(RpcError.Flood.class);
    assertThat(sends.get()).isEqualTo(3);

    AtomicInteger once = new AtomicInteger();
    assertThatThrownBy(() -> new FloodPolicy(Duration.ZERO, 5)
            .invoke(new GetNearestDc(), flooding(1, 1, once)).get(5, TimeUnit.SECONDS))
        .cause().isInstanceOf(RpcError.Flood.class);
    assertThat(once.get()).isEqualTo(1);
  }

  @Test
  void otherErrorsPassThroughUntouched() {
    CompletableFuture<NearestDc> answer = new FloodPolicy(Duration.ofSeconds(60), 3).invoke(new GetNearestDc(),
        request -> CompletableFuture.failedFuture(RpcError.of(400, "PEER_ID_INVALID", request)));
    assertThatThrownBy(() -> answer.get(5, TimeUnit.SECONDS)).cause().isInstanceOf(RpcError.BadRequest.class);
  }

  @Test
  void asAPipelineStepItSendsTheSameCallAgainAfterTheWait() {
    ScriptedNext end = new ScriptedNext()
        .then(RpcError.of(420, "FLOOD_WAIT_0", new GetNearestDc()))
        .then(ANSWER);

    NearestDc answer = new FloodPolicy(Duration.ofSeconds(60), 1)
        .invoke(new Pipeline.Call<>(new GetNearestDc(), 3), end).join();

    assertThat(answer).isEqualTo(ANSWER);
    assertThat(end.sent()).extracting(ScriptedNext.Sent::dcId).containsExactly(3, 3);
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> new FloodPolicy(Duration.ofSeconds(-1), 1)).hasMessageContaining("negative");
    assertThatThrownBy(() -> new FloodPolicy(Duration.ZERO, -1)).hasMessageContaining("negative");
  }
}
