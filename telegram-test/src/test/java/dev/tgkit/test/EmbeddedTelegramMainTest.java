package dev.tgkit.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tgkit.client.Client;
import dev.tgkit.crypto.RsaPublicKey;
import dev.tgkit.session.MemoryStorage;
import dev.tgkit.tl.api.CodeSettingsCtor;
import dev.tgkit.tl.api.UserCtor;
import dev.tgkit.tl.api.auth.AuthorizationCtor;
import dev.tgkit.tl.api.auth.SendCode;
import dev.tgkit.tl.api.auth.SentCodeCtor;
import dev.tgkit.tl.api.auth.SignIn;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone runner, started in-process. */
class EmbeddedTelegramMainTest {

  static {
    NettyLeaks.install();
  }

  @AfterAll
  static void noLeaks() throws InterruptedException {
    assertThat(NettyLeaks.collect()).isEmpty();
  }

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private EmbeddedTelegram launch(String... args) {
    return EmbeddedTelegramMain.launch(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void printsOneLinePerDcThenReadyAndWritesTheirKeys(@TempDir Path dir) throws IOException {
    Path pem = dir.resolve("server.pem");
    EmbeddedTelegram telegram =
        launch("--dcs", "2", "--port", "0", "--rsa-public-key", pem.toString());
    try {
      assertThat(telegram).isNotNull();
      assertThat(out.toString(StandardCharsets.UTF_8).lines())
          .containsExactly(
              "DC 1 127.0.0.1:" + telegram.dataCenter(1).port(),
              "DC 2 127.0.0.1:" + telegram.dataCenter(2).port(),
              "READY");
      assertThat(telegram.dataCenter(1).port()).isPositive();
      assertThat(RsaPublicKey.parsePem(Files.readString(pem))).isEqualTo(telegram.publicKeys());
    } finally {
      telegram.close();
    }
  }

  @Test
  void unknownArgumentPrintsUsageNamingIt() {
    assertThat(launch("--dc", "2")).isNull();

    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("--dc")
        .contains(EmbeddedTelegramMain.USAGE);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void outOfRangeDcCountPrintsUsageNamingTheOption() {
    assertThat(launch("--dcs", "9")).isNull();

    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--dcs: between 1 and 5");
  }

  @Test
  void nonNumericPortPrintsUsageNamingTheOption() {
    assertThat(launch("--port", "http")).isNull();

    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--port http is not a number");
  }

  @Test
  void missingValuePrintsUsageNamingTheOption() {
    assertThat(launch("--rsa-public-key")).isNull();

    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--rsa-public-key needs a value");
  }

  @Test
  void createsTheUsersAndBotsItIsGivenAndPrintsCodesForOrdinaryNumbers() {
    EmbeddedTelegram telegram = launch("--user", "9996612345", "--user", "+1 555 123 4567",
        "--bot", "123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw",
        "--bot", "654321:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw:my_own_bot");
    assertThat(telegram).isNotNull();
    TestDataCenter dc = telegram.dataCenter(1);
    try (Client client = Client.builder().apiId(1).apiHash("0123456789abcdef0123456789abcdef")
        .storage(new MemoryStorage()).dataCenter(1, dc.host(), dc.port())
        .publicKeys(telegram.publicKeys()).build()) {
      List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
      assertThat(lines).hasSize(6);
      assertThat(lines.get(1)).matches("USER 9996612345 [0-9]+");
      assertThat(lines.get(2)).matches("USER 15551234567 [0-9]+");
      assertThat(lines.subList(3, 6)).containsExactly("BOT test123456_bot 123456", "BOT my_own_bot 654321", "READY");

      client.connect();
      SentCodeCtor sent = (SentCodeCtor) client.invoke(new SendCode("15551234567", 1,
          "0123456789abcdef0123456789abcdef",
          new CodeSettingsCtor(false, false, false, false, false, false, null, null, null)));
      String code = out.toString(StandardCharsets.UTF_8).lines()
          .filter(l -> l.startsWith("CODE 15551234567 ")).findFirst().orElseThrow().substring(17);
      AuthorizationCtor auth = (AuthorizationCtor) client.invoke(
          new SignIn("15551234567", sent.phoneCodeHash(), code, null));
      assertThat(((UserCtor) auth.user()).firstName()).isEqualTo("User 4567");
    } finally {
      telegram.close();
    }
  }

  @Test
  void aMalformedBotTokenPrintsUsageWithoutTheToken() {
    assertThat(launch("--bot", "123456:tooShortSecret")).isNull();

    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("--bot: a bot token is <bot id>:<secret")
        .doesNotContain("tooShortSecret");
  }
}
