package dev.tgkit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.mtproto.transport.Framing;
import dev.tgkit.mtproto.transport.ProxySecret;
import dev.tgkit.mtproto.transport.Transport;
import dev.tgkit.session.MemoryStorage;
import dev.tgkit.test.EmbeddedTelegram;
import dev.tgkit.tl.Bytes;
import dev.tgkit.tl.api.InputFileLocationCtor;
import dev.tgkit.tl.api.storage.FileUnknown;
import dev.tgkit.tl.api.upload.FileCtor;
import dev.tgkit.tl.api.upload.GetFile;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code Client.Builder.testServers}: keys are made for test data centers (10000 + id, in the key
 * exchange and in an MTProxy's init), and a client never mixes test and production servers.
 */
class TestServersEndToEndTest {

  private EmbeddedTelegram telegram;
  private Client client;

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    if (telegram != null) {
      telegram.close();
    }
  }

  private Client.Builder builder(boolean testServers) {
    return telegram.clientBuilder().storage(new MemoryStorage()).testServers(testServers);
  }

  @Test
  void onTestServersEveryKeyIsMadeForATestDataCenter() {
    telegram = EmbeddedTelegram.builder().dataCenters(2).testServers(true).start();
    telegram.services().register(GetFile.class, (request, context) ->
        new FileCtor(new FileUnknown(), context.dcId(), Bytes.of(new byte[] {1})));
    telegram.faults().answerErrorOnDc(1, GetFile.class, 303, "FILE_MIGRATE_2", 1);
    client = builder(true).build();

    client.connect();
    telegram.dataCenter(1).authorize(client.session().authKey(1).orElseThrow().id(), 777);
    FileCtor file = (FileCtor) client.invoke(
        new GetFile(false, false, new InputFileLocationCtor(1, 2, 3, Bytes.of()), 0, 1024));

    assertThat(file.mtime()).isEqualTo(2);
    assertThat(telegram.dataCenter(1).namedDcIds()).containsExactly(10_001);
    assertThat(telegram.dataCenter(2).namedDcIds()).containsExactly(10_002);
  }

  @Test
  void throughAnMtProxyTheInitAsksForTheTestDataCenter() {
    ProxySecret secret = ProxySecret.parse("dd" + HexFormat.of().formatHex(new byte[16]).replace("00", "07"));
    telegram = EmbeddedTelegram.builder().testServers(true).proxySecret(secret).start();
    client = builder(true).transport(Transport.mtProxy(secret)).build();

    client.connect();

    assertThat(telegram.dataCenter(1).initDcFields()).containsExactly(10_001);
    assertThat(telegram.dataCenter(1).namedDcIds()).containsExactly(10_001);
  }

  @Test
  void onProductionTheKeyNamesTheDataCenterItself() {
    telegram = EmbeddedTelegram.builder().start();
    client = builder(false).transport(Transport.plain(Framing.INTERMEDIATE)).build();

    client.connect();

    assertThat(client.isConnected()).isTrue();
    assertThat(telegram.dataCenter(1).namedDcIds()).containsExactly(1);
  }

  @Test
  void askingForTestServersAndReachingProductionFailsSayingSo() {
    telegram = EmbeddedTelegram.builder().start();
    client = builder(true).build();

    assertThatThrownBy(client::connect).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("test servers").hasMessageContaining("production");
    assertThat(client.isConnected()).isFalse();
  }

  @Test
  void reachingATestServerWithoutAskingFailsSayingSo() {
    telegram = EmbeddedTelegram.builder().testServers(true).start();
    client = builder(false).build();

    assertThatThrownBy(client::connect).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("test servers").hasMessageContaining("testServers(true)");
    assertThat(client.isConnected()).isFalse();
  }
}
