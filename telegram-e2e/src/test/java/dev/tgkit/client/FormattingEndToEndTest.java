package dev.tgkit.client;

import static dev.tgkit.client.filters.Filters.incoming;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.client.events.MessageEdited;
import dev.tgkit.client.events.NewMessage;
import dev.tgkit.client.parsers.FormattedText;
import dev.tgkit.client.parsers.Html;
import dev.tgkit.client.parsers.Markdown;
import dev.tgkit.client.parsers.MarkupException;
import dev.tgkit.client.types.Message;
import dev.tgkit.client.types.OutgoingMessage;
import dev.tgkit.client.types.Peer;
import dev.tgkit.client.types.User;
import dev.tgkit.mtproto.RpcError;
import dev.tgkit.session.MemoryStorage;
import dev.tgkit.session.PeerRef;
import dev.tgkit.test.EmbeddedTelegram;
import dev.tgkit.test.EmbeddedTelegramExtension;
import dev.tgkit.test.NettyLeaks;
import dev.tgkit.test.TestUser;
import dev.tgkit.tl.api.InputMessageEntityMentionName;
import dev.tgkit.tl.api.InputUserCtor;
import dev.tgkit.tl.api.MessageEntity;
import dev.tgkit.tl.api.MessageEntityBlockquote;
import dev.tgkit.tl.api.MessageEntityBold;
import dev.tgkit.tl.api.MessageEntityBotCommand;
import dev.tgkit.tl.api.MessageEntityCode;
import dev.tgkit.tl.api.MessageEntityCustomEmoji;
import dev.tgkit.tl.api.MessageEntityHashtag;
import dev.tgkit.tl.api.MessageEntityItalic;
import dev.tgkit.tl.api.MessageEntityMention;
import dev.tgkit.tl.api.MessageEntityMentionName;
import dev.tgkit.tl.api.MessageEntityPre;
import dev.tgkit.tl.api.MessageEntitySpoiler;
import dev.tgkit.tl.api.MessageEntityStrike;
import dev.tgkit.tl.api.MessageEntityTextUrl;
import dev.tgkit.tl.api.MessageEntityUnderline;
import dev.tgkit.tl.api.MessageEntityUrl;
import dev.tgkit.tl.api.messages.SendMessage;
import java.time.Duration;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Markdown and HTML through a real send: a signed-in user's Client sends each row's markup to a
 * bot's Client over TCP against the embedded Telegram. The bot must see the text and entities
 * Telegram stores (offsets and lengths in UTF-16 units), the user's own returned message must carry
 * the same, the received message's {@code textMarkdown()} and {@code textHtml()} must read back to
 * the same formatting, and sending those back must make Telegram store exactly the same again.
 * Malformed HTML fails before anything is sent, saying where.
 */
class FormattingEndToEndTest {

  static {
    NettyLeaks.install();
  }

  private static final String TOKEN = "777000:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
  private static final Duration WAIT = Duration.ofSeconds(10);
  /** Stands for the bot's user id, which only the world knows, in the expected entities. */
  private static final long BOT = -1;

  @RegisterExtension
  static final EmbeddedTelegramExtension extension = new EmbeddedTelegramExtension();

  private static TestUser botAccount;
  private static TestUser aliceAccount;
  private static Client bot;
  private static Client alice;
  private static Peer botPeer;
  private static final BlockingQueue<NewMessage> toBot = new LinkedBlockingQueue<>();
  private static final BlockingQueue<NewMessage> toAlice = new LinkedBlockingQueue<>();

  @BeforeAll
  static void signIn() throws Exception {
    EmbeddedTelegram telegram = extension.telegram();
    botAccount = telegram.createBot(TOKEN, "fmt_bot");
    aliceAccount = telegram.createUser("9996612345", "Alice");

    bot = client(telegram);
    bot.on(NewMessage.class, incoming(), toBot::add);
    bot.connect();
    assertThat(bot.botSignIn(TOKEN).bot()).isTrue();

    alice = client(telegram);
    alice.on(NewMessage.class, incoming(), toAlice::add);
    alice.connect();
    assertThat(alice.signIn(alice.requestLoginCode("+999 661 2345"), "11111")).isInstanceOf(User.class);
    botPeer = alice.resolveUsername("@fmt_bot");
  }

