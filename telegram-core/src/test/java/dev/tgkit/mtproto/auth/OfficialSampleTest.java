package dev.tgkit.mtproto.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.crypto.AesIge;
import dev.tgkit.crypto.AuthKey;
import dev.tgkit.crypto.DhCheckException.Check;
import dev.tgkit.crypto.RsaPublicKey;
import dev.tgkit.crypto.Sha;
import dev.tgkit.testing.Vectors;
import dev.tgkit.tl.Bytes;
import dev.tgkit.tl.Int128;
import dev.tgkit.tl.Int256;
import dev.tgkit.tl.TlReader;
import dev.tgkit.tl.mtproto.ReqDHParams;
import dev.tgkit.tl.mtproto.ServerDHParamsOk;
import dev.tgkit.tl.mtproto.SetClientDHParams;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The specification's worked example (<a
 * href="https://core.telegram.org/mtproto/samples-auth_key">samples-auth_key</a>, 2013: legacy
 * {@code req_pq}, {@code p_q_inner_data}, legacy RSA padding), replayed through the client steps in
 * the legacy scheme.
 *
 * <p>Reproduced byte for byte: the {@code req_pq} body, {@code p_q_inner_data} and its SHA1 (as the
 * plaintext of the legacy RSA block), {@code tmp_aes_key}/{@code tmp_aes_iv}, the decrypted answer,
 * {@code g_b} from {@code b}, {@code client_encrypted_data}, the auth key, its id and aux hash,
 * {@code new_nonce_hash1} (accepted in step 4), {@code new_nonce_hash2/3}, and the salt.
 *
 * <p>Not reproducible: {@code rsa_encrypted_data}, because the example does not give the random
 * padding of the legacy RSA block and recovering it would need the server's private key; the test
 * checks the block the client encrypts instead. The padding of {@code client_DH_inner_data} is not
 * given either: it is recovered by decrypting {@code client_encrypted_data}.
 *
 * <p>The example's {@code g = 2} fails today's rule that {@code g} be a quadratic residue modulo
 * {@code dh_prime} (its prime is 3 mod 8), so the public step 3 rejects it; the test goes on
 * through the package-private path that skips only that group check.
 */
class OfficialSampleTest {

  private static final Vectors V = Vectors.load("samples_auth_key_official.txt");
  private static final int PLAIN_HEADER = 8 + 8 + 4; // auth_key_id, msg_id, length

  private static final RsaPublicKey SAMPLE_KEY =
      new RsaPublicKey(
          new BigInteger(1, V.hex("server_key_c3b42b026ce86b21_n")),
          new BigInteger(1, V.hex("server_key_e")));

  private static final ClientHandshake.Options LEGACY =
      ClientHandshake.Options.of(List.of(SAMPLE_KEY)).withLegacyScheme();

  /** new_nonce then 224 bytes of which the legacy RSA block uses the first as padding. */
  private static byte[] step2Random() {
    byte[] random = new byte[ClientHandshake.STEP2_RANDOM_BYTES];
    System.arraycopy(V.hex("new_nonce"), 0, random, 0, 32);
    for (int i = 32; i < random.length; i++) {
      random[i] = (byte) (i * 7 + 1);
    }
    return random;
  }

  private static byte[] body(String plainMessage) {
    byte[] msg = V.hex(plainMessage);
    return Arrays.copyOfRange(msg, PLAIN_HEADER, msg.length);
  }

  private static byte[] serverDhParamsOk() {
    return new ServerDHParamsOk(
            Int128.of(V.hex("nonce")),
            Int128.of(V.hex("server_nonce")),
            Bytes.wrap(V.hex("encrypted_answer")))
        .toByteArray();
  }

  private static ClientHandshake.DhParamsRequested afterStep2() {
    return ClientHandshake.step1(LEGACY, V.hex("nonce"))
        .next()
        .step2(body("res_pq_msg"), step2Random())
        .next();
  }

  /** b, then the padding the example's client used, recovered from its encrypted data. */
  private static byte[] step3Random() {
    byte[] plain =
        AesIge.decrypt(V.hex("tmp_aes_key"), V.hex("tmp_aes_iv"), V.hex("client_encrypted_data"));
    int dataLength = 4 + 16 + 16 + 8 + 4 + 256; // client_DH_inner_data with a 256-byte g_b
    byte[] padding = Arrays.copyOfRange(plain, 20 + dataLength, plain.length);
    byte[] random = new byte[ClientHandshake.STEP3_RANDOM_BYTES];
    System.arraycopy(V.hex("b"), 0, random, 0, 256);
    System.arraycopy(padding, 0, random, 256, padding.length);
    return random;
  }

  private static ClientHandshake.Step<ClientHandshake.DhSent> step3() {
    int serverTime = (int) Long.parseLong(V.text("server_time"));
    return afterStep2().accept(serverDhParamsOk(), serverTime, false).step3(step3Random());
  }

  @Test
  void legacyStep1SendsTheSamplesReqPqBody() {
    var step = ClientHandshake.step1(LEGACY, V.hex("nonce"));

    assertThat(step.request()).isEqualTo(body("req_pq_msg"));
  }

