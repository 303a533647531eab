package dev.tgkit.mtproto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.crypto.AesIge;
import dev.tgkit.crypto.AuthKey;
import dev.tgkit.crypto.Direction;
import dev.tgkit.crypto.MessageKeys;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** Byte-exact vectors (vectors/mtproto2_kdf.txt) and every packet-level check of the guidelines. */
class EncryptedMessagesTest {

  private static final HexFormat HEX = HexFormat.of();
  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  /** The worked example's auth key (samples_auth_key_official.txt). */
  static final AuthKey OFFICIAL_KEY = AuthKey.of(HEX.parseHex(
      "AB96E207C631300986F30EF97DF55E179E63C112675F0CE502EE76D74BBEE6CBD1E95772818881E9F2FF54BD52C258787474F6A7BEA61EABE49D1D01D55F64FC07BC31685716EC8FB46FEACF9502E42CFD6B9F45A08E90AA5C2B5933AC767CBE1CD50D8E64F89727CA4A1A5D32C0DB80A9FCDBDDD4F8D5A1E774198F1A4299F927C484FEEC395F29647E43C3243986F93609E23538C21871DF50E00070B3B6A8FA9BC15628E8B43FF977409A61CEEC5A21CF7DFB5A4CC28F5257BC30CD8F2FB92FBF21E28924065F50E0BBD5E11A420300E2C136B80E9826C6C5609B5371B7850AA628323B6422F3A94F6DFDE4C3DC1EA60F7E11EE63122B3F39CBD1A8430157"));

