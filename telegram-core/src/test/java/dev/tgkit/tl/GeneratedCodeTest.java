package dev.tgkit.tl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.tl.api.CodeSettingsCtor;
import dev.tgkit.tl.api.InputPeer;
import dev.tgkit.tl.api.InputPeerSelf;
import dev.tgkit.tl.api.InputPeerUser;
import dev.tgkit.tl.api.InputPeerUserFromMessage;
import dev.tgkit.tl.api.InvokeWithLayer;
import dev.tgkit.tl.api.TextConcat;
import dev.tgkit.tl.api.TextPlain;
import dev.tgkit.tl.api.TlApi;
import dev.tgkit.tl.api.account.UpdateStatus;
import dev.tgkit.tl.api.help.GetConfig;
import dev.tgkit.tl.api.messages.AffectedMessagesCtor;
import dev.tgkit.tl.api.messages.GetHistory;
import dev.tgkit.tl.api.messages.ReadHistory;
import dev.tgkit.tl.mtproto.MsgsAckCtor;
import dev.tgkit.tl.mtproto.MtProto;
import dev.tgkit.tl.mtproto.Ping;
import dev.tgkit.tl.mtproto.PongCtor;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Behaviour of the generated classes beyond round trips: exact bytes, flags, validation. */
class GeneratedCodeTest {

  private static String hex(TlObject o) {
    return HexFormat.of().formatHex(o.toByteArray());
  }

  @Test
  void writesANestedObjectBoxedWithLittleEndianFields() {
    InputPeer peer = new InputPeerUserFromMessage(new InputPeerUser(0x0102030405060708L, -1L), 0x11223344, 42L);
    assertThat(hex(peer)).isEqualTo(
        "1c0a7ba8" // inputPeerUserFromMessage#a87b0a1c
            + "4ca5e8dd" // inputPeerUser#dde8a54c, boxed because the field type is InputPeer
            + "0807060504030201" + "ffffffffffffffff"
            + "44332211"
            + "2a00000000000000");
  }

  @Test
  void computesFlagsFromWhichOptionalFieldsArePresent() {
    // codeSettings#ad253d78 flags:# allow_flashcall:flags.0?true current_number:flags.1?true
    //   allow_app_hash:flags.4?true ... logout_tokens:flags.6?Vector<bytes> token:flags.8?string
    //   app_sandbox:flags.8?Bool
    CodeSettingsCtor none = new CodeSettingsCtor(false, false, false, false, false, false, null, null, null);
    assertThat(hex(none)).isEqualTo("783d25ad" + "00000000");
    CodeSettingsCtor some = new CodeSettingsCtor(true, false, true, false, false, false,
        List.of(Bytes.of((byte) 0xAB)), "t", true);
    assertThat(hex(some)).isEqualTo(
        "783d25ad"
            + "51010000" // bits 0, 4, 6, 8
            + "15c4b51c" + "01000000" + "01ab0000" // Vector<bytes> [ab]
            + "01740000" // "t"
            + "b5757299"); // boolTrue
    assertThat(CodeSettingsCtor.readBare(new TlReader(some.toByteArray(), 4, some.toByteArray().length - 4))).isEqualTo(some);
  }

  @Test
  void rejectsFieldsSharingAFlagBitThatDisagree() {
    assertThatThrownBy(() -> new CodeSettingsCtor(false, false, false, false, false, false, null, "token", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("token, appSandbox share flag bit flags.8 of codeSettings")
        .hasMessageContaining("token present")
        .hasMessageContaining("appSandbox absent");
  }

  @Test
  void rejectsAMissingRequiredFieldNamingIt() {
    assertThatThrownBy(() -> new InputPeerUserFromMessage(null, 1, 2))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("peer must not be null");
  }

  @Test
  void copiesListsSoTheRecordCannotChangeAfterwards() {
    List<dev.tgkit.tl.api.RichText> parts = new ArrayList<>(List.of(new TextPlain("a")));
    TextConcat concat = new TextConcat(parts);
    parts.add(new TextPlain("b"));
    assertThat(concat.texts()).hasSize(1);
    assertThatThrownBy(() -> concat.texts().add(new TextPlain("c"))).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aFunctionKnowsItsSchemaNameWithItsNamespace() {
    assertThat(new GetConfig().tlName()).isEqualTo("help.getConfig");
    assertThat(new ReadHistory(new InputPeerSelf(), 10).tlName()).isEqualTo("messages.readHistory");
    assertThat(new InvokeWithLayer<>(1, new GetConfig()).tlName()).isEqualTo("invokeWithLayer");
    assertThat(new Ping(1).tlName()).isEqualTo("ping");
  }

  @Test
  void aFunctionKnowsHowToReadItsAnswer() {
    ReadHistory read = new ReadHistory(new InputPeerSelf(), 10);
    AffectedMessagesCtor affected = new AffectedMessagesCtor(5, 6);
    assertThat(read.readResult(new TlReader(affected.toByteArray()))).isEqualTo(affected);
  }

  @Test
  void aGenericWrapperReturnsTheAnswerOfTheWrappedQuery() {
    InvokeWithLayer<dev.tgkit.tl.api.Config> call = new InvokeWithLayer<>(TlApi.LAYER, new GetConfig());
    assertThat(hex(call)).isEqualTo("0d0d9bda" + String.format("%02x000000", TlApi.LAYER) + "6b18f9c4");
    // The answer of help.getConfig is a Config; invokeWithLayer's own answer is the same value.
    assertThat(TlApi.readFunction(new TlReader(call.toByteArray()))).isEqualTo(call);
    GetHistory history = new GetHistory(new InputPeerSelf(), 0, 0, 0, 20, 0, 0, 0);
    InvokeWithLayer<dev.tgkit.tl.api.messages.Messages> wrapped = new InvokeWithLayer<>(TlApi.LAYER, history);
    TlWriter w = new TlWriter();
    new dev.tgkit.tl.api.messages.MessagesNotModified(3).serialize(w);
    dev.tgkit.tl.api.messages.Messages answer = wrapped.readResult(new TlReader(w.toByteArray()));
    assertThat(answer).isEqualTo(new dev.tgkit.tl.api.messages.MessagesNotModified(3));
  }

  @Test
  void boolAnswersAreReadAsBooleans() {
    UpdateStatus status = new UpdateStatus(true);
    assertThat(hex(status)).isEqualTo("2c562866" + "b5757299"); // account.updateStatus#6628562c offline:Bool
    assertThat(status.readResult(new TlReader(HexFormat.of().parseHex("b5757299")))).isTrue();
    assertThat(status.readResult(new TlReader(HexFormat.of().parseHex("379779bc")))).isFalse();
  }

  @Test
  void mtprotoReadObjectAlsoReadsTheHandWrittenServiceMessages() {
    PongCtor pong = new PongCtor(1, 2);
    MsgsAckCtor ack = new MsgsAckCtor(List.of(7L, 8L));
    MsgContainer container = new MsgContainer(List.of(
        new ContainedMessage(100, 1, Bytes.wrap(pong.toByteArray())),
        new ContainedMessage(104, 2, Bytes.wrap(ack.toByteArray()))));
    TlObject read = MtProto.readObject(new TlReader(container.toByteArray()));
    assertThat(read).isEqualTo(container);
    List<TlObject> bodies = ((MsgContainer) read).messages().stream()
        .map(m -> MtProto.readObject(m.bodyReader()))
        .toList();
    assertThat(bodies).containsExactly(pong, ack);
    assertThat(MtProto.readFunction(new TlReader(new Ping(9).toByteArray()))).isEqualTo(new Ping(9));
  }
}
