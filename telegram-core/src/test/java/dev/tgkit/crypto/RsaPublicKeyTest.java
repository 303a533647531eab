package dev.tgkit.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.testing.Vectors;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RsaPublicKeyTest {

  private static final long PRODUCTION = 0xd09d1d85de64fd85L;
  private static final long TEST_SERVERS = 0xb25898df208d2603L;

  private static String bundledPem() throws IOException {
    try (InputStream in = RsaPublicKey.class.getResourceAsStream("telegram-rsa-keys.pem")) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  private static RsaPublicKey testServerKey() {
    return RsaPublicKey.telegramKeys().get(1);
  }

  @Test
  void fingerprintsTelegramsProductionAndTestKeys() {
    List<RsaPublicKey> keys = RsaPublicKey.telegramKeys();
    assertThat(keys)
        .extracting(RsaPublicKey::fingerprint)
        .containsExactly(PRODUCTION, TEST_SERVERS);
    assertThat(keys).extracting(RsaPublicKey::exponent).containsOnly(BigInteger.valueOf(65537));
  }

  @Test
  void fingerprintsTheWorkedExamplesKey() {
    Vectors v = Vectors.load("samples_auth_key_official.txt");
    RsaPublicKey key =
        new RsaPublicKey(
            new BigInteger(1, v.hex("server_key_c3b42b026ce86b21_n")),
            new BigInteger(1, v.hex("server_key_e")));
    assertThat(key.fingerprint()).isEqualTo(0xc3b42b026ce86b21L);
  }

  @Test
  void parsesTheSameTestKeyTheRecordedExchangeUsed() {
    Vectors v = Vectors.load("auth_flow_rsa_pad_grammers.txt");
    assertThat(testServerKey().modulus()).isEqualTo(new BigInteger(1, v.hex("server RSA n(hex)")));
    assertThat(testServerKey().fingerprint())
        .isEqualTo(Long.parseLong(v.text("server RSA key: fingerprint").split(" ")[0]));
  }

  @Test
  void writesBackEachBlockExactlyAsTelegramPublishedIt() throws IOException {
    Matcher blocks =
        Pattern.compile(
                "-----BEGIN RSA PUBLIC KEY-----\\n.*?-----END RSA PUBLIC KEY-----\\n",
                Pattern.DOTALL)
            .matcher(bundledPem());
    List<RsaPublicKey> keys = RsaPublicKey.telegramKeys();
    for (RsaPublicKey key : keys) {
      assertThat(blocks.find()).isTrue();
      assertThat(key.toPem()).isEqualTo(blocks.group());
      assertThat(RsaPublicKey.parsePem(key.toPem())).containsExactly(key);
    }
  }

  @Test
  void showsOnlyTheFingerprintInToString() {
    assertThat(testServerKey().toString()).isEqualTo("RsaPublicKey[fingerprint=b25898df208d2603]");
  }

  @Test
  void rejectsTextWithoutAnyKey() {
    assertThatThrownBy(() -> RsaPublicKey.parsePem("# just a comment\n"))
        .isInstanceOf(KeyFormatException.class)
        .hasMessage("no '-----BEGIN RSA PUBLIC KEY-----' block found");
  }

  @Test
  void rejectsX509PublicKeysWithAPointerToTheExpectedFormat() {
    String x509 = "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n";
    assertThatThrownBy(() -> RsaPublicKey.parsePem(x509))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("found '-----BEGIN PUBLIC KEY-----', but only PKCS#1");
  }

  @Test
  void rejectsABlockWithoutItsEndLine() throws IOException {
    String pem = bundledPem();
    String cut = pem.substring(0, pem.lastIndexOf("-----END"));
    assertThatThrownBy(() -> RsaPublicKey.parsePem(cut))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("has no '-----END RSA PUBLIC KEY-----' line");
  }

  @Test
  void rejectsInvalidBase64() {
    assertThatThrownBy(() -> RsaPublicKey.parsePem(pem("MIIB!gKCAQEA")))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("PEM block 1 (line 1): invalid Base64");
  }

  @Test
  void rejectsDerWithTrailingBytes() {
    byte[] der = der(testServerKey());
    byte[] longer = Arrays.copyOf(der, der.length + 1);
    assertThatThrownBy(() -> parseDer(longer))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("1 trailing bytes after the RSAPublicKey SEQUENCE");
  }

  @Test
  void rejectsDerTruncatedAtAnyPoint() {
    byte[] der = der(testServerKey());
    for (int length = 0; length < der.length; length++) {
      byte[] cut = Arrays.copyOf(der, length);
      assertThatThrownBy(() -> parseDer(cut)).isInstanceOf(KeyFormatException.class);
    }
  }

  @Test
  void rejectsAWrongTag() {
    byte[] der = der(testServerKey());
    der[0] = 0x31; // SET instead of SEQUENCE
    assertThatThrownBy(() -> parseDer(der))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("expected SEQUENCE (tag 0x30), found tag 0x31 (at DER byte 0)");
  }

  @Test
  void rejectsANegativeModulus() {
    // SEQUENCE { INTEGER -1, INTEGER 3 }
    byte[] der = {0x30, 0x06, 0x02, 0x01, (byte) 0xff, 0x02, 0x01, 0x03};
    assertThatThrownBy(() -> parseDer(der))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("INTEGER modulus is negative");
  }

  @Test
  void rejectsNonMinimalIntegersAndLengths() {
    byte[] paddedInteger = {0x30, 0x07, 0x02, 0x02, 0x00, 0x05, 0x02, 0x01, 0x03};
    assertThatThrownBy(() -> parseDer(paddedInteger))
        .hasMessageContaining("INTEGER modulus is not minimally encoded");
    byte[] longFormShortLength = {0x30, (byte) 0x81, 0x06, 0x02, 0x01, 0x05, 0x02, 0x01, 0x03};
    assertThatThrownBy(() -> parseDer(longFormShortLength))
        .hasMessageContaining("SEQUENCE length 6 is not minimally encoded");
    byte[] indefinite = {0x30, (byte) 0x80, 0x02, 0x01, 0x05, 0x02, 0x01, 0x03, 0x00, 0x00};
    assertThatThrownBy(() -> parseDer(indefinite)).hasMessageContaining("indefinite length");
  }

  @Test
  void rejectsALengthBeyondTheData() {
    byte[] der = {0x30, (byte) 0x84, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x02};
    assertThatThrownBy(() -> parseDer(der))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("SEQUENCE claims 2147483647 bytes but only 1 remain");
  }

  @Test
  void rejectsAnExtraElementInTheSequence() {
    byte[] der = {0x30, 0x09, 0x02, 0x01, 0x05, 0x02, 0x01, 0x03, 0x02, 0x01, 0x01};
    assertThatThrownBy(() -> parseDer(der)).hasMessageContaining("3 bytes after the exponent");
  }

  @Test
  void rejectsKeysThatAreNot2048Bits() {
    BigInteger n1024 = BigInteger.ONE.shiftLeft(1023).add(BigInteger.ONE);
    String pem =
        pem(
            Base64.getEncoder()
                .encodeToString(Der.writeRsaPublicKey(n1024, BigInteger.valueOf(65537))));
    assertThatThrownBy(() -> RsaPublicKey.parsePem(pem))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("2048-bit modulus, got 1024 bits");
  }

  @Test
  void rejectsRandomDerWithAClearException() {
    Random random = new Random(7);
    for (int i = 0; i < 2000; i++) {
      byte[] garbage = new byte[random.nextInt(300)];
      random.nextBytes(garbage);
      if (i % 2 == 0 && garbage.length > 0) {
        garbage[0] = 0x30; // get past the first tag more often
      }
      assertThatThrownBy(() -> parseDer(garbage)).isInstanceOf(KeyFormatException.class);
    }
  }

  @Test
  void rejectsPlaintextBlocksLargerThanTheModulus() {
    byte[] tooLarge = new byte[256];
    Arrays.fill(tooLarge, (byte) 0xff);
    assertThatThrownBy(() -> testServerKey().rawEncrypt(tooLarge))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the RSA block is not below the modulus");
    assertThatThrownBy(() -> testServerKey().rawEncrypt(new byte[257]))
        .hasMessageContaining("at most 256 bytes, got 257");
  }

  private static byte[] der(RsaPublicKey key) {
    return Der.writeRsaPublicKey(key.modulus(), key.exponent());
  }

  private static List<RsaPublicKey> parseDer(byte[] der) {
    return RsaPublicKey.parsePem(pem(Base64.getEncoder().encodeToString(der)));
  }

  private static String pem(String base64) {
    return "-----BEGIN RSA PUBLIC KEY-----\n" + base64 + "\n-----END RSA PUBLIC KEY-----\n";
  }
}
