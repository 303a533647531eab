package dev.tgkit.tl.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.tl.generator.Field.Condition;
import dev.tgkit.tl.generator.TypeRef.Named;
import dev.tgkit.tl.generator.TypeRef.Vector;
import org.junit.jupiter.api.Test;

class TlParserTest {

  private static Schema parse(String text) {
    return TlParser.parse("test.tl", text);
  }

  @Test
  void skipsLineAndBlockCommentsAndReadsTheLayer() {
    Schema s = parse("""
        // a line comment: notAType#1 = Nope;
        /* a block comment
           spanning lines: alsoNot#2 = Nope; */
        inputPeerEmpty#7f3b18ea = InputPeer; // trailing
        // LAYER 228
        """);
    assertThat(s.constructors()).extracting(Definition::name).containsExactly("inputPeerEmpty");
    assertThat(s.constructors().get(0).line()).isEqualTo(4);
    assertThat(s.layer()).hasValue(228);
  }

  @Test
  void sortsDefinitionsIntoTypesAndFunctionsBySection() {
    Schema s = parse("""
        a#1 = A;
        ---functions---
        f#2 = A;
        ---types---
        b#3 = B;
        """);
    assertThat(s.constructors()).extracting(Definition::name).containsExactly("a", "b");
    assertThat(s.functions()).extracting(Definition::name).containsExactly("f");
    assertThat(s.functions().get(0).kind()).isEqualTo(Definition.Kind.FUNCTION);
  }

  @Test
  void readsIdsWithFewerThanEightHexDigits() {
    Schema s = parse("---functions---\ninvokeWithApnsSecret#dae54f8 {X:Type} nonce:string secret:string query:!X = X;");
    Definition d = s.functions().get(0);
    assertThat(d.id()).isEqualTo(0x0dae54f8);
    assertThat(d.explicitId()).isTrue();
  }

  @Test
  void readsNamespacesGenericsAndQueries() {
    Definition d = parse("---functions---\ninvokeWithLayer#da9b0d0d {X:Type} layer:int query:!X = X;\nmessages.getHistory#1 peer:InputPeer = messages.Messages;").functions().get(0);
    assertThat(d.typeParams()).containsExactly("X");
    assertThat(d.fields().get(1).type()).isEqualTo(new TypeRef.Query("X"));
    assertThat(d.result()).isEqualTo(new TypeRef.Var("X"));
    Definition h = parse("---functions---\nmessages.getHistory#1 peer:InputPeer = messages.Messages;").functions().get(0);
    assertThat(h.namespace()).isEqualTo("messages");
    assertThat(h.simpleName()).isEqualTo("getHistory");
    assertThat(h.result()).isEqualTo(new Named("messages.Messages", false));
  }

  @Test
  void readsFlagsOfAnyNameAndConditionalFields() {
    Definition d = parse("user#1 flags:# bot:flags.14?true flags2:# name:flags2.3?string ids:flags.31?Vector<long> = User;").constructors().get(0);
    assertThat(d.fields().get(0).isFlags()).isTrue();
    assertThat(d.fields().get(1).condition()).isEqualTo(new Condition("flags", 14));
    assertThat(d.fields().get(1).isTrueFlag()).isTrue();
    assertThat(d.fields().get(2).isFlags()).isTrue();
    assertThat(d.fields().get(3).condition()).isEqualTo(new Condition("flags2", 3));
    assertThat(d.fields().get(3).isTrueFlag()).isFalse();
    assertThat(d.fields().get(4).type()).isEqualTo(new Vector(true, new Named("long", false)));
    assertThat(d.fields().get(4).condition().bit()).isEqualTo(31);
  }

  @Test
  void distinguishesBoxedAndBareVectorsAndBareReferences() {
    Definition d = parse("c#1 a:Vector<T> b:vector<future_salt> c:vector<IpPort> d:%Message e:Vector<%Message> = C;").constructors().get(0);
    assertThat(d.fields()).extracting(Field::type).containsExactly(
        new Vector(true, new Named("T", false)),
        new Vector(false, new Named("future_salt", false)),
        new Vector(false, new Named("IpPort", false)),
        new Named("Message", true),
        new Vector(true, new Named("Message", true)));
    assertThat(((Named) d.fields().get(3).type()).isBoxedName()).isTrue();
    assertThat(((Named) new Named("future_salt", false)).isBoxedName()).isFalse();
  }

