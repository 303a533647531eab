package dev.tgkit.client.events;

/**
 * What a {@link ContinuingHandler} returns to let the handlers after it run too, as if its filter
 * had not matched: the way to filter on something slow (a database lookup) inside a handler.
 */
public enum Continue {
  /** Let later handlers see the event. */
  CONTINUE,
  /** Stop here, as a handler that returns nothing does. */
  STOP
}
