package dev.tgkit.client.parsers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.session.PeerRef;
import dev.tgkit.tl.api.InputMessageEntityMentionName;
import dev.tgkit.tl.api.InputUserCtor;
import dev.tgkit.tl.api.MessageEntity;
import dev.tgkit.tl.api.MessageEntityBlockquote;
import dev.tgkit.tl.api.MessageEntityBold;
import dev.tgkit.tl.api.MessageEntityCode;
import dev.tgkit.tl.api.MessageEntityCustomEmoji;
import dev.tgkit.tl.api.MessageEntityItalic;
import dev.tgkit.tl.api.MessageEntityMention;
import dev.tgkit.tl.api.MessageEntityMentionName;
import dev.tgkit.tl.api.MessageEntityPre;
import dev.tgkit.tl.api.MessageEntitySpoiler;
import dev.tgkit.tl.api.MessageEntityStrike;
import dev.tgkit.tl.api.MessageEntityTextUrl;
import dev.tgkit.tl.api.MessageEntityUnderline;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HtmlTest {

  static final PeerRef.UserRef BOB = new PeerRef.UserRef(123, 0x1122334455667788L);

  static Stream<Arguments> tags() {
    return Stream.of(
        Arguments.of("<b>b</b><strong>s</strong> <i>i</i><em>e</em>", "bs ie",
            List.of(new MessageEntityBold(0, 1), new MessageEntityBold(1, 1),
                new MessageEntityItalic(3, 1), new MessageEntityItalic(4, 1))),
        Arguments.of("<u>u</u> <del>d</del><s>s</s>", "u ds",
            List.of(new MessageEntityUnderline(0, 1), new MessageEntityStrike(2, 1),
                new MessageEntityStrike(3, 1))),
        Arguments.of("<blockquote>quote</blockquote>\n<details>hidden</details>", "quote\nhidden",
            List.of(new MessageEntityBlockquote(false, 0, 5), new MessageEntitySpoiler(6, 6))),
        Arguments.of("<blockquote expandable>long</blockquote>", "long",
            List.of(new MessageEntityBlockquote(true, 0, 4))),
        Arguments.of("run <code>ls &lt;dir&gt;</code>", "run ls <dir>",
            List.of(new MessageEntityCode(4, 8))),
        Arguments.of("<pre><code class=\"language-java\">int x;\nx++;</code></pre>", "int x;\nx++;",
            List.of(new MessageEntityPre(0, 11, "java"))),
        Arguments.of("<pre>plain</pre>", "plain", List.of(new MessageEntityPre(0, 5, ""))),
        Arguments.of("<a href=\"https://example.com/?a=1&amp;b=2\">site</a>", "site",
            List.of(new MessageEntityTextUrl(0, 4, "https://example.com/?a=1&b=2"))),
        Arguments.of("hi <a href=\"tg://user?id=123\">Bob</a>", "hi Bob",
            List.of(new InputMessageEntityMentionName(3, 3, new InputUserCtor(123, 0)))),
        Arguments.of("<a href=\"tg://user?ref=" + BOB + "\">Bob</a>", "Bob",
            List.of(new InputMessageEntityMentionName(0, 3, BOB.toInputUser()))),
        Arguments.of("<img src=\"tg://emoji?id=5368324170671202286\" alt=\"👍🏽\"> ok", "👍🏽 ok",
            List.of(new MessageEntityCustomEmoji(0, 4, 5368324170671202286L))),
        Arguments.of("👍🏽 <b>𝔘𝔫𝔦𝔠𝔬𝔡𝔢</b> 日本", "👍🏽 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 日本",
            List.of(new MessageEntityBold(5, 14))),
        Arguments.of("<a href=\"https://x.org\"><i>in <b>both</b></i></a>", "in both",
            List.of(new MessageEntityTextUrl(0, 7, "https://x.org"), new MessageEntityItalic(0, 7),
                new MessageEntityBold(3, 4))),
        Arguments.of("\n  <b> padded </b>\n", "padded", List.of(new MessageEntityBold(0, 6))),
        Arguments.of("line<br>break &amp; &lt;3 <!-- note -->", "line\nbreak & <3 ", List.of()),
        Arguments.of("<b></b>empty", "empty", List.of()),
        Arguments.of("", "", List.of()));
  }

  @ParameterizedTest
  @MethodSource("tags")
  void parsesEachTagIntoTextAndEntitiesAtUtf16Offsets(
      String html, String text, List<MessageEntity> entities) {
    assertThat(Html.parse(html)).isEqualTo(new FormattedText(text.strip(), entities));
  }

  static Stream<Arguments> formatted() {
    return Stream.of(
        ft("plain & <simple> \"text\""),
        ft(""),
        ft("bold italic", new MessageEntityBold(0, 4), new MessageEntityItalic(5, 6)),
        ft("adjacent", new MessageEntityBold(0, 3), new MessageEntityItalic(3, 5)),
        ft("👍🏽 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 日本語", new MessageEntityBold(0, 4), new MessageEntityItalic(5, 14),
            new MessageEntityUnderline(20, 3)),
        ft("link bold italic",
            new MessageEntityTextUrl(0, 16, "https://example.com/?q=\"a\"&b=<c>"),
            new MessageEntityItalic(5, 11), new MessageEntityBold(5, 4)),
        ft("hi Bob", new InputMessageEntityMentionName(3, 3, new InputUserCtor(123, 0))),
        ft("hi Bob", new InputMessageEntityMentionName(3, 3, BOB.toInputUser())),
        ft("nice 👍 one", new MessageEntityCustomEmoji(5, 2, -42)),
        ft("code <b>", new MessageEntityCode(5, 3)),
        ft("x\n\nfirst line empty", new MessageEntityPre(1, 18, "")),
        ft("int x;\n\n  x++;", new MessageEntityPre(0, 14, "java")),
        ft("quote\nreply", new MessageEntityBlockquote(false, 0, 5)),
        ft("spoiler", new MessageEntitySpoiler(0, 7), new MessageEntityStrike(2, 3)),
        ft("x", new MessageEntityBold(0, 1), new MessageEntityItalic(0, 1),
            new MessageEntityStrike(0, 1), new MessageEntityUnderline(0, 1),
            new MessageEntitySpoiler(0, 1)));
  }

  static Arguments ft(String text, MessageEntity... entities) {
    List<MessageEntity> sorted = new ArrayList<>(List.of(entities));
    sorted.sort(EntitySpans.CANONICAL);
    return Arguments.of(new FormattedText(text, sorted));
  }

  @ParameterizedTest
  @MethodSource("formatted")
  void unparsedTextParsesBackToTheSameTextAndEntities(FormattedText formatted) {
    String html = Html.unparse(formatted);
    assertThat(Html.parse(html)).as(html).isEqualTo(formatted);
  }

  static Stream<String> htmlSources() {
    return Stream.of(
        "<b>bold</b> <i>italic <u>under <del>struck</del></u></i> <code>x &lt; y</code>",
        "<blockquote>quoted <strong>text</strong></blockquote>\nreply",
        "<a href=\"tg://user?id=42\">Ann</a> and <a href=\"tg://user?ref=" + BOB + "\">Bob</a>",
        "<img src=\"tg://emoji?id=1\" alt=\"😀\"> 中文 𝔘𝔫𝔦",
        "<pre><code class=\"language-python\">print('&lt;hi&gt;')</code></pre>");
  }

  @ParameterizedTest
  @MethodSource("htmlSources")
  void htmlRoundTripsThroughTextAndEntities(String html) {
    FormattedText parsed = Html.parse(html);
    String again = Html.unparse(parsed);
    assertThat(Html.parse(again)).as(again).isEqualTo(parsed);
  }

  @Test
  void unparseEscapesAndWritesStandardTags() {
    assertThat(Html.unparse("a < b & c > d", List.of(new MessageEntityBold(0, 1))))
        .isEqualTo("<strong>a</strong> &lt; b &amp; c &gt; d");
    assertThat(Html.unparse("code", List.of(new MessageEntityPre(0, 4, "c\"x"))))
        .isEqualTo("<pre><code class=\"language-c&quot;x\">code</code></pre>");
    assertThat(Html.unparse("👍", List.of(new MessageEntityCustomEmoji(0, 2, 7))))
        .isEqualTo("<img src=\"tg://emoji?id=7\" alt=\"👍\">");
  }

  @Test
  void overlappingEntitiesAreClosedAndReopenedSoTheyNest() {
    String html = Html.unparse("overlap here",
        List.of(new MessageEntityBold(0, 7), new MessageEntityItalic(3, 9)));
    assertThat(html).isEqualTo("<strong>ove<em>rlap</em></strong><em> here</em>");
    assertThat(Html.parse(html).entities()).containsExactly(
        new MessageEntityBold(0, 7), new MessageEntityItalic(3, 4), new MessageEntityItalic(7, 5));
  }

  @Test
  void receivedEntitiesUnparseToLinksAndPlainText() {
    String text = "Bob, @alice";
    assertThat(Html.unparse(text,
        List.of(new MessageEntityMentionName(0, 3, 123), new MessageEntityMention(5, 6))))
        .isEqualTo("<a href=\"tg://user?id=123\">Bob</a>, @alice");
  }

  @Test
  void anEntitySplittingASurrogatePairIsMovedPastIt() {
    // 𝔘 is two UTF-16 units; markup between them would leave half a character on each side.
    assertThat(Html.unparse("𝔘x", List.of(new MessageEntityBold(1, 2))))
        .isEqualTo("𝔘<strong>x</strong>");
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("ok <b>bold", 1, 4, "<b> is never closed"),
        Arguments.of("a</b> c", 1, 2, "</b> closes no open <b>"),
        Arguments.of("<b><i>x</b></i>", 1, 4, "<i> is not closed before line 1, column 8"),
        Arguments.of("fine\n<foo>x</foo>", 2, 1, "unknown tag <foo>"),
        Arguments.of("one\ntwo <img src=\"tg://emoji?id=1\" alt=\"x\">", 2, 5, "must be an emoji"),
        Arguments.of("<img src=\"https://x/cat.png\" alt=\"😀\">", 1, 1, "images can only be custom emoji"),
        Arguments.of("a < b", 1, 3, "'<' starts no tag"),
        Arguments.of("x &bogus; y", 1, 3, "&bogus; is not a valid character reference"),
        Arguments.of("fish\n&amp chips", 2, 1, "&amp is not a valid character reference"),
        Arguments.of("<a>x</a>", 1, 1, "<a> needs an href"),
        Arguments.of("<a href=\"tg://user?ref=g.5\">x</a>", 1, 1, "not a user's"),
        Arguments.of("<a href=\"tg://user?id=-5\">x</a>", 1, 1, "must be positive"),
        Arguments.of("<b>".repeat(1000) + "x" + "</b>".repeat(1000), 1, 301, "more than 100 deep"));
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void malformedHtmlIsReportedWithItsPosition(String html, int line, int column, String problem) {
    assertThatThrownBy(() -> Html.parse(html))
        .isInstanceOfSatisfying(MarkupException.class, e -> {
          assertThat(e.problem()).contains(problem);
          assertThat(e.line()).as(e.getMessage()).isEqualTo(line);
          assertThat(e.column()).as(e.getMessage()).isEqualTo(column);
        });
  }

  @Test
  void anUnterminatedAttributeIsReportedWhereItsQuoteOpens() {
    assertThatThrownBy(() -> Html.parse("x\n<b title='oops>bold</b>"))
        .isInstanceOf(MarkupException.class)
        .hasMessage("line 2, column 10: the attribute value opened with ' is never closed");
    assertThatThrownBy(() -> Html.parse("ok <b title=\"x>y"))
        .isInstanceOf(MarkupException.class)
        .hasMessage("line 1, column 13: the attribute value opened with \" is never closed");
    assertThatThrownBy(() -> Html.parse("ok\n<b"))
        .isInstanceOf(MarkupException.class)
        .hasMessage("line 2, column 1: the tag is never ended with '>'");
    assertThatThrownBy(() -> Html.parse("<a href=https://x.org/?q=1>x</a>"))
        .isInstanceOf(MarkupException.class)
        .hasMessage("line 1, column 25: an unquoted attribute value cannot hold '='; put the value in quotes");
  }
}
