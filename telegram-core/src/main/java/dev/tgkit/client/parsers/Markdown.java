package dev.tgkit.client.parsers;

import dev.tgkit.client.parsers.EntitySpans.Span;
import dev.tgkit.tl.api.InputMessageEntityMentionName;
import dev.tgkit.tl.api.MessageEntity;
import dev.tgkit.tl.api.MessageEntityBlockquote;
import dev.tgkit.tl.api.MessageEntityBold;
import dev.tgkit.tl.api.MessageEntityCode;
import dev.tgkit.tl.api.MessageEntityCustomEmoji;
import dev.tgkit.tl.api.MessageEntityItalic;
import dev.tgkit.tl.api.MessageEntityMentionName;
import dev.tgkit.tl.api.MessageEntityPre;
import dev.tgkit.tl.api.MessageEntitySpoiler;
import dev.tgkit.tl.api.MessageEntityStrike;
import dev.tgkit.tl.api.MessageEntityTextUrl;
import dev.tgkit.tl.api.MessageEntityUnderline;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.strikethrough.Strikethrough;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.node.Block;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.jspecify.annotations.Nullable;

/**
 * Formatting written as <a href="https://commonmark.org">CommonMark</a>, the way Telethon v2 reads
 * it:
 *
 * <ul>
 *   <li>{@code *italic*}, {@code _italic_}, {@code **bold**}, {@code __bold__}, {@code
 *       ~~strikethrough~~}, {@code `code`};
 *   <li>{@code # headings}: underlined;
 *   <li>{@code > quotes}: block quotes;
 *   <li>fenced code blocks, with their language: {@code ```java};
 *   <li>{@code [text](https://example.com)}: a link; {@code [text](tg://user?id=123)} or {@code
 *       [text](tg://user?ref=u.123.HASH)} (a {@code PeerRef}) mentions a user;
 *   <li>{@code ![😀](tg://emoji?id=123)}: a custom emoji, its alt text an emoji;
 *   <li>what Markdown has no syntax for, as inline HTML tags: {@code <u>}, {@code <tg-spoiler>},
 *       and {@code <b>}, {@code <i>}, {@code <s>}, {@code <code>} where delimiters cannot work.
 * </ul>
 *
 * <p>Line breaks are kept: a line break is a line break, blank lines between paragraphs become as
 * many empty lines of text, except that the blank line Markdown needs to end a quote is not text.
 * List markers stay text. Other HTML stays text too.
 */
public final class Markdown {

