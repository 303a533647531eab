package dev.tgkit.tl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tgkit.tl.mtproto.DhGenOk;
import dev.tgkit.tl.mtproto.MtProto;
import dev.tgkit.tl.mtproto.PQInnerDataCtor;
import dev.tgkit.tl.mtproto.ReqPq;
import dev.tgkit.tl.mtproto.ResPQ;
import dev.tgkit.tl.mtproto.ResPQCtor;
import dev.tgkit.tl.mtproto.ServerDHInnerData;
import dev.tgkit.tl.mtproto.ServerDHInnerDataCtor;
import dev.tgkit.tl.mtproto.SetClientDHParamsAnswer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generated mtproto.tl classes against the byte-exact worked example of <a
 * href="https://core.telegram.org/mtproto/samples-auth_key">core.telegram.org/mtproto/samples-auth_key</a>
 * (vectors/samples_auth_key_official.txt).
 */
class MtprotoSpecSamplesTest {

  /** Bytes before the body of an unencrypted message: auth_key_id, msg_id, length. */
  private static final int PLAIN_HEADER = 20;

  private static Map<String, String> v;

  @BeforeAll
  static void loadVectors() throws IOException {
    v = new HashMap<>();
    try (InputStream in = MtprotoSpecSamplesTest.class.getResourceAsStream("/vectors/samples_auth_key_official.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        int eq = line.indexOf(" = ");
        if (line.startsWith("#") || eq < 0) {
          continue;
        }
        String key = line.substring(0, eq).replaceAll("\\s*\\[.*", "").strip();
        String value = line.substring(eq + 3).strip().split("\\s+")[0];
        v.put(key, value);
      }
    }
  }

  private static byte[] hex(String key) {
    return HexFormat.of().parseHex(v.get(key).toLowerCase());
  }

  private static byte[] body(String messageKey) {
    byte[] m = hex(messageKey);
    byte[] b = new byte[m.length - PLAIN_HEADER];
    System.arraycopy(m, PLAIN_HEADER, b, 0, b.length);
    return b;
  }

  @Test
  void reqPqSerializesAsInTheSpecification() {
    ReqPq request = new ReqPq(Int128.fromHex(v.get("nonce")));
    assertThat(request.toByteArray()).isEqualTo(body("req_pq_msg"));
    assertThat(MtProto.readFunction(new TlReader(body("req_pq_msg")))).isEqualTo(request);
  }

  @Test
  void resPqFromTheSpecificationReadsIntoItsFields() {
    ResPQ answer = new ReqPq(Int128.fromHex(v.get("nonce"))).readResult(new TlReader(body("res_pq_msg")));
    ResPQCtor res = (ResPQCtor) answer;
    assertThat(res.nonce()).isEqualTo(Int128.fromHex(v.get("nonce")));
    assertThat(res.serverNonce()).isEqualTo(Int128.fromHex(v.get("server_nonce")));
    assertThat(res.pq()).isEqualTo(Bytes.wrap(hex("pq")));
    assertThat(res.serverPublicKeyFingerprints()).containsExactly(Long.parseUnsignedLong(v.get("fingerprint"), 16));
    assertThat(res.toByteArray()).isEqualTo(body("res_pq_msg"));
  }

  @Test
  void pqInnerDataSerializesAsInTheSpecification() {
    PQInnerDataCtor inner = new PQInnerDataCtor(
        Bytes.wrap(hex("pq")),
        Bytes.wrap(hex("p")),
        Bytes.wrap(hex("q")),
        Int128.fromHex(v.get("nonce")),
        Int128.fromHex(v.get("server_nonce")),
        Int256.fromHex(v.get("new_nonce")));
    assertThat(inner.toByteArray()).isEqualTo(hex("p_q_inner_data"));
  }

  @Test
  void serverDhInnerDataFromTheSpecificationReadsIntoItsFields() {
    TlReader in = new TlReader(hex("answer"));
    ServerDHInnerDataCtor dh = (ServerDHInnerDataCtor) ServerDHInnerData.read(in);
    assertThat(dh.g()).isEqualTo(Integer.parseInt(v.get("g")));
    assertThat(dh.serverTime()).isEqualTo(Integer.parseInt(v.get("server_time")));
    assertThat(dh.dhPrime()).isEqualTo(Bytes.wrap(hex("dh_prime")));
    assertThat(dh.gA()).isEqualTo(Bytes.wrap(hex("g_a")));
    assertThat(in.remaining()).as("padding after the answer").isLessThan(16);
  }

  @Test
  void dhGenOkFromTheSpecificationReadsIntoItsFields() {
    SetClientDHParamsAnswer answer = SetClientDHParamsAnswer.read(new TlReader(body("dh_gen_ok_msg")));
    assertThat(answer).isEqualTo(new DhGenOk(
        Int128.fromHex(v.get("nonce")), Int128.fromHex(v.get("server_nonce")), Int128.fromHex(v.get("new_nonce_hash1"))));
    assertThat(answer.toByteArray()).isEqualTo(body("dh_gen_ok_msg"));
  }
}
