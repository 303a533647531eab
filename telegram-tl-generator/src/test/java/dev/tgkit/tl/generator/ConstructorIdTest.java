package dev.tgkit.tl.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every id written in the schemas is the CRC32 of its definition's canonical form (<a
 * href="https://core.telegram.org/mtproto/TL-abstract-types">TL abstract types</a>), except for a
 * few legacy definitions listed here by name. This pins down {@link Definition#canonicalForm()},
 * which computes the ids the schemas leave out, and catches a corrupted schema.
 */
class ConstructorIdTest {

  /** Definitions whose schema id is not the CRC32 of their text, each with the reason. */
  private static final Map<String, String> LEGACY =
      Map.of(
          // Its id was computed over "secret:bytes" without the bytes-to-string rewrite.
          "ipPortSecret", "hashed with bytes kept",
          // help.configSimple and its parts come from the DNS-delivered simple config; their ids
          // predate the current field lists and no canonical text of these fields reproduces them.
          "accessPointRule", "simple-config legacy",
          "help.configSimple", "simple-config legacy",
          // The schema merge renamed these old constructors with a "Legacy" suffix; the ids were
          // computed from the original names (inputPeerPhotoFileLocation, inputStickerSetThumb),
          // the first also before big:flags.0?true was added.
          "inputPeerPhotoFileLocationLegacy", "renamed by the legacy merge",
          "inputStickerSetThumbLegacy", "renamed by the legacy merge");

  static Path schemaDir() {
    return Path.of(System.getProperty("tl.schema.dir", "../telegram-core/src/main/tl"));
  }

  static Schema load(String file) throws IOException {
    return TlParser.parse(file, Files.readString(schemaDir().resolve(file), StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(strings = {"api.tl", "mtproto.tl"})
  void everyExplicitIdIsTheCrc32OfTheCanonicalDefinition(String file) throws IOException {
    Schema schema = load(file);
    List<Definition> all = new ArrayList<>(schema.constructors());
    all.addAll(schema.functions());
    Map<String, String> mismatches = new TreeMap<>();
    int checked = 0;
    for (Definition d : all) {
      if (!d.explicitId()) {
        continue;
      }
      checked++;
      if (d.id() != d.computedId()) {
        mismatches.put(d.name(), String.format("%08x != crc32(\"%s\") = %08x", d.id(), d.canonicalForm(), d.computedId()));
      }
    }
    assertThat(checked).isGreaterThan(all.size() / 2);
    assertThat(mismatches.keySet()).as("ids not matching their text: %s", mismatches).isSubsetOf(LEGACY.keySet());
  }

  @Test
  void theLegacyListHoldsOnlyNamesThatReallyMismatch() throws IOException {
    Map<String, Boolean> mismatching = new TreeMap<>();
    for (String file : List.of("api.tl", "mtproto.tl")) {
      Schema schema = load(file);
      for (Definition d : schema.constructors()) {
        if (LEGACY.containsKey(d.name())) {
          mismatching.merge(d.name(), d.id() != d.computedId(), Boolean::logicalAnd);
        }
      }
    }
    assertThat(mismatching).containsOnlyKeys(LEGACY.keySet()).doesNotContainValue(false);
  }

  @Test
  void canonicalFormFollowsTheRule() {
    Definition d = TlParser.parse("t.tl", "a#1 flags:# big:flags.0?true data:bytes opt:flags.1?bytes list:Vector<bytes> peer:%Peer = A;")
        .constructors().get(0);
    // true flags vanish, a field's bytes becomes string, Vector<T> becomes "Vector T"
    assertThat(d.canonicalForm()).isEqualTo("a flags:# data:string opt:flags.1?string list:Vector bytes peer:%Peer = A");
    Definition g = TlParser.parse("t.tl", "---functions---\ninvokeWithLayer#da9b0d0d {X:Type} layer:int query:!X = X;").functions().get(0);
    assertThat(g.canonicalForm()).isEqualTo("invokeWithLayer X:Type layer:int query:!X = X");
    assertThat(g.computedId()).isEqualTo(0xda9b0d0d);
  }
}
