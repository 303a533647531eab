package dev.tgkit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VectorsTest {

  @Test
  void readsPlainAnnotatedAndCommentedAssignments() {
    Vectors v = Vectors.load("samples_auth_key_official.txt");
    assertThat(v.hex("pq")).containsExactly(0x17, 0xED, 0x48, 0x94, 0x1A, 0x08, 0xF9, 0x81);
    assertThat(v.hex("p [derived]")).isEqualTo(v.hex("p"));
    assertThat(v.hex("auth_key_id")).isEqualTo(Vectors.hexBytes("91094ce16ee2ee73"));
  }

  @Test
  void readsFieldLinesAsGroupDotField() {
    Vectors v = Vectors.load("aes_ige.txt");
    assertThat(v.text("openssl_v1.mode")).isEqualTo("decrypt");
    assertThat(v.hex("openssl_v0.key")).hasSize(16);
    assertThat(v.hex("aes256_v.out")).hasSize(32);
  }

  @Test
  void joinsHexSplitBySpacesAndFindsSimplifiedNames() {
    Vectors v = Vectors.load("aes_ige.txt");
    assertThat(v.hex("aes256_ctr_stream")).hasSize(96);
    assertThat(v.hex("ige256_encrypt")).hasSize(32);
  }

  @Test
  void expandsSeqAndSplitsStatementsAndChainedAssignments() {
    Vectors v = Vectors.load("mtproto2_kdf.txt");
    assertThat(v.hex("new_nonce")).isEqualTo(Vectors.seq(32));
    assertThat(v.hex("new_nonce_hash2"))
        .isEqualTo(Vectors.hexBytes("f4318e85bd2ff3be84d9fefce3dce39f"));
    String tmpAes =
        v.names().stream().filter(n -> n.startsWith("tmp_aes")).findFirst().orElseThrow();
    String prefix = tmpAes.substring(0, tmpAes.lastIndexOf(": ") + 2);
    assertThat(v.hex(prefix + "key")).hasSize(32);
    assertThat(v.hex(prefix + "iv")).hasSize(32);
  }

  @Test
  void chainsCommaSeparatedAssignmentsWithTheLinePrefix() {
    Vectors v = Vectors.load("auth_flow_rsa_pad_grammers.txt");
    assertThat(v.text("server RSA key: e")).isEqualTo("65537");
    assertThat(v.text("server RSA key: n")).startsWith("2534288944884041556");
    assertThat(v.text("server RSA key: fingerprint")).startsWith("-5595554452916591101");
  }

  @Test
  void refusesAmbiguousNamesUntilNarrowedToASection() {
    Vectors v = Vectors.load("mtproto2_kdf.txt");
    assertThatThrownBy(() -> v.hex("auth_key")).hasMessageContaining("ambiguous");
    assertThat(v.hexAll("auth_key")).hasSize(2);
    assertThat(v.section("[generated here]").hex("auth_key")[0]).isEqualTo((byte) 0xAB);
  }

  @Test
  void saysWhatIsWrongWithAMissingOrNonHexValue() {
    Vectors v = Vectors.parse("inline", "a = xyz\nb = 0a0b # note\n# header: k=1\n");
    assertThatThrownBy(() -> v.hex("a")).hasMessageContaining("not hex");
    assertThatThrownBy(() -> v.hex("c")).hasMessageContaining("no value named 'c'");
    assertThat(v.hex("b")).containsExactly(0x0a, 0x0b);
    assertThat(v.comment("header")).isEqualTo("header: k=1");
  }
}