  @Test
  void legacyStep2SendsTheSamplesFactorsAndFingerprint() {
    byte[] request =
        ClientHandshake.step1(LEGACY, V.hex("nonce"))
            .next()
            .step2(body("res_pq_msg"), step2Random())
            .request();

    TlReader in = new TlReader(request);
    assertThat(in.readInt()).isEqualTo(ReqDHParams.CONSTRUCTOR_ID);
    ReqDHParams req = ReqDHParams.readBare(in);
    assertThat(req.nonce()).isEqualTo(Int128.of(V.hex("nonce")));
    assertThat(req.serverNonce()).isEqualTo(Int128.of(V.hex("server_nonce")));
    assertThat(req.p()).isEqualTo(Bytes.wrap(V.hex("p")));
    assertThat(req.q()).isEqualTo(Bytes.wrap(V.hex("q")));
    assertThat(req.publicKeyFingerprint()).isEqualTo(0xc3b42b026ce86b21L);
    assertThat(req.encryptedData().length()).isEqualTo(256);
  }

  @Test
  void legacyStep2EncryptsSha1AndPqInnerDataOfTheSample() {
    byte[] request =
        ClientHandshake.step1(LEGACY, V.hex("nonce"))
            .next()
            .step2(body("res_pq_msg"), step2Random())
            .request();
    TlReader in = new TlReader(request);
    in.readInt();
    ReqDHParams req = ReqDHParams.readBare(in);

    byte[] innerData = V.hex("p_q_inner_data");
    assertThat(Sha.sha1(innerData)).isEqualTo(V.hex("sha1_data"));
    byte[] block = new byte[255];
    System.arraycopy(V.hex("sha1_data"), 0, block, 0, 20);
    System.arraycopy(innerData, 0, block, 20, innerData.length);
    System.arraycopy(step2Random(), 32, block, 20 + innerData.length, 255 - 20 - innerData.length);
    assertThat(req.encryptedData().toByteArray()).isEqualTo(SAMPLE_KEY.rawEncrypt(block));
  }

  @Test
  void temporaryAesKeyAndIvAreTheSamples() {
    TempAes tempAes = TempAes.derive(V.hex("new_nonce"), V.hex("server_nonce"));

    assertThat(tempAes.key()).isEqualTo(V.hex("tmp_aes_key"));
    assertThat(tempAes.iv()).isEqualTo(V.hex("tmp_aes_iv"));
  }

  @Test
  void encryptedAnswerDecryptsAndAuthenticatesToTheSamplesAnswer() {
    TempAes tempAes = TempAes.derive(V.hex("new_nonce"), V.hex("server_nonce"));

    byte[] answer = tempAes.open(V.hex("encrypted_answer"), "server_DH_params_ok");

    assertThat(answer).isEqualTo(V.hex("answer"));
  }

  @Test
  void todaysGeneratorRuleRejectsTheSamplesGEqualTwo() {
    var afterStep2 = afterStep2();

    assertThatThrownBy(
            () ->
                afterStep2.step3(
                    serverDhParamsOk(), step3Random(), (int) Long.parseLong(V.text("server_time"))))
        .isInstanceOfSatisfying(
            HandshakeException.class,
            e ->
                assertThat(e.failure())
                    .isInstanceOfSatisfying(
                        HandshakeException.Failure.DhCheckFailed.class,
                        f -> assertThat(f.check()).isEqualTo(Check.GENERATOR_SUBGROUP)));
  }

  @Test
  void step3SendsTheSamplesClientEncryptedDataWithGbFromB() {
    byte[] request = step3().request();

    TlReader in = new TlReader(request);
    assertThat(in.readInt()).isEqualTo(SetClientDHParams.CONSTRUCTOR_ID);
    SetClientDHParams req = SetClientDHParams.readBare(in);
    assertThat(req.encryptedData().toByteArray()).isEqualTo(V.hex("client_encrypted_data"));
    byte[] plain =
        AesIge.decrypt(V.hex("tmp_aes_key"), V.hex("tmp_aes_iv"), V.hex("client_encrypted_data"));
    byte[] gB = Arrays.copyOfRange(plain, 20 + 4 + 16 + 16 + 8 + 4, 20 + 4 + 16 + 16 + 8 + 4 + 256);
    assertThat(gB).isEqualTo(V.hex("g_b"));
  }

  @Test
  void step4AcceptsTheSamplesDhGenOkWithTheSamplesKeyAndSalt() {
    var outcome = step3().next().step4(body("dh_gen_ok_msg"));

    assertThat(outcome).isInstanceOf(ClientHandshake.Done.class);
    var done = (ClientHandshake.Done) outcome;
    AuthKey key = done.authKey();
    assertThat(key.toByteArray()).isEqualTo(V.hex("auth_key"));
    assertThat(key.id())
        .isEqualTo(ClientHandshakeRecordedFlowTest.littleEndianLong(V.hex("auth_key_id")));
    assertThat(key.auxHash())
        .isEqualTo(ClientHandshakeRecordedFlowTest.littleEndianLong(V.hex("auth_key_aux_hash")));
    assertThat(done.firstSalt())
        .isEqualTo(ClientHandshakeRecordedFlowTest.littleEndianLong(V.hex("server_salt")));
    assertThat(done.timeOffset()).isZero();
  }

  @Test
  void newNonceHashesAreTheSamples() {
    NewNonce newNonce = NewNonce.of(Int256.of(V.hex("new_nonce")));
    long aux = ClientHandshakeRecordedFlowTest.littleEndianLong(V.hex("auth_key_aux_hash"));

    assertThat(newNonce.answerHash(1, aux)).isEqualTo(Int128.of(V.hex("new_nonce_hash1")));
    assertThat(newNonce.answerHash(2, aux)).isEqualTo(Int128.of(V.hex("new_nonce_hash2")));
    assertThat(newNonce.answerHash(3, aux)).isEqualTo(Int128.of(V.hex("new_nonce_hash3")));
  }
}
