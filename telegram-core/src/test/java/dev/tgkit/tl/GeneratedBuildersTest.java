package dev.tgkit.tl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.tl.api.CodeSettingsCtor;
import dev.tgkit.tl.api.Config;
import dev.tgkit.tl.api.InitConnection;
import dev.tgkit.tl.api.InputPeer;
import dev.tgkit.tl.api.InputPeerUser;
import dev.tgkit.tl.api.InputReplyToMessage;
import dev.tgkit.tl.api.MessageEntity;
import dev.tgkit.tl.api.MessageEntityBold;
import dev.tgkit.tl.api.help.GetConfig;
import dev.tgkit.tl.api.messages.SendMessage;
import dev.tgkit.tl.mtproto.PQInnerDataDc;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generated builders name what the positional constructors number, and make the same bytes. */
class GeneratedBuildersTest {

  private static final InputPeer PEER = new InputPeerUser(42L, -7L);

  @Test
  void aMessageBuiltByNameSerializesToTheBytesOfThePositionalOne() {
    InputReplyToMessage replyTo = InputReplyToMessage.builder(10).topMsgId(3).build();
    List<MessageEntity> entities = List.of(new MessageEntityBold(0, 5));
    SendMessage built = SendMessage.builder(PEER, "hello", 99L)
        .silent(true)
        .replyTo(replyTo)
        .entities(entities)
        .build();
    SendMessage positional = new SendMessage(
        false, true, false, false, false, false, false, false,
        PEER, new InputReplyToMessage(10, 3, null, null, null, null, null, null, null), "hello", 99L,
        null, entities, null, null, null, null, null, null, null, null);
    assertThat(built.toByteArray()).isEqualTo(positional.toByteArray());
    assertThat(built).isEqualTo(positional);
  }

  @Test
  void whatABuilderIsNotToldStaysOutOfTheFlagsAndTheBytes() {
    SendMessage plain = SendMessage.builder(PEER, "hi", 1L).build();
    String hex = HexFormat.of().formatHex(plain.toByteArray());
    assertThat(hex.substring(8, 16)).isEqualTo("00000000"); // the flags word, after the constructor id
    assertThat(plain.replyTo()).isNull();
    assertThat(plain.silent()).isFalse();
  }

  @Test
  void aGenericWrapperIsBuiltAroundItsTypedQuery() {
    InitConnection<Config> init = InitConnection.builder(new GetConfig())
        .apiId(1).deviceModel("device").systemVersion("os").appVersion("1.0")
        .systemLangCode("en").langPack("").langCode("en")
        .build();
    assertThat(init).isEqualTo(new InitConnection<>(1, "device", "os", "1.0", "en", "", "en", null, null, new GetConfig()));
  }

  @Test
  void buildRunsTheRecordsChecks() {
    assertThatThrownBy(() -> CodeSettingsCtor.builder().token("t").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("token, appSandbox share flag bit flags.8 of codeSettings");
    assertThatThrownBy(() -> SendMessage.builder(PEER, null, 1L).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("message must not be null");
  }

  @Test
  void aWideRecordWithoutFlagsIsBuiltByNamingEachField() {
    // The worked example of core.telegram.org/mtproto/samples-auth_key, with its nonces.
    Bytes pq = Bytes.fromHex("17ED48941A08F981");
    Bytes p = Bytes.fromHex("494C553B");
    Bytes q = Bytes.fromHex("53911073");
    Int128 nonce = Int128.fromHex("3E0549828CCA27E966B301A48FECE2FC");
    Int128 serverNonce = Int128.fromHex("A5CF4D33F4A11EA877BA4AA573907330");
    Int256 newNonce = Int256.fromHex("311C85DB234AA2640AFC4A76A735CF5B1F0FD68BD17FA181E1229AD867CC024D");
    PQInnerDataDc built = PQInnerDataDc.builder()
        .pq(pq).p(p).q(q).nonce(nonce).serverNonce(serverNonce).newNonce(newNonce).dc(2)
        .build();
    assertThat(built.toByteArray()).isEqualTo(new PQInnerDataDc(pq, p, q, nonce, serverNonce, newNonce, 2).toByteArray());
  }

  @Test
  void buildNamesTheRequiredFieldsLeftUnset() {
    assertThatThrownBy(() -> PQInnerDataDc.builder().pq(Bytes.of((byte) 1)).dc(2).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("required fields of p_q_inner_data_dc not set: p, q, nonce, serverNonce, newNonce");
  }

  @Test
  void aSmallRecordOfRequiredFieldsAloneHasNoBuilder() {
    assertThat(InputPeerUser.class.getDeclaredClasses()).isEmpty();
    assertThat(SendMessage.class.getDeclaredClasses()).extracting(Class::getSimpleName).containsExactly("Builder");
  }
}
