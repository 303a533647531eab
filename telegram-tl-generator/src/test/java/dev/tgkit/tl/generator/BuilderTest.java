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
      ---functions---
      messages.sendMessage#5 flags:# silent:flags.5?true peer:InputPeer reply_to_msg_id:flags.0?int message:string random_id:long entities:flags.3?Vector<long> = Updates;
      auth.signIn#6 flags:# phone_number:string phone_code_hash:string phone_code:flags.0?string = auth.Authorization;
      invokeWithProxy#7 {X:Type} flags:# proxy:flags.0?string query:!X = X;
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
  void aRecordOfRequiredFieldsAloneHasNoBuilder() throws ReflectiveOperationException {
    Class<?> user = code.load(API + ".InputPeerUser");
    assertThat(user.getDeclaredClasses()).isEmpty();
    assertThat(user.getDeclaredMethods()).extracting(m -> m.getName()).doesNotContain("builder");
    assertThat(sources.get("dev/tgkit/tl/api/InputPeerUser.java")).doesNotContain("Builder");
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
