package dev.tgkit.crypto;

import static dev.tgkit.testing.Vectors.seq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.testing.Vectors;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MessageKeysTest {

  private static final Vectors KDF = Vectors.load("mtproto2_kdf.txt");
  private static final Vectors GENERATED = KDF.section("[generated here]");

  @Test
  void derivesKeyAndIvOfTheSequenceKeyInBothDirections() {
    AuthKey key = AuthKey.of(seq(256));
    MessageKeys.KeyIv client = MessageKeys.derive(key, Direction.CLIENT_TO_SERVER, seq(16));
    assertThat(client.key()).isEqualTo(KDF.hex("client(x=0): aes_key"));
    assertThat(client.iv()).isEqualTo(KDF.hex("client(x=0): aes_iv"));
    MessageKeys.KeyIv server = MessageKeys.derive(key, Direction.SERVER_TO_CLIENT, seq(16));
    assertThat(server.key()).isEqualTo(KDF.hex("server(x=8): aes_key"));
    assertThat(server.iv()).isEqualTo(KDF.hex("server(x=8): aes_iv"));
  }

  @Test
  void derivesKeyAndIvOfTheWorkedExamplesKeyInBothDirections() {
    AuthKey key = AuthKey.of(GENERATED.hex("auth_key"));
    byte[] msgKey = GENERATED.hex("msg_key (test)");
    MessageKeys.KeyIv client = MessageKeys.derive(key, Direction.CLIENT_TO_SERVER, msgKey);
    assertThat(client.key()).isEqualTo(GENERATED.hex("client(x=0) aes_key"));
    assertThat(client.iv()).isEqualTo(GENERATED.hex("client(x=0) aes_iv"));
    MessageKeys.KeyIv server = MessageKeys.derive(key, Direction.SERVER_TO_CLIENT, msgKey);
    assertThat(server.key()).isEqualTo(GENERATED.hex("server(x=8) aes_key"));
    assertThat(server.iv()).isEqualTo(GENERATED.hex("server(x=8) aes_iv"));
  }

  /** grammers' encrypt_client_data_v2: auth_key_id | msg_key | AES-IGE(plaintext). */
  @Test
  void encryptsAClientMessageLikeGrammers() {
    AuthKey key = AuthKey.of(seq(256));
    byte[] plaintext = KDF.hex("encrypt_client_data_v2: plaintext_padded");
    byte[] expected = KDF.hex("encrypt_client_data_v2: output(auth_key_id|msg_key|ciphertext)");

    assertThat(packet(key, Direction.CLIENT_TO_SERVER, plaintext)).isEqualTo(expected);
  }

  @Test
  void decryptsAServerMessageLikeGrammers() {
    AuthKey key = AuthKey.of(KDF.hex("decrypt_server_data_v2: auth_key"));
    byte[] packet = KDF.hex("decrypt_server_data_v2: packet");
    byte[] expected = KDF.hex("decrypt_server_data_v2: plaintext");

    assertThat(Le.getLong(packet, 0)).isEqualTo(key.id());
    byte[] msgKey = Arrays.copyOfRange(packet, 8, 24);
    MessageKeys.KeyIv keyIv = MessageKeys.derive(key, Direction.SERVER_TO_CLIENT, msgKey);
    byte[] plaintext =
        AesIge.decrypt(keyIv.key(), keyIv.iv(), Arrays.copyOfRange(packet, 24, packet.length));

    assertThat(plaintext).isEqualTo(expected);
    assertThat(MessageKeys.msgKey(key, Direction.SERVER_TO_CLIENT, plaintext, 0, plaintext.length))
        .isEqualTo(msgKey);
    assertThat(MessageKeys.msgKey(key, Direction.CLIENT_TO_SERVER, plaintext, 0, plaintext.length))
        .as("the same message is not valid in the other direction")
        .isNotEqualTo(msgKey);
  }

  @Test
  void encryptsThePingOfTheGeneratedVector() {
    AuthKey key = AuthKey.of(GENERATED.hex("auth_key"));
    byte[] plaintext = GENERATED.hex("plaintext(64)");
    byte[] framed = new byte[plaintext.length + 10];
    System.arraycopy(plaintext, 0, framed, 7, plaintext.length);

    byte[] msgKey =
        MessageKeys.msgKey(key, Direction.CLIENT_TO_SERVER, framed, 7, plaintext.length);
    assertThat(msgKey).isEqualTo(GENERATED.hex("msg_key"));
    MessageKeys.KeyIv keyIv = MessageKeys.derive(key, Direction.CLIENT_TO_SERVER, msgKey);
    assertThat(keyIv.key()).isEqualTo(GENERATED.hex("aes_key"));
    assertThat(keyIv.iv()).isEqualTo(GENERATED.hex("aes_iv"));
    assertThat(packet(key, Direction.CLIENT_TO_SERVER, plaintext))
        .isEqualTo(GENERATED.hex("packet"));
  }

  @Test
  void hidesKeyAndIvInToString() {
    MessageKeys.KeyIv keyIv =
        MessageKeys.derive(AuthKey.of(seq(256)), Direction.CLIENT_TO_SERVER, seq(16));
    assertThat(keyIv.toString()).isEqualTo("KeyIv[hidden]");
    assertThat(keyIv).isEqualTo(new MessageKeys.KeyIv(keyIv.key().clone(), keyIv.iv().clone()));
  }

  @Test
  void rejectsAMsgKeyThatIsNot16Bytes() {
    assertThatThrownBy(
            () ->
                MessageKeys.derive(AuthKey.of(seq(256)), Direction.CLIENT_TO_SERVER, new byte[15]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("msg_key must be 16 bytes, got 15");
  }

  private static byte[] packet(AuthKey key, Direction d, byte[] plaintext) {
    byte[] msgKey = MessageKeys.msgKey(key, d, plaintext, 0, plaintext.length);
    MessageKeys.KeyIv keyIv = MessageKeys.derive(key, d, msgKey);
    byte[] packet = new byte[24 + plaintext.length];
    Le.putLong(packet, 0, key.id());
    System.arraycopy(msgKey, 0, packet, 8, 16);
    System.arraycopy(plaintext, 0, packet, 24, plaintext.length);
    new AesIge(keyIv.key()).encrypt(keyIv.iv(), packet, 24, plaintext.length);
    return packet;
  }
}
