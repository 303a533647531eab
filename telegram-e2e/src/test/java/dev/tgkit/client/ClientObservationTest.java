package dev.tgkit.client;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.mtproto.RpcError;
import dev.tgkit.test.EmbeddedTelegram;
import dev.tgkit.test.EmbeddedTelegramExtension;
import dev.tgkit.test.TestUser;
import dev.tgkit.tl.api.JsonObject;
import dev.tgkit.tl.api.help.AppConfigCtor;
import dev.tgkit.tl.api.help.GetAppConfig;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a Client observes: every request (named for its method, with its outcome and error name),
 * every batch of updates, every handler run, every flood wait slept through and every connect.
 */
class ClientObservationTest {

  @RegisterExtension
  static final EmbeddedTelegramExtension TELEGRAM = new EmbeddedTelegramExtension();

  @Test
  void eachRequestIsObservedWithMethodOutcomeAndError(EmbeddedTelegram telegram) {
    telegram.services().register(GetAppConfig.class, (request, context) -> new AppConfigCtor(request.hash(), new JsonObject(List.of())));
    telegram.faults().answerError(GetAppConfig.class, 400, "HASH_INVALID", 1);
    TestObservationRegistry registry = TestObservationRegistry.create();
    try (Client client = telegram.clientBuilder()
        .observationRegistry(registry).build()) {
      client.connect();
      assertThatThrownBy(() -> client.invoke(new GetAppConfig(1))).isInstanceOf(RpcError.BadRequest.class);
      client.invoke(new GetAppConfig(2));
    }

    assertThat(registry)
        .hasNumberOfObservationsWithNameEqualTo(Client.OBSERVATION, 3)
        .hasAnObservation(o -> o.hasContextualNameEqualTo("help.getConfig")
            .hasLowCardinalityKeyValue("method", "help.getConfig")
            .hasLowCardinalityKeyValue("outcome", "success")
            .hasLowCardinalityKeyValue("rpc.error", "none"))
        .hasAnObservation(o -> o.hasLowCardinalityKeyValue("method", "help.getAppConfig")
            .hasLowCardinalityKeyValue("outcome", "rpc_error")
            .hasLowCardinalityKeyValue("rpc.error", "HASH_INVALID")
            .hasError())
        .hasAnObservation(o -> o.hasLowCardinalityKeyValue("method", "help.getAppConfig")
            .hasLowCardinalityKeyValue("outcome", "success"));
  }

  @Test
  void updatesHandlerRunsFloodWaitsAndConnectionsAreObserved(EmbeddedTelegram telegram) throws Exception {
    telegram.services().register(GetAppConfig.class, (request, context) -> new AppConfigCtor(request.hash(), new JsonObject(List.of())));
    telegram.faults().answerError(GetAppConfig.class, 420, "FLOOD_WAIT_1", 1);
    telegram.faults().dropAfterAnswering(GetAppConfig.class, 1);
    TestUser bob = telegram.createUser("9996654321", "Bob");
    TestUser alice = telegram.createUser("9996612345", "Alice");
    TestObservationRegistry registry = TestObservationRegistry.create();
    java.util.concurrent.CountDownLatch handlerRunsStopped = new java.util.concurrent.CountDownLatch(2);
    registry.observationConfig().observationHandler(new io.micrometer.observation.ObservationHandler<>() {
      @Override
      public boolean supportsContext(io.micrometer.observation.Observation.Context context) {
        return Client.HANDLER_OBSERVATION.equals(context.getName());
      }

      @Override
      public void onStop(io.micrometer.observation.Observation.Context context) {
        handlerRunsStopped.countDown();
      }
    });
    java.util.concurrent.CountDownLatch handled = new java.util.concurrent.CountDownLatch(2);
    try (Client client = telegram.clientBuilder()
        .observationRegistry(registry).checkAllHandlers(true).build()) {
      client.on("greeter", dev.tgkit.client.events.NewMessage.class, dev.tgkit.client.filters.Filters.incoming(),
          event -> handled.countDown());
      client.on(dev.tgkit.client.events.NewMessage.class, dev.tgkit.client.filters.Filters.incoming(), event -> {
        handled.countDown();
        throw new IllegalStateException("a handler's bug");
      });
      client.connect();
      client.signIn(client.requestLoginCode("9996612345"), "11111");
      client.invoke(new GetAppConfig(1)); // waits out FLOOD_WAIT_1, then the answer drops the connection
      client.invoke(new GetAppConfig(2)); // answered once reconnected: updates reach the new connection
      bob.sendMessage(alice, "hi");
      org.assertj.core.api.Assertions.assertThat(handled.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      // The handlers' observations stop just after their latch counts down.
      org.assertj.core.api.Assertions.assertThat(handlerRunsStopped.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }

    assertThat(registry)
        .hasAnObservation(o -> o.hasNameEqualTo(Client.FLOOD_WAIT_OBSERVATION)
            .hasLowCardinalityKeyValue("method", "help.getAppConfig")
            .hasLowCardinalityKeyValue("rpc.error", "FLOOD_WAIT"))
        .hasAnObservation(o -> o.hasNameEqualTo(Client.CONNECTION_OBSERVATION)
            .hasLowCardinalityKeyValue("dc", "1").hasLowCardinalityKeyValue("kind", "connect"))
        .hasAnObservation(o -> o.hasNameEqualTo(Client.CONNECTION_OBSERVATION)
            .hasLowCardinalityKeyValue("dc", "1").hasLowCardinalityKeyValue("kind", "reconnect"))
        .hasAnObservation(o -> o.hasNameEqualTo(Client.UPDATES_OBSERVATION).hasLowCardinalityKeyValueWithKey("type"))
        .hasAnObservation(o -> o.hasNameEqualTo(Client.HANDLER_OBSERVATION)
            .hasLowCardinalityKeyValue("handler", "greeter")
            .hasLowCardinalityKeyValue("event", "NewMessage")
            .hasLowCardinalityKeyValue("outcome", "success"))
        .hasAnObservation(o -> o.hasNameEqualTo(Client.HANDLER_OBSERVATION)
            .hasLowCardinalityKeyValue("handler", "NewMessage#2")
            .hasLowCardinalityKeyValue("outcome", "error")
            .hasError());
  }
}
