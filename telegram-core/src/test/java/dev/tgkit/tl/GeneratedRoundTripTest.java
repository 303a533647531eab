package dev.tgkit.tl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tgkit.tl.api.TlApi;
import dev.tgkit.tl.mtproto.MtProto;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every constructor and function of api.tl (layer 228) and mtproto.tl survives serialize, read
 * and serialize again: the value read back equals the original and re-serializes to the same
 * bytes. Each is built twice, with all flags on (every optional field present) and all off.
 */
class GeneratedRoundTripTest {

  record Schema(String file, String rootPackage, Function<TlReader, TlObject> readObject, Function<TlReader, TlFunction<?>> readFunction) {
    @Override
    public String toString() {
      return file;
    }
  }

  static Stream<Arguments> schemas() {
    return Stream.of(
        Arguments.of(new Schema("api.tl", "dev.tgkit.tl.api", TlApi::readObject, TlApi::readFunction)),
        Arguments.of(new Schema("mtproto.tl", "dev.tgkit.tl.mtproto", MtProto::readObject, MtProto::readFunction)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemas")
  void everyConstructorOfTheSchemaHasARecordWithItsId(Schema schema) {
    SchemaFile declared = SchemaFile.read(schema.file());
    List<Class<? extends TlObject>> records = GeneratedClasses.records(schema.rootPackage());
    List<Class<? extends TlObject>> constructors = records.stream().filter(c -> !GeneratedClasses.isFunction(c)).toList();
    List<Class<? extends TlObject>> functions = records.stream().filter(GeneratedClasses::isFunction).toList();

    assertThat(constructors).hasSize(declared.constructors().size());
    assertThat(functions).hasSize(declared.functions().size());
    Set<Integer> constructorIds = ids(constructors);
    Set<Integer> functionIds = ids(functions);
    assertThat(constructorIds).hasSize(constructors.size());
    assertThat(functionIds).hasSize(functions.size());
    assertThat(constructorIds).containsAll(declared.constructors().values().stream().filter(Objects::nonNull).toList());
    assertThat(functionIds).containsAll(declared.functions().values().stream().filter(Objects::nonNull).toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemas")
  void everyConstructorRoundTripsWithAllFlagsOnAndOff(Schema schema) throws Exception {
    List<Class<? extends TlObject>> constructors = GeneratedClasses.records(schema.rootPackage()).stream()
        .filter(c -> !GeneratedClasses.isFunction(c))
        .toList();
    int covered = 0;
    for (boolean full : new boolean[] {true, false}) {
      SampleValues samples = new SampleValues(full, simplestFunction(schema.rootPackage()));
      for (Class<? extends TlObject> c : constructors) {
        TlObject value = samples.of(c);
        byte[] bytes = value.toByteArray();
        assertThat(new TlReader(bytes).readInt()).as(c.getName()).isEqualTo(GeneratedClasses.id(c));

        TlReader viaObject = new TlReader(bytes);
        TlObject read = schema.readObject().apply(viaObject);
        assertThat(read).as("%s via readObject, full=%s", c.getName(), full).isEqualTo(value);
        assertThat(viaObject.remaining()).as(c.getName()).isZero();
        assertThat(read.toByteArray()).as(c.getName()).isEqualTo(bytes);

        TlReader viaType = new TlReader(bytes);
        assertThat(readThroughInterface(c, viaType)).as("%s via its type's read", c.getName()).isEqualTo(value);
        assertThat(viaType.remaining()).isZero();
        covered++;
      }
    }
    assertThat(covered).isEqualTo(2 * SchemaFile.read(schema.file()).constructors().size());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemas")
  void everyFunctionRoundTripsWithAllFlagsOnAndOff(Schema schema) {
    List<Class<? extends TlObject>> functions = GeneratedClasses.records(schema.rootPackage()).stream()
        .filter(GeneratedClasses::isFunction)
        .toList();
    int covered = 0;
    for (boolean full : new boolean[] {true, false}) {
      SampleValues samples = new SampleValues(full, simplestFunction(schema.rootPackage()));
      for (Class<? extends TlObject> c : functions) {
        TlObject value = samples.of(c);
        byte[] bytes = value.toByteArray();
        TlReader in = new TlReader(bytes);
        TlFunction<?> read = schema.readFunction().apply(in);
        assertThat(read).as("%s, full=%s", c.getName(), full).isEqualTo(value);
        assertThat(in.remaining()).as(c.getName()).isZero();
        assertThat(read.toByteArray()).as(c.getName()).isEqualTo(bytes);
        covered++;
      }
    }
    assertThat(covered).isEqualTo(2 * SchemaFile.read(schema.file()).functions().size());
  }

  @Test
  void aFullMessagesMessagesRoundTripsThroughItsFunctionsResultReader() {
    SampleValues samples = new SampleValues(true, simplestFunction("dev.tgkit.tl.api"));
    dev.tgkit.tl.api.messages.MessagesCtor messages = samples.of(dev.tgkit.tl.api.messages.MessagesCtor.class);
    dev.tgkit.tl.api.messages.GetHistory request =
        new dev.tgkit.tl.api.messages.GetHistory(new dev.tgkit.tl.api.InputPeerSelf(), 1, 2, 3, 4, 5, 6, 7L);
    dev.tgkit.tl.api.messages.Messages answer = request.readResult(new TlReader(messages.toByteArray()));
    assertThat(answer).isEqualTo(messages);
    assertThat(((dev.tgkit.tl.api.messages.MessagesCtor) answer).messages()).hasSize(2);
  }

  private static TlObject readThroughInterface(Class<?> record, TlReader in) throws Exception {
    Class<?> type = Stream.of(record.getInterfaces()).filter(i -> i.isSealed()).findFirst().orElseThrow();
    Method read = type.getMethod("read", TlReader.class);
    try {
      return (TlObject) read.invoke(null, in);
    } catch (InvocationTargetException e) {
      throw (Exception) e.getCause();
    }
  }

  /** The first function (by name) that has no fields: what a !X query is filled with. */
  @SuppressWarnings("unchecked")
  static Class<? extends TlFunction<?>> simplestFunction(String rootPackage) {
    return (Class<? extends TlFunction<?>>) GeneratedClasses.records(rootPackage).stream()
        .filter(GeneratedClasses::isFunction)
        .filter(c -> c.getRecordComponents().length == 0)
        .findFirst()
        .orElseThrow();
  }

  private static Set<Integer> ids(List<Class<? extends TlObject>> classes) {
    Set<Integer> ids = new HashSet<>();
    for (Class<?> c : classes) {
      ids.add(GeneratedClasses.id(c));
    }
    return ids;
  }

  static List<Class<? extends TlObject>> constructorsOf(String rootPackage) {
    return new ArrayList<>(GeneratedClasses.records(rootPackage).stream().filter(c -> !GeneratedClasses.isFunction(c)).toList());
  }
}
