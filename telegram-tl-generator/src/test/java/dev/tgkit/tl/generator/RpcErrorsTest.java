package dev.tgkit.tl.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The constants of {@code RpcErrors}, named as {@code RpcError.name()} returns what the server sends. */
class RpcErrorsTest {

  private static final String PATH = "dev/tgkit/mtproto/RpcErrors.java";

  @TempDir Path dir;

  private static String emit(String lines) {
    return new RpcErrorsEmitter("rpc-errors.csv", "name,codes,description\n" + lines).emit();
  }

  /** Compiles the constants against the real RpcError, with doclint failing on any Javadoc fault. */
  private GeneratedCode compile(String source) {
    return GeneratedCode.withRuntime(dir, true).compile(Map.of(PATH, source), "-Xdoclint:all/protected", "-Werror");
  }

  private static Object constant(GeneratedCode code, String name) throws ReflectiveOperationException {
    return code.load("dev.tgkit.mtproto.RpcErrors").getField(name).get(null);
  }

  @Test
  void aNameWithAnAppendedNumberLosesTheXSuffixAsRpcErrorDrops31FromFloodWait31() throws ReflectiveOperationException {
    GeneratedCode code = compile(emit("FLOOD_WAIT_X,420,A wait of {seconds} seconds is required\n"));
    assertThat(constant(code, "FLOOD_WAIT")).isEqualTo("FLOOD_WAIT");
    assertThat(code.run("dev.tgkit.mtproto", """
        RpcError e = RpcError.of(420, "FLOOD_WAIT_31", null);
        return e.name().equals(RpcErrors.FLOOD_WAIT) && e.is(RpcErrors.FLOOD_WAIT) && e.value() == 31;
        """)).isEqualTo(true);
  }

  @Test
  void aNameStartingWithADigitGetsALeadingUnderscore() throws ReflectiveOperationException {
    GeneratedCode code = compile(emit("2FA_CONFIRM_WAIT_X,420,Wait {seconds}\nAUTH_TOKEN_INVALID2,400,Invalid\n"));
    assertThat(constant(code, "_2FA_CONFIRM_WAIT")).isEqualTo("2FA_CONFIRM_WAIT");
    assertThat(constant(code, "AUTH_TOKEN_INVALID2")).isEqualTo("AUTH_TOKEN_INVALID2");
  }

  @Test
  void aNameWithItsNumberInsideGetsNoConstantAndIsListedInstead() {
    String source = emit("FILE_PART_X_MISSING,400,Part {which} of the file is missing from storage\nFILE_PARTS_INVALID,400,Bad\n");
    assertThat(source)
        .doesNotContain("String FILE_PART_X_MISSING")
        .contains("<li>{@code FILE_PART_X_MISSING} (400): Part {which} of the file is missing from storage.")
        .contains("String FILE_PARTS_INVALID = \"FILE_PARTS_INVALID\";");
  }

  @Test
  void twoLinesOfOneNameMakeOneConstantDocumentedWithBoth() {
    String source = emit("EMAIL_UNCONFIRMED,400,Email unconfirmed\nEMAIL_UNCONFIRMED_X,400,\"Email unconfirmed, the code has {code_length} digits\"\n");
    assertThat(source.split("String EMAIL_UNCONFIRMED ", -1)).hasSize(2);
    assertThat(source)
        .contains("{@code EMAIL_UNCONFIRMED} (400): Email unconfirmed.")
        .contains("<p>{@code EMAIL_UNCONFIRMED_X} (400): Email unconfirmed, the code has {code_length} digits.");
  }

  @Test
  void descriptionsAreEscapedSoTheJavadocIsValid() throws ReflectiveOperationException {
    String description = "\"Ends */ a comment, <b>bold</b> & @BotFather {@code x}, a \\u path, \"\"quoted\"\"\"";
    String source = emit("ODD_ERROR,400 403," + description + "\n");
    assertThat(source).contains("{@code ODD_ERROR} (400, 403): Ends *&#47; a comment, &lt;b&gt;bold&lt;/b&gt; &amp; &#64;BotFather"
        + " {&#64;code x}, a &#92;u path, \"quoted\".");
    assertThat(constant(compile(source), "ODD_ERROR")).isEqualTo("ODD_ERROR");
  }

  @Test
  void failsLoudlyOnANameNoConstantCouldMatch() {
    assertThatThrownBy(() -> emit("WAIT_2_X,420,Wait\n"))
        .isInstanceOf(SchemaException.class)
        .hasMessageStartingWith("rpc-errors.csv:2: WAIT_2_X: RpcError splits an appended number off only after a capital letter");
    assertThatThrownBy(() -> emit("BAD NAME,400,x\n"))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("has characters other than");
    assertThatThrownBy(() -> emit("A,400,\"unterminated\n"))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("a quoted field does not end on its line");
    assertThatThrownBy(() -> new RpcErrorsEmitter("rpc-errors.csv", "FLOOD_WAIT_X,420,x\n"))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("the first line must be 'name,codes,description'");
  }

  @Test
  void everyNameOfTheShippedListBecomesAConstantWithValidJavadoc() throws IOException {
    RpcErrorsEmitter shipped = new RpcErrorsEmitter("rpc-errors.csv", Files.readString(GeneratedCode.errorList()));
    assertThat(shipped.size()).isGreaterThan(500);
    compile(shipped.emit());
  }
}
