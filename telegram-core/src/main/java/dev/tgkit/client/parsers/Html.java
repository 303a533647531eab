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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.Range;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.ParseError;
import org.jsoup.parser.Parser;
import org.jspecify.annotations.Nullable;

/**
 * Formatting written as HTML, the way Telethon v2 reads it:
 *
 * <ul>
 *   <li>{@code <b>}, {@code <strong>}: bold; {@code <i>}, {@code <em>}: italic; {@code <u>},
 *       {@code <ins>}: underline; {@code <s>}, {@code <del>}, {@code <strike>}: strikethrough;
 *   <li>{@code <blockquote>} (with {@code expandable}: collapsed); {@code <details>}, {@code
 *       <tg-spoiler>}: spoiler;
 *   <li>{@code <code>}: inline code; {@code <pre>}: a code block, {@code <pre><code
 *       class="language-java">} one with a language;
 *   <li>{@code <a href="...">}: a link; {@code href="tg://user?id=123"} or {@code
 *       "tg://user?ref=u.123.HASH"} (a {@code PeerRef}) mentions a user;
 *   <li>{@code <img src="tg://emoji?id=123" alt="😀">}: a custom emoji, its alt text an emoji;
 *   <li>{@code <br>}: a line break. Other line breaks and spaces are kept as written.
 * </ul>
 *
 * <p>Unlike a browser, {@link #parse} refuses malformed HTML: unknown tags, tags left open or
 * closed in the wrong order, stray end tags, a bare {@code <} and character references that are
 * unknown or lack their {@code ;} fail with a {@link MarkupException} saying where. (A lone {@code
 * &} followed by a space is text.)
 */
public final class Html {

  private static final int MAX_ERRORS = 64;
  /** Far beyond any real formatting; jsoup itself stops nesting at a few hundred. */
  private static final int MAX_DEPTH = 100;
  private static final Pattern END_TAG = Pattern.compile("Unexpected EndTag token \\[</([^>\\]]*)>");
  private static final String BAD_REFERENCE = "Invalid character reference: ";
  private static final String EOF_IN_TAG = "Unexpectedly reached end of file (EOF) in input state [";
  private static final Pattern REFERENCE = Pattern.compile("&#?[A-Za-z0-9]*;?");
  private static final String ACCEPTED =
      "accepted: b, strong, i, em, u, ins, s, del, strike, blockquote, details, tg-spoiler, code,"
          + " pre, a, img, br";

  private Html() {}

  /**
   * The plain text and entities {@code html} describes, leading and trailing whitespace removed
   * as Telegram does. Mentions come out as {@link InputMessageEntityMentionName}, ready to send.
   *
   * @throws MarkupException if {@code html} is malformed or uses an unknown tag, with where
   */
  public static FormattedText parse(String html) {
    Parser parser = Parser.htmlParser().setTrackErrors(MAX_ERRORS).setTrackPosition(true);
    List<Node> nodes = parser.parseFragmentInput(html, new Document("").body(), "");
    Reader reader = new Reader(html);
    for (ParseError error : parser.getErrors()) {
      reader.parseError(error);
    }
    for (Node node : nodes) {
      reader.node(node, false);
    }
    reader.problems.sort(Comparator.comparingInt(Problem::offset));
    if (!reader.problems.isEmpty()) {
      Problem first = reader.problems.getFirst();
      throw MarkupException.at(html, first.offset(), first.message());
    }
    return reader.out.finish(true);
  }

  /** {@link #unparse(String, List)} of {@code formatted}. */
  public static String unparse(FormattedText formatted) {
    return unparse(formatted.text(), formatted.entities());
  }

  /**
   * HTML for {@code text} formatted by {@code entities}, which {@link #parse} reads back. Entities
   * Telegram detects by itself (URLs, @mentions, hashtags...) stay plain text; entities that
   * overlap are closed and reopened around each other.
   *
   * @throws IllegalArgumentException if an entity reaches outside {@code text}
   */
  public static String unparse(String text, List<? extends MessageEntity> entities) {
    Writer writer = new Writer(text);
    EntitySpans.walk(text, EntitySpans.spans(text, entities, EntitySpans::isFormatting), writer);
    return writer.out.toString();
  }

  private record Problem(int offset, String message) {}

  private static final class Reader {
    private final String html;
    private final TextBuilder out = new TextBuilder();
    private final List<Problem> problems = new ArrayList<>();
    private int depth;

    Reader(String html) {
      this.html = html;
    }

