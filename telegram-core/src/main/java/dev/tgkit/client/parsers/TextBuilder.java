package dev.tgkit.client.parsers;

import dev.tgkit.tl.api.MessageEntity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** The plain text a parser produces, with the ranges its entities cover. */
final class TextBuilder {

  /** Makes the entity once its range is known. */
  interface Factory {
    MessageEntity make(int offset, int length);
  }

  private record Range(int start, int end, Factory factory) {}

  private final StringBuilder text = new StringBuilder();
  private final List<Range> ranges = new ArrayList<>();

  int length() {
    return text.length();
  }

  boolean isEmpty() {
    return text.isEmpty();
  }

  TextBuilder append(CharSequence chars) {
    text.append(chars);
    return this;
  }

  /** An entity from {@code start} to the current end of the text. */
  void entity(int start, Factory factory) {
    ranges.add(new Range(start, text.length(), factory));
  }

  /**
   * The text and its entities, empty ones dropped, duplicates merged, in canonical order.
   *
   * @param strip whether to remove leading and trailing whitespace, as Telegram does
   */
  FormattedText finish(boolean strip) {
    int from = 0;
    int to = text.length();
    if (strip) {
      while (from < to && Character.isWhitespace(text.charAt(from))) {
        from++;
      }
      while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
        to--;
      }
    }
    LinkedHashSet<MessageEntity> entities = new LinkedHashSet<>();
    for (Range range : ranges) {
      int start = Math.clamp(range.start() - from, 0, to - from);
      int end = Math.clamp(range.end() - from, 0, to - from);
      if (start < end) {
        entities.add(range.factory().make(start, end - start));
      }
    }
    List<MessageEntity> sorted = new ArrayList<>(entities);
    sorted.sort(EntitySpans.CANONICAL);
    return new FormattedText(text.substring(from, to), sorted);
  }
}
