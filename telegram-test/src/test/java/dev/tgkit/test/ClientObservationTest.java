package dev.tgkit.test;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.client.Client;
import dev.tgkit.mtproto.RpcError;
import dev.tgkit.tl.api.JsonObject;
import dev.tgkit.tl.api.help.AppConfigCtor;
import dev.tgkit.tl.api.help.GetAppConfig;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every request is an observation named for its method, with its outcome and error name. */
class ClientObservationTest {

  @RegisterExtension
  static final EmbeddedTelegramExtension TELEGRAM = new EmbeddedTelegramExtension();

  @Test
  void eachRequestIsObservedWithMethodOutcomeAndError(EmbeddedTelegram telegram) {
    telegram.services().register(GetAppConfig.class, (request, context) -> new AppConfigCtor(request.hash(), new JsonObject(List.of())));
    telegram.faults().answerError(GetAppConfig.class, 400, "HASH_INVALID", 1);
    TestObservationRegistry registry = TestObservationRegistry.create();
    DataCenter dc = telegram.dataCenter(1);
    try (Client client = Client.builder().apiId(1).apiHash("0123456789abcdef0123456789abcdef")
        .dataCenter(1, dc.host(), dc.port()).publicKeys(telegram.publicKeys())
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
            .hasLowCardinalityKeyValue("error", "none"))
        .hasAnObservation(o -> o.hasLowCardinalityKeyValue("method", "help.getAppConfig")
            .hasLowCardinalityKeyValue("outcome", "rpc_error")
            .hasLowCardinalityKeyValue("error", "HASH_INVALID")
            .hasError())
        .hasAnObservation(o -> o.hasLowCardinalityKeyValue("method", "help.getAppConfig")
            .hasLowCardinalityKeyValue("outcome", "success"));
  }
}
