package dev.tgkit.tl.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The builders of generated records, compiled and called as a user of the library calls them. */
class BuilderTest {

  private static final String SCHEMA = """
      inputPeerSelf#7da07ec9 = InputPeer;
      inputPeerUser#dde8a54c user_id:long access_hash:long = InputPeer;
      updatesTooLong#e317af7e = Updates;
      codeSettings#ad253d78 flags:# allow_flashcall:flags.0?true token:flags.8?string app_sandbox:flags.8?Bool = CodeSettings;
      option#1 flags:# build:flags.0?int builder:string = Option;
      builderPart#2 id:int = Builder;
      tool#3 flags:# part:flags.0?Builder = Tool;
      auth.authorization#4 = auth.Authorization;
      dcConfig#8 flags:# this_dc:int date:int expires:int test_mode:Bool dc_options:Vector<int> me_url_prefix:string blocked_mode:flags.8?true tmp_sessions:flags.0?int = DcConfig;
      dhInner#9 nonce:long server_nonce:long g:int dh_prime:bytes g_a:bytes server_time:int = DhInner;
      point#a x:int y:int z:int t:int w:int = Point;
      box#b flags:# x:int y:int z:int t:int w:int label:flags.0?string = Box;
      ---functions---
      messages.sendMessage#5 flags:# silent:flags.5?true peer:InputPeer reply_to_msg_id:flags.0?int message:string random_id:long entities:flags.3?Vector<long> = Updates;
      auth.signIn#6 flags:# phone_number:string phone_code_hash:string phone_code:flags.0?string = auth.Authorization;
      invokeWithProxy#7 {X:Type} flags:# proxy:flags.0?string query:!X = X;
      initConnection#c {X:Type} flags:# api_id:int device_model:string system_version:string app_version:string system_lang_code:string lang_pack:string lang_code:string proxy:flags.0?string query:!X = X;
      """;

  private static final String API = "dev.tgkit.tl.api";

  @TempDir static Path dir;

  private static GeneratedCode code;
  private static Map<String, String> sources;

  @BeforeAll
  static void compileTheSchema() {
    JavaModel model = JavaModel.bind(TlParser.parse("api.tl", SCHEMA), API, "TlApi");
    sources = new Emitter(model, "api.tl", false).emit();
    code = GeneratedCode.withRuntime(dir, false).compile(sources);
  }

  private static Object run(String body) {
    return code.run(API, body);
  }

  @Test
  void aBuilderStartsFromTheRequiredFieldsInSchemaOrderAndSetsOptionalOnesByName() {
    Object built = run("""
        return dev.tgkit.tl.api.messages.SendMessage.builder(new InputPeerSelf(), "hi", 7L)
            .replyToMsgId(5)
            .entities(java.util.List.of(1L, 2L))
            .build();
        """);
    Object positional = run("""
        return new dev.tgkit.tl.api.messages.SendMessage(false, new InputPeerSelf(), 5, "hi", 7L, java.util.List.of(1L, 2L));
        """);
    assertThat(built).isEqualTo(positional);
  }

  @Test
  void whatABuilderIsNotToldIsAbsentOrUnset() {
    Object built = run("return dev.tgkit.tl.api.messages.SendMessage.builder(new InputPeerSelf(), \"hi\", 7L).build();");
    Object positional = run("return new dev.tgkit.tl.api.messages.SendMessage(false, new InputPeerSelf(), null, \"hi\", 7L, null);");
    assertThat(built).isEqualTo(positional);
  }

  @Test
  void aTrueFlagIsABooleanSetterThatSetsItsBit() {
    byte[] bytes = (byte[]) run("""
        return dev.tgkit.tl.api.messages.SendMessage.builder(new InputPeerSelf(), "", 0L).silent(true).build().toByteArray();
        """);
    // constructor id, then the flags word: bit 5 alone.
    assertThat(Arrays.copyOfRange(bytes, 4, 8)).containsExactly(0x20, 0, 0, 0);
  }

