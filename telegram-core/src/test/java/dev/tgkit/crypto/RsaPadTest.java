package dev.tgkit.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.testing.Vectors;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Both RSA paddings of the key exchange, client side against vectors and server side round trips.
 */
class RsaPadTest {

  private static final Vectors FLOW = Vectors.load("auth_flow_rsa_pad_grammers.txt");

  private static RsaPrivateKey serverKey;

  @BeforeAll
  static void generateServerKey() {
    serverKey = RsaPrivateKey.generate(new Random(2024));
  }

  private static byte[] pqInnerData() {
    return FLOW.hex("p_q_inner_data");
  }

  private static byte[] random224() {
    byte[] step2 = FLOW.hex("step2_random");
    assertThat(step2).hasSize(256);
    return Arrays.copyOfRange(step2, 32, 256); // new_nonce(32) comes first
  }

  @Test
  void buildsKeyAesEncryptedOfTheRecordedExchange() {
    RsaPublicKey key = RsaPublicKey.telegramKeys().get(1);
    assertThat(key.keyAesEncrypted(pqInnerData(), random224()))
        .isEqualTo(FLOW.hex("key_aes_encrypted"));
  }

  @Test
  void reproducesTheEncryptedDataOfTheRecordedReqDhParams() {
    RsaPublicKey key = RsaPublicKey.telegramKeys().get(1);
    byte[] request = FLOW.hex("step2_request");
    // req_DH_params ends with encrypted_data:bytes = 0xfe 00 01 00 || 256 bytes.
    byte[] encryptedData = Arrays.copyOfRange(request, request.length - 256, request.length);
    assertThat(Arrays.copyOfRange(request, request.length - 260, request.length - 256))
        .containsExactly(0xfe, 0x00, 0x01, 0x00);

    assertThat(key.encryptRsaPad(pqInnerData(), random224())).isEqualTo(encryptedData);
  }

  @Test
  void usesTheTempKeyAsGivenWhenTheFirstAttemptFits() {
    byte[] kae = FLOW.hex("key_aes_encrypted");
    assertThat(tempKeyOf(kae)).isEqualTo(FLOW.hex("temp_key(final)"));
    assertThat(Arrays.copyOfRange(random224(), 192, 224)).isEqualTo(FLOW.hex("temp_key(final)"));
  }

  @Test
  void serverRecoversTheDataAndItsPadding() {
    byte[] data = pqInnerData();
    byte[] random = random224();
    byte[] opened = serverKey.decryptRsaPad(serverKey.publicKey().encryptRsaPad(data, random));
    assertThat(opened).hasSize(192);
    assertThat(Arrays.copyOf(opened, data.length)).isEqualTo(data);
    assertThat(Arrays.copyOfRange(opened, data.length, 192))
        .isEqualTo(Arrays.copyOf(random, 192 - data.length));
  }

  /**
   * With a modulus whose top byte is small, many first attempts land above it and temp_key is
   * incremented; every such block must still open, and the increment must be observable.
   */
  @Test
  void retriesWithAnIncrementedTempKeyWhenTheBlockExceedsTheModulus() {
    RsaPrivateKey smallTop = keyWithTopByteBelow(0x90, new Random(5));
    Random random = new Random(11);
    int retried = 0;
    for (int i = 0; i < 40; i++) {
      byte[] data = new byte[1 + random.nextInt(144)];
      byte[] rnd = new byte[224];
      random.nextBytes(data);
      random.nextBytes(rnd);
      byte[] kae = smallTop.publicKey().keyAesEncrypted(data, rnd);
      assertThat(new BigInteger(1, kae)).isLessThan(smallTop.publicKey().modulus());
      if (!Arrays.equals(tempKeyOf(kae), Arrays.copyOfRange(rnd, 192, 224))) {
        retried++;
        assertThat(retriesOf(kae, rnd))
            .as("temp_key advanced by small big-endian increments, not replaced")
            .isBetween(1L, 64L);
      }
      byte[] opened = smallTop.decryptRsaPad(smallTop.publicKey().encryptRsaPad(data, rnd));
      assertThat(Arrays.copyOf(opened, data.length)).isEqualTo(data);
    }
    assertThat(retried).as("a modulus below 0x90.. makes retries common").isGreaterThan(5);
  }

  @Test
  void rejectsABlockWithOneBitChanged() {
    byte[] encrypted = serverKey.publicKey().encryptRsaPad(pqInnerData(), random224());
    for (int bit : new int[] {0, 7, 1000, 2039}) {
      byte[] tampered = encrypted.clone();
      tampered[255 - bit / 8] ^= (byte) (1 << (bit % 8));
      assertThatThrownBy(() -> serverKey.decryptRsaPad(tampered))
          .isInstanceOf(RsaPadException.class)
          .satisfies(
              e ->
                  assertThat(((RsaPadException) e).reason())
                      .isEqualTo(RsaPadException.Reason.HASH_MISMATCH))
          .hasMessageContaining("hash check failed");
    }
  }