  @Test
  void marksBuiltinsDeclaredWithAQuestionMark() {
    Definition d = parse("int#a8509bda ? = Int;").constructors().get(0);
    assertThat(d.builtin()).isTrue();
    assertThat(d.fields()).isEmpty();
    assertThat(d.canonicalForm()).isEqualTo("int ? = Int");
  }

  @Test
  void computesTheIdOfADefinitionWithoutOne() {
    Definition d = parse("tlsBlockString data:string = TlsBlock;").constructors().get(0);
    assertThat(d.explicitId()).isFalse();
    assertThat(d.canonicalForm()).isEqualTo("tlsBlockString data:string = TlsBlock");
    assertThat(d.id()).isEqualTo(d.computedId());
  }

  @Test
  void acceptsADefinitionSpreadOverLines() {
    Definition d = parse("a#1\n  x:int\n  y:long\n= A;").constructors().get(0);
    assertThat(d.fields()).extracting(Field::name).containsExactly("x", "y");
  }

  @Test
  void rejectsAMissingSemicolonNamingTheLine() {
    assertThatThrownBy(() -> parse("a#1 = A;\n\nb#2 x:int = B"))
        .isInstanceOf(SchemaException.class)
        .hasMessageStartingWith("test.tl:3:")
        .hasMessageContaining("';'");
  }

  @Test
  void rejectsAConditionOnAnUndeclaredFlagsField() {
    assertThatThrownBy(() -> parse("a#1 flags:# x:flags2.0?int = A;"))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("test.tl:1:")
        .hasMessageContaining("'flags2', which is not an earlier # field");
  }

  @Test
  void rejectsAFlagBitAbove31() {
    assertThatThrownBy(() -> parse("a#1 flags:# x:flags.32?int = A;"))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("outside 0..31");
  }

  @Test
  void rejectsAnUnknownSection() {
    assertThatThrownBy(() -> parse("a#1 = A;\n---methods---\n"))
        .isInstanceOf(SchemaException.class)
        .hasMessage("test.tl:2: unknown section ---methods---: expected ---types--- or ---functions---");
  }

  @Test
  void rejectsAnIdThatIsNotHex() {
    assertThatThrownBy(() -> parse("a#xyz = A;"))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("1 to 8 hex digits");
    assertThatThrownBy(() -> parse("a#123456789 = A;"))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("1 to 8 hex digits");
  }

  @Test
  void rejectsRepetitionsWhichOnlyTheBuiltinVectorUses() {
    assertThatThrownBy(() -> parse("vector#1cb5c415 {t:Type} # [ t ] = Vector t;"))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("anonymous fields or repetitions");
  }

  @Test
  void rejectsAnUnclosedBlockComment() {
    assertThatThrownBy(() -> parse("a#1 = A;\n/* never closed"))
        .isInstanceOf(SchemaException.class)
        .hasMessage("test.tl:2: comment opened with /* is never closed");
  }

  @Test
  void rejectsAConstructorThatBuildsNoBoxedType() {
    assertThatThrownBy(() -> parse("a#1 = a;"))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("must build a boxed type");
  }

  @Test
  void rejectsAnUpperCaseCombinatorName() {
    assertThatThrownBy(() -> parse("Message#1 = Message;"))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("must start with a lower-case letter");
  }

  @Test
  void rejectsAQueryOfAnUndeclaredParameter() {
    assertThatThrownBy(() -> parse("---functions---\nf#1 query:!Y = Y;"))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("names no {Y:Type} parameter");
  }

  @Test
  void rejectsGenericsOtherThanVector() {
    assertThatThrownBy(() -> parse("a#1 x:List<int> = A;"))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("only Vector<T> and vector<T> take a type argument");
  }

  @Test
  void rejectsAFieldDeclaredTwice() {
    assertThatThrownBy(() -> parse("a#1 x:int x:long = A;"))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("field 'x' appears twice");
  }

  @Test
  void rejectsStrayCharacters() {
    assertThatThrownBy(() -> parse("a#1 x:int = A;\nb#2 y:int & = B;"))
        .isInstanceOf(SchemaException.class)
        .hasMessage("test.tl:2: unexpected character '&'");
  }
}
