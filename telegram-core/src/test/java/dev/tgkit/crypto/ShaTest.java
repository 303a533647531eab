package dev.tgkit.crypto;

import static dev.tgkit.testing.Vectors.hexBytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tgkit.testing.Vectors;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ShaTest {

  private static final byte[] ABC = "abc".getBytes(StandardCharsets.US_ASCII);

  @Test
  void computesTheFipsExamplesForAbc() {
    assertThat(Sha.sha1(ABC)).isEqualTo(hexBytes("a9993e364706816aba3e25717850c26c9cd0d89d"));
    assertThat(Sha.sha256(ABC))
        .isEqualTo(hexBytes("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
  }

  @Test
  void hashesPartsAsTheirConcatenation() {
    byte[] a = {'a'};
    byte[] bc = {'b', 'c'};
    assertThat(Sha.sha1(a, new byte[0], bc)).isEqualTo(Sha.sha1(ABC));
    assertThat(Sha.sha256(a, bc)).isEqualTo(Sha.sha256(ABC));
    byte[] padded = {'x', 'a', 'b', 'c', 'y'};
    assertThat(Sha.sha256(padded, 1, 3)).isEqualTo(Sha.sha256(ABC));
    assertThat(Sha.sha1(padded, 1, 3)).isEqualTo(Sha.sha1(ABC));
  }

  @Test
  void reproducesTheSha1OfPqInnerDataInTheWorkedExample() {
    Vectors v = Vectors.load("samples_auth_key_official.txt");
    assertThat(Sha.sha1(v.hex("p_q_inner_data"))).isEqualTo(v.hex("sha1_data"));
  }
}
