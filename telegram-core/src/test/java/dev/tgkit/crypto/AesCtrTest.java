package dev.tgkit.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tgkit.testing.Vectors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AesCtrTest {

  private static final Vectors VECTORS = Vectors.load("aes_ige.txt");
  // The CTR key, iv and block are given in the comment that introduces the stream vector.
  private static final String SETUP = VECTORS.comment("AES-256-CTR");
  private static final String BLOCK_LINE = VECTORS.comment("encrypting the 16-byte block");

  private static byte[] field(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as("%s in %s", regex, text).isTrue();
    return Vectors.hexBytes(m.group(1));
  }

  private static byte[] key() {
    return field(SETUP, "key=([0-9a-f]{64})");
  }

  private static byte[] iv() {
    return field(SETUP, "iv=([0-9a-f]{32})");
  }

  private static byte[] sixBlocks() {
    byte[] block = field(BLOCK_LINE, "block ([0-9a-f]{32})");
    byte[] six = new byte[96];
    for (int i = 0; i < 6; i++) {
      System.arraycopy(block, 0, six, 16 * i, 16);
    }
    return six;
  }

  @Test
  void continuesOneKeyStreamAcrossSixBlockCalls() {
    AesCtr ctr = new AesCtr(key(), iv());
    byte[] data = sixBlocks();
    for (int i = 0; i < 6; i++) {
      ctr.apply(data, 16 * i, 16);
    }
    assertThat(data).isEqualTo(VECTORS.hex("aes256_ctr_stream"));
  }

  @Test
  void givesTheSameStreamWhateverTheSplitPoints() {
    byte[] whole = new AesCtr(key(), iv()).apply(sixBlocks());
    AesCtr ctr = new AesCtr(key(), iv());
    byte[] pieces = sixBlocks();
    ctr.apply(pieces, 0, 7);
    ctr.apply(pieces, 7, 0);
    ctr.apply(pieces, 7, 50);
    ctr.apply(pieces, 57, 39);
    assertThat(pieces).isEqualTo(whole).isEqualTo(VECTORS.hex("aes256_ctr_stream"));
  }

  @Test
  void decryptsByApplyingTheSameStreamAgain() {
    byte[] cipher = VECTORS.hex("aes256_ctr_stream");
    assertThat(new AesCtr(key(), iv()).apply(cipher)).isEqualTo(sixBlocks());
  }
}