  @AfterAll
  static void close() {
    if (alice != null) {
      alice.close();
    }
    if (bot != null) {
      bot.close();
    }
  }

  private static Client client(EmbeddedTelegram telegram) {
    return telegram.clientBuilder().storage(new MemoryStorage()).build();
  }

  enum Syntax {
    MARKDOWN(OutgoingMessage::markdown, Markdown::parse),
    HTML(OutgoingMessage::html, Html::parse);

    final Function<String, OutgoingMessage> outgoing;
    final Function<String, FormattedText> parser;

    Syntax(Function<String, OutgoingMessage> outgoing, Function<String, FormattedText> parser) {
      this.outgoing = outgoing;
      this.parser = parser;
    }
  }

  private static Arguments md(String name, String source, String text, MessageEntity... entities) {
    return Arguments.of(name, Syntax.MARKDOWN, source, text, List.of(entities), EnumSet.allOf(Syntax.class));
  }

  private static Arguments html(String name, String source, String text, MessageEntity... entities) {
    return Arguments.of(name, Syntax.HTML, source, text, List.of(entities), EnumSet.allOf(Syntax.class));
  }

  /** A row only HTML can write back: Markdown has no syntax for it. */
  private static Arguments htmlOnly(String name, String source, String text, MessageEntity... entities) {
    return Arguments.of(name, Syntax.HTML, source, text, List.of(entities), EnumSet.of(Syntax.HTML));
  }

