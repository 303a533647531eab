package dev.tgkit.client.parsers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tgkit.tl.api.InputMessageEntityMentionName;
import dev.tgkit.tl.api.InputUserCtor;
import dev.tgkit.tl.api.MessageEntity;
import dev.tgkit.tl.api.MessageEntityBlockquote;
import dev.tgkit.tl.api.MessageEntityBold;
import dev.tgkit.tl.api.MessageEntityCode;
import dev.tgkit.tl.api.MessageEntityItalic;
import dev.tgkit.tl.api.MessageEntityPre;
import dev.tgkit.tl.api.MessageEntitySpoiler;
import dev.tgkit.tl.api.MessageEntityStrike;
import dev.tgkit.tl.api.MessageEntityTextUrl;
import dev.tgkit.tl.api.MessageEntityUnderline;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Round trips of generated texts: markup characters, line breaks, spaces, emoji and characters
 * outside the BMP, under properly nested entities. Seeded, so a failure repeats.
 */
class RandomFormattingTest {

  private static final String[] PIECES = {
    "a", "b", "Z", "7", "1.", " ", " ", "  ", "\n", "\n\n", "\t", "*", "_", "~", "`", "[", "]",
    "(", ")", "<", ">", "#", "-", "+", "=", "!", "&", "&amp;", "\\", "|", "\"", "'", ".", ",",
    "👍🏽", "𝔘", "日本", "é", "&#32;", "<b>", "http://x.y", "\u00a0", "\u2003", "\r", "\u200d"
  };
  private static final String[] URLS = {
    "https://example.com", "https://example.com/a_(b)?c=<d>&e", "http://x.y/ spaced"
  };

  @Test
  void markdownRoundTripsGeneratedTexts() {
    Random random = new Random(20261123);
    for (int i = 0; i < 3000; i++) {
      FormattedText formatted = generate(random, false);
      String markdown = Markdown.unparse(formatted);
      assertThat(Markdown.parse(markdown))
          .as("case %d: %s -> %s", i, formatted, markdown)
          .isEqualTo(formatted);
    }
  }

  @Test
  void htmlRoundTripsGeneratedTexts() {
    Random random = new Random(11232026);
    for (int i = 0; i < 3000; i++) {
      FormattedText formatted = generate(random, true);
      String html = Html.unparse(formatted);
      assertThat(Html.parse(html)).as("case %d: %s -> %s", i, formatted, html).isEqualTo(formatted);
    }
  }

  @Test
  void markdownRoundTripsGeneratedQuotesAndCodeBlocks() {
    Random random = new Random(5);
    for (int i = 0; i < 3000; i++) {
      FormattedText formatted = generateBlocks(random, false);
      String markdown = Markdown.unparse(formatted);
      assertThat(Markdown.parse(markdown))
          .as("case %d: %s -> %s", i, formatted, markdown)
          .isEqualTo(formatted);
    }
  }

  @Test
  void htmlRoundTripsGeneratedQuotesAndCodeBlocks() {
    Random random = new Random(6);
    for (int i = 0; i < 3000; i++) {
      FormattedText formatted = generateBlocks(random, true);
      String html = Html.unparse(formatted);
      assertThat(Html.parse(html)).as("case %d: %s -> %s", i, formatted, html).isEqualTo(formatted);
    }
  }

