package dev.tgkit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.tl.api.NearestDcCtor;
import dev.tgkit.tl.api.help.GetNearestDc;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class PipelineTest {

  private final List<String> trace = new ArrayList<>();

  /** A step that notes the call going out and the answer coming back. */
  private Pipeline.Step noting(String name) {
    return new Pipeline.Step() {
      @Override
      public <R> CompletableFuture<R> invoke(Pipeline.Call<R> call, Pipeline.Next next) {
        trace.add(name + " out");
        return next.invoke(call).whenComplete((v, f) -> trace.add(name + " back"));
      }
    };
  }

  @Test
  void stepsSeeTheCallOutermostFirstAndTheAnswerInReverse() {
    ScriptedNext end = new ScriptedNext().then(new NearestDcCtor("NL", 2, 2));
    Pipeline pipeline = new Pipeline(List.of(noting("a"), noting("b"), noting("c")), end);

    assertThat(pipeline.invoke(new GetNearestDc())).isEqualTo(new NearestDcCtor("NL", 2, 2));

    assertThat(trace).containsExactly("a out", "b out", "c out", "c back", "b back", "a back");
    assertThat(end.sent()).containsExactly(new ScriptedNext.Sent(new GetNearestDc(), Pipeline.Call.HOME));
  }

  @Test
  void aStepThatThrowsFailsOnlyItsCallAndTheStepsOutsideSeeTheFailure() {
    Pipeline.Step throwing = new Pipeline.Step() {
      @Override
      public <R> CompletableFuture<R> invoke(Pipeline.Call<R> call, Pipeline.Next next) {
        throw new IllegalStateException("broken step");
      }
    };
    ScriptedNext end = new ScriptedNext();
    Pipeline pipeline = new Pipeline(List.of(noting("outer"), throwing), end);

    assertThatThrownBy(() -> pipeline.invokeAsync(new GetNearestDc()).join())
        .isInstanceOf(CompletionException.class).cause().hasMessage("broken step");
    assertThat(trace).containsExactly("outer out", "outer back");
    assertThat(end.sent()).isEmpty();
  }
}
