package dev.tgkit.session;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Builds generated TL records naming only the components a test cares about; the rest take
 * their emptiest value (false, 0, "", null, an empty list, the smallest constructor). Keeps tests
 * readable and unaffected when a schema update adds fields.
 */
public final class TlValues {

  private TlValues() {}

  private record Shape(RecordComponent[] components, boolean[] nullable, java.lang.reflect.Constructor<?> constructor) {}

  // Reflection on a 50-component record is slow enough to dominate tests that build thousands.
  private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
    @Override
    protected Shape computeValue(Class<?> type) {
      RecordComponent[] components = type.getRecordComponents();
      boolean[] nullable = new boolean[components.length];
      Class<?>[] types = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        nullable[i] = components[i].getAnnotatedType().isAnnotationPresent(Nullable.class);
        types[i] = components[i].getType();
      }
      try {
        return new Shape(components, nullable, type.getDeclaredConstructor(types));
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException(e);
      }
    }
  };

  /** A {@code type} with {@code namesAndValues} (name, value, name, value, ...) set. */
  public static <T> T of(Class<T> type, Object... namesAndValues) {
    Map<String, @Nullable Object> given = new HashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      given.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    Shape shape = SHAPES.get(type);
    RecordComponent[] components = shape.components();
    Object[] args = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent rc = components[i];
      if (given.containsKey(rc.getName())) {
        args[i] = given.remove(rc.getName());
      } else if (!shape.nullable()[i]) {
        args[i] = empty(rc.getType());
      }
    }
    if (!given.isEmpty()) {
      throw new IllegalArgumentException(type.getSimpleName() + " has no components " + given.keySet());
    }
    try {
      return type.cast(shape.constructor().newInstance(args));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("building " + type.getName() + " " + Arrays.toString(args), e);
    }
  }

  private static Object empty(Class<?> c) {
    if (c == boolean.class) {
      return false;
    }
    if (c == int.class) {
      return 0;
    }
    if (c == long.class) {
      return 0L;
    }
    if (c == double.class) {
      return 0.0;
    }
    if (c == String.class) {
      return "";
    }
    if (c == List.class) {
      return List.of();
    }
    if (c.isSealed()) {
      List<Class<?>> permitted = new ArrayList<>(List.of(c.getPermittedSubclasses()));
      permitted.sort(Comparator.comparingInt((Class<?> p) -> p.getRecordComponents().length).thenComparing(Class::getName));
      return of(permitted.get(0));
    }
    if (c.isRecord()) {
      return of(c);
    }
    throw new IllegalStateException("no empty value for " + c);
  }
}