  // Lengths in UTF-16 units: 👍🏽 4 (two astral code points), 👨‍👩‍👧 8 (three astral, two joiners),
  // 𝕏 2, 😀 2, 👍 2; 日本語 3; é and ï written with combining marks 2 each.
  static Stream<Arguments> rows() {
    return Stream.of(
        md("emoji, BMP and astral", "**👍🏽** and 👨‍👩‍👧 _𝕏_ ✌",
            "👍🏽 and 👨‍👩‍👧 𝕏 ✌",
            new MessageEntityBold(0, 4), new MessageEntityItalic(18, 2)),
        md("CJK and combining marks", "日本語 **cafe\u0301** ~~nai\u0308ve~~",
            "日本語 cafe\u0301 nai\u0308ve",
            new MessageEntityBold(4, 5), new MessageEntityStrike(10, 6)),
        md("entity right after and right before a surrogate pair", "𝕏**b**𝕏 `😀`",
            "𝕏b𝕏 😀",
            new MessageEntityBold(2, 1), new MessageEntityCode(6, 2)),
        md("bold inside italic inside a link", "[*in **both***](https://x.org/?a=1&b=2)",
            "in both",
            new MessageEntityTextUrl(0, 7, "https://x.org/?a=1&b=2"), new MessageEntityItalic(0, 7),
            new MessageEntityBold(3, 4)),
        md("code inside bold", "**run `ls -la` now**",
            "run ls -la now",
            new MessageEntityBold(0, 14), new MessageEntityCode(4, 6)),
        md("adjacent entities without a gap", "**a**_b_~~c~~",
            "abc",
            new MessageEntityBold(0, 1), new MessageEntityItalic(1, 1), new MessageEntityStrike(2, 1)),
        md("link with a query string and special characters",
            "[search 🔍](https://example.com/s?q=a%20b&lang=日本&x=(1)#top)",
            "search 🔍",
            new MessageEntityTextUrl(0, 9, "https://example.com/s?q=a%20b&lang=日本&x=(1)#top")),
        md("mention by tg://user?ref=", "hi [Bot 𝕏](tg://user?ref={bot})!",
            "hi Bot 𝕏!",
            new MessageEntityMentionName(3, 6, BOT)),
        md("@username, a link, a hashtag and a command Telegram finds itself",
            "ping @fmt_bot: see https://example.org/a?b=c, #tag_1 and /start",
            "ping @fmt_bot: see https://example.org/a?b=c, #tag_1 and /start",
            new MessageEntityMention(5, 8), new MessageEntityUrl(19, 25), new MessageEntityHashtag(46, 6),
            new MessageEntityBotCommand(57, 6)),
        md("a link in parentheses, holding some", "(see https://en.wikipedia.org/wiki/Foo_(bar)), **ok**",
            "(see https://en.wikipedia.org/wiki/Foo_(bar)), ok",
            new MessageEntityUrl(5, 39), new MessageEntityBold(47, 2)),
        md("custom emoji", "![👍](tg://emoji?id=5368324170671202286) ok",
            "👍 ok",
            new MessageEntityCustomEmoji(0, 2, 5368324170671202286L)),
        md("code block with a language", "```java\nint x = 1; // 𝕏\n```",
            "int x = 1; // 𝕏",
            new MessageEntityPre(0, 16, "java")),
        md("underline, spoiler and strikethrough", "<u>under</u> <tg-spoiler>secret</tg-spoiler> ~~gone~~",
            "under secret gone",
            new MessageEntityUnderline(0, 5), new MessageEntitySpoiler(6, 6), new MessageEntityStrike(13, 4)),
        md("block quote", "> quoted **text**\n\nreply",
            "quoted text\nreply",
            new MessageEntityBlockquote(false, 0, 11), new MessageEntityBold(7, 4)),
        html("emoji, BMP and astral", "<b>👨‍👩‍👧</b> <i>𝕏</i> <u>日本語</u> ✌",
            "👨‍👩‍👧 𝕏 日本語 ✌",
            new MessageEntityBold(0, 8), new MessageEntityItalic(9, 2), new MessageEntityUnderline(12, 3)),
        html("combining marks", "<s>nai\u0308ve</s> <b>cafe\u0301</b>",
            "nai\u0308ve cafe\u0301",
            new MessageEntityStrike(0, 6), new MessageEntityBold(7, 5)),
        html("entity right after and right before a surrogate pair", "👍🏽<b>x</b>👨‍👩‍👧<i>𝕏</i>",
            "👍🏽x👨‍👩‍👧𝕏",
            new MessageEntityBold(4, 1), new MessageEntityItalic(13, 2)),
        html("code inside bold inside italic inside a link",
            "<a href=\"https://x.org/?a=1&amp;b=%22q%22\"><i>in <b>both <code>x</code></b></i></a>",
            "in both x",
            new MessageEntityTextUrl(0, 9, "https://x.org/?a=1&b=%22q%22"), new MessageEntityItalic(0, 9),
            new MessageEntityBold(3, 6), new MessageEntityCode(8, 1)),
        // The parser splits the italic to nest it; Telegram merges touching pieces of one kind.
        html("overlapping", "<b>ove<i>rlap</i></b><i> here</i>",
            "overlap here",
            new MessageEntityBold(0, 7), new MessageEntityItalic(3, 9)),
        html("adjacent entities without a gap", "<b>a</b><i>b</i><u>c</u><b>d</b><b>e</b>",
            "abcde",
            new MessageEntityBold(0, 1), new MessageEntityItalic(1, 1), new MessageEntityUnderline(2, 1),
            new MessageEntityBold(3, 2)),
        html("mention by tg://user?ref= and a link with special characters",
            "<a href=\"tg://user?ref={bot}\">the bot</a>, <a href=\"https://t.me/fmt_bot?start=a&amp;b=&lt;&quot;&gt;\">"
                + "start</a>",
            "the bot, start",
            new MessageEntityMentionName(0, 7, BOT), new MessageEntityTextUrl(9, 5, "https://t.me/fmt_bot?start=a&b=<\">")),
        html("@username among character references", "&lt;@fmt_bot&gt; &amp; #tag",
            "<@fmt_bot> & #tag",
            new MessageEntityMention(1, 8), new MessageEntityHashtag(13, 4)),
        html("custom emoji", "<img src=\"tg://emoji?id=42\" alt=\"👍🏽\"> and <b>bold</b>",
            "👍🏽 and bold",
            new MessageEntityCustomEmoji(0, 4, 42), new MessageEntityBold(9, 4)),
        html("code block with a language",
            "<pre><code class=\"language-python\">if a &lt; b:\n    print(\"𝕏\")</code></pre>",
            "if a < b:\n    print(\"𝕏\")",
            new MessageEntityPre(0, 25, "python")),
        html("block quotes, spoiler, strikethrough, underline",
            "<blockquote>q <tg-spoiler>s</tg-spoiler></blockquote>\n<s>x</s> <u>y</u>",
            "q s\nx y",
            new MessageEntityBlockquote(false, 0, 3), new MessageEntitySpoiler(2, 1), new MessageEntityStrike(4, 1),
            new MessageEntityUnderline(6, 1)),
        htmlOnly("expandable block quote", "intro\n<blockquote expandable>long 𝕏\n<b>story</b></blockquote>",
            "intro\nlong 𝕏\nstory",
            new MessageEntityBlockquote(true, 6, 13), new MessageEntityBold(14, 5)));
  }

