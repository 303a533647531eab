package dev.tgkit.tl.generator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A schema bound to Java: every boxed type, constructor and function gets a package and a class
 * name, and every field a Java name and a {@link Shape} that says how it is laid out.
 *
 * <p>The naming rule (also in the generator's README and ARCHITECTURE.md):
 *
 * <ul>
 *   <li>Package: the schema's base package, plus the TL namespace ({@code messages.getHistory} →
 *       {@code dev.tgkit.tl.api.messages}). A sealed interface and the records it permits must
 *       share a package on the class path, so a constructor must live in its type's namespace.
 *   <li>Boxed type: a sealed interface named {@link JavaNames#pascal pascal(type)}, always.
 *   <li>Constructor: a record named {@code pascal(constructor)}, plus {@code Ctor} when that is
 *       the name of a boxed type in the same package ({@code message} → {@code MessageCtor}).
 *   <li>Function: a record named {@code pascal(function)}, plus {@code Request} when that is the
 *       name of a type or constructor in the same package.
 *   <li>"The name of" ignores case ({@code jsonObjectValue} → {@code JsonObjectValueCtor}, as the
 *       type is {@code JSONObjectValue}): names equal but for case are one file on macOS and
 *       Windows.
 * </ul>
 *
 * <p>Any clash left after these rules, including names equal but for case (which collide as
 * files on macOS and Windows), fails the build with a {@link SchemaException}.
 */
public final class JavaModel {

  /** Simple name of the builder class nested in records that {@linkplain CtorInfo#hasBuilder() have one}. */
  public static final String BUILDER = "Builder";

  /**
   * The most values a generated constructor or {@code builder(...)} call takes by position: past
   * five, a reader can no longer tell which argument is which, and an added field shifts the rest.
   */
  public static final int MOST_POSITIONAL = 5;

  /**
   * Constructors the runtime implements by hand ({@code TlReader}/{@code TlWriter}), so they are
   * not generated: {@code Bool}'s two constructors become Java {@code boolean}; {@code true} exists
   * only as {@code flags.N?true} bits; {@code vector} is {@code List}; and {@code int}, {@code
   * long}, {@code double}, {@code string}, {@code bytes} merely declare the builtin types.
   */
  static final Set<String> RUNTIME_CONSTRUCTORS =
      Set.of("boolFalse", "boolTrue", "true", "vector", "int", "long", "double", "string", "bytes");

  /** The builtin types of TL and the Java types that carry them. */
  public enum Builtin {
    INT("int", "int", "java.lang.Integer", "Int"),
    LONG("long", "long", "java.lang.Long", "Long"),
    DOUBLE("double", "double", "java.lang.Double", "Double"),
    BOOL("Bool", "boolean", "java.lang.Boolean", "Bool"),
    STRING("string", null, "java.lang.String", "String"),
    BYTES("bytes", null, "dev.tgkit.tl.Bytes", "Bytes"),
    INT128("int128", null, "dev.tgkit.tl.Int128", "Int128"),
    INT256("int256", null, "dev.tgkit.tl.Int256", "Int256");

    /** The TL name. */
    public final String tl;
    /** The Java primitive, or {@code null} for reference types. */
    public final String primitive;
    /** The Java reference type: the boxed primitive or the class. */
    public final String reference;
    /** The suffix of the reader and writer methods: {@code readInt}, {@code writeIntVector}. */
    public final String method;

    Builtin(String tl, String primitive, String reference, String method) {
      this.tl = tl;
      this.primitive = primitive;
      this.reference = reference;
      this.method = method;
    }

    static Builtin byTlName(String name) {
      for (Builtin b : values()) {
        if (b.tl.equals(name)) {
          return b;
        }
      }
      return null;
    }
  }

  /** How a field's value is laid out on the wire, with the Java classes involved. */
  public sealed interface Shape {
    /** A builtin scalar. */
    record Scalar(Builtin builtin) implements Shape {}

    /** A boxed type: the constructor id, then the fields. */
    record Boxed(TypeInfo type) implements Shape {}

    /** A bare constructor ({@code %T} of a one-constructor type, or a constructor name). */
    record Bare(CtorInfo ctor) implements Shape {}

    /** {@code Vector<T>} ({@code boxed}) or {@code vector<T>}. */
    record Vec(boolean boxed, Shape element) implements Shape {}

    /** {@code !X}: a serialized function. */
    record Query(String var) implements Shape {}

    /** {@code flags.N?true}: a bit alone. */
    record TrueFlag() implements Shape {}

    /** {@code #}: a flags word, computed from the other fields. */
    record Flags() implements Shape {}
  }

  /** A boxed type and its constructors. */
  public static final class TypeInfo {
    public final String tlName;
    public final String pkg;
    public final String simpleName;
    public final List<CtorInfo> constructors = new ArrayList<>();
    /** Whether a value of this type can contain another (so reading it counts nesting depth). */
    public boolean recursive;

    TypeInfo(String tlName, String pkg, String simpleName) {
      this.tlName = tlName;
      this.pkg = pkg;
      this.simpleName = simpleName;
    }

    public String fqcn() {
      return pkg + "." + simpleName;
    }
  }

  /** A constructor or function, bound to its record. */
  public static final class CtorInfo {
    public final Definition def;
    public final String pkg;
    public String simpleName;
    /** The boxed type built, or {@code null} for a function. */
    public final TypeInfo type;
    public List<Member> members = List.of();

    CtorInfo(Definition def, String pkg, String simpleName, TypeInfo type) {
      this.def = def;
      this.pkg = pkg;
      this.simpleName = simpleName;
      this.type = type;
    }

    public String fqcn() {
      return pkg + "." + simpleName;
    }

    /** The record's components: every member but the flags words, which are computed. */
    public List<Member> components() {
      return members.stream().filter(Member::isComponent).toList();
    }

    /** The components a value must have: every one but the optional fields and true flags. */
    public List<Member> required() {
      return components().stream().filter(m -> !m.field().isConditional()).toList();
    }

    /**
     * Whether the record gets a nested {@link #BUILDER}: it has a conditional field (optional or
     * true flag), so the canonical constructor would take a {@code null} or {@code false} for
     * every one a call leaves out, or more than {@link #MOST_POSITIONAL} components, which a
     * positional call could not tell apart. A small record of required fields alone has none:
     * its constructor is short enough to read by position.
     */
    public boolean hasBuilder() {
      return components().size() > MOST_POSITIONAL || members.stream().anyMatch(m -> m.field().isConditional());
    }

    /**
     * Whether the builder names the required fields too: there are more than {@link
     * #MOST_POSITIONAL} of them, too many to seed {@code builder(...)} by position. Its {@code
     * build()} then checks that each was set.
     */
    public boolean namesRequiredFields() {
      return required().size() > MOST_POSITIONAL;
    }
  }

  /**
   * A field bound to Java.
   *
   * @param javaName the record component (or, for flags words, local variable) name
   * @param secret whether {@code toString()} hides the value
   */
  public record Member(Field field, String javaName, Shape shape, boolean secret) {
    /** Whether the field is a record component: everything but flags words. */
    public boolean isComponent() {
      return !(shape instanceof Shape.Flags);
    }

    /** Whether the component is nullable: a conditional field other than a true flag. */
    public boolean isOptional() {
      return field.isConditional() && !(shape instanceof Shape.TrueFlag);
    }
  }

  public final Schema schema;
  public final String basePackage;
  /** Simple name of the class with {@code readObject}/{@code readFunction}, in the base package. */
  public final String rootName;
  public final Map<String, TypeInfo> types = new LinkedHashMap<>();
  public final List<CtorInfo> constructors = new ArrayList<>();
  public final List<CtorInfo> functions = new ArrayList<>();
  private final Map<String, CtorInfo> constructorsByTlName = new HashMap<>();
  private boolean binaryStrings;

  /**
   * The {@code string} fields of a schema with binary strings that really are text, as {@code
   * constructor.field}: the error names of {@code rpc_error} ({@code FLOOD_WAIT_31}) and the phone
   * prefixes of the simple config.
   */
  static final Set<String> TEXT_STRINGS = Set.of("rpc_error.error_message", "accessPointRule.phone_prefix_rules");

  private JavaModel(Schema schema, String basePackage, String rootName) {
    this.schema = schema;
    this.basePackage = basePackage;
    this.rootName = rootName;
  }

  /**
   * Binds {@code schema} to Java classes under {@code basePackage}.
   *
   * @throws SchemaException on unknown types, name clashes, duplicate ids and other definitions
   *     that cannot be expressed
   */
  public static JavaModel bind(Schema schema, String basePackage, String rootName) {
    return bind(schema, basePackage, rootName, false);
  }

  /**
   * Like {@link #bind(Schema, String, String)}; with {@code binaryStrings}, fields declared
   * {@code string} become {@code Bytes} unless listed in {@link #TEXT_STRINGS}.
   *
   * <p>mtproto.tl needs this: it declares big-endian numbers ({@code pq}, {@code dh_prime},
   * {@code g_a}), encrypted blocks and the state bytes of {@code msgs_state_info} as {@code
   * string}, which has the wire format of {@code bytes}; decoding them as UTF-8 into a Java
   * {@code String} would corrupt them.
   */
  public static JavaModel bind(Schema schema, String basePackage, String rootName, boolean binaryStrings) {
    JavaModel m = new JavaModel(schema, basePackage, rootName);
    m.binaryStrings = binaryStrings;
    m.bindNames();
    m.checkClashes();
    m.checkIds();
    for (CtorInfo c : m.constructors) {
      c.members = m.members(c.def);
    }
    for (CtorInfo f : m.functions) {
      f.members = m.members(f.def);
      m.checkResult(f.def);
    }
    m.checkBuilderNames();
    m.markRecursiveTypes();
    return m;
  }

  public String packageOf(String namespace) {
    return namespace.isEmpty() ? basePackage : basePackage + "." + namespace;
  }

  /** Every package this model writes to, sorted. */
  public Set<String> packages() {
    Set<String> p = new java.util.TreeSet<>();
    p.add(basePackage);
    types.values().forEach(t -> p.add(t.pkg));
    constructors.forEach(c -> p.add(c.pkg));
    functions.forEach(f -> p.add(f.pkg));
    return p;
  }

  /** The simple names of all classes generated into {@code pkg}. */
  public Set<String> simpleNamesIn(String pkg) {
    Set<String> names = new HashSet<>();
    if (pkg.equals(basePackage)) {
      names.add(rootName);
    }
    types.values().stream().filter(t -> t.pkg.equals(pkg)).forEach(t -> names.add(t.simpleName));
    constructors.stream().filter(c -> c.pkg.equals(pkg)).forEach(c -> names.add(c.simpleName));
    functions.stream().filter(f -> f.pkg.equals(pkg)).forEach(f -> names.add(f.simpleName));
    return names;
  }

  // ---- binding ----

  private static boolean generated(Definition d) {
    return !d.builtin() && !RUNTIME_CONSTRUCTORS.contains(d.name());
  }

  private void bindNames() {
    for (Definition d : schema.constructors()) {
      if (!generated(d)) {
        continue;
      }
      TypeRef.Named result = (TypeRef.Named) d.result();
      if (Builtin.byTlName(result.name()) != null || result.name().equals("True") || result.name().equals("Vector")) {
        throw error(d, "constructor '" + d.name() + "' builds the builtin type " + result.name() + ", which the runtime implements");
      }
      String typeNamespace = namespaceOf(result.name());
      if (!typeNamespace.equals(d.namespace())) {
        throw error(d, "constructor '" + d.name() + "' is in namespace '" + d.namespace() + "' but builds '" + result.name()
            + "': a sealed interface and its records must share a Java package, so both need one namespace");
      }
      TypeInfo type = types.computeIfAbsent(result.name(), n -> new TypeInfo(n, packageOf(typeNamespace), JavaNames.pascal(n)));
      if (constructorsByTlName.containsKey(d.name())) {
        throw error(d, "constructor '" + d.name() + "' is defined twice");
      }
      CtorInfo c = new CtorInfo(d, packageOf(d.namespace()), JavaNames.pascal(d.name()), type);
      type.constructors.add(c);
      constructors.add(c);
      constructorsByTlName.put(d.name(), c);
    }
    // Names are compared ignoring case: JSONObjectValue.java and JsonObjectValue.java are one
    // file on the case-insensitive file systems of macOS and Windows.
    Map<String, Set<String>> typeNames = new HashMap<>();
    types.values().forEach(t -> typeNames.computeIfAbsent(t.pkg, k -> new HashSet<>()).add(lower(t.simpleName)));
    for (CtorInfo c : constructors) {
      if (typeNames.getOrDefault(c.pkg, Set.of()).contains(lower(c.simpleName))) {
        c.simpleName += "Ctor";
      }
    }
    Map<String, Set<String>> taken = new HashMap<>(typeNames);
    taken.replaceAll((k, v) -> new HashSet<>(v));
    constructors.forEach(c -> taken.computeIfAbsent(c.pkg, k -> new HashSet<>()).add(lower(c.simpleName)));
    Set<String> functionNames = new HashSet<>();
    for (Definition d : schema.functions()) {
      if (!functionNames.add(d.name())) {
        throw error(d, "function '" + d.name() + "' is defined twice");
      }
      String pkg = packageOf(d.namespace());
      String simple = JavaNames.pascal(d.name());
      if (taken.getOrDefault(pkg, Set.of()).contains(lower(simple))) {
        simple += "Request";
      }
      functions.add(new CtorInfo(d, pkg, simple, null));
    }
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  private static String namespaceOf(String tlName) {
    int dot = tlName.lastIndexOf('.');
    return dot < 0 ? "" : tlName.substring(0, dot);
  }

  private void checkClashes() {
    // Keyed by package and lower-cased name: Message.java and MESSAGE.java are one file on
    // case-insensitive file systems.
    Map<String, String> seen = new TreeMap<>();
    List<String> clashes = new ArrayList<>();
    Map<String, String> origin = new HashMap<>();
    origin.put(basePackage + "." + rootName, "the generated class " + rootName);
    seen.put(basePackage + "." + rootName.toLowerCase(Locale.ROOT), basePackage + "." + rootName);
    for (TypeInfo t : types.values()) {
      claim(seen, origin, clashes, t.fqcn(), "type " + t.tlName);
    }
    for (CtorInfo c : constructors) {
      claim(seen, origin, clashes, c.fqcn(), "constructor " + c.def.name() + " (" + c.def.source() + ":" + c.def.line() + ")");
    }
    for (CtorInfo f : functions) {
      claim(seen, origin, clashes, f.fqcn(), "function " + f.def.name() + " (" + f.def.source() + ":" + f.def.line() + ")");
    }
    if (!clashes.isEmpty()) {
      throw new SchemaException(schema.source(), 1, "Java names clash after applying the naming rule:\n  " + String.join("\n  ", clashes));
    }
  }

  private static void claim(Map<String, String> seen, Map<String, String> origin, List<String> clashes, String fqcn, String what) {
    String key = fqcn.toLowerCase(Locale.ROOT);
    String previous = seen.putIfAbsent(key, fqcn);
    if (previous != null) {
      clashes.add(fqcn + " from " + what + " clashes with " + previous + " from " + origin.get(previous));
    } else {
      origin.put(fqcn, what);
    }
  }

  private void checkIds() {
    Map<Integer, Definition> objects = new HashMap<>();
    for (CtorInfo c : constructors) {
      Definition other = objects.putIfAbsent(c.def.id(), c.def);
      if (other != null) {
        throw error(c.def, String.format("constructor id %08x of '%s' is also the id of '%s' (line %d)", c.def.id(), c.def.name(), other.name(), other.line()));
      }
    }
    Map<Integer, Definition> calls = new HashMap<>();
    for (CtorInfo f : functions) {
      Definition other = calls.putIfAbsent(f.def.id(), f.def);
      if (other != null) {
        throw error(f.def, String.format("function id %08x of '%s' is also the id of '%s' (line %d)", f.def.id(), f.def.name(), other.name(), other.line()));
      }
    }
  }

  /** A class cannot nest one of its own name, so a record named {@code Builder} cannot have a builder. */
  private void checkBuilderNames() {
    for (CtorInfo c : records()) {
      if (c.hasBuilder() && c.simpleName.equals(BUILDER)) {
        throw error(c.def, "'" + c.def.name() + "' becomes the record " + BUILDER + ", which cannot nest its own "
            + BUILDER + " class");
      }
    }
  }

  private List<Member> members(Definition d) {
    List<Member> members = new ArrayList<>();
    Map<String, String> javaNames = new HashMap<>();
    for (Field f : d.fields()) {
      Shape shape;
      if (f.isFlags()) {
        shape = new Shape.Flags();
      } else if (f.isTrueFlag()) {
        shape = new Shape.TrueFlag();
      } else {
        shape = shape(f.type(), d, f);
      }
      String javaName = JavaNames.camel(f.name());
      String previous = javaNames.putIfAbsent(javaName, f.name());
      if (previous != null) {
        throw error(d, "fields '" + previous + "' and '" + f.name() + "' of '" + d.name() + "' both become the Java name " + javaName);
      }
      if (d.typeParams().contains(javaName)) {
        throw error(d, "field '" + f.name() + "' of '" + d.name() + "' has the name of a type parameter");
      }
      members.add(new Member(f, javaName, shape, SecretFields.isSecret(d, f)));
    }
    return members;
  }

  private Shape shape(TypeRef t, Definition d, Field f) {
    return switch (t) {
      case TypeRef.Nat n -> throw error(d, "field '" + f.name() + "' of '" + d.name() + "' uses # inside another type");
      case TypeRef.Var v -> throw error(d, "field '" + f.name() + "' of '" + d.name() + "' has the bare type parameter " + v.name() + "; only !" + v.name() + " is supported");
      case TypeRef.Query q -> new Shape.Query(q.var());
      case TypeRef.Vector v -> {
        if (v.element() instanceof TypeRef.Named n && n.name().equals("true")) {
          throw error(d, "field '" + f.name() + "' of '" + d.name() + "' is a vector of true, which has no bytes to count");
        }
        yield new Shape.Vec(v.boxed(), shape(v.element(), d, f));
      }
      case TypeRef.Named n -> named(n, d, f);
    };
  }

  private Shape named(TypeRef.Named n, Definition d, Field f) {
    String where = "field '" + f.name() + "' of '" + d.name() + "'";
    if (n.name().equals("true")) {
      throw error(d, where + " has type true outside flags.N?true; it would carry nothing");
    }
    Builtin b = Builtin.byTlName(n.name());
    if (b != null) {
      if (n.bare() && b == Builtin.BOOL) {
        throw error(d, where + " uses %Bool, which has no bare form");
      }
      if (b == Builtin.STRING && binaryStrings && !TEXT_STRINGS.contains(d.name() + "." + f.name())) {
        return new Shape.Scalar(Builtin.BYTES);
      }
      return new Shape.Scalar(b);
    }
    if (!n.isBoxedName()) {
      CtorInfo c = constructorsByTlName.get(n.name());
      if (c == null) {
        throw error(d, where + " refers to an unknown constructor '" + n.name() + "'");
      }
      return new Shape.Bare(c);
    }
    TypeInfo type = types.get(n.name());
    if (type == null) {
      throw error(d, where + " refers to an unknown type '" + n.name() + "'");
    }
    if (n.bare()) {
      if (type.constructors.size() != 1) {
        throw error(d, where + " uses %" + n.name() + ", but only a type with exactly one constructor has a bare form; " + n.name() + " has " + type.constructors.size());
      }
      return new Shape.Bare(type.constructors.get(0));
    }
    return new Shape.Boxed(type);
  }

  /** The shape of a function's result: a boxed type, Bool, a Vector or a type parameter. */
  public Shape resultShape(Definition f) {
    TypeRef r = f.result();
    if (r instanceof TypeRef.Var v) {
      return new Shape.Query(v.name());
    }
    Field pseudo = new Field("(result)", r, null);
    return shape(r, f, pseudo);
  }

  private void checkResult(Definition f) {
    Shape s = resultShape(f);
    boolean ok = switch (s) {
      case Shape.Boxed b -> true;
      case Shape.Scalar sc -> sc.builtin() == Builtin.BOOL;
      case Shape.Vec v -> v.boxed();
      case Shape.Query q -> f.fields().stream().anyMatch(x -> x.type() instanceof TypeRef.Query fq && fq.var().equals(q.var()));
      default -> false;
    };
    if (!ok) {
      throw error(f, "function '" + f.name() + "' returns " + f.result().tl()
          + ": results must be a boxed type, Bool, a Vector, or a type parameter X with a !X field");
    }
  }

  /**
   * Marks the types whose values can nest inside themselves (rich text, page blocks, JSON...):
   * their readers count nesting depth so hostile input cannot overflow the stack.
   */
  private void markRecursiveTypes() {
    Map<TypeInfo, Set<TypeInfo>> edges = new HashMap<>();
    for (TypeInfo t : types.values()) {
      Set<TypeInfo> out = new HashSet<>();
      for (CtorInfo c : t.constructors) {
        for (Member m : c.members) {
          collect(m.shape(), out);
        }
      }
      edges.put(t, out);
    }
    for (TypeInfo t : types.values()) {
      t.recursive = reaches(edges, t, t);
    }
  }

  private static void collect(Shape s, Set<TypeInfo> out) {
    switch (s) {
      case Shape.Boxed b -> out.add(b.type());
      case Shape.Bare b -> out.add(b.ctor().type);
      case Shape.Vec v -> collect(v.element(), out);
      default -> {}
    }
  }

  private static boolean reaches(Map<TypeInfo, Set<TypeInfo>> edges, TypeInfo from, TypeInfo target) {
    Set<TypeInfo> seen = new HashSet<>();
    Deque<TypeInfo> todo = new ArrayDeque<>(edges.get(from));
    while (!todo.isEmpty()) {
      TypeInfo t = todo.pop();
      if (t == target) {
        return true;
      }
      if (seen.add(t)) {
        todo.addAll(edges.get(t));
      }
    }
    return false;
  }

  /** All records: constructors, then functions. */
  public Collection<CtorInfo> records() {
    List<CtorInfo> all = new ArrayList<>(constructors);
    all.addAll(functions);
    return all;
  }

  private static SchemaException error(Definition d, String message) {
    return new SchemaException(d.source(), d.line(), message);
  }
}
