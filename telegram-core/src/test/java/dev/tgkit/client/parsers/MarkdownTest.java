package dev.tgkit.client.parsers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.session.PeerRef;
import dev.tgkit.tl.api.InputMessageEntityMentionName;
import dev.tgkit.tl.api.InputUserCtor;
import dev.tgkit.tl.api.InputUserSelf;
import dev.tgkit.tl.api.MessageEntity;
import dev.tgkit.tl.api.MessageEntityBlockquote;
import dev.tgkit.tl.api.MessageEntityBold;
import dev.tgkit.tl.api.MessageEntityCode;
import dev.tgkit.tl.api.MessageEntityCustomEmoji;
import dev.tgkit.tl.api.MessageEntityHashtag;
import dev.tgkit.tl.api.MessageEntityItalic;
import dev.tgkit.tl.api.MessageEntityMentionName;
import dev.tgkit.tl.api.MessageEntityPre;
import dev.tgkit.tl.api.MessageEntitySpoiler;
import dev.tgkit.tl.api.MessageEntityStrike;
import dev.tgkit.tl.api.MessageEntityTextUrl;
import dev.tgkit.tl.api.MessageEntityUnderline;
import dev.tgkit.tl.api.MessageEntityUrl;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class MarkdownTest {

  static final String REF = new PeerRef.UserRef(123, 0x1122334455667788L).toString();
  static final InputUserCtor WITH_HASH = new InputUserCtor(123, 0x1122334455667788L);

  static Stream<Arguments> syntax() {
    return Stream.of(
        Arguments.of("*italic* and _italic_", "italic and italic",
            List.of(new MessageEntityItalic(0, 6), new MessageEntityItalic(11, 6))),
        Arguments.of("**bold** __bold__", "bold bold",
            List.of(new MessageEntityBold(0, 4), new MessageEntityBold(5, 4))),
        Arguments.of("# Title\ntext", "Title\ntext", List.of(new MessageEntityUnderline(0, 5))),
        Arguments.of("~~gone~~ ~kept~", "gone ~kept~", List.of(new MessageEntityStrike(0, 4))),
        Arguments.of("[site](https://example.com/a?b=c)", "site",
            List.of(new MessageEntityTextUrl(0, 4, "https://example.com/a?b=c"))),
        Arguments.of("hi [Bob](tg://user?id=123)!", "hi Bob!",
            List.of(new InputMessageEntityMentionName(3, 3, new InputUserCtor(123, 0)))),
        Arguments.of("[Bob](tg://user?ref=" + REF + ")", "Bob",
            List.of(new InputMessageEntityMentionName(0, 3, WITH_HASH))),
        Arguments.of("[me](tg://user?ref=u.0)", "me",
            List.of(new InputMessageEntityMentionName(0, 2, new InputUserSelf()))),
        Arguments.of("![👍](tg://emoji?id=5368324170671202286)", "👍",
            List.of(new MessageEntityCustomEmoji(0, 2, 5368324170671202286L))),
        Arguments.of("`a*b`", "a*b", List.of(new MessageEntityCode(0, 3))),
        Arguments.of("Look:\n```java\nint x;\n\nx++;\n```\ndone", "Look:\nint x;\n\nx++;\ndone",
            List.of(new MessageEntityPre(6, 12, "java"))),
        Arguments.of("> quoted\n> twice\n\nreply", "quoted\ntwice\nreply",
            List.of(new MessageEntityBlockquote(false, 0, 12))),
        Arguments.of("👍🏽 **𝔘𝔫𝔦𝔠𝔬𝔡𝔢** 日本", "👍🏽 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 日本",
            List.of(new MessageEntityBold(5, 14))),
        Arguments.of("***both***", "both",
            List.of(new MessageEntityBold(0, 4), new MessageEntityItalic(0, 4))),
        Arguments.of("one\ntwo\n\nthree\n\n\nfour", "one\ntwo\n\nthree\n\n\nfour", List.of()),
        Arguments.of("line  \nbreak", "line\nbreak", List.of()),
        Arguments.of("<u>under</u>lined <tg-spoiler>secret</tg-spoiler> <span>x</span>",
            "underlined secret <span>x</span>",
            List.of(new MessageEntityUnderline(0, 5), new MessageEntitySpoiler(11, 6))),
        Arguments.of("- one\n- two\n\n3. three", "- one\n- two\n\n3. three", List.of()),
        Arguments.of("", "", List.of()));
  }

  @ParameterizedTest
  @MethodSource("syntax")
  void parsesEachSyntaxIntoTextAndEntitiesAtUtf16Offsets(
      String markdown, String text, List<MessageEntity> entities) {
    assertThat(Markdown.parse(markdown)).isEqualTo(new FormattedText(text, entities));
  }

  static Stream<Arguments> formatted() {
    return Stream.of(
        ft("plain"),
        ft(""),
        ft("bold italic", new MessageEntityBold(0, 4), new MessageEntityItalic(5, 6)),
        ft("adjacent", new MessageEntityBold(0, 3), new MessageEntityItalic(3, 5)),
        ft("abc", new MessageEntityBold(0, 1), new MessageEntityBold(1, 1), new MessageEntityBold(2, 1)),
        ft("mid-word: unbelievable", new MessageEntityItalic(12, 7)),
        ft("link bold italic",
            new MessageEntityTextUrl(0, 16, "https://example.com/x_(y)"),
            new MessageEntityItalic(5, 11), new MessageEntityBold(5, 4)),
        ft("👍🏽 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 日本語", new MessageEntityBold(0, 4), new MessageEntityItalic(5, 14),
            new MessageEntityUnderline(20, 3)),
        ft("𝔘", new MessageEntityStrike(0, 2)),
        ft("hi Bob", new InputMessageEntityMentionName(3, 3, new InputUserCtor(123, 0))),
        ft("hi Bob", new InputMessageEntityMentionName(3, 3, WITH_HASH)),
        ft("nice 👍 one", new MessageEntityCustomEmoji(5, 2, -42)),
        ft("run `ls` *now*", new MessageEntityCode(4, 4)),
        ft("code ``x`` ", new MessageEntityCode(5, 5)),
        ft("multi\nline code", new MessageEntityCode(0, 15)),
        ft("Look:\nint x;\n\n  x++;\ndone", new MessageEntityPre(6, 14, "java")),
        ft("```\nfenced\n```", new MessageEntityPre(0, 14, "")),
        ft("quoted\ntwice\nreply", new MessageEntityBlockquote(false, 0, 12)),
        ft("a\nquoted\nb\n\nc", new MessageEntityBlockquote(false, 2, 6), new MessageEntityBold(7, 1)),
        ft("2 * 3 = 6, a_b, [x](y), <tag>, ~~no~~ `no` \\ &amp; !"),
        ft("# not heading\n- not list\n+ no\n1. not list\n2) no\n> not quote\n===\n    not code"),
        ft("  leading\ntrailing  \n \n\t\ttabs\t"),
        ft("\n\nblank edges\n\n"),
        ft("a\n\n\n\nb"),
        ft("bold\n\nacross paragraphs", new MessageEntityBold(0, 23)),
        ft(" spaced ", new MessageEntityBold(0, 8)),
        ft("under\nline", new MessageEntityUnderline(0, 10), new MessageEntitySpoiler(3, 5)),
        ft("x", new MessageEntityBold(0, 1), new MessageEntityItalic(0, 1),
            new MessageEntityStrike(0, 1), new MessageEntityUnderline(0, 1),
            new MessageEntitySpoiler(0, 1)),
        ft("\"quoted\" and (parens)", new MessageEntityBold(0, 8), new MessageEntityItalic(13, 8)));
  }

  static Arguments ft(String text, MessageEntity... entities) {
    List<MessageEntity> sorted = new java.util.ArrayList<>(List.of(entities));
    sorted.sort(EntitySpans.CANONICAL);
    return Arguments.of(new FormattedText(text, sorted));
  }

  @ParameterizedTest
  @MethodSource("formatted")
  void unparsedTextParsesBackToTheSameTextAndEntities(FormattedText formatted) {
    String markdown = Markdown.unparse(formatted);
    assertThat(Markdown.parse(markdown)).as(markdown).isEqualTo(formatted);
  }

  static Stream<String> markdownSources() {
    return Stream.of(
        "**bold** *italic* ~~strike~~ `code`",
        "*italic **bold in italic [link](https://example.com) end** end*",
        "# Heading\n\nParagraph with 👍🏽 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢, 中文字符.\nSecond line.",
        "[Bob](tg://user?id=42) and [Ann](tg://user?ref=" + REF + ")",
        "custom ![😀](tg://emoji?id=1234567890) emoji",
        "> quote with **bold**\n> and more\n\nafter",
        "```python\nprint('hi')\n```\n\ntext after",
        "1. first\n2. second",
        "a\\*b\\* &amp; \\<not html\\>");
  }

  @ParameterizedTest
  @MethodSource("markdownSources")
  void markdownRoundTripsThroughTextAndEntities(String markdown) {
    FormattedText parsed = Markdown.parse(markdown);
    String again = Markdown.unparse(parsed);
    assertThat(Markdown.parse(again)).as(again).isEqualTo(parsed);
  }

  @Test
  void unparseWritesReadableMarkdown() {
    assertThat(Markdown.unparse("bold and italic, a_b",
        List.of(new MessageEntityBold(0, 4), new MessageEntityItalic(9, 6))))
        .isEqualTo("**bold** and *italic*, a\\_b");
    assertThat(Markdown.unparse("code\nhere",
        List.of(new MessageEntityPre(0, 9, "java"))))
        .isEqualTo("```java\ncode\nhere\n```");
    assertThat(Markdown.unparse("quote\nreply", List.of(new MessageEntityBlockquote(false, 0, 5))))
        .isEqualTo("> quote\n\nreply");
  }

  @Test
  void overlappingEntitiesAreClosedAndReopenedSoTheyNest() {
    String markdown = Markdown.unparse("overlap here",
        List.of(new MessageEntityBold(0, 7), new MessageEntityItalic(3, 9)));
    assertThat(Markdown.parse(markdown).entities()).containsExactly(
        new MessageEntityBold(0, 7), new MessageEntityItalic(3, 4), new MessageEntityItalic(7, 5));
  }

  @Test
  void aCodeBlockInsideALineIsWrittenAsInlineCode() {
    String markdown = Markdown.unparse("inline pre here", List.of(new MessageEntityPre(7, 3, "c")));
    assertThat(markdown).isEqualTo("inline `pre` here");
    assertThat(Markdown.parse(markdown).entities()).containsExactly(new MessageEntityCode(7, 3));
  }

  @Test
  void unparsesMentionsAsReceivedAndAsSent() {
    assertThat(Markdown.unparse("Bob", List.of(new MessageEntityMentionName(0, 3, 123))))
        .isEqualTo("[Bob](tg://user?id=123)");
    assertThat(Markdown.unparse("Bob", List.of(new InputMessageEntityMentionName(0, 3, WITH_HASH))))
        .isEqualTo("[Bob](tg://user?ref=" + REF + ")");
    assertThat(Markdown.unparse("👍", List.of(new MessageEntityCustomEmoji(0, 2, 99))))
        .isEqualTo("![👍](tg://emoji?id=99)");
  }

  @Test
  void entitiesTelegramDetectsItselfStayPlainText() {
    String text = "see https://example.com #tag";
    assertThat(Markdown.unparse(text,
        List.of(new MessageEntityUrl(4, 19), new MessageEntityHashtag(24, 4))))
        .isEqualTo(text);
  }

  @Test
  void aReceivedMentionParsesBackAsAnInputMentionOfTheSameUser() {
    String markdown = Markdown.unparse("Bob", List.of(new MessageEntityMentionName(0, 3, 123)));
    assertThat(Markdown.parse(markdown).entities())
        .containsExactly(new InputMessageEntityMentionName(0, 3, new InputUserCtor(123, 0)));
  }

  static Stream<Arguments> mistakes() {
    return Stream.of(
        Arguments.of("ok\nsee ![x](tg://emoji?id=1)", 2, 5, "must be an emoji"),
        Arguments.of("![cat](https://example.com/cat.png)", 1, 1, "images can only be custom emoji"),
        Arguments.of("[x](tg://user?id=abc)", 1, 1, "is not a number"),
        Arguments.of("[x](tg://user?ref=c.5)", 1, 1, "not a user's"),
        Arguments.of("[x](tg://emoji?id=5)", 1, 1, "custom emoji is an image"),
        Arguments.of("a\n  <u>open", 2, 3, "<u> is never closed"),
        Arguments.of("<b>x</i>", 1, 5, "</i> closes <b> opened at line 1, column 1"),
        Arguments.of("x</b>", 1, 2, "</b> closes no open <b>"));
  }

  @ParameterizedTest
  @MethodSource("mistakes")
  void mistakesAreReportedWithTheirPosition(String markdown, int line, int column, String problem) {
    assertThatThrownBy(() -> Markdown.parse(markdown))
        .isInstanceOfSatisfying(MarkupException.class, e -> {
          assertThat(e.line()).isEqualTo(line);
          assertThat(e.column()).isEqualTo(column);
          assertThat(e.problem()).contains(problem);
          assertThat(e.getMessage()).startsWith("line " + line + ", column " + column + ": ");
        });
  }

  @Test
  void entitiesOutsideTheTextAreRefused() {
    assertThatThrownBy(() -> Markdown.unparse("abc", List.of(new MessageEntityBold(2, 5))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("offset 2 with length 5");
  }
}