  @ParameterizedTest(name = "{1} {0}")
  @MethodSource("rows")
  void formattingArrivesAsTelegramStoresItAndRoundTrips(
      String name, Syntax syntax, String source, String text, List<MessageEntity> entities, Set<Syntax> rereads)
      throws Exception {
    long botId = botAccount.id();
    String markup = source.replace("{bot}", botPeer.ref().toString());
    List<MessageEntity> expected = entities.stream().map(e -> withBot(e, botId)).toList();
    toBot.clear();
    toAlice.clear();

    Message sent = alice.sendMessage(botPeer.ref(), syntax.outgoing.apply(markup));
    NewMessage received = next(toBot, text);

    assertThat(received.text()).isEqualTo(text);
    assertThat(received.entities()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(sent.text()).isEqualTo(text);
    assertThat(sent.entities()).as("the sender's own message").isEqualTo(received.entities());

    // The markup the receiver gets back reads as the same formatting...
    for (Syntax written : rereads) {
      String again = written == Syntax.MARKDOWN ? received.textMarkdown() : received.textHtml();
      FormattedText parsed = written.parser.apply(again);
      assertThat(parsed.text()).as(again).isEqualTo(text);
      assertThat(coverage(parsed.entities())).as(again).isEqualTo(coverage(received.entities()));
    }
    // ...and sent back, Telegram stores exactly the same entities again.
    PeerRef aliceRef = received.chat().ref();
    for (Syntax written : rereads) {
      String again = written == Syntax.MARKDOWN ? received.textMarkdown() : received.textHtml();
      Message echo = bot.sendMessage(aliceRef, written.outgoing.apply(again));
      NewMessage back = next(toAlice, text);
      assertThat(back.entities()).as(written + ": " + again).isEqualTo(received.entities());
      assertThat(echo.entities()).as(written + ": " + again).isEqualTo(received.entities());
    }
  }

  private static MessageEntity withBot(MessageEntity entity, long botId) {
    return entity instanceof MessageEntityMentionName m && m.userId() == BOT
        ? new MessageEntityMentionName(m.offset(), m.length(), botId)
        : entity;
  }

  /** The next message in {@code queue} with {@code text}, skipping any left over from another row. */
  private static NewMessage next(BlockingQueue<NewMessage> queue, String text) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      NewMessage m = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (m == null) {
        throw new AssertionError("no message \"" + text + "\" arrived within " + WAIT);
      }
      if (m.text().equals(text)) {
        return m;
      }
    }
  }

  /**
   * Which UTF-16 units each kind of formatting covers: what markup can say. Entities Telegram finds
   * itself are left out, as markup leaves them to Telegram; a mention's input form counts as the
   * mention; touching pieces of one kind are the same formatting as one entity over both.
   */
  private static Map<String, BitSet> coverage(List<MessageEntity> entities) {
    Map<String, BitSet> units = new TreeMap<>();
    for (MessageEntity e : entities) {
      String kind = switch (e) {
        case MessageEntityBold b -> "bold";
        case MessageEntityItalic i -> "italic";
        case MessageEntityUnderline u -> "underline";
        case MessageEntityStrike s -> "strike";
        case MessageEntitySpoiler s -> "spoiler";
        case MessageEntityCode c -> "code";
        case MessageEntityPre p -> "pre " + p.language();
        case MessageEntityBlockquote q -> "quote " + q.collapsed();
        case MessageEntityTextUrl u -> "link " + u.url();
        case MessageEntityCustomEmoji c -> "emoji " + c.documentId();
        case MessageEntityMentionName m -> "mention " + m.userId();
        case InputMessageEntityMentionName m when m.userId() instanceof InputUserCtor u -> "mention " + u.userId();
        default -> null;
      };
      if (kind != null) {
        int offset = e.offset();
        units.computeIfAbsent(kind, k -> new BitSet()).set(offset, offset + e.length());
      }
    }
    return units;
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        bad(Syntax.HTML, "ok <b>bold", 1, 4, "<b> is never closed"),
        bad(Syntax.HTML, "line one\n  two <i>three\nfour", 2, 7, "<i> is never closed"),
        bad(Syntax.HTML, "a\nb</b> c", 2, 2, "</b> closes no open <b>"),
        bad(Syntax.HTML, "<b><i>x</b></i>", 1, 4, "<i> is not closed before line 1, column 8"),
        // Columns count UTF-16 units: 👍🏽 takes four, 𝕏 two.
        bad(Syntax.HTML, "👍🏽 <b>𝕏<u>y</b></u>", 1, 11, "<u> is not closed before line 1, column 15"),
        bad(Syntax.HTML, "fine\n<foo>x</foo>", 2, 1, "unknown tag <foo>"),
        bad(Syntax.HTML, "a < b", 1, 3, "'<' starts no tag"),
        bad(Syntax.HTML, "<a>x</a>", 1, 1, "<a> needs an href"),
        bad(Syntax.HTML, "x\n <a href=\"tg://user?id=abc\">x</a>", 2, 2, "is not a number"),
        bad(Syntax.HTML, "x\n<b title='oops>bold</b>", 2, 10, "the attribute value opened with ' is never closed"),
        bad(Syntax.HTML, "<a href=https://x.org/?q=1>x</a>", 1, 25, "an unquoted attribute value cannot hold '='"),
        bad(Syntax.HTML, "<a href=\"tg://user?ref=g.5\">x</a>", 1, 1, "not a user's"),
        bad(Syntax.HTML, "<img src=\"https://x/cat.png\" alt=\"😀\">", 1, 1, "images can only be custom emoji"),
        bad(Syntax.HTML, "one\ntwo <img src=\"tg://emoji?id=1\" alt=\"x\">", 2, 5, "must be an emoji"),
        bad(Syntax.HTML, "x &bogus; y", 1, 3, "&bogus; is not a valid character reference"),
        bad(Syntax.HTML, "fish\n&amp chips", 2, 1, "&amp is not a valid character reference (missing semicolon"),
        bad(Syntax.HTML, "<b>x</b> &#xZZ;", 1, 10, "&#xZZ; is not a valid character reference"),
        bad(Syntax.MARKDOWN, "𝕏 <u>open", 1, 4, "<u> is never closed"),
        bad(Syntax.MARKDOWN, "**ok**\n𝕏 x</b>", 2, 5, "</b> closes no open <b>"),
        bad(Syntax.MARKDOWN, "👍🏽 <b>x</i>", 1, 10, "</i> closes <b> opened at line 1, column 6"),
        bad(Syntax.MARKDOWN, "see [x](tg://emoji?id=5)", 1, 5, "custom emoji is an image"),
        bad(Syntax.MARKDOWN, "ok\nsee ![x](tg://emoji?id=1)", 2, 5, "must be an emoji"));
  }

  private static Arguments bad(Syntax syntax, String source, int line, int column, String problem) {
    return Arguments.of(syntax, source, line, column, problem);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("malformed")
  void malformedMarkupSaysWhereAndSendsNothing(Syntax syntax, String source, int line, int column, String problem)
      throws Exception {
    int before = aliceAccount.messages(botAccount).size();
    toBot.clear();

    assertThatThrownBy(() -> alice.sendMessage(botPeer.ref(), syntax.outgoing.apply(source)))
        .isInstanceOfSatisfying(MarkupException.class, e -> {
          assertThat(e.problem()).as(e.getMessage()).contains(problem);
          assertThat(e.line()).as(e.getMessage()).isEqualTo(line);
          assertThat(e.column()).as(e.getMessage()).isEqualTo(column);
          assertThat(e.getMessage()).startsWith("line " + line + ", column " + column + ": ");
        });

    assertThat(aliceAccount.messages(botAccount)).hasSize(before);
    // Nothing went out: the next message the bot gets is the one sent after.
    alice.sendMessage(botPeer.ref(), "after " + source.hashCode());
    assertThat(toBot.poll(WAIT.toSeconds(), TimeUnit.SECONDS).text()).isEqualTo("after " + source.hashCode());
    assertThat(aliceAccount.messages(botAccount)).hasSize(before + 1);
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of("𝕏y", new MessageEntityBold(1, 3), "ENTITY_BOUNDS_INVALID"),
        Arguments.of("𝕏y", new MessageEntityItalic(-1, 2), "ENTITY_BOUNDS_INVALID"),
        Arguments.of("𝕏y", new MessageEntityCode(0, 0), "ENTITY_BOUNDS_INVALID"),
        Arguments.of("who", new InputMessageEntityMentionName(0, 3, new InputUserCtor(777_777, 0)),
            "ENTITY_MENTION_USER_INVALID"),
        Arguments.of("who", new MessageEntityMentionName(0, 3, 777_777), "ENTITY_MENTION_USER_INVALID"));
  }

  @ParameterizedTest(name = "{2}: {1}")
  @MethodSource("refused")
  void telegramRefusesEntitiesOutsideTheTextAndMentionsOfNobody(String text, MessageEntity entity, String error) {
    int before = aliceAccount.messages(botAccount).size();
    // The client refuses these itself; raw, they show what Telegram says.
    if (!(entity instanceof MessageEntityMentionName) && !(entity instanceof InputMessageEntityMentionName)) {
      assertThatThrownBy(() -> OutgoingMessage.formatted(text, List.of(entity)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("does not fit a text of " + text.length() + " UTF-16 units");
    }
    SendMessage raw = new SendMessage(true, false, false, false, false, false, false, false,
        botPeer.ref().toInputPeer(), null, text, new Random().nextLong(), null, List.of(entity),
        null, null, null, null, null, null, null, null);
    assertThatThrownBy(() -> alice.invoke(raw))
        .isInstanceOfSatisfying(RpcError.class, e -> assertThat(e.name()).isEqualTo(error));
    assertThat(aliceAccount.messages(botAccount)).hasSize(before);
  }

  @Test
  void anEditCarriesItsFormattingToo() throws Exception {
    BlockingQueue<MessageEdited> edits = new LinkedBlockingQueue<>();
    bot.on(MessageEdited.class, incoming(), edits::add);
    toBot.clear();
    Message sent = alice.sendMessage(botPeer.ref(), OutgoingMessage.markdown("**draft** 𝕏"));
    next(toBot, "draft 𝕏");

    Message edited = alice.editMessage(botPeer.ref(), sent.id(),
        OutgoingMessage.html("<i>final</i> 𝕏 <a href=\"tg://user?ref=" + botPeer.ref() + "\">@fmt_bot</a>"));

    List<MessageEntity> expected = List.of(new MessageEntityItalic(0, 5),
        new MessageEntityMentionName(9, 8, botAccount.id()));
    MessageEdited seen = edits.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(seen).isNotNull();
    assertThat(seen.text()).isEqualTo("final 𝕏 @fmt_bot");
    assertThat(seen.entities()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(edited.entities()).isEqualTo(seen.entities());
    assertThat(seen.textHtml()).isEqualTo("<em>final</em> 𝕏 <a href=\"tg://user?id=" + botAccount.id() + "\">@fmt_bot</a>");
  }

  @Test
  void aMentionOfAKnownUserByIdAloneGoesOutWithItsAccessHash() throws Exception {
    // tg://user?id= carries no access hash; the client adds the one it learned when it resolved the bot.
    toBot.clear();
    Message sent = alice.sendMessage(botPeer.ref(),
        OutgoingMessage.markdown("[you](tg://user?id=" + botAccount.id() + ")"));
    assertThat(next(toBot, "you").entities()).containsExactly(new MessageEntityMentionName(0, 3, botAccount.id()));
    assertThat(sent.entities()).containsExactly(new MessageEntityMentionName(0, 3, botAccount.id()));
  }
}
