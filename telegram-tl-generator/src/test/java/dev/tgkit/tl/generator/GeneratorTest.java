package dev.tgkit.tl.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorTest {

  @TempDir Path dir;

  private Path mtproto;
  private Path api;
  private Path errors;
  private Path out;

  private void schemas(String apiText) throws IOException {
    mtproto = dir.resolve("mtproto.tl");
    api = dir.resolve("api.tl");
    errors = dir.resolve("rpc-errors.csv");
    out = dir.resolve("out");
    Files.writeString(mtproto, "pong#347773c5 msg_id:long ping_id:long = Pong;\n---functions---\nping#7abe77ec ping_id:long = Pong;\n");
    Files.writeString(api, apiText);
    Files.writeString(errors, "name,codes,description\nFLOOD_WAIT_X,420,A wait of {seconds} seconds is required\n");
  }

  @Test
  void writesOneFilePerTypeRecordAndPackage() throws IOException {
    schemas("message#1 id:int = Message;\nmessages.messages#2 messages:Vector<Message> = messages.Messages;\n---functions---\nmessages.getHistory#3 = messages.Messages;\n// LAYER 7\n");
    Generator.Result r = new Generator(out, mtproto, api, errors).run(false);
    assertThat(r.upToDate()).isFalse();
    assertThat(out.resolve("dev/tgkit/tl/api/Message.java")).exists();
    assertThat(out.resolve("dev/tgkit/tl/api/MessageCtor.java")).exists();
    assertThat(out.resolve("dev/tgkit/tl/api/messages/Messages.java")).exists();
    assertThat(out.resolve("dev/tgkit/tl/api/messages/MessagesCtor.java")).exists();
    assertThat(out.resolve("dev/tgkit/tl/api/messages/GetHistory.java")).exists();
    assertThat(out.resolve("dev/tgkit/tl/api/messages/package-info.java")).exists();
    assertThat(out.resolve("dev/tgkit/tl/api/TlApi.java")).content().contains("public static final int LAYER = 7;");
    assertThat(out.resolve("dev/tgkit/tl/mtproto/MtProto.java")).content().contains("MsgContainer.CONSTRUCTOR_ID");
    assertThat(out.resolve("dev/tgkit/mtproto/RpcErrors.java")).content()
        .contains("public static final String FLOOD_WAIT = \"FLOOD_WAIT\";");
    assertThat(out.resolve("dev/tgkit/tl/mtproto/PongCtor.java")).content()
        .contains("@javax.annotation.processing.Generated(\"dev.tgkit.tl.generator\")")
        .contains("TL constructor {@code pong#347773c5 msg_id:long ping_id:long = Pong}");
  }

  @Test
  void aTypeDeclaresTheAccessorsThatEveryConstructorHasAlike() throws IOException {
    schemas("entityBold#1 offset:int length:int = Entity;\n"
        + "entityUrl#2 offset:int length:int url:string = Entity;\n"
        + "entityCode#3 flags:# offset:int length:flags.0?int = Entity;\n"
        + "only#4 offset:int = Only;\n// LAYER 1\n");
    new Generator(out, mtproto, api, errors).run(false);
    assertThat(out.resolve("dev/tgkit/tl/api/Entity.java")).content()
        .contains("int offset();") // an int in every constructor
        .doesNotContain("length();") // optional in entityCode
        .doesNotContain("url();"); // in entityUrl only
    assertThat(out.resolve("dev/tgkit/tl/api/Only.java")).content().doesNotContain("offset();");
  }

  @Test
  void skipsWorkWhenTheOutputIsNewerThanSchemasAndGenerator() throws IOException {
    schemas("a#1 = A;\n// LAYER 1\n");
    new Generator(out, mtproto, api, errors).run(false);
    Files.setLastModifiedTime(out.resolve(Generator.STAMP), FileTime.from(Instant.now().plusSeconds(60)));
    assertThat(new Generator(out, mtproto, api, errors).run(false).upToDate()).isTrue();
    assertThat(new Generator(out, mtproto, api, errors).run(true).upToDate()).isFalse();
  }

  @Test
  void regeneratesWhenASchemaChangesAndDropsStaleFiles() throws IOException {
    schemas("a#1 = A;\n// LAYER 1\n");
    new Generator(out, mtproto, api, errors).run(false);
    assertThat(out.resolve("dev/tgkit/tl/api/A.java")).exists();
    Files.writeString(api, "b#2 = B;\n// LAYER 2\n");
    Files.setLastModifiedTime(api, FileTime.from(Instant.now().plusSeconds(120)));
    assertThat(new Generator(out, mtproto, api, errors).run(false).upToDate()).isFalse();
    assertThat(out.resolve("dev/tgkit/tl/api/A.java")).doesNotExist();
    assertThat(out.resolve("dev/tgkit/tl/api/B.java")).exists();
  }

  @Test
  void regeneratesWhenTheErrorListChanges() throws IOException {
    schemas("a#1 = A;\n// LAYER 1\n");
    new Generator(out, mtproto, api, errors).run(false);
    Files.writeString(errors, "name,codes,description\nSLOWMODE_WAIT_X,420,Slow down\n");
    Files.setLastModifiedTime(errors, FileTime.from(Instant.now().plusSeconds(120)));
    assertThat(new Generator(out, mtproto, api, errors).run(false).upToDate()).isFalse();
    assertThat(out.resolve("dev/tgkit/mtproto/RpcErrors.java")).content()
        .contains("String SLOWMODE_WAIT")
        .doesNotContain("String FLOOD_WAIT");
  }

  @Test
  void regeneratesWhenAGeneratedFileWentMissing() throws IOException {
    schemas("a#1 = A;\n// LAYER 1\n");
    new Generator(out, mtproto, api, errors).run(false);
    Files.setLastModifiedTime(out.resolve(Generator.STAMP), FileTime.from(Instant.now().plusSeconds(60)));
    Files.delete(out.resolve("dev/tgkit/tl/api/A.java"));
    assertThat(new Generator(out, mtproto, api, errors).run(false).upToDate()).isFalse();
    assertThat(out.resolve("dev/tgkit/tl/api/A.java")).exists();
  }

  @Test
  void refusesToEmptyADirectoryItDidNotMake() throws IOException {
    schemas("a#1 = A;\n// LAYER 1\n");
    Files.createDirectories(out);
    Files.writeString(out.resolve("Precious.java"), "class Precious {}");
    assertThatThrownBy(() -> new Generator(out, mtproto, api, errors).run(false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("refusing to empty");
    assertThat(out.resolve("Precious.java")).exists();
  }

  @Test
  void recognizesItsOwnOutputWithoutTheStamp() throws IOException {
    schemas("a#1 = A;\n// LAYER 1\n");
    new Generator(out, mtproto, api, errors).run(false);
    Files.delete(out.resolve(Generator.STAMP));
    assertThat(new Generator(out, mtproto, api, errors).run(false).upToDate()).isFalse();
    assertThat(out.resolve(Generator.STAMP)).exists();
  }

  @Test
  void requiresTheApiLayer() throws IOException {
    schemas("a#1 = A;\n");
    assertThatThrownBy(() -> new Generator(out, mtproto, api, errors).run(false))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("no '// LAYER N' line");
  }

  @Test
  void splitsLargeDispatchSwitchesSoTheJitCompilesThem() throws IOException {
    StringBuilder many = new StringBuilder();
    for (int i = 1; i <= 600; i++) {
      many.append("c").append(i).append('#').append(Integer.toHexString(i * 7919)).append(" = C").append(i).append(";\n");
    }
    schemas(many + "// LAYER 1\n");
    new Generator(out, mtproto, api, errors).run(false);
    assertThat(out.resolve("dev/tgkit/tl/api/TlApi.java")).content()
        .contains("readObject0(int id")
        .contains("readObject1(int id")
        .contains("readObject2(int id")
        .doesNotContain("readObject3(int id");
  }

  @Test
  void mainRejectsMissingArguments() {
    assertThatThrownBy(() -> Main.main(new String[] {"--out", "x"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("missing --mtproto");
    assertThatThrownBy(() -> Main.main(new String[] {"--out", "x", "--mtproto", "m.tl", "--api", "a.tl"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("missing --errors");
    assertThatThrownBy(() -> Main.main(new String[] {"--bogus"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown argument '--bogus'");
  }
}
