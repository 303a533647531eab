package dev.tgkit.tl;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Builds values of generated records by reflection, deterministically, with a non-default value
 * in every component: the round-trip tests use it to cover every constructor of the schema
 * without writing 2,500 of them by hand.
 *
 * <p>With {@code full} set, every optional component is present and every {@code boolean} true
 * (all flag bits on); without, optional components are {@code null} and booleans false (all
 * flag bits off). Nested values are built the same way down to {@link #FULL_DEPTH}; deeper, the
 * smallest constructor with flags off is used so that recursive types stay finite.
 */
public final class SampleValues {

  /** Depth down to which nested values are as full as the top one. */
  static final int FULL_DEPTH = 4;

  private static final int GIVE_UP_DEPTH = 40;

  private final boolean full;
  private final Class<? extends TlFunction<?>> query;
  private int counter;

  /**
   * @param full whether optional fields are present and flags on
   * @param query a function without fields, used wherever a {@code !X} query is needed
   */
  public SampleValues(boolean full, Class<? extends TlFunction<?>> query) {
    this.full = full;
    this.query = query;
  }

  /** A value of {@code type}, built as described above. */
  public <T> T of(Class<T> type) {
    return type.cast(value(type, false, 0));
  }

  private @Nullable Object value(Type type, boolean nullable, int depth) {
    if (depth > GIVE_UP_DEPTH) {
      throw new IllegalStateException("no finite value found for " + type);
    }
    boolean on = full && depth <= FULL_DEPTH;
    if (nullable && !on) {
      return null;
    }
    int n = ++counter;
    if (type instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      if (raw == List.class) {
        if (!on && depth > FULL_DEPTH) {
          return List.of();
        }
        Type element = p.getActualTypeArguments()[0];
        return List.of(value(element, false, depth + 1), value(element, false, depth + 1));
      }
      if (raw == TlFunction.class) {
        return record(query, depth + 1);
      }
      throw new IllegalStateException("unexpected generic type " + type);
    }
    Class<?> c = (Class<?>) type;
    if (c == int.class || c == Integer.class) {
      return 1000 + n;
    }
    if (c == long.class || c == Long.class) {
      return 0x0102030405060708L * n;
    }
    if (c == double.class || c == Double.class) {
      return n + 0.25;
    }
    if (c == boolean.class || c == Boolean.class) {
      return on;
    }
    if (c == String.class) {
      return "s" + n + " ü€😀";
    }
    if (c == Bytes.class) {
      // Every third one takes the long (0xFE) length form.
      byte[] b = new byte[n % 3 == 0 ? 300 + n % 7 : 1 + n % 13];
      for (int i = 0; i < b.length; i++) {
        b[i] = (byte) (n * 31 + i);
      }
      return Bytes.wrap(b);
    }
    if (c == Int128.class) {
      return Int128.of(pattern(Int128.SIZE, n));
    }
    if (c == Int256.class) {
      return Int256.of(pattern(Int256.SIZE, n));
    }
    if (c.isRecord()) {
      return record(c, depth + 1);
    }
    if (c.isSealed()) {
      Class<?>[] permitted = c.getPermittedSubclasses();
      Class<?> pick = on || depth <= FULL_DEPTH ? permitted[n % permitted.length] : smallest(permitted);
      return record(pick, depth + 1);
    }
    throw new IllegalStateException("cannot make a value of " + type);
  }

  /** An instance of record {@code c}, every component filled. */
  Object record(Class<?> c, int depth) {
    RecordComponent[] components = c.getRecordComponents();
    Object[] args = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent rc = components[i];
      types[i] = rc.getType();
      boolean nullable = rc.getAnnotatedType().isAnnotationPresent(Nullable.class);
      args[i] = value(rc.getGenericType(), nullable, depth);
    }
    try {
      Constructor<?> ctor = c.getDeclaredConstructor(types);
      return ctor.newInstance(args);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("building " + c.getName() + " " + Arrays.toString(args), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The permitted record with the fewest components that must be non-null. */
  private static Class<?> smallest(Class<?>[] permitted) {
    List<Class<?>> sorted = new ArrayList<>(List.of(permitted));
    sorted.sort(Comparator.comparingInt(SampleValues::requiredComponents).thenComparing(Class::getName));
    return sorted.get(0);
  }

  private static int requiredComponents(Class<?> c) {
    int required = 0;
    for (RecordComponent rc : c.getRecordComponents()) {
      boolean nullable = rc.getAnnotatedType().isAnnotationPresent(Nullable.class);
      if (!nullable && !rc.getType().isPrimitive() && rc.getType() != List.class) {
        required++;
      }
    }
    return required;
  }

  private static byte[] pattern(int size, int n) {
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      b[i] = (byte) (n + i * 7);
    }
    return b;
  }
}
