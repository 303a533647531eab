package dev.tgkit.client.filters;

import dev.tgkit.client.events.Event;
import dev.tgkit.client.events.MessageEvent;
import java.util.regex.Pattern;

/**
 * Passes a message whose text (or caption) contains a match of {@link #pattern()} anywhere; anchor
 * it with {@code ^} to match from the start. The match stays on the event ({@link
 * MessageEvent#match()}) for the handler to read its groups.
 */
public record Text(Pattern pattern) implements Filter {

  /**
   * @throws java.util.regex.PatternSyntaxException if {@code regex} is not a regular expression
   */
  public Text(String regex) {
    this(Pattern.compile(regex));
  }

  @Override
  public boolean test(Event event) {
    return event instanceof MessageEvent message && message.matchText(pattern).isPresent();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Text t && t.pattern.pattern().equals(pattern.pattern()) && t.pattern.flags() == pattern.flags();
  }

  @Override
  public int hashCode() {
    return pattern.pattern().hashCode();
  }
}