  @Test
  void rejectsABlockMadeForAnotherKey() {
    RsaPrivateKey other = RsaPrivateKey.generate(new Random(99));
    byte[] encrypted = other.publicKey().encryptRsaPad(pqInnerData(), random224());
    if (new BigInteger(1, encrypted).compareTo(serverKey.publicKey().modulus()) < 0) {
      assertThatThrownBy(() -> serverKey.decryptRsaPad(encrypted))
          .isInstanceOfSatisfying(
              RsaPadException.class,
              e -> assertThat(e.reason()).isEqualTo(RsaPadException.Reason.HASH_MISMATCH));
    } else {
      assertThatThrownBy(() -> serverKey.decryptRsaPad(encrypted))
          .isInstanceOfSatisfying(
              RsaPadException.class,
              e -> assertThat(e.reason()).isEqualTo(RsaPadException.Reason.NOT_BELOW_MODULUS));
    }
  }

  @Test
  void rejectsWrongLengthsAndValuesAtOrAboveTheModulus() {
    assertThatThrownBy(() -> serverKey.decryptRsaPad(new byte[255]))
        .isInstanceOfSatisfying(
            RsaPadException.class,
            e -> assertThat(e.reason()).isEqualTo(RsaPadException.Reason.WRONG_LENGTH))
        .hasMessage("RSA_PAD encrypted_data must be 256 bytes, got 255");
    byte[] modulus = Unsigned.toBytes(serverKey.publicKey().modulus(), 256);
    assertThatThrownBy(() -> serverKey.decryptRsaPad(modulus))
        .isInstanceOfSatisfying(
            RsaPadException.class,
            e -> assertThat(e.reason()).isEqualTo(RsaPadException.Reason.NOT_BELOW_MODULUS));
  }

  @Test
  void rejectsRandomBlocksWithoutEverReturningData() {
    Random random = new Random(3);
    for (int i = 0; i < 200; i++) {
      byte[] block = new byte[random.nextInt(10) == 0 ? random.nextInt(600) : 256];
      random.nextBytes(block);
      assertThatThrownBy(() -> serverKey.decryptRsaPad(block)).isInstanceOf(RsaPadException.class);
    }
  }

  @Test
  void refusesDataOver144BytesAndRandomnessOfTheWrongSize() {
    RsaPublicKey key = serverKey.publicKey();
    assertThatThrownBy(() -> key.encryptRsaPad(new byte[145], new byte[224]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("RSA_PAD encrypts at most 144 bytes, got 145");
    assertThatThrownBy(() -> key.encryptRsaPad(new byte[10], new byte[192]))
        .hasMessage("RSA_PAD needs 224 random bytes, got 192");
  }

  /**
   * The legacy padding of the worked example. Its random padding bytes are not published, so
   * rsa_encrypted_data cannot be reproduced; the SHA-1 prefix is checked against the example's
   * sha1_data and the layout through a round trip with our own key.
   */
  @Test
  void legacyPaddingIsSha1ThenDataThenPadding() {
    Vectors sample = Vectors.load("samples_auth_key_official.txt");
    byte[] data = sample.hex("p_q_inner_data");
    byte[] padding = new byte[255 - 20 - data.length];
    new Random(1).nextBytes(padding);

    byte[] block = serverKey.rawDecrypt(serverKey.publicKey().encryptLegacy(data, padding));

    assertThat(block).hasSize(256);
    assertThat(block[0]).as("a 255-byte block read back as 256 bytes").isZero();
    assertThat(Arrays.copyOfRange(block, 1, 21)).isEqualTo(sample.hex("sha1_data"));
    assertThat(Arrays.copyOfRange(block, 21, 21 + data.length)).isEqualTo(data);
    assertThat(Arrays.copyOfRange(block, 21 + data.length, 256)).isEqualTo(padding);
  }

  @Test
  void legacyPaddingNeedsEnoughRandomBytes() {
    assertThatThrownBy(() -> serverKey.publicKey().encryptLegacy(new byte[35], new byte[199]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("legacy RSA needs 200 padding bytes for 35 bytes of data, got 199");
    assertThatThrownBy(() -> serverKey.publicKey().encryptLegacy(new byte[236], new byte[0]))
        .hasMessage("legacy RSA encrypts at most 235 bytes, got 236");
  }

  private static byte[] tempKeyOf(byte[] keyAesEncrypted) {
    byte[] tempKey = Sha.sha256(Arrays.copyOfRange(keyAesEncrypted, 32, 256));
    for (int i = 0; i < 32; i++) {
      tempKey[i] ^= keyAesEncrypted[i];
    }
    return tempKey;
  }

  /** How many increments separate the given temp_key from the one the block was made with. */
  private static long retriesOf(byte[] keyAesEncrypted, byte[] rnd) {
    BigInteger start = new BigInteger(1, Arrays.copyOfRange(rnd, 192, 224));
    BigInteger used = new BigInteger(1, tempKeyOf(keyAesEncrypted));
    return used.subtract(start).mod(BigInteger.ONE.shiftLeft(256)).longValueExact();
  }

  static RsaPrivateKey keyWithTopByteBelow(int top, Random random) {
    while (true) {
      BigInteger p = BigInteger.probablePrime(1024, random);
      BigInteger q = BigInteger.probablePrime(1024, random);
      BigInteger n = p.multiply(q);
      if (n.bitLength() == 2048
          && n.shiftRight(2040).intValue() < top
          && p.subtract(BigInteger.ONE).gcd(BigInteger.valueOf(65537)).equals(BigInteger.ONE)
          && q.subtract(BigInteger.ONE).gcd(BigInteger.valueOf(65537)).equals(BigInteger.ONE)) {
        return RsaPrivateKey.fromPrimes(p, q, BigInteger.valueOf(65537));
      }
    }
  }
}
