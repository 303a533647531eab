package dev.tgkit.tl.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.tl.generator.JavaModel.CtorInfo;
import org.junit.jupiter.api.Test;

class JavaModelTest {

  private static JavaModel bind(String text) {
    return JavaModel.bind(TlParser.parse("t.tl", text), "dev.tgkit.tl.api", "TlApi");
  }

  private static CtorInfo record(JavaModel m, String tlName) {
    return m.records().stream().filter(c -> c.def.name().equals(tlName)).findFirst().orElseThrow();
  }

  @Test
  void aConstructorNamedLikeItsTypeGetsTheCtorSuffix() {
    JavaModel m = bind("message#1 id:int = Message;\nmessageEmpty#2 = Message;");
    assertThat(m.types.get("Message").simpleName).isEqualTo("Message");
    assertThat(record(m, "message").simpleName).isEqualTo("MessageCtor");
    assertThat(record(m, "messageEmpty").simpleName).isEqualTo("MessageEmpty");
  }

  @Test
  void namespacesBecomePackages() {
    JavaModel m = bind("messages.messages#1 = messages.Messages;\n---functions---\nmessages.getHistory#2 = messages.Messages;");
    assertThat(m.types.get("messages.Messages").fqcn()).isEqualTo("dev.tgkit.tl.api.messages.Messages");
    assertThat(record(m, "messages.messages").fqcn()).isEqualTo("dev.tgkit.tl.api.messages.MessagesCtor");
    assertThat(record(m, "messages.getHistory").fqcn()).isEqualTo("dev.tgkit.tl.api.messages.GetHistory");
  }

  @Test
  void aFunctionNamedLikeATypeOrConstructorGetsTheRequestSuffix() {
    JavaModel m = bind("rpc_answer_unknown#1 = RpcDropAnswer;\nping_x#2 = Pong;\n---functions---\nrpc_drop_answer#3 = RpcDropAnswer;\npingX#4 = Pong;");
    assertThat(record(m, "rpc_drop_answer").simpleName).isEqualTo("RpcDropAnswerRequest");
    assertThat(record(m, "pingX").simpleName).isEqualTo("PingXRequest");
  }

  @Test
  void namesEqualButForCaseCountAsEqual() {
    JavaModel m = bind("jsonObjectValue#1 key:string = JSONObjectValue;");
    assertThat(record(m, "jsonObjectValue").simpleName).isEqualTo("JsonObjectValueCtor");
  }

  @Test
  void failsLoudlyOnAClashTheRuleCannotResolve() {
    assertThatThrownBy(() -> bind("foo_bar#1 = A;\nfooBar#2 = A;"))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("dev.tgkit.tl.api.FooBar from constructor fooBar")
        .hasMessageContaining("clashes with dev.tgkit.tl.api.FooBar");
    assertThatThrownBy(() -> bind("tlApi#1 = A;"))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("the generated class TlApi");
  }

  @Test
  void failsLoudlyOnARecordNamedBuilderThatWouldNestItsOwnBuilder() {
    assertThatThrownBy(() -> bind("builder#1 flags:# x:flags.0?int = Thing;"))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("'builder' becomes the record Builder, which cannot nest its own Builder");
    assertThat(record(bind("builder#1 x:int = Thing;"), "builder").hasBuilder()).isFalse();
  }

  @Test
  void rejectsAConstructorOutsideItsTypesNamespace() {
    assertThatThrownBy(() -> bind("messages.foo#1 = Foo;"))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("must share a Java package");
  }

  @Test
  void rejectsUnknownTypesAndConstructors() {
    assertThatThrownBy(() -> bind("a#1 x:Nope = A;"))
        .isInstanceOf(SchemaException.class)
        .hasMessage("t.tl:1: field 'x' of 'a' refers to an unknown type 'Nope'");
    assertThatThrownBy(() -> bind("a#1 x:vector<nope> = A;"))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("unknown constructor 'nope'");
  }

  @Test
  void rejectsTheBareFormOfATypeWithSeveralConstructors() {
    assertThatThrownBy(() -> bind("b1#1 = B;\nb2#2 = B;\na#3 x:%B = A;"))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("only a type with exactly one constructor has a bare form; B has 2");
  }

  @Test
  void rejectsDuplicateIds() {
    assertThatThrownBy(() -> bind("a#1 = A;\nb#1 = B;"))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("constructor id 00000001 of 'b' is also the id of 'a'");
  }

  @Test
  void rejectsFunctionResultsThatCannotBeRead() {
    assertThatThrownBy(() -> bind("---functions---\nf#1 = int;"))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("results must be a boxed type, Bool, a Vector, or a type parameter");
  }

  @Test
  void skipsTheConstructorsTheRuntimeImplements() {
    JavaModel m = bind("boolFalse#bc799737 = Bool;\nboolTrue#997275b5 = Bool;\ntrue#3fedd339 = True;\nint#a8509bda ? = Int;\nbytes#e937bb82 = Bytes;\nnull#56730bcc = Null;");
    assertThat(m.constructors).extracting(c -> c.def.name()).containsExactly("null");
    assertThat(record(m, "null").simpleName).isEqualTo("NullCtor");
  }

  @Test
  void marksTypesThatCanContainThemselves() {
    JavaModel m = bind("textPlain#1 text:string = RichText;\ntextBold#2 text:RichText = RichText;\ntextConcat#3 texts:Vector<RichText> = RichText;\npage#4 title:RichText = Page;");
    assertThat(m.types.get("RichText").recursive).isTrue();
    assertThat(m.types.get("Page").recursive).isFalse();
  }

  @Test
  void bindsFieldsToJavaNamesAndShapes() {
    JavaModel m = bind("user#1 flags:# bot:flags.14?true default:flags.0?int A:bytes = User;");
    CtorInfo c = record(m, "user");
    assertThat(c.members).extracting(JavaModel.Member::javaName).containsExactly("flags", "bot", "default_", "a");
    assertThat(c.members.get(0).isComponent()).isFalse();
    assertThat(c.members.get(1).shape()).isInstanceOf(JavaModel.Shape.TrueFlag.class);
    assertThat(c.members.get(1).isOptional()).isFalse();
    assertThat(c.members.get(2).isOptional()).isTrue();
    assertThat(c.members.get(3).secret()).isTrue();
  }

  @Test
  void mtprotoStringsAreBinaryExceptTheTextOnes() {
    String text = "resPQ#05162463 nonce:int128 pq:string = ResPQ;\nrpc_error#2144ca19 error_code:int error_message:string = RpcError;";
    JavaModel binary = JavaModel.bind(TlParser.parse("mtproto.tl", text), "dev.tgkit.tl.mtproto", "MtProto", true);
    assertThat(record(binary, "resPQ").members.get(1).shape()).isEqualTo(new JavaModel.Shape.Scalar(JavaModel.Builtin.BYTES));
    assertThat(record(binary, "rpc_error").members.get(1).shape()).isEqualTo(new JavaModel.Shape.Scalar(JavaModel.Builtin.STRING));
    JavaModel api = bind(text);
    assertThat(record(api, "resPQ").members.get(1).shape()).isEqualTo(new JavaModel.Shape.Scalar(JavaModel.Builtin.STRING));
  }
}
