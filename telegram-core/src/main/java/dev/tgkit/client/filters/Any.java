package dev.tgkit.client.filters;

import dev.tgkit.client.events.Event;
import java.util.List;

/** Passes when one of {@link #filters()} passes, checked in order. */
public record Any(List<Filter> filters) implements Filter {

  public Any {
    filters = List.copyOf(filters);
    if (filters.size() < 2) {
      throw new IllegalArgumentException("Any combines at least two filters, got " + filters.size());
    }
  }

  /** Any of these. */
  public static Any of(Filter first, Filter second, Filter... more) {
    return new Any(Filters.list(first, second, more));
  }

  @Override
  public boolean test(Event event) {
    for (Filter f : filters) {
      if (f.test(event)) {
        return true;
      }
    }
    return false;
  }
}