  private static final Parser PARSER =
      Parser.builder()
          .extensions(List.of(StrikethroughExtension.builder().requireTwoTildes(true).build()))
          .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES)
          .build();

  private static final Pattern TAG = Pattern.compile("<(/?)([A-Za-z][A-Za-z0-9-]*)\\s*>");
  private static final Pattern ENTITY_LIKE =
      Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});");

  private Markdown() {}

  /**
   * The plain text and entities {@code markdown} describes. Mentions come out as {@link
   * InputMessageEntityMentionName}, ready to send.
   *
   * @throws MarkupException if a link, image or inline HTML tag is not one Telegram can carry,
   *     with where
   */
  public static FormattedText parse(String markdown) {
    Reader reader = new Reader();
    reader.block(PARSER.parse(markdown));
    if (!reader.tags.isEmpty()) {
      OpenTag tag = reader.tags.peek();
      throw new MarkupException(tag.line(), tag.column(), "<" + tag.name() + "> is never closed");
    }
    return reader.out.finish(false);
  }

  /** {@link #unparse(String, List)} of {@code formatted}. */
  public static String unparse(FormattedText formatted) {
    return unparse(formatted.text(), formatted.entities());
  }

  /**
   * Markdown for {@code text} formatted by {@code entities}, which {@link #parse} reads back as the
   * same text and entities. Markup characters in the text are escaped; spaces and line breaks that
   * Markdown would drop are written as character references ({@code &#32;}, {@code &#10;}).
   * Emphasis uses {@code **}, {@code *} and {@code ~~} where CommonMark's rules read them back, and
   * {@code <b>}, {@code <i>}, {@code <s>} tags where they would not (mid-word next to other
   * entities, content starting with a space...).
   *
   * <p>Entities Telegram detects by itself (URLs, @mentions, hashtags...) stay plain text.
   * Overlapping entities come back split, nested. What Markdown cannot say is simplified: a quote
   * that does not cover whole lines, or starts inside another entity, is left out, and a collapsed
   * (expandable) quote is written as an ordinary one; a code block that
   * does not cover whole lines (or holds a carriage return) is written as inline code; entities
   * inside code or a custom emoji are left out.
   *
   * @throws IllegalArgumentException if an entity reaches outside {@code text}
   */
  public static String unparse(String text, List<? extends MessageEntity> entities) {
    List<Span> spans = EntitySpans.spans(text, entities, EntitySpans::isFormatting);
    Writer writer = new Writer(text, spans);
    EntitySpans.walk(text, spans, writer);
    return writer.finish();
  }

  /** The entity an inline HTML tag stands for, or null for one that stays text. */
  private static TextBuilder.@Nullable Factory tagEntity(String name) {
    return switch (name) {
      case "b", "strong" -> MessageEntityBold::new;
      case "i", "em" -> MessageEntityItalic::new;
      case "u", "ins" -> MessageEntityUnderline::new;
      case "s", "del", "strike" -> MessageEntityStrike::new;
      case "tg-spoiler" -> MessageEntitySpoiler::new;
      case "code" -> MessageEntityCode::new;
      default -> null;
    };
  }

  private record OpenTag(String name, int from, int line, int column, TextBuilder.Factory factory) {}

  private static final class Reader {
    private final TextBuilder out = new TextBuilder();
    private final Deque<OpenTag> tags = new ArrayDeque<>();
    /** The last source line of the block before, or -1. */
    private int lastLine = -1;
    /** Whether a separator is owed before the next block's text. */
    private boolean separate;
    /** Whether a quote ended since the last block: its closing blank line is not text. */
    private boolean afterQuote;

    void block(Node node) {
      switch (node) {
        case BlockQuote quote -> {
          int from = begin(quote);
          children(quote);
          out.entity(from, (offset, length) -> new MessageEntityBlockquote(false, offset, length));
          end(quote);
          afterQuote = true;
        }
        case ListBlock list -> {
          int number = list instanceof OrderedList ordered ? ordered.getMarkerStartNumber() : 0;
          for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            begin(item);
            out.append(switch (list) {
              case OrderedList ordered -> (number++) + ordered.getMarkerDelimiter() + " ";
              case BulletList bullet -> bullet.getMarker() + " ";
              default -> "";
            });
            children(item);
            end(item);
          }
        }
        case Paragraph paragraph -> {
          begin(paragraph);
          inlines(paragraph);
          end(paragraph);
        }
        case Heading heading -> {
          int from = begin(heading);
          inlines(heading);
          out.entity(from, MessageEntityUnderline::new);
          end(heading);
        }
        case FencedCodeBlock fenced -> {
          String info = fenced.getInfo() == null ? "" : fenced.getInfo().strip();
          String language = info.split("\\s", 2)[0];
          code(fenced, fenced.getLiteral(), language);
        }
        case IndentedCodeBlock indented -> code(indented, indented.getLiteral(), "");
        case HtmlBlock html -> {
          begin(html);
          out.append(html.getLiteral().stripTrailing());
          end(html);
        }
        case ThematicBreak rule -> {
          begin(rule);
          out.append(rule.getLiteral() == null ? "---" : rule.getLiteral().strip());
          end(rule);
        }
        case LinkReferenceDefinition definition -> {
          // Consumed by the links that use it.
        }
        default -> children(node);
      }
    }

    private void children(Node node) {
      for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
        block(child);
      }
    }

    private void code(Block block, String literal, String language) {
      int from = begin(block);
      // The block's last line break ends the block, it is not code.
      out.append(literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal);
      out.entity(from, (offset, length) -> new MessageEntityPre(offset, length, language));
      end(block);
    }

    /**
     * Separates a block from the one before as the source does: a line break per source line
     * between them. Returns where the block's text starts.
     */
    private int begin(Node block) {
      int line = firstLine(block);
      if (separate && !out.isEmpty()) {
        int breaks = Math.max(1, line - lastLine - (afterQuote ? 1 : 0));
        out.append("\n".repeat(breaks));
      }
      separate = false;
      afterQuote = false;
      return out.length();
    }

    private void end(Node block) {
      List<SourceSpan> spans = block.getSourceSpans();
      lastLine = spans.isEmpty() ? lastLine : spans.getLast().getLineIndex();
      separate = true;
    }

    private int firstLine(Node node) {
      List<SourceSpan> spans = node.getSourceSpans();
      return spans.isEmpty() ? lastLine + 1 : spans.getFirst().getLineIndex();
    }

    private void inlines(Node parent) {
      for (Node node = parent.getFirstChild(); node != null; node = node.getNext()) {
        inline(node);
      }
    }

    private void inline(Node node) {
      int from = out.length();
      switch (node) {
        case Text text -> out.append(text.getLiteral());
        case Code code -> {
          out.append(code.getLiteral());
          out.entity(from, MessageEntityCode::new);
        }
        case Emphasis emphasis -> {
          inlines(emphasis);
          out.entity(from, MessageEntityItalic::new);
        }
        case StrongEmphasis strong -> {
          inlines(strong);
          out.entity(from, MessageEntityBold::new);
        }
        case Strikethrough strike -> {
          inlines(strike);
          out.entity(from, MessageEntityStrike::new);
        }
        case Link link -> {
          TextBuilder.Factory factory = guarded(link, () -> TgLinks.link(link.getDestination()));
          inlines(link);
          out.entity(from, factory);
        }
        case Image image -> {
          StringBuilder alt = new StringBuilder();
          plain(image, alt);
          String altText = alt.toString();
          TextBuilder.Factory factory =
              guarded(image, () -> TgLinks.emoji(image.getDestination(), altText));
          out.append(altText);
          out.entity(from, factory);
        }
        case SoftLineBreak soft -> out.append("\n");
        case HardLineBreak hard -> out.append("\n");
        case HtmlInline html -> tag(html);
        default -> inlines(node);
      }
    }

    private void tag(HtmlInline html) {
      Matcher matcher = TAG.matcher(html.getLiteral());
      boolean isTag = matcher.matches();
      String name = isTag ? matcher.group(2).toLowerCase(Locale.ROOT) : "";
      TextBuilder.@Nullable Factory factory = isTag ? tagEntity(name) : null;
      if (factory == null) {
        out.append(html.getLiteral());
        return;
      }
      SourceSpan at = html.getSourceSpans().getFirst();
      if (matcher.group(1).isEmpty()) {
        tags.push(new OpenTag(name, out.length(), at.getLineIndex() + 1, at.getColumnIndex() + 1, factory));
        return;
      }
      OpenTag open = tags.peek();
      if (open == null) {
        throw new MarkupException(at.getLineIndex() + 1, at.getColumnIndex() + 1,
            "</" + name + "> closes no open <" + name + ">");
      }
      if (!open.name().equals(name)) {
        throw new MarkupException(at.getLineIndex() + 1, at.getColumnIndex() + 1,
            "</" + name + "> closes <" + open.name() + "> opened at line " + open.line()
                + ", column " + open.column());
      }
      tags.pop();
      out.entity(open.from(), open.factory());
    }

    private static void plain(Node node, StringBuilder into) {
      for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
        if (child instanceof Text text) {
          into.append(text.getLiteral());
        } else if (child instanceof Code code) {
          into.append(code.getLiteral());
        } else {
          plain(child, into);
        }
      }
    }

    private static TextBuilder.Factory guarded(
        Node node, Supplier<TextBuilder.Factory> factory) {
      try {
        return factory.get();
      } catch (IllegalArgumentException e) {
        SourceSpan at = node.getSourceSpans().getFirst();
        throw new MarkupException(at.getLineIndex() + 1, at.getColumnIndex() + 1, e.getMessage());
      }
    }
  }

  /** How one entity is written. */
  private enum Style {
    /** {@code **}, {@code *}, {@code ~~}. */
    DELIMITER,
    /** An inline HTML tag. */
    TAG,
    /** {@code [text](url)}, or {@code ![emoji](url)}. */
    LINK,
    /** {@code `code`}, its content verbatim. */
    CODE_SPAN,
    /** A fenced block. */
    FENCE,
    /** {@code > } before every line. */
    QUOTE,
    /** Left out. */
    NONE
  }

  private static final class Writer implements EntitySpans.Sink {
    private final String text;
    private final Map<Span, Style> styles = new IdentityHashMap<>();
    private final StringBuilder out = new StringBuilder();
    private final Deque<Span> quoteSpans = new ArrayDeque<>();
    private int inline;
    private boolean lineStart = true;
    /** Where the last character of text was written, if it was a space or tab. */
    private int trailingSpaceAt = -1;
    private boolean quoteClosed;
    /** Whether the current line has text, not only markup. */
    private boolean lineHasText;
    /** The verbatim content of the code span or block being written, if one is. */
    private @Nullable StringBuilder verbatim;
    private @Nullable Span verbatimSpan;
    /** The custom emoji being written, if one is: other entities inside it are left out. */
    private @Nullable Span emoji;

    Writer(String text, List<Span> spans) {
      this.text = text;
      for (Span span : spans) {
        styles.put(span, style(span, spans));
      }
    }

    private Style style(Span span, List<Span> spans) {
      return switch (span.entity()) {
        case MessageEntityBold e -> inlineStyle(span, spans);
        case MessageEntityItalic e -> inlineStyle(span, spans);
        case MessageEntityStrike e -> inlineStyle(span, spans);
        case MessageEntityUnderline e -> Style.TAG;
        case MessageEntitySpoiler e -> Style.TAG;
        case MessageEntityCode e -> codeStyle(span, spans);
        case MessageEntityPre e -> wholeLines(span) && !startsAt(span.end(), spans)
            && text.substring(span.start(), span.end()).indexOf('\r') < 0
            ? Style.FENCE : codeStyle(span, spans);
        case MessageEntityBlockquote e -> wholeLines(span) ? Style.QUOTE : Style.NONE;
        default -> Style.LINK;
      };
    }

    /**
     * Backticks unless the code has a line break (a code span turns it into a space) or follows
     * other code (the backticks would run together); then a tag.
     */
    private Style codeStyle(Span span, List<Span> spans) {
      String code = text.substring(span.start(), span.end());
      if (code.indexOf('\n') >= 0 || code.indexOf('\r') >= 0) {
        return Style.TAG;
      }
      for (Span other : spans) {
        boolean isCode = other.entity() instanceof MessageEntityCode
            || other.entity() instanceof MessageEntityPre;
        if (other != span && isCode && other.end() == span.start()) {
          return Style.TAG;
        }
      }
      return Style.CODE_SPAN;
    }

    /** Whether an entity that writes markup starts at {@code at}: a fence's line must end there. */
    private static boolean startsAt(int at, List<Span> spans) {
      for (Span other : spans) {
        if (other.start() == at && !(other.entity() instanceof MessageEntityBlockquote)) {
          return true;
        }
      }
      return false;
    }

    private boolean wholeLines(Span span) {
      return (span.start() == 0 || text.charAt(span.start() - 1) == '\n')
          && (span.end() == text.length() || text.charAt(span.end()) == '\n');
    }

    /**
     * Delimiters only where CommonMark's flanking rules surely read them back: the content starts
     * and ends with a non-space, and at each end either the outside is a space or punctuation, or
     * both sides are word characters and no other entity begins or ends there. Else a tag.
     */
    private Style inlineStyle(Span span, List<Span> spans) {
      int start = span.start();
      int end = span.end();
      if (isSpace(text.codePointAt(start)) || isSpace(text.codePointBefore(end))) {
        return Style.TAG;
      }
      for (Span other : spans) {
        if (other == span) {
          continue;
        }
        boolean split = other.start() < start && start < other.end() && other.end() < end;
        if (split || delimitersMerge(span, other)) {
          return Style.TAG;
        }
      }
      boolean startOk = start == 0 || !isWord(text.codePointBefore(start))
          || (isWord(text.codePointAt(start)) && !boundaryOfOther(start, span, spans));
      boolean endOk = end == text.length() || !isWord(text.codePointAt(end))
          || (isWord(text.codePointBefore(end)) && !boundaryOfOther(end, span, spans));
      return startOk && endOk ? Style.DELIMITER : Style.TAG;
    }

    /**
     * Whether the delimiters of two entities would run together into one that reads differently:
     * {@code ****} is not two bolds, {@code **} not two italics, a bold in a bold closes the
     * outer one; {@code ***} is bold and italic only when both cover the same text.
     */
    private static boolean delimitersMerge(Span span, Span other) {
      Class<?> type = span.entity().getClass();
      Class<?> otherType = other.entity().getClass();
      if (type == otherType && other.start() <= span.end() && span.start() <= other.end()) {
        return true; // inside one another, or touching: the inner opener would close the outer
      }
      boolean touch = other.start() == span.start() || other.end() == span.end()
          || other.start() == span.end() || other.end() == span.start();
      if (!touch) {
        return false;
      }
      boolean asterisks = type != MessageEntityStrike.class && otherType != MessageEntityStrike.class
          && (otherType == MessageEntityBold.class || otherType == MessageEntityItalic.class);
      boolean sameText = other.start() == span.start() && other.end() == span.end();
      return asterisks && !sameText;
    }

    private static boolean boundaryOfOther(int at, Span span, List<Span> spans) {
      for (Span other : spans) {
        if (other != span && (other.start() == at || other.end() == at)) {
          return true;
        }
      }
      return false;
    }

    /** CommonMark's Unicode white space: space separators (no-break space too) and controls. */
    private static boolean isSpace(int cp) {
      return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
    }

    /** Neither white space nor punctuation, as CommonMark's flanking rules see characters. */
    private static boolean isWord(int cp) {
      if (isSpace(cp)) {
        return false;
      }
      return switch (Character.getType(cp)) {
        case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION,
            Character.START_PUNCTUATION, Character.END_PUNCTUATION,
            Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
            Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
            Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> false;
        default -> true;
      };
    }

    @Override
    public void text(int from, int to) {
      if (verbatim != null) {
        verbatim.append(text, from, to);
        return;
      }
      for (int i = from; i < to; i++) {
        char c = text.charAt(i);
        if (c == '\n') {
          int run = 1;
          while (i + run < to && text.charAt(i + run) == '\n') {
            run++;
          }
          Span quote = quoteSpans.peek();
          boolean quoteEdge = quote != null && (i == quote.start() || i + run == quote.end());
          newlines(run, i == 0 || i + run == text.length() || quoteEdge);
          i += run - 1;
        } else {
          i = character(i, c, to);
        }
        quoteClosed = false;
      }
    }

    private void newlines(int run, boolean atTextEdge) {
      if (atTextEdge) {
        // Markdown drops blank lines at either end of a document or quote; a reference keeps them.
        out.append("&#10;".repeat(run));
        lineStart = false;
        lineHasText = true;
        trailingSpaceAt = -1;
        return;
      }
      if (trailingSpaceAt == out.length() - 1) {
        // Markdown drops spaces at the end of a line.
        replaceTrailingSpace();
      }
      int raw = run;
      String encoded = "";
      if (inline > 0 && !lineHasText) {
        // A line of nothing but a tag would be an HTML block.
        raw = 0;
        encoded = "&#10;".repeat(run);
      } else if (inline > 0 && run > 1) {
        // A blank line would end the paragraph, and with it the open entities.
        raw = 1;
        encoded = "&#10;".repeat(run - 1);
      } else if (quoteClosed) {
        // The blank line that ends the quote before this text is not text.
        raw = run + 1;
      }
      for (int n = 0; n < raw; n++) {
        out.append('\n').append("> ".repeat(quoteSpans.size()));
      }
      out.append(encoded);
      lineStart = encoded.isEmpty();
      lineHasText = !encoded.isEmpty() || raw == 0;
      trailingSpaceAt = -1;
    }

    private void replaceTrailingSpace() {
      char space = out.charAt(trailingSpaceAt);
      out.setLength(trailingSpaceAt);
      out.append(space == '\t' ? "&#9;" : "&#32;");
      trailingSpaceAt = -1;
    }

    /** Writes the character at {@code i}; returns the index of the last one written. */
    private int character(int i, char c, int to) {
      boolean atLineStart = lineStart;
      lineHasText = true;
      lineStart = false;
      trailingSpaceAt = -1;
      if (c == ' ' || c == '\t') {
        if (atLineStart) {
          // Markdown drops spaces at the start of a line.
          out.append(c == '\t' ? "&#9;" : "&#32;");
        } else {
          trailingSpaceAt = out.length();
          out.append(c);
        }
        return i;
      }
      switch (c) {
        case '\\', '*', '_', '~', '`', '[', ']', '<', '>' -> out.append('\\').append(c);
        case '\r' -> out.append("&#13;");
        case '&' -> {
          Matcher entity = ENTITY_LIKE.matcher(text).region(i, text.length());
          out.append(entity.lookingAt() ? "\\&" : "&");
        }
        case '#', '-', '+', '=' -> out.append(atLineStart ? "\\" : "").append(c);
        default -> {
          out.append(c);
          if (atLineStart && c >= '0' && c <= '9') {
            return orderedListMarker(i, to);
          }
        }
      }
      return i;
    }

    /**
     * Digits at the start of a line followed by {@code .} or {@code )} would start a list: the
     * marker is escaped. Returns the index of the last character written.
     */
    private int orderedListMarker(int first, int to) {
      int i = first + 1;
      while (i < to && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
        i++;
      }
      if (i < to && (text.charAt(i) == '.' || text.charAt(i) == ')')) {
        out.append(text, first + 1, i).append('\\').append(text.charAt(i));
        return i;
      }
      return first;
    }

    @Override
    public void open(Span span) {
      Style style = Objects.requireNonNull(styles.get(span));
      if (verbatim != null || emoji != null || style == Style.NONE) {
        return;
      }
      switch (style) {
        case QUOTE -> {
          if (inline > 0 || !lineStart) {
            // Inside a paragraph's entity a quote cannot start; its text stays.
            styles.put(span, Style.NONE);
            return;
          }
          quoteSpans.push(span);
          out.append("> ");
          lineStart = true;
          return;
        }
        case FENCE, CODE_SPAN -> {
          if (style == Style.FENCE && (inline > 0 || !lineStart)) {
            style = text.substring(span.start(), span.end()).contains("\n")
                ? Style.TAG : Style.CODE_SPAN;
            styles.put(span, style);
          }
          if (style != Style.TAG) {
            verbatim = new StringBuilder();
            verbatimSpan = span;
            return;
          }
        }
        default -> {}
      }
      lineStart = false;
      trailingSpaceAt = -1;
      inline++;
      switch (span.entity()) {
        case MessageEntityBold e -> out.append(style == Style.DELIMITER ? "**" : "<b>");
        case MessageEntityItalic e -> out.append(style == Style.DELIMITER ? "*" : "<i>");
        case MessageEntityStrike e -> out.append(style == Style.DELIMITER ? "~~" : "<s>");
        case MessageEntityUnderline e -> out.append("<u>");
        case MessageEntitySpoiler e -> out.append("<tg-spoiler>");
        case MessageEntityCode e -> out.append("<code>");
        case MessageEntityPre e -> out.append("<code>");
        case MessageEntityCustomEmoji e -> {
          out.append("![");
          emoji = span;
        }
        default -> {
          if (!out.isEmpty() && out.charAt(out.length() - 1) == '!') {
            // "![" would make the link an image.
            out.insert(out.length() - 1, '\\');
          }
          out.append('[');
        }
      }
    }

    @Override
    public void close(Span span) {
      Style style = Objects.requireNonNull(styles.get(span));
      if (verbatim != null) {
        if (span == verbatimSpan) {
          writeVerbatim(span, style, verbatim.toString());
          verbatim = null;
          verbatimSpan = null;
        }
        return;
      }
      if ((emoji != null && span != emoji) || style == Style.NONE) {
        return;
      }
      if (style == Style.QUOTE) {
        quoteSpans.pop();
        quoteClosed = true;
        return;
      }
      lineStart = false;
      trailingSpaceAt = -1;
      inline--;
      switch (span.entity()) {
        case MessageEntityBold e -> out.append(style == Style.DELIMITER ? "**" : "</b>");
        case MessageEntityItalic e -> out.append(style == Style.DELIMITER ? "*" : "</i>");
        case MessageEntityStrike e -> out.append(style == Style.DELIMITER ? "~~" : "</s>");
        case MessageEntityUnderline e -> out.append("</u>");
        case MessageEntitySpoiler e -> out.append("</tg-spoiler>");
        case MessageEntityCode e -> out.append("</code>");
        case MessageEntityPre e -> out.append("</code>");
        case MessageEntityCustomEmoji e -> {
          destination(TgLinks.emoji(e));
          emoji = null;
        }
        case MessageEntityTextUrl e -> destination(e.url());
        case MessageEntityMentionName e -> destination(TgLinks.mention(e));
        case InputMessageEntityMentionName e -> destination(Objects.requireNonNull(TgLinks.mention(e)));
        default -> throw new IllegalStateException("not written: " + span.entity());
      }
    }

    private void writeVerbatim(Span span, Style style, String content) {
      lineStart = false;
      lineHasText = true;
      trailingSpaceAt = -1;
      if (style == Style.FENCE && span.entity() instanceof MessageEntityPre pre) {
        String prefix = "> ".repeat(quoteSpans.size());
        char fenceChar = pre.language().contains("`") ? '~' : '`';
        String fence = String.valueOf(fenceChar).repeat(Math.max(3, longestRun(content, fenceChar) + 1));
        out.append(fence).append(pre.language()).append('\n').append(prefix);
        out.append(content.replace("\n", "\n" + prefix));
        out.append('\n').append(prefix).append(fence);
        return;
      }
      String fence = "`".repeat(longestRun(content, '`') + 1);
      boolean pad = content.startsWith("`") || content.endsWith("`")
          || (content.startsWith(" ") && content.endsWith(" ") && !content.isBlank());
      out.append(fence).append(pad ? " " : "").append(content).append(pad ? " " : "").append(fence);
    }

    private static int longestRun(String content, char c) {
      int longest = 0;
      int run = 0;
      for (int i = 0; i < content.length(); i++) {
        run = content.charAt(i) == c ? run + 1 : 0;
        longest = Math.max(longest, run);
      }
      return longest;
    }

    private void destination(String url) {
      boolean plain = !url.isEmpty();
      for (int i = 0; i < url.length() && plain; i++) {
        char c = url.charAt(i);
        plain = c > ' ' && c != 0x7f && "<>()\\&".indexOf(c) < 0;
      }
      if (plain) {
        out.append("](").append(url).append(')');
        return;
      }
      out.append("](<");
      for (int i = 0; i < url.length(); i++) {
        char c = url.charAt(i);
        if ("<>\\&".indexOf(c) >= 0) {
          out.append('\\');
        }
        out.append(c);
      }
      out.append(">)");
    }

    String finish() {
      if (trailingSpaceAt == out.length() - 1 && trailingSpaceAt >= 0) {
        replaceTrailingSpace();
      }
      return out.toString();
    }
  }
}
