package dev.tgkit.client;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.mtproto.RpcError;
import dev.tgkit.net.ConnectionException;
import dev.tgkit.tl.api.NearestDcCtor;
import dev.tgkit.tl.api.help.GetNearestDc;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;

class ObserveStepTest {

  private final TestObservationRegistry registry = TestObservationRegistry.create();
  private final ScriptedNext end = new ScriptedNext();
  private final ObserveStep step = new ObserveStep(registry);

  @Test
  void aSuccessIsObservedWithItsMethod() {
    end.then(new NearestDcCtor("NL", 2, 2));

    step.invoke(Pipeline.Call.home(new GetNearestDc()), end).join();

    assertThat(registry).hasSingleObservationThat()
        .hasNameEqualTo(Client.OBSERVATION)
        .hasLowCardinalityKeyValue("method", "help.getNearestDc")
        .hasLowCardinalityKeyValue("outcome", "success")
        .hasLowCardinalityKeyValue("rpc.error", "none")
        .hasBeenStopped();
  }

  @Test
  void telegramsErrorsAreObservedByNameAndFloodsApart() {
    end.then(RpcError.of(400, "PEER_ID_INVALID", new GetNearestDc()))
        .then(RpcError.of(420, "FLOOD_WAIT_30", new GetNearestDc()));

    assertThatThrownBy(() -> step.invoke(Pipeline.Call.home(new GetNearestDc()), end).join());
    assertThatThrownBy(() -> step.invoke(Pipeline.Call.home(new GetNearestDc()), end).join());

    assertThat(registry)
        .hasAnObservationWithAKeyValue("rpc.error", "PEER_ID_INVALID")
        .hasAnObservationWithAKeyValue("outcome", "rpc_error")
        .hasAnObservationWithAKeyValue("rpc.error", "FLOOD_WAIT")
        .hasAnObservationWithAKeyValue("outcome", "flood");
  }

  @Test
  void otherFailuresAreObservedByTheirClass() {
    end.then(new ConnectionException.TransportError(-429, "help.getNearestDc"));

    assertThatThrownBy(() -> step.invoke(Pipeline.Call.home(new GetNearestDc()), end).join());

    assertThat(registry).hasSingleObservationThat()
        .hasLowCardinalityKeyValue("outcome", "failure")
        .hasLowCardinalityKeyValue("rpc.error", "TransportError")
        .assertThatError().isInstanceOf(ConnectionException.TransportError.class);
  }
}
