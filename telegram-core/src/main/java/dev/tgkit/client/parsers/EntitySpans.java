package dev.tgkit.client.parsers;

import dev.tgkit.tl.api.InputMessageEntityMentionName;
import dev.tgkit.tl.api.MessageEntity;
import dev.tgkit.tl.api.MessageEntityBankCard;
import dev.tgkit.tl.api.MessageEntityBlockquote;
import dev.tgkit.tl.api.MessageEntityBold;
import dev.tgkit.tl.api.MessageEntityBotCommand;
import dev.tgkit.tl.api.MessageEntityCashtag;
import dev.tgkit.tl.api.MessageEntityCode;
import dev.tgkit.tl.api.MessageEntityCustomEmoji;
import dev.tgkit.tl.api.MessageEntityDiffDelete;
import dev.tgkit.tl.api.MessageEntityDiffInsert;
import dev.tgkit.tl.api.MessageEntityDiffReplace;
import dev.tgkit.tl.api.MessageEntityEmail;
import dev.tgkit.tl.api.MessageEntityFormattedDate;
import dev.tgkit.tl.api.MessageEntityHashtag;
import dev.tgkit.tl.api.MessageEntityItalic;
import dev.tgkit.tl.api.MessageEntityMention;
import dev.tgkit.tl.api.MessageEntityMentionName;
import dev.tgkit.tl.api.MessageEntityPhone;
import dev.tgkit.tl.api.MessageEntityPre;
import dev.tgkit.tl.api.MessageEntitySpoiler;
import dev.tgkit.tl.api.MessageEntityStrike;
import dev.tgkit.tl.api.MessageEntityTextUrl;
import dev.tgkit.tl.api.MessageEntityUnderline;
import dev.tgkit.tl.api.MessageEntityUnknown;
import dev.tgkit.tl.api.MessageEntityUrl;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Where entities sit in a text, and the walk both unparsers share: entities become properly nested
 * open and close events, an entity that overlaps another being closed and reopened around it.
 */
final class EntitySpans {

  private EntitySpans() {}

  /** An entity's range, its boundaries moved off the middle of surrogate pairs. */
  record Span(int start, int end, MessageEntity entity) {}

  /** Receives a walk: text between boundaries, and nested opens and closes. */
  interface Sink {
    void text(int from, int to);

    void open(Span span);

    void close(Span span);
  }

  static void checkInside(MessageEntity entity, String text) {
    int offset = entity.offset();
    int length = entity.length();
    if (offset < 0 || length < 1 || (long) offset + length > text.length()) {
      throw new IllegalArgumentException(
          entity.getClass().getSimpleName() + " at offset " + offset + " with length " + length
              + " does not fit a text of " + text.length()
              + " UTF-16 units; entities need offset >= 0, length >= 1 and to end inside the text");
    }
  }

  /**
   * Which entity is outer when two cover the same range: blocks outside links, links outside
   * styles, code innermost. Gives parsers one canonical order, so equal formatting compares equal.
   */
  static int rank(MessageEntity entity) {
    return switch (entity) {
      case MessageEntityBlockquote e -> 0;
      case MessageEntityPre e -> 1;
      case MessageEntityTextUrl e -> 2;
      case MessageEntityMentionName e -> 2;
      case InputMessageEntityMentionName e -> 2;
      case MessageEntityCustomEmoji e -> 3;
      case MessageEntityBold e -> 4;
      case MessageEntityItalic e -> 5;
      case MessageEntityUnderline e -> 6;
      case MessageEntityStrike e -> 7;
      case MessageEntitySpoiler e -> 8;
      case MessageEntityCode e -> 9;
      default -> 10;
    };
  }

  /**
   * Whether markup writes {@code entity}. Those Telegram detects by itself (URLs, @mentions,
   * hashtags...) stay plain text, and so does a mention of nobody.
   */
  static boolean isFormatting(MessageEntity entity) {
    return switch (entity) {
      case MessageEntityBold e -> true;
      case MessageEntityItalic e -> true;
      case MessageEntityUnderline e -> true;
      case MessageEntityStrike e -> true;
      case MessageEntityBlockquote e -> true;
      case MessageEntitySpoiler e -> true;
      case MessageEntityCode e -> true;
      case MessageEntityPre e -> true;
      case MessageEntityTextUrl e -> true;
      case MessageEntityMentionName e -> true;
      case InputMessageEntityMentionName e -> TgLinks.mention(e) != null;
      case MessageEntityCustomEmoji e -> true;
      default -> false;
    };
  }

  static final Comparator<MessageEntity> CANONICAL =
      Comparator.comparingInt(MessageEntity::offset)
          .thenComparing(Comparator.comparingInt(MessageEntity::length).reversed())
          .thenComparingInt(EntitySpans::rank);

  private static final Comparator<Span> OUTER_FIRST =
      Comparator.comparingInt(Span::start)
          .thenComparing(Comparator.comparingInt(Span::end).reversed())
          .thenComparingInt(s -> rank(s.entity()));

  /**
   * The spans of the entities {@code rendered} accepts, checked against {@code text}, in
   * outer-first order. A boundary inside a surrogate pair moves past the pair, so markup never
   * splits a character (received entities should not, but markup must stay valid text).
   */
  static List<Span> spans(
      String text, List<? extends MessageEntity> entities, Predicate<MessageEntity> rendered) {
    List<Span> spans = new ArrayList<>();
    for (MessageEntity entity : entities) {
      checkInside(entity, text);
      if (!rendered.test(entity)) {
        continue;
      }
      int start = offThePair(text, entity.offset());
      int end = offThePair(text, entity.offset() + entity.length());
      if (start < end) {
        spans.add(new Span(start, end, entity));
      }
    }
    spans.sort(OUTER_FIRST);
    return spans;
  }

  private static int offThePair(String text, int at) {
    if (at > 0 && at < text.length()
        && Character.isHighSurrogate(text.charAt(at - 1))
        && Character.isLowSurrogate(text.charAt(at))) {
      return at + 1;
    }
    return at;
  }

  /**
   * Walks {@code text} with {@code spans} (outer-first): every open is matched by a close, and
   * opens and closes nest. An entity overlapping the end of an enclosing one is closed there and
   * reopened after it.
   */
  static void walk(String text, List<Span> spans, Sink sink) {
    TreeSet<Integer> boundaries = new TreeSet<>();
    boundaries.add(text.length());
    for (Span span : spans) {
      boundaries.add(span.start());
      boundaries.add(span.end());
    }
    Deque<Span> open = new ArrayDeque<>();
    int next = 0;
    int at = 0;
    for (int boundary : boundaries) {
      if (boundary > at) {
        sink.text(at, boundary);
        at = boundary;
      }
      List<Span> reopen = new ArrayList<>();
      while (open.stream().anyMatch(s -> s.end() == boundary)) {
        Span closed = open.pop();
        sink.close(closed);
        if (closed.end() != boundary) {
          reopen.add(closed);
        }
      }
      while (next < spans.size() && spans.get(next).start() == boundary) {
        reopen.add(spans.get(next++));
      }
      // Longer first, so the entities opened here nest inside one another.
      reopen.sort(
          Comparator.comparing(Span::end, Comparator.reverseOrder())
              .thenComparingInt(s -> rank(s.entity())));
      for (Span span : reopen) {
        open.push(span);
        sink.open(span);
      }
    }
  }
}
