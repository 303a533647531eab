package dev.tgkit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.source.tree.AnnotatedTypeTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import dev.tgkit.tl.TlObject;
import dev.tgkit.tl.api.TlApi;
import dev.tgkit.tl.mtproto.MtProto;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No main source of the reactor passes more than {@value #MOST} values by position to a generated
 * TL record, whether to its constructor or to its {@code builder(...)}: six values in a row name
 * nothing, and a layer that adds a field shifts them silently. The generated builders name what
 * they set ({@code GetHistory.builder().peer(p).limit(20)...build()}); the generator's README
 * gives the rule.
 *
 * <p>It lives here because this module sees every main module's classes: it parses their sources
 * with the JDK's compiler, so arguments are counted as Java counts them, and resolves each type
 * name as javac would (single imports, then the file's package, then on-demand imports) against
 * the generated classes on the test class path.
 */
class NamedConstructionTest {

  /** The most values a call may pass by position: {@code JavaModel.MOST_POSITIONAL} of the generator. */
  private static final int MOST = 5;

  /** The packages the generator writes records into: api.tl's (and its namespaces') and mtproto.tl's. */
  private static final List<String> GENERATED = List.of(TlApi.class.getPackageName(), MtProto.class.getPackageName());

  @Test
  void noMainSourcePassesMoreThanFiveValuesToAGeneratedRecordByPosition() throws IOException {
    Path root = reactorRoot();
    List<Path> sourceRoots;
    try (Stream<Path> modules = Files.list(root)) {
      sourceRoots = modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).sorted().toList();
    }
    assertThat(sourceRoots).extracting(r -> root.relativize(r).getName(0).toString())
        .contains("telegram-core", "telegram-test");

    List<String> found = new ArrayList<>();
    for (Path sources : sourceRoots) {
      positional(sources).forEach(f -> found.add(root.relativize(sources).resolve(f).toString()));
    }
    assertThat(found)
        .as("calls passing more than %d values by position to a generated record: use its builder", MOST)
        .isEmpty();
  }

  @Test
  void theCheckFindsEverySpellingOfAPositionalCall(@TempDir Path dir) throws IOException {
    write(dir, "sample/Positional.java", """
        package sample;

        import static dev.tgkit.tl.api.UserCtor.builder;

        import dev.tgkit.tl.api.*;
        import dev.tgkit.tl.api.messages.GetHistory;
        import java.util.List;

        class Positional {
          Object imported = new GetHistory(new InputPeerSelf(), 0, 0, 0, 10, 0, 0, 0);
          Object onDemand = new UpdatesCombined(List.of(), List.of(), List.of(), 0, 0, 0);
          Object qualified = new dev.tgkit.tl.mtproto.PQInnerDataCtor(null, null, null, null, null, null);
          Object nested = new InvokeWithLayer<>(228,
              new InitConnection<>(1, "d", "s", "a", "en", "", "en", null, null, null));
          Object builder = dev.tgkit.tl.api.messages.SendMessage.builder(null, "hi", 1L, 2, 3, 4);
          Object typedBuilder = InitConnection.<Object>builder(1, "d", "s", "a", "en", "", "en");
          Object staticallyImported = builder(1L, 2, 3, 4, 5, 6);
        }
        """);
    write(dir, "dev/tgkit/tl/api/SamePackage.java", """
        package dev.tgkit.tl.api;

        class SamePackage {
          Object unimported = new DcOptionCtor(false, false, false, false, false, false, 2, "h", 443, null);
        }
        """);

    assertThat(positional(dir)).containsExactlyInAnyOrder(
        "dev/tgkit/tl/api/SamePackage.java:4 dev.tgkit.tl.api.DcOptionCtor",
        "sample/Positional.java:10 dev.tgkit.tl.api.messages.GetHistory",
        "sample/Positional.java:11 dev.tgkit.tl.api.UpdatesCombined",
        "sample/Positional.java:12 dev.tgkit.tl.mtproto.PQInnerDataCtor",
        "sample/Positional.java:14 dev.tgkit.tl.api.InitConnection",
        "sample/Positional.java:15 dev.tgkit.tl.api.messages.SendMessage.builder",
        "sample/Positional.java:16 dev.tgkit.tl.api.InitConnection.builder",
        "sample/Positional.java:17 dev.tgkit.tl.api.UserCtor.builder");
  }

  @Test
  void namedSmallAndHandWrittenConstructionsPass(@TempDir Path dir) throws IOException {
    write(dir, "sample/Named.java", """
        package sample;

        import static dev.tgkit.tl.api.UserCtor.builder;

        import dev.tgkit.tl.api.*;
        import dev.tgkit.tl.api.messages.GetHistory;

        class Named {
          /** Declared here, so it hides the generated record of this name. */
          record MessageCtor(int a, int b, int c, int d, int e, int f) {}

          /** Hides the statically imported builder. */
          static Object builder(int a, int b, int c, int d, int e, int f) {
            return null;
          }

          Object shadowed = new MessageCtor(1, 2, 3, 4, 5, 6);
          Object notTl = new java.util.SimpleTimeZone(0, "z", 0, 1, 2, 3, 4, 5, 6, 7);
          Object ownBuilder = builder(1, 2, 3, 4, 5, 6);
          Object small = new PeerUser(1);
          Object named = GetHistory.builder().peer(new InputPeerSelf()).offsetId(0).offsetDate(0)
              .addOffset(0).limit(10).maxId(0).minId(0).hash(0).build();
          Object seeded = dev.tgkit.tl.api.messages.SendMessage.builder(new InputPeerSelf(), "hi", 1L).build();
        }
        """);

    assertThat(positional(dir)).isEmpty();
  }

  private static void write(Path dir, String file, String text) throws IOException {
    Path path = dir.resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, text);
  }

  private static Path reactorRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (!Files.isDirectory(dir.resolve("telegram-core")) || !Files.exists(dir.resolve("pom.xml"))) {
      dir = dir.getParent();
      assertThat(dir).as("the reactor root, above the working directory").isNotNull();
    }
    return dir;
  }

  /**
   * Each call under the source root {@code root} that passes more than {@link #MOST} values
   * to a generated record's constructor or {@code builder}, as {@code file:line type} (the type
   * followed by {@code .builder} for a builder call).
   */
  private static List<String> positional(Path root) throws IOException {
    Path sources = root.toAbsolutePath();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(sources)) {
      files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<String> found = new ArrayList<>();
    try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
      JavacTask task = (JavacTask) javac.getTask(null, fm, diagnostics, List.of("-proc:none"), null,
          fm.getJavaFileObjectsFromPaths(files));
      SourcePositions positions = Trees.instance(task).getSourcePositions();
      for (CompilationUnitTree unit : task.parse()) {
        String file = sources.relativize(Path.of(unit.getSourceFile().toUri())).toString();
        new Names(unit).scan(unit, (tree, type) -> found.add(
            file + ":" + unit.getLineMap().getLineNumber(positions.getStartPosition(unit, tree)) + " " + type));
      }
    }
    // A file javac cannot parse would be skipped in silence; the check is only as good as its parse.
    assertThat(diagnostics.getDiagnostics()).filteredOn(d -> d.getKind() == Diagnostic.Kind.ERROR).isEmpty();
    return found;
  }

  /** Told of each positional call found: the call and what it builds. */
  private interface Finding {
    void at(Tree call, String type);
  }

  /** A compilation unit's view of type names: what a simple or qualified name refers to in it. */
  private static final class Names extends TreeScanner<Void, Finding> {

    private static final Map<String, Optional<Class<?>>> LOADED = new HashMap<>();

    private final String pkg;
    private final Map<String, String> imported = new HashMap<>();
    private final List<String> onDemand = new ArrayList<>();
    /** Classes whose static {@code builder} a bare {@code builder(...)} call may be. */
    private final List<String> staticBuilders = new ArrayList<>();
    /** Types the file declares, which hide imported and same-package ones of the same name. */
    private final Set<String> declared = new HashSet<>();
    /** Whether the file declares a method {@code builder}, which hides a statically imported one. */
    private boolean ownBuilder;

    Names(CompilationUnitTree unit) {
      pkg = unit.getPackageName() == null ? "" : unit.getPackageName().toString();
      for (ImportTree i : unit.getImports()) {
        String name = i.getQualifiedIdentifier().toString();
        String owner = name.substring(0, name.lastIndexOf('.'));
        String simple = name.substring(name.lastIndexOf('.') + 1);
        if (i.isStatic()) {
          if (simple.equals("builder") || simple.equals("*")) {
            staticBuilders.add(owner);
          }
        } else if (simple.equals("*")) {
          onDemand.add(owner);
        } else {
          imported.put(simple, name);
        }
      }
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitClass(ClassTree tree, Void unused) {
          declared.add(tree.getSimpleName().toString());
          return super.visitClass(tree, unused);
        }

        @Override
        public Void visitMethod(MethodTree tree, Void unused) {
          ownBuilder |= tree.getName().contentEquals("builder");
          return super.visitMethod(tree, unused);
        }
      }.scan(unit, null);
    }

    @Override
    public Void visitNewClass(NewClassTree tree, Finding finding) {
      Class<?> type = type(tree.getIdentifier());
      if (generated(type) && tree.getArguments().size() > MOST) {
        finding.at(tree, type.getName());
      }
      return super.visitNewClass(tree, finding);
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree tree, Finding finding) {
      if (tree.getArguments().size() > MOST) {
        Class<?> owner = switch (tree.getMethodSelect()) {
          case MemberSelectTree select when select.getIdentifier().contentEquals("builder") -> type(select.getExpression());
          case IdentifierTree id when id.getName().contentEquals("builder") && !ownBuilder ->
              staticBuilders.stream().map(Names::load).flatMap(Optional::stream).filter(Names::generated).findFirst()
                  .orElse(null);
          default -> null;
        };
        if (generated(owner)) {
          finding.at(tree, owner.getName() + ".builder");
        }
      }
      return super.visitMethodInvocation(tree, finding);
    }

    /** The class a type expression names, or {@code null} if it is none this test can load. */
    private Class<?> type(Tree expression) {
      return switch (expression) {
        case ParameterizedTypeTree p -> type(p.getType());
        case AnnotatedTypeTree a -> type(a.getUnderlyingType());
        case IdentifierTree id -> simple(id.getName().toString());
        case MemberSelectTree select -> {
          Optional<Class<?>> qualified = load(select.toString());
          if (qualified.isPresent()) {
            yield qualified.get();
          }
          // Outer.Inner, with Outer named as a simple type of this file.
          Class<?> outer = type(select.getExpression());
          yield outer == null ? null : load(outer.getName() + "$" + select.getIdentifier()).orElse(null);
        }
        default -> null;
      };
    }

    /** What the simple name {@code name} refers to here, in the order javac looks. */
    private Class<?> simple(String name) {
      if (declared.contains(name)) {
        return null;
      }
      if (imported.containsKey(name)) {
        return load(imported.get(name)).orElse(null);
      }
      Optional<Class<?>> samePackage = load(pkg.isEmpty() ? name : pkg + "." + name);
      if (samePackage.isPresent()) {
        return samePackage.get();
      }
      return onDemand.stream().map(p -> load(p + "." + name)).flatMap(Optional::stream).findFirst().orElse(null);
    }

    /** The class of a canonical name ({@code a.b.Outer.Inner} too), if the test class path has it. */
    private static synchronized Optional<Class<?>> load(String canonical) {
      return LOADED.computeIfAbsent(canonical, n -> {
        String binary = n;
        while (true) {
          try {
            return Optional.of(Class.forName(binary, false, NamedConstructionTest.class.getClassLoader()));
          } catch (ClassNotFoundException e) {
            int dot = binary.lastIndexOf('.');
            if (dot < 0) {
              return Optional.empty();
            }
            binary = binary.substring(0, dot) + "$" + binary.substring(dot + 1);
          } catch (LinkageError e) {
            // A hand-written class whose dependencies this class path lacks: no generated record.
            return Optional.empty();
          }
        }
      });
    }

    /** Whether {@code type} is a record the TL generator wrote. */
    private static boolean generated(Class<?> type) {
      return type != null && type.isRecord() && TlObject.class.isAssignableFrom(type)
          && GENERATED.stream().anyMatch(p -> type.getPackageName().equals(p) || type.getPackageName().startsWith(p + "."));
    }
  }
}