    void parseError(ParseError error) {
      int at = error.getPosition();
      String message = error.getErrorMessage();
      Matcher endTag = END_TAG.matcher(message);
      if (endTag.find()) {
        int start = html.lastIndexOf("</", Math.max(at - 1, 0));
        problems.add(new Problem(start < 0 ? at : start,
            "</" + endTag.group(1) + "> closes no open <" + endTag.group(1) + ">"));
      } else if (message.startsWith("Unexpected EOF token")) {
        // Reported, with the tag left open, by the element walk.
      } else if (message.startsWith(EOF_IN_TAG)) {
        if (message.contains("Quoted]")) {
          char quote = message.contains("singleQuoted]") ? '\'' : '"';
          int open = html.lastIndexOf(quote);
          problems.add(new Problem(open < 0 ? at : open,
              "the attribute value opened with " + quote + " is never closed"));
        } else {
          int open = html.lastIndexOf('<', Math.max(at - 1, 0));
          problems.add(new Problem(open < 0 ? at : open, "the tag is never ended with '>'"));
        }
      } else if (message.endsWith("[AttributeValue_unquoted]") && at > 0) {
        // jsoup names the character after the one it stumbled on.
        problems.add(new Problem(at - 1, "an unquoted attribute value cannot hold '" + html.charAt(at - 1)
            + "'; put the value in quotes"));
      } else if (message.startsWith(BAD_REFERENCE)) {
        int start = Math.max(html.lastIndexOf('&', Math.max(at - 1, 0)), 0);
        Matcher reference = REFERENCE.matcher(html).region(start, html.length());
        String written = reference.lookingAt() ? reference.group() : "&";
        problems.add(new Problem(start, written + " is not a valid character reference ("
            + message.substring(BAD_REFERENCE.length()) + "); write &amp; for a literal &"));
      } else if (message.contains("[TagOpen]")) {
        int start = at > 0 && html.charAt(at - 1) == '<' ? at - 1 : at;
        problems.add(new Problem(start, "'<' starts no tag; write &lt; for a literal <"));
      } else {
        problems.add(new Problem(at, "malformed HTML: " + message));
      }
    }

    void node(Node node, boolean inPre) {
      switch (node) {
        case TextNode text -> out.append(text.getWholeText());
        case Element element -> element(element, inPre);
        default -> {
          // Comments and doctypes carry no text.
        }
      }
    }

    private void element(Element element, boolean inPre) {
      String tag = element.normalName();
      Range start = element.sourceRange();
      if (!start.isTracked() || start.isImplicit()) {
        // jsoup made it up to repair the tree; the parse error it reported says where.
        children(element, inPre);
        return;
      }
      int at = start.startPos();
      if (depth == MAX_DEPTH) {
        problems.add(new Problem(at, "tags nest more than " + MAX_DEPTH + " deep"));
        return;
      }
      depth++;
      try {
        formatting(element, tag, at, inPre);
      } finally {
        depth--;
      }
    }

    private void formatting(Element element, String tag, int at, boolean inPre) {
      Range end = element.endSourceRange();
      boolean isVoid = tag.equals("img") || tag.equals("br");
      if (!isVoid && (!end.isTracked() || end.isImplicit())) {
        int closedAt = end.isTracked() ? end.startPos() : html.length();
        problems.add(new Problem(at, closedAt >= html.length()
            ? "<" + tag + "> is never closed"
            : "<" + tag + "> is not closed before " + where(closedAt)));
      }
      int from = out.length();
      TextBuilder.@Nullable Factory factory = null;
      switch (tag) {
        case "b", "strong" -> factory = MessageEntityBold::new;
        case "i", "em" -> factory = MessageEntityItalic::new;
        case "u", "ins" -> factory = MessageEntityUnderline::new;
        case "s", "del", "strike" -> factory = MessageEntityStrike::new;
        case "details", "tg-spoiler" -> factory = MessageEntitySpoiler::new;
        case "blockquote" -> {
          boolean collapsed = element.hasAttr("expandable");
          factory = (offset, length) -> new MessageEntityBlockquote(collapsed, offset, length);
        }
        case "code" -> {
          if (!inPre) {
            factory = MessageEntityCode::new;
          }
        }
        case "pre" -> {
          String language = language(element);
          factory = (offset, length) -> new MessageEntityPre(offset, length, language);
          children(element, true);
          out.entity(from, factory);
          return;
        }
        case "a" -> {
          String href = element.attr("href");
          if (href.isEmpty()) {
            problems.add(new Problem(at, "<a> needs an href"));
          } else {
            factory = guarded(at, () -> TgLinks.link(href));
          }
        }
        case "img" -> {
          String alt = element.attr("alt");
          factory = guarded(at, () -> TgLinks.emoji(element.attr("src"), alt));
          out.append(alt);
        }
        case "br" -> out.append("\n");
        default -> problems.add(new Problem(at, "unknown tag <" + tag + ">; " + ACCEPTED));
      }
      children(element, inPre);
      if (factory != null) {
        out.entity(from, factory);
      }
    }

