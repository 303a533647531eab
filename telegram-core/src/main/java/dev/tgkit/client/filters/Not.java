package dev.tgkit.client.filters;

import dev.tgkit.client.events.Event;

/** Passes when {@link #filter()} does not. */
public record Not(Filter filter) implements Filter {

  @Override
  public boolean test(Event event) {
    return !filter.test(event);
  }

  /** The filter negated: negating twice gives it back. */
  @Override
  public Filter negate() {
    return filter;
  }
}
