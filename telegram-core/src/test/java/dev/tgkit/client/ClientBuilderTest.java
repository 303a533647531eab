package dev.tgkit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClientBuilderTest {

  private static final String HASH = "0123456789abcdef0123456789abcdef";

  @Test
  void needsTheApiIdAndHashAndSaysWhereToGetThem() {
    assertThatThrownBy(() -> Client.builder().apiHash(HASH).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("apiId and apiHash")
        .hasMessageContaining("my.telegram.org");
    assertThatThrownBy(() -> Client.builder().apiId(1).build())
        .isInstanceOf(IllegalStateException.class);
    assertThat(Client.builder().apiId(1).apiHash(HASH).build()).isNotNull();
  }

  @Test
  void aMalformedApiHashIsRejectedWithoutEchoingIt() {
    String almost = "0123456789abcdef0123456789abcdeZ";
    assertThatThrownBy(() -> Client.builder().apiHash(almost))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 lowercase hexadecimal digits")
        .hasMessageNotContaining(almost)
        .hasMessageNotContaining("0123456789");
  }

  @Test
  void rejectsNonsenseOptionsSayingWhatIsAccepted() {
    assertThatThrownBy(() -> Client.builder().apiId(0)).hasMessageContaining("positive");
    assertThatThrownBy(() -> Client.builder().connectTimeout(Duration.ZERO)).hasMessageContaining("positive");
    assertThatThrownBy(() -> Client.builder().floodSleepThreshold(Duration.ofSeconds(-1))).hasMessageContaining("negative");
    assertThatThrownBy(() -> Client.builder().pingInterval(Duration.ofMillis(1))).hasMessageContaining("at least 10 ms");
    assertThatThrownBy(() -> Client.builder().deviceModel(" ")).hasMessageContaining("blank");
    assertThatThrownBy(() -> Client.builder().dataCenter(1, "127.0.0.1", 70_000)).hasMessageContaining("65535");
    assertThatThrownBy(() -> Client.builder().publicKeys(java.util.List.of())).hasMessageContaining("at least one");
  }

  @Test
  void aClientThatIsNotConnectedFailsRequestsAtOnce() {
    Client client = Client.builder().apiId(1).apiHash(HASH).build();
    assertThat(client.isConnected()).isFalse();
    assertThat(client.invokeAsync(new dev.tgkit.tl.api.help.GetConfig()))
        .failsWithin(Duration.ZERO)
        .withThrowableThat()
        .withMessageContaining("call connect() first");
    client.disconnect(); // harmless when not connected
  }

  @Test
  void connectingToAClosedPortFailsNamingTheDataCenterAndAddress() throws Exception {
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Client client = Client.builder().apiId(1).apiHash(HASH).dataCenter(1, "127.0.0.1", port).build();

    assertThatThrownBy(client::connect)
        .isInstanceOfSatisfying(dev.tgkit.net.ConnectionException.Unreachable.class, e -> assertThat(e.dcId()).isEqualTo(1))
        .hasMessageContaining("data center 1 at 127.0.0.1:" + port)
        .hasMessageContaining("refused");
    assertThat(client.isConnected()).isFalse();
  }

  @Test
  void handlersAreAddedWithPlainLambdasAndManagedByTheObjectGiven() {
    Client client = Client.builder().apiId(1).apiHash(HASH).build();
    dev.tgkit.client.events.EventHandler<dev.tgkit.client.events.NewMessage> handler = event -> { };
    client.on(dev.tgkit.client.events.NewMessage.class, dev.tgkit.client.filters.Filters.incoming(), handler);
    client.on(dev.tgkit.client.events.NewMessage.class, event -> event.text());
    client.onContinuable(dev.tgkit.client.events.NewMessage.class, dev.tgkit.client.filters.Filters.any(),
        event -> dev.tgkit.client.events.Continue.CONTINUE);

    assertThat(client.getHandlerFilter(handler)).contains(dev.tgkit.client.filters.Filters.incoming());
    client.setHandlerFilter(handler, dev.tgkit.client.filters.Filters.outgoing());
    assertThat(client.getHandlerFilter(handler)).contains(dev.tgkit.client.filters.Filters.outgoing());
    assertThat(client.removeEventHandler(handler)).isTrue();
    assertThat(client.getHandlerFilter(handler)).isEmpty();
  }

  @Test
  void theSettingsNeverPrintTheApiHash() {
    assertThat(Client.builder().apiId(1).apiHash(HASH).settings().toString())
        .contains("apiId=1").doesNotContain(HASH);
  }
}
