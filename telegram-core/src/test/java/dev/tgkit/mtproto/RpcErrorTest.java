package dev.tgkit.mtproto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tgkit.tl.api.auth.SendCode;
import dev.tgkit.tl.api.CodeSettingsCtor;
import dev.tgkit.tl.api.messages.GetDhConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class RpcErrorTest {

  @Test
  void splitsTheAppendedNumberFromTheName() {
    RpcError.Flood flood = (RpcError.Flood) RpcError.of(420, "FLOOD_WAIT_31", null);
    assertThat(flood.name()).isEqualTo("FLOOD_WAIT");
    assertThat(flood.value()).isEqualTo(31);
    assertThat(flood.seconds()).isEqualTo(31);
    assertThat(flood.is("FLOOD_WAIT_X")).isTrue();
    assertThat(flood.is("FLOOD_WAIT")).isTrue();
    assertThat(flood.is("SLOWMODE_WAIT")).isFalse();
  }

  @Test
  void namesWithDigitsButNoNumberStayWhole() {
    RpcError error = RpcError.of(400, "AUTH_TOKEN_INVALID2", null);
    assertThat(error.name()).isEqualTo("AUTH_TOKEN_INVALID2");
    assertThat(error.value()).isNull();
    RpcError huge = RpcError.of(400, "SOMETHING_12345678901", null);
    assertThat(huge.name()).isEqualTo("SOMETHING_12345678901");
  }

  @Test
  void theCodeChoosesTheClass() {
    assertThat(RpcError.of(303, "PHONE_MIGRATE_2", null))
        .isInstanceOfSatisfying(RpcError.SeeOther.class, e -> assertThat(e.dc()).isEqualTo(2));
    assertThat(RpcError.of(400, "PEER_ID_INVALID", null)).isInstanceOf(RpcError.BadRequest.class);
    assertThat(RpcError.of(401, "AUTH_KEY_UNREGISTERED", null)).isInstanceOf(RpcError.Unauthorized.class);
    assertThat(RpcError.of(403, "CHAT_WRITE_FORBIDDEN", null)).isInstanceOf(RpcError.Forbidden.class);
    assertThat(RpcError.of(404, "NOT_FOUND", null)).isInstanceOf(RpcError.NotFound.class);
    assertThat(RpcError.of(406, "FRESH_RESET_AUTHORISATION_FORBIDDEN", null)).isInstanceOf(RpcError.NotAcceptable.class);
    assertThat(RpcError.of(420, "SLOWMODE_WAIT_10", null)).isInstanceOf(RpcError.Flood.class);
    assertThat(RpcError.of(500, "INTERDC_2_CALL_ERROR", null)).isInstanceOf(RpcError.ServerError.class);
    assertThat(RpcError.of(-503, "Timeout", null)).isInstanceOf(RpcError.ServerError.class);
    assertThat(RpcError.of(402, "PAYMENT_REQUIRED", null).getClass()).isEqualTo(RpcError.class);
  }

  @Test
  void theMessageNamesTheRequestTypeAndTelegramsDescriptionWithTheValueFilledIn() {
    RpcError error = RpcError.of(420, "FLOOD_WAIT_31", new GetDhConfig(1, 0));
    assertThat(error.getMessage())
        .isEqualTo("420 FLOOD_WAIT_31 (caused by messages.getDhConfig): A wait of 31 seconds is required");
    assertThat(error.description()).isEqualTo("A wait of 31 seconds is required");
    assertThat(RpcError.of(400, "NO_SUCH_ERROR_EVER", null).description()).isNull();
  }

  @Test
  void theMessageNeverCarriesTheRequestsFields() {
    SendCode request = new SendCode("+15551234567", 12345, "0123456789abcdef0123456789abcdef",
        new CodeSettingsCtor(false, false, false, false, false, false, null, null, null));
    RpcError error = RpcError.of(400, "PHONE_NUMBER_INVALID", request);
    assertThat(error.getMessage()).doesNotContain("5551234567").doesNotContain("0123456789abcdef");
    assertThat(error.request()).isSameAs(request);
  }

  @Test
  void theShippedCatalogReadsQuotedDescriptions() {
    assertThat(RpcError.Catalog.size()).isGreaterThan(500);
    assertThat(RpcError.Catalog.csvFields("A,\"400 403\",\"x, \"\"y\"\"\"")).isEqualTo(List.of("A", "400 403", "x, \"y\""));
  }
}