  /** Lines, some of them quoted or a code block, with inline entities inside single lines. */
  private static FormattedText generateBlocks(Random random, boolean strip) {
    StringBuilder text = new StringBuilder(strip ? "x" : "");
    List<MessageEntity> entities = new ArrayList<>();
    int lines = 1 + random.nextInt(6);
    int[] lineStarts = new int[lines];
    int[] lineEnds = new int[lines];
    for (int line = 0; line < lines; line++) {
      if (line > 0) {
        text.append(random.nextInt(3) == 0 ? "\n\n" : "\n");
      }
      lineStarts[line] = text.length();
      List<Integer> boundaries = new ArrayList<>();
      // Telegram trims messages, so the first and last lines have text.
      int pieces = (line == 0 || line == lines - 1 ? 1 : 0) + random.nextInt(5);
      for (int i = 0; i < pieces; i++) {
        boundaries.add(text.length());
        String piece = PIECES[random.nextInt(PIECES.length)];
        // Lines hold no line breaks; a carriage return would turn a code block into inline code.
        text.append(piece.contains("\n") || piece.contains("\r") ? "q" : piece);
      }
      boundaries.add(text.length());
      lineEnds[line] = text.length();
      if (random.nextBoolean()) {
        nest(random, boundaries, 0, boundaries.size() - 1, false, 1, entities);
      }
    }
    if (strip) {
      text.append("y");
      lineEnds[lines - 1]++;
    }
    int first = random.nextInt(lines);
    int last = first + random.nextInt(lines - first);
    int offset = lineStarts[first];
    int length = lineEnds[last] - offset;
    if (length > 0) {
      if (random.nextBoolean()) {
        entities.add(new MessageEntityBlockquote(random.nextBoolean() && strip, offset, length));
      } else {
        // A code block holds no other entities.
        entities.removeIf(e -> e.offset() < offset + length
            && e.offset() + e.length() > offset);
        entities.add(new MessageEntityPre(offset, length, random.nextBoolean() ? "" : "java"));
      }
    }
    entities.sort(EntitySpans.CANONICAL);
    return new FormattedText(text.toString(), entities);
  }

  private static FormattedText generate(Random random, boolean strip) {
    StringBuilder text = new StringBuilder();
    List<Integer> boundaries = new ArrayList<>();
    int pieces = 1 + random.nextInt(12);
    for (int i = 0; i < pieces; i++) {
      boundaries.add(text.length());
      text.append(PIECES[random.nextInt(PIECES.length)]);
    }
    boundaries.add(text.length());
    String plain = text.toString();
    if (strip && (plain.isBlank() || !plain.strip().equals(plain))) {
      plain = "x" + plain + "y";
      for (int i = 0; i < boundaries.size(); i++) {
        boundaries.set(i, boundaries.get(i) + 1);
      }
      boundaries.addFirst(0);
      boundaries.add(plain.length());
    }
    List<MessageEntity> entities = new ArrayList<>();
    nest(random, boundaries, 0, boundaries.size() - 1, false, 0, entities);
    entities.sort(EntitySpans.CANONICAL);
    return new FormattedText(plain, entities);
  }

  /** Adds non-overlapping entities between boundaries[from] and boundaries[to], nested inside. */
  private static void nest(Random random, List<Integer> boundaries, int from, int to,
      boolean inLink, int depth, List<MessageEntity> into) {
    int at = from;
    while (at < to && depth < 4) {
      int start = at + random.nextInt(to - at);
      int end = start + 1 + random.nextInt(to - start);
      if (random.nextInt(3) == 0) {
        at = end;
        continue;
      }
      int offset = boundaries.get(start);
      int length = boundaries.get(end) - offset;
      int kind = random.nextInt(inLink ? 6 : 8);
      MessageEntity entity = switch (kind) {
        case 0 -> new MessageEntityBold(offset, length);
        case 1 -> new MessageEntityItalic(offset, length);
        case 2 -> new MessageEntityStrike(offset, length);
        case 3 -> new MessageEntityUnderline(offset, length);
        case 4 -> new MessageEntitySpoiler(offset, length);
        case 5 -> new MessageEntityCode(offset, length);
        case 6 -> new MessageEntityTextUrl(offset, length, URLS[random.nextInt(URLS.length)]);
        default -> new InputMessageEntityMentionName(offset, length, new InputUserCtor(5, random.nextLong()));
      };
      if (!(into.contains(entity))) {
        into.add(entity);
        if (kind != 5) {
          nest(random, boundaries, start, end, inLink || kind >= 6, depth + 1, into);
        }
      }
      at = end;
    }
  }
}