    private void children(Element element, boolean inPre) {
      for (Node child : element.childNodes()) {
        node(child, inPre);
      }
    }

    /** The language of {@code <pre><code class="language-x">}, or empty. */
    private static String language(Element pre) {
      for (Element child : pre.children()) {
        if (child.normalName().equals("code")) {
          for (String name : child.classNames()) {
            if (name.startsWith("language-")) {
              return name.substring("language-".length());
            }
          }
        }
      }
      return "";
    }

    private TextBuilder.@Nullable Factory guarded(
        int at, Supplier<TextBuilder.Factory> factory) {
      try {
        return factory.get();
      } catch (IllegalArgumentException e) {
        problems.add(new Problem(at, e.getMessage()));
        return null;
      }
    }

    private String where(int offset) {
      MarkupException position = MarkupException.at(html, offset, "");
      return "line " + position.line() + ", column " + position.column();
    }
  }

  private static final class Writer implements EntitySpans.Sink {
    private final String text;
    private final StringBuilder out = new StringBuilder();
    /** The alt text of the custom emoji being written, if one is. */
    private @Nullable StringBuilder emoji;
    /** Whether a {@code <pre>} was just opened: HTML drops a line break right after it. */
    private boolean preOpened;

    Writer(String text) {
      this.text = text;
    }

    @Override
    public void text(int from, int to) {
      if (emoji != null) {
        emoji.append(text, from, to);
        return;
      }
      if (preOpened && text.charAt(from) == '\n') {
        out.append('\n');
      }
      preOpened = false;
      escape(text.substring(from, to), false);
    }

    @Override
    public void open(Span span) {
      if (emoji != null) {
        return;
      }
      preOpened = false;
      switch (span.entity()) {
        case MessageEntityBold e -> out.append("<strong>");
        case MessageEntityItalic e -> out.append("<em>");
        case MessageEntityUnderline e -> out.append("<u>");
        case MessageEntityStrike e -> out.append("<del>");
        case MessageEntitySpoiler e -> out.append("<details>");
        case MessageEntityBlockquote e -> out.append(e.collapsed() ? "<blockquote expandable>" : "<blockquote>");
        case MessageEntityCode e -> out.append("<code>");
        case MessageEntityPre e -> {
          if (e.language().isEmpty()) {
            out.append("<pre>");
            preOpened = true;
          } else {
            out.append("<pre><code class=\"language-");
            escape(e.language(), true);
            out.append("\">");
          }
        }
        case MessageEntityTextUrl e -> link(e.url());
        case MessageEntityMentionName e -> link(TgLinks.mention(e));
        case InputMessageEntityMentionName e -> link(Objects.requireNonNull(TgLinks.mention(e)));
        case MessageEntityCustomEmoji e -> emoji = new StringBuilder();
        default -> throw new IllegalStateException("not written: " + span.entity());
      }
    }

    @Override
    public void close(Span span) {
      if (emoji != null && !(span.entity() instanceof MessageEntityCustomEmoji)) {
        return;
      }
      preOpened = false;
      switch (span.entity()) {
        case MessageEntityBold e -> out.append("</strong>");
        case MessageEntityItalic e -> out.append("</em>");
        case MessageEntityUnderline e -> out.append("</u>");
        case MessageEntityStrike e -> out.append("</del>");
        case MessageEntitySpoiler e -> out.append("</details>");
        case MessageEntityBlockquote e -> out.append("</blockquote>");
        case MessageEntityCode e -> out.append("</code>");
        case MessageEntityPre e -> out.append(e.language().isEmpty() ? "</pre>" : "</code></pre>");
        case MessageEntityTextUrl e -> out.append("</a>");
        case MessageEntityMentionName e -> out.append("</a>");
        case InputMessageEntityMentionName e -> out.append("</a>");
        case MessageEntityCustomEmoji e -> {
          out.append("<img src=\"").append(TgLinks.emoji(e)).append("\" alt=\"");
          String alt = Objects.requireNonNull(emoji).toString();
          emoji = null;
          escape(alt, true);
          out.append("\">");
        }
        default -> throw new IllegalStateException("not written: " + span.entity());
      }
    }

    private void link(String url) {
      out.append("<a href=\"");
      escape(url, true);
      out.append("\">");
    }

    private void escape(String chars, boolean attribute) {
      for (int i = 0; i < chars.length(); i++) {
        char c = chars.charAt(i);
        switch (c) {
          case '&' -> out.append("&amp;");
          case '<' -> out.append("&lt;");
          case '>' -> out.append("&gt;");
          case '"' -> out.append(attribute ? "&quot;" : "\"");
          // HTML reads a bare carriage return as a line break.
          case '\r' -> out.append("&#13;");
          default -> out.append(c);
        }
      }
    }
  }
}