  /** Draws only the byte {@code b}: reproduces the vector's 0x42 padding. */
  static RandomGenerator constant(int b) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        long v = b & 0xFFL;
        return v * 0x0101010101010101L;
      }

      @Override
      public void nextBytes(byte[] bytes) {
        Arrays.fill(bytes, (byte) b);
      }
    };
  }

  @Test
  void packsThePingOfTheVectorByteForByte() {
    byte[] ping = HEX.parseHex("ec77be7a1122334455667788");
    long salt = (long) MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN)
        .get(HEX.parseHex("94d3c8e8d7ebbccc"), 0);
    long session = 0x0807060504030201L;
    long msgId = 0x51e5a71100000004L;

    byte[] packet = EncryptedMessages.pack(
        OFFICIAL_KEY, Direction.CLIENT_TO_SERVER, salt, session, msgId, 1, ping, constant(0x42));

    assertThat(HEX.formatHex(packet)).isEqualTo(
        "91094ce16ee2ee73b966dbe4d5ea8c3904a706afeb418adb2e1e46ef34c908aef99cd03d6fa57ed46459478a3f67360dfd8a4a8fc4701aecb4da68beeead10602f46f0b0d56afe3ed1b1f93d37a6b0eb9ee6143017efd366");

    EncryptedMessages.Decrypted m = EncryptedMessages.unpack(OFFICIAL_KEY, Direction.CLIENT_TO_SERVER, packet);
    assertThat(m.salt()).isEqualTo(salt);
    assertThat(m.sessionId()).isEqualTo(session);
    assertThat(m.msgId()).isEqualTo(msgId);
    assertThat(m.seqNo()).isEqualTo(1);
    assertThat(m.bodyBytes()).isEqualTo(ping);
  }

  @Test
  void decryptsTheServerPacketOfTheVector() {
    AuthKey key = AuthKey.of(HEX.parseHex(
        "5d2e7d65f49ec28bd029a88761ea27b8a4c79f12226525443e7d7c596ef3303530db2107e89aa997c7a0164ab694187adeff156bd6ef7118a1962347753c0e7e89a0354b8ec364f9997e71bc6923fb86e8e43491e010606a6ce845e2fa01940977ef0aa32adf5a97dbf6d428ec0434d717a2d3ad19622cc05887642113c7965ffb862a3e3ccb0ab95addda57f89245dbd76b492348f8e94bd5a7c0e0b84808523cfd1ea80b32fe9ad198bc2e103fceb7d52492ecc0273a28674bc923eee59265ab17a002df1f4aa2c59b819a5e5e1d105ec117336f5c76c6b187037d4b4270cee9cc21071d97e9bca220c6d7b01b998cf2e5cdb9a50ecda1852a36e635690c8e"));
    byte[] packet = HEX.parseHex(
        "7a7183c2c10e4f4df945fa9a9abd35e7c3840b61f045304f39674c19c0e209784f50f6226a073529d675c92cbf0bfa8c99a79b3f39c72a5d9a026d431ab7407ca04ecc55187d6c45f17871524edd90cea02ed728e14d7cb18aea2a636158f09459a9437710d894c79f368c4e8164b7647ea98612aefe942c5d92121acb8db02dccceb66d0f8720ac12a06db0582bfd955be34f365118e3bab8cd080ce6b45b28eac56dcd2a29374e");
    String plaintext =
        "fc826a02248b28fd60f2c4822443ad6801f0c1c2918b305e0200000058000000dcf8f1730200000001a8c1c2918b305e010000001c0000000809c29ec4fd33ad918b305e18a88ea607ee5816fc826a02248b28fd01ccc1c2918b305e0200000014000000c5737734c4fd33ad918b305e6408300000000000fce66704a3cd8ee9d0ae6fab672c60c04a3f1fd4490e51f6";

    EncryptedMessages.Decrypted m = EncryptedMessages.unpack(key, Direction.SERVER_TO_CLIENT, packet);

    assertThat(HEX.formatHex(packet, EncryptedMessages.ENVELOPE, packet.length)).isEqualTo(plaintext);
    assertThat(m.msgId()).isEqualTo(0x5e308b91c2c1f001L);
    assertThat(m.seqNo()).isEqualTo(2);
    assertThat(m.bodyLength()).isEqualTo(88);
    assertThat(m.body().readInt()).isEqualTo(0x73f1f8dc); // msg_container
  }

  @Test
  void whatOneSideEncryptsOnlyTheOtherDirectionDecrypts() {
    byte[] body = HEX.parseHex("ec77be7a1122334455667788");
    byte[] packet = EncryptedMessages.pack(OFFICIAL_KEY, Direction.SERVER_TO_CLIENT, 1, 2, 5, 1, body, constant(7));
    byte[] copy = packet.clone();
    assertThat(EncryptedMessages.unpack(OFFICIAL_KEY, Direction.SERVER_TO_CLIENT, packet).bodyBytes()).isEqualTo(body);
    assertThatThrownBy(() -> EncryptedMessages.unpack(OFFICIAL_KEY, Direction.CLIENT_TO_SERVER, copy))
        .isInstanceOf(MessageRejectedException.MsgKeyMismatch.class);
  }

  @Test
  void rejectsPacketsThatAreTooShortOrNotWholeBlocks() {
    assertThatThrownBy(() -> EncryptedMessages.unpack(OFFICIAL_KEY, Direction.SERVER_TO_CLIENT, new byte[24 + 32]))
        .isInstanceOf(MessageRejectedException.BadPacketLength.class);
    assertThatThrownBy(() -> EncryptedMessages.unpack(OFFICIAL_KEY, Direction.SERVER_TO_CLIENT, new byte[24 + 50]))
        .isInstanceOf(MessageRejectedException.BadPacketLength.class);
    assertThatThrownBy(() -> EncryptedMessages.unpack(OFFICIAL_KEY, Direction.SERVER_TO_CLIENT, new byte[3]))
        .isInstanceOf(MessageRejectedException.BadPacketLength.class);
  }

  @Test
  void rejectsAnotherAuthKeyId() {
    byte[] packet = serverPacket();
    packet[0] ^= 1;
    assertThatThrownBy(() -> EncryptedMessages.unpack(OFFICIAL_KEY, Direction.SERVER_TO_CLIENT, packet))
        .isInstanceOf(MessageRejectedException.AuthKeyIdMismatch.class);
  }

  @Test
  void rejectsATamperedMsgKey() {
    byte[] packet = serverPacket();
    packet[8] ^= 1;
    assertThatThrownBy(() -> EncryptedMessages.unpack(OFFICIAL_KEY, Direction.SERVER_TO_CLIENT, packet))
        .isInstanceOf(MessageRejectedException.MsgKeyMismatch.class);
  }

  @Test
  void rejectsATamperedCiphertextInAnyBlock() {
    byte[] original = serverPacket();
    for (int at = EncryptedMessages.ENVELOPE; at < original.length; at += 7) {
      byte[] packet = original.clone();
      packet[at] ^= (byte) 0x80;
      assertThatThrownBy(() -> EncryptedMessages.unpack(OFFICIAL_KEY, Direction.SERVER_TO_CLIENT, packet))
          .as("flipped byte %d", at)
          .isInstanceOf(MessageRejectedException.MsgKeyMismatch.class);
    }
  }

  @Test
  void rejectsALengthFieldThatDoesNotFitThePlaintext() {
    // Well-keyed messages with a lying length: only someone with the key could make them, but
    // the guidelines still require the bounds to be checked.
    for (int length : new int[] {-4, 6, 1 << 20, 44, 64 - 32 - 8}) {
      byte[] packet = craft(64, length, 1);
      assertThatThrownBy(() -> EncryptedMessages.unpack(OFFICIAL_KEY, Direction.SERVER_TO_CLIENT, packet))
          .as("length %d", length)
          .isInstanceOf(MessageRejectedException.BadDataLength.class);
    }
  }

  @Test
  void rejectsPaddingLongerThan1024Bytes() {
    byte[] packet = craft(32 + 16 + 1040, 16, 1);
    assertThatThrownBy(() -> EncryptedMessages.unpack(OFFICIAL_KEY, Direction.SERVER_TO_CLIENT, packet))
        .isInstanceOf(MessageRejectedException.BadDataLength.class);
  }

  @Test
  void acceptsTheLongestAllowedPadding() {
    byte[] packet = craft(32 + 16 + 1024, 16, 1);
    assertThat(EncryptedMessages.unpack(OFFICIAL_KEY, Direction.SERVER_TO_CLIENT, packet).bodyLength()).isEqualTo(16);
  }

  private static byte[] serverPacket() {
    return EncryptedMessages.pack(OFFICIAL_KEY, Direction.SERVER_TO_CLIENT, 1, 2, 5, 1,
        HEX.parseHex("ec77be7a1122334455667788"), constant(9));
  }

  /**
   * A server packet with a plaintext of {@code plainLength} bytes whose length field says
   * {@code length}: correctly keyed, so only the length checks can catch it.
   */
  static byte[] craft(int plainLength, int length, int seed) {
    byte[] plain = new byte[plainLength];
    Arrays.fill(plain, (byte) seed);
    INT.set(plain, 28, length);
    byte[] msgKey = MessageKeys.msgKey(OFFICIAL_KEY, Direction.SERVER_TO_CLIENT, plain, 0, plain.length);
    MessageKeys.KeyIv keyIv = MessageKeys.derive(OFFICIAL_KEY, Direction.SERVER_TO_CLIENT, msgKey);
    new AesIge(keyIv.key()).encrypt(keyIv.iv(), plain, 0, plain.length);
    byte[] packet = new byte[24 + plainLength];
    MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN).set(packet, 0, OFFICIAL_KEY.id());
    System.arraycopy(msgKey, 0, packet, 8, 16);
    System.arraycopy(plain, 0, packet, 24, plainLength);
    return packet;
  }
}
