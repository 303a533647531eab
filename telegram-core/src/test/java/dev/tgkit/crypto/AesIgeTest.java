package dev.tgkit.crypto;

import static dev.tgkit.testing.Vectors.seq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.testing.Vectors;
import java.util.Arrays;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class AesIgeTest {

  private static final Vectors VECTORS = Vectors.load("aes_ige.txt");

  @Test
  void encryptsOpenSslsAes128Vector() {
    byte[] data = VECTORS.hex("openssl_v0.in");
    AesIge.withAes128Key(VECTORS.hex("openssl_v0.key"))
        .encrypt(VECTORS.hex("openssl_v0.iv"), data, 0, data.length);
    assertThat(data).isEqualTo(VECTORS.hex("openssl_v0.out"));
  }

  @Test
  void decryptsOpenSslsAes128Vector() {
    byte[] data = VECTORS.hex("openssl_v1.in");
    AesIge.withAes128Key(VECTORS.hex("openssl_v1.key"))
        .decrypt(VECTORS.hex("openssl_v1.iv"), data, 0, data.length);
    assertThat(data).isEqualTo(VECTORS.hex("openssl_v1.out"));
  }

  @Test
  void encryptsTheAes256Vector() {
    byte[] out =
        AesIge.encrypt(
            VECTORS.hex("aes256_v.key"), VECTORS.hex("aes256_v.iv"), VECTORS.hex("aes256_v.in"));
    assertThat(out).isEqualTo(VECTORS.hex("aes256_v.out"));
  }

  @Test
  void encryptsAndDecryptsGrammersSequenceVectors() {
    assertThat(AesIge.encrypt(seq(32), seq(32), seq(32))).isEqualTo(VECTORS.hex("ige256_encrypt"));
    assertThat(AesIge.decrypt(seq(32), seq(32), seq(32))).isEqualTo(VECTORS.hex("ige256_decrypt"));
  }

  @Test
  void leavesTheInputOfTheCopyingFormsUntouched() {
    byte[] plain = seq(32);
    AesIge.encrypt(seq(32), seq(32), plain);
    AesIge.decrypt(seq(32), seq(32), plain);
    assertThat(plain).isEqualTo(seq(32));
  }

  /**
   * The CBC-based fast path against the definition, block by block, over lengths that cross the
   * internal chunk size, at offsets, with one instance reused for many messages (its CBC chaining
   * state carries over between calls and must not leak into the next message).
   */
  @Test
  void matchesTheBlockByBlockDefinitionForManyMessagesOnOneInstance() throws Exception {
    Random random = new Random(42);
    byte[] key = new byte[32];
    random.nextBytes(key);
    AesIge ige = new AesIge(key);
    int[] lengths = {16, 32, 48, 4080, 4096, 4112, 8192, 12_304, 16, 0, 65_536, 160};
    for (int length : lengths) {
      byte[] iv = new byte[32];
      random.nextBytes(iv);
      int offset = random.nextInt(40);
      byte[] buffer = new byte[offset + length + 13];
      random.nextBytes(buffer);
      byte[] plain = Arrays.copyOfRange(buffer, offset, offset + length);
      byte[] expected = referenceEncrypt(key, iv, plain);
      byte[] before = buffer.clone();

      ige.encrypt(iv, buffer, offset, length);

      assertThat(Arrays.copyOfRange(buffer, offset, offset + length))
          .as("ciphertext of %d bytes", length)
          .isEqualTo(expected);
      assertThat(Arrays.copyOfRange(buffer, 0, offset)).isEqualTo(Arrays.copyOf(before, offset));
      assertThat(Arrays.copyOfRange(buffer, offset + length, buffer.length))
          .isEqualTo(Arrays.copyOfRange(before, offset + length, before.length));

      ige.decrypt(iv, buffer, offset, length);
      assertThat(buffer).isEqualTo(before);
    }
  }

  @Test
  void rejectsKeysIvsAndLengthsOfTheWrongSize() {
    assertThatThrownBy(() -> new AesIge(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("key must be 32 bytes, got 31");
    assertThatThrownBy(() -> AesIge.withAes128Key(new byte[32]))
        .hasMessageContaining("key must be 16 bytes, got 32");
    AesIge ige = new AesIge(new byte[32]);
    assertThatThrownBy(() -> ige.encrypt(new byte[16], new byte[32], 0, 32))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("iv must be 32 bytes, got 16");
    assertThatThrownBy(() -> ige.decrypt(new byte[32], new byte[32], 0, 15))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("whole 16-byte blocks, got a length of 15");
    assertThatThrownBy(() -> ige.encrypt(new byte[32], new byte[32], 16, 32))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  /** IGE straight from its definition, one ECB block at a time. */
  static byte[] referenceEncrypt(byte[] key, byte[] iv, byte[] plain) throws Exception {
    Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
    ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
    byte[] prevC = Arrays.copyOfRange(iv, 0, 16);
    byte[] prevP = Arrays.copyOfRange(iv, 16, 32);
    byte[] out = new byte[plain.length];
    for (int i = 0; i < plain.length; i += 16) {
      byte[] p = Arrays.copyOfRange(plain, i, i + 16);
      byte[] x = new byte[16];
      for (int j = 0; j < 16; j++) {
        x[j] = (byte) (p[j] ^ prevC[j]);
      }
      byte[] y = ecb.doFinal(x);
      for (int j = 0; j < 16; j++) {
        out[i + j] = (byte) (y[j] ^ prevP[j]);
      }
      prevC = Arrays.copyOfRange(out, i, i + 16);
      prevP = p;
    }
    return out;
  }
}
