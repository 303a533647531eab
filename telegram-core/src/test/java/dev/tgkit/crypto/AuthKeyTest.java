package dev.tgkit.crypto;

import static dev.tgkit.testing.Vectors.seq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.testing.Vectors;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AuthKeyTest {

  /** A long as TL sends it: eight little-endian bytes, here as the vector files print them. */
  private static long wire(byte[] eightBytes) {
    return Le.getLong(eightBytes, 0);
  }

  @Test
  void derivesIdAndAuxHashOfTheSequenceKey() {
    Vectors v = Vectors.load("mtproto2_kdf.txt");
    AuthKey key = AuthKey.of(seq(256));
    assertThat(key.id()).isEqualTo(wire(v.hex("auth_key_id")));
    assertThat(key.auxHash()).isEqualTo(wire(v.hex("auth_key_aux_hash")));
  }

  @Test
  void derivesIdAndAuxHashOfTheWorkedExamplesKey() {
    Vectors v = Vectors.load("samples_auth_key_official.txt");
    AuthKey key = AuthKey.of(v.hex("auth_key"));
    assertThat(key.id()).isEqualTo(wire(v.hex("auth_key_id")));
    assertThat(key.auxHash()).isEqualTo(wire(v.hex("auth_key_aux_hash")));
  }

  @Test
  void derivesTheIdOfTheKeyAgreedWithTheTestDc() {
    Vectors v = Vectors.load("auth_flow_rsa_pad_grammers.txt");
    assertThat(AuthKey.of(v.hex("expected_auth_key")).id()).isEqualTo(wire(v.hex("auth_key_id")));
  }

  @Test
  void neverShowsTheKeyInToString() {
    byte[] bytes = seq(256);
    AuthKey key = AuthKey.of(bytes);
    String text = key.toString();
    assertThat(text).isEqualTo("AuthKey[id=" + String.format("%016x", key.id()) + "]");
    assertThat(text).doesNotContain(HexFormat.of().formatHex(bytes, 0, 8));
  }

  @Test
  void copiesOnTheWayInAndOut() {
    byte[] bytes = seq(256);
    AuthKey key = AuthKey.of(bytes);
    bytes[0] = 42;
    byte[] out = key.toByteArray();
    assertThat(out).isEqualTo(seq(256));
    out[1] = 42;
    assertThat(key.toByteArray()).isEqualTo(seq(256));
  }

  @Test
  void isEqualByKeyBytes() {
    byte[] other = seq(256);
    other[255] ^= 1;
    assertThat(AuthKey.of(seq(256)))
        .isEqualTo(AuthKey.of(seq(256)))
        .hasSameHashCodeAs(AuthKey.of(seq(256)))
        .isNotEqualTo(AuthKey.of(other));
  }

  @Test
  void acceptsOnly256Bytes() {
    assertThatThrownBy(() -> AuthKey.of(new byte[255]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an auth key is 256 bytes, got 255");
  }
}
