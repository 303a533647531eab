package dev.tgkit.client.filters;

import dev.tgkit.client.events.Event;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a handler wants an event. Filters run on the update loop for every event and every
 * handler, so they must be fast, must not block and must not throw; a check that needs the
 * network belongs in the handler, which can return {@link dev.tgkit.client.events.Continue}.
 */
@FunctionalInterface
public interface Filter {

  /** Whether {@code event} passes. */
  boolean test(Event event);

  /** Passes when this and {@code other} pass (flattened into one {@link All}). */
  default Filter and(Filter other) {
    List<Filter> parts = new ArrayList<>();
    for (Filter f : List.of(this, other)) {
      if (f instanceof All all) {
        parts.addAll(all.filters());
      } else {
        parts.add(f);
      }
    }
    return new All(parts);
  }

  /** Passes when this or {@code other} passes (flattened into one {@link Any}). */
  default Filter or(Filter other) {
    List<Filter> parts = new ArrayList<>();
    for (Filter f : List.of(this, other)) {
      if (f instanceof Any any) {
        parts.addAll(any.filters());
      } else {
        parts.add(f);
      }
    }
    return new Any(parts);
  }

  /** Passes when this does not; negating a {@link Not} gives back what it negated. */
  default Filter negate() {
    return new Not(this);
  }
}