  @Test
  void buildStillRejectsFieldsSharingAFlagBitThatDisagree() {
    assertThatThrownBy(() -> run("return CodeSettingsCtor.builder().token(\"t\").build();"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("token, appSandbox share flag bit flags.8 of codeSettings");
    assertThat(run("return CodeSettingsCtor.builder().token(\"t\").appSandbox(true).build();"))
        .isEqualTo(run("return new CodeSettingsCtor(false, \"t\", true);"));
  }

  @Test
  void buildStillRejectsAMissingRequiredField() {
    assertThatThrownBy(() -> run("return dev.tgkit.tl.api.messages.SendMessage.builder(null, \"hi\", 7L).build();"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("peer must not be null");
  }

  @Test
  void aRecordOfOptionalFieldsAloneStartsFromABuilderWithoutArguments() {
    assertThat(run("return CodeSettingsCtor.builder().allowFlashcall(true).build();"))
        .isEqualTo(run("return new CodeSettingsCtor(true, null, null);"));
  }

  @Test
  void aRecordOfAtMostFiveRequiredFieldsAloneHasNoBuilder() {
    for (String record : new String[] {"InputPeerUser", "PointCtor"}) {
      Class<?> c = code.load(API + "." + record);
      assertThat(c.getDeclaredClasses()).as(record).isEmpty();
      assertThat(c.getDeclaredMethods()).extracting(m -> m.getName()).as(record).doesNotContain("builder");
      assertThat(sources.get("dev/tgkit/tl/api/" + record + ".java")).as(record).doesNotContain("Builder");
    }
  }

  @Test
  void fiveRequiredFieldsStillSeedTheBuilderByPosition() {
    assertThat(run("return BoxCtor.builder(1, 2, 3, 4, 5).label(\"b\").build();"))
        .isEqualTo(run("return new BoxCtor(1, 2, 3, 4, 5, \"b\");"));
  }

  @Test
  void aRecordOfMoreThanFiveRequiredFieldsIsBuiltByNamingEveryField() {
    Object built = run("""
        return DcConfigCtor.builder()
            .thisDc(2).date(100).expires(200).testMode(true)
            .dcOptions(java.util.List.of(1, 2)).meUrlPrefix("https://t.me/")
            .blockedMode(true)
            .build();
        """);
    assertThat(built).isEqualTo(run("""
        return new DcConfigCtor(2, 100, 200, true, java.util.List.of(1, 2), "https://t.me/", true, null);
        """));
    assertThat(sources.get("dev/tgkit/tl/api/DcConfigCtor.java"))
        .contains("public static Builder builder() {")
        .contains("/** Sets {@code this_dc:int}: required, so {@link #build()} fails until it is set. */")
        .contains("/** Sets {@code dc_options:Vector<int>}: required, so {@link #build()} fails while it is unset or {@code null}. */");
  }

  @Test
  void buildNamesEveryRequiredFieldLeftUnset() {
    assertThatThrownBy(() -> run("return DcConfigCtor.builder().thisDc(2).tmpSessions(3).build();"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("required fields of dcConfig not set: date, expires, testMode, dcOptions, meUrlPrefix");
  }

  @Test
  void aRequiredPrimitiveMustBeSetEvenToItsDefault() {
    String allButTwo = "DcConfigCtor.builder().thisDc(0).date(0).dcOptions(java.util.List.of()).meUrlPrefix(\"\")";
    assertThatThrownBy(() -> run("return " + allButTwo + ".build();"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("required fields of dcConfig not set: expires, testMode");
    assertThat(run("return " + allButTwo + ".expires(0).testMode(false).build();"))
        .isEqualTo(run("return new DcConfigCtor(0, 0, 0, false, java.util.List.of(), \"\", false, null);"));
  }

  @Test
  void aRequiredFieldSetToNullCountsAsUnset() {
    assertThatThrownBy(() -> run("""
        return DhInnerCtor.builder().nonce(1L).serverNonce(2L).g(3).dhPrime(null).gA(dev.tgkit.tl.Bytes.of((byte) 5)).serverTime(6).build();
        """))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("required fields of dhInner not set: dhPrime");
  }

  @Test
  void aRecordWithoutFlagsButMoreThanFiveFieldsGetsABuilder() {
    Object built = run("""
        return DhInnerCtor.builder()
            .nonce(1L).serverNonce(2L).g(3)
            .dhPrime(dev.tgkit.tl.Bytes.of((byte) 4)).gA(dev.tgkit.tl.Bytes.of((byte) 5)).serverTime(6)
            .build();
        """);
    assertThat(built).isEqualTo(run("""
        return new DhInnerCtor(1L, 2L, 3, dev.tgkit.tl.Bytes.of((byte) 4), dev.tgkit.tl.Bytes.of((byte) 5), 6);
        """));
  }

  @Test
  void aWideGenericFunctionsBuilderTakesItsQueryWhichFixesTheResultType() {
    Object built = run("""
        InvokeWithProxy<Updates> query = InvokeWithProxy.builder(
            dev.tgkit.tl.api.messages.SendMessage.builder(new InputPeerSelf(), "hi", 7L).build()).build();
        InitConnection<Updates> call = InitConnection.builder(query)
            .apiId(1).deviceModel("d").systemVersion("s").appVersion("a")
            .systemLangCode("en").langPack("").langCode("en")
            .build();
        return call;
        """);
    assertThat(built).isEqualTo(run("""
        InvokeWithProxy<Updates> query = new InvokeWithProxy<>(null,
            new dev.tgkit.tl.api.messages.SendMessage(false, new InputPeerSelf(), null, "hi", 7L, null));
        return new InitConnection<>(1, "d", "s", "a", "en", "", "en", null, query);
        """));
  }

  @Test
  void aGenericFunctionHasAGenericBuilder() {
    Object built = run("""
        dev.tgkit.tl.api.messages.SendMessage send = dev.tgkit.tl.api.messages.SendMessage.builder(new InputPeerSelf(), "hi", 7L).build();
        InvokeWithProxy<Updates> call = InvokeWithProxy.builder(send).proxy("p").build();
        return call;
        """);
    assertThat(built).isEqualTo(run("""
        return new InvokeWithProxy<>("p", new dev.tgkit.tl.api.messages.SendMessage(false, new InputPeerSelf(), null, "hi", 7L, null));
        """));
  }

  @Test
  void aBuilderHoldingSecretsPrintsNoneOfThem() {
    String text = (String) run("""
        return dev.tgkit.tl.api.auth.SignIn.builder("+15551234567", "code-hash").phoneCode("12345").toString();
        """);
    assertThat(text).doesNotContain("5551234567").doesNotContain("code-hash").doesNotContain("12345");
    assertThat(sources.get("dev/tgkit/tl/api/auth/SignIn.java"))
        .contains("It has no {@code toString} of its own, so the secret fields");
  }

  @Test
  void fieldsNamedBuildOrBuilderGetATrailingUnderscoreSoTheBuilderKeepsItsMethods() {
    assertThat(run("return OptionCtor.builder(\"b\").build_(3).build();"))
        .isEqualTo(run("return new OptionCtor(3, \"b\");"));
  }

  @Test
  void aTypeNamedBuilderStaysReachableInARecordThatNestsItsOwn() {
    assertThat(run("return ToolCtor.builder().part(new BuilderPart(1)).build().part();"))
        .isEqualTo(run("return new BuilderPart(1);"));
    assertThat(sources.get("dev/tgkit/tl/api/ToolCtor.java")).contains("dev.tgkit.tl.api.@Nullable Builder part");
  }

  @Test
  void setterJavadocNamesTheFieldAndItsFlagBit() {
    assertThat(sources.get("dev/tgkit/tl/api/messages/SendMessage.java"))
        .contains("/** Sets {@code silent:flags.5?true}: bit 5 of {@code flags}, unset by default. */")
        .contains("/** Sets {@code reply_to_msg_id:flags.0?int}: sent with bit 0 of {@code flags} set;"
            + " absent by default and when {@code null}. */")
        .contains("public static Builder builder(InputPeer peer, java.lang.String message, long randomId)");
    assertThat(sources.get("dev/tgkit/tl/api/CodeSettingsCtor.java"))
        .contains("shares the bit with {@code appSandbox}, so set both or neither");
  }
}
