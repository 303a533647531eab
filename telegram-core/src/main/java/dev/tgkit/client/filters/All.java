package dev.tgkit.client.filters;

import dev.tgkit.client.events.Event;
import java.util.List;

/** Passes when every one of {@link #filters()} passes, checked in order. */
public record All(List<Filter> filters) implements Filter {

  public All {
    filters = List.copyOf(filters);
    if (filters.size() < 2) {
      throw new IllegalArgumentException("All combines at least two filters, got " + filters.size());
    }
  }

  /** All of these. */
  public static All of(Filter first, Filter second, Filter... more) {
    return new All(Filters.list(first, second, more));
  }

  @Override
  public boolean test(Event event) {
    for (Filter f : filters) {
      if (!f.test(event)) {
        return false;
      }
    }
    return true;
  }
}
