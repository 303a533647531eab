package dev.tgkit.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tgkit.crypto.RsaPublicKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone runner, started in-process. */
class EmbeddedTelegramMainTest {

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
}
