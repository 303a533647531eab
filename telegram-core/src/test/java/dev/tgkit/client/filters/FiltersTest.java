package dev.tgkit.client.filters;

import static dev.tgkit.client.filters.TestMessages.event;
import static dev.tgkit.client.filters.TestMessages.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.client.events.Event;
import dev.tgkit.client.events.MessageDeleted;
import dev.tgkit.client.events.NewMessage;
import dev.tgkit.client.types.Channel;
import dev.tgkit.client.types.Group;
import dev.tgkit.client.types.User;
import dev.tgkit.tl.Bytes;
import dev.tgkit.tl.api.DocumentAttributeAudio;
import dev.tgkit.tl.api.DocumentAttributeVideo;
import dev.tgkit.tl.api.DocumentCtor;
import dev.tgkit.tl.api.MessageFwdHeaderCtor;
import dev.tgkit.tl.api.MessageMedia;
import dev.tgkit.tl.api.MessageMediaDocument;
import dev.tgkit.tl.api.MessageMediaGeo;
import dev.tgkit.tl.api.MessageMediaPhoto;
import dev.tgkit.tl.api.MessageReplyHeaderCtor;
import dev.tgkit.tl.api.PeerChannel;
import dev.tgkit.tl.api.PeerChat;
import dev.tgkit.tl.api.PeerUser;
import dev.tgkit.tl.api.GeoPointEmpty;
import dev.tgkit.tl.api.DocumentAttribute;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each built-in filter and combinator against a table of events. */
class FiltersTest {

  private static NewMessage text(String text) {
    return text(text, "mybot");
  }

  private static NewMessage text(String text, String selfUsername) {
    return event(raw(false, 1, null, new PeerUser(7), text, null, null, null), selfUsername);
  }

  private static NewMessage in(dev.tgkit.tl.api.Peer chat, boolean out, dev.tgkit.tl.api.Peer from) {
    return event(raw(out, 1, from, chat, "hi", null, null, null), "mybot");
  }

  private static NewMessage withMedia(MessageMedia media) {
    return event(raw(false, 1, null, new PeerUser(7), "", null, null, media), null);
  }

  private static MessageMedia document(DocumentAttribute attribute) {
    return new MessageMediaDocument(false, false, false, false, false,
        new DocumentCtor(1, 2, Bytes.of(), 0, "application/octet-stream", 10, null, null, 1, List.of(attribute)),
        null, null, null, null);
  }

  static Stream<Arguments> table() {
    MessageMediaPhoto photo = new MessageMediaPhoto(false, false, null, null, null);
    MessageMedia audio = document(new DocumentAttributeAudio(false, 3, null, null, null));
    MessageMedia video = document(new DocumentAttributeVideo(false, false, false, 1.5, 10, 10, null, null, null));
    MessageDeleted deleted = new MessageDeleted(List.of(1, 2), OptionalLong.of(55), "mybot");
    return Stream.of(
        // Command
        Arguments.of("command exact", new Command("/start"), text("/start"), true),
        Arguments.of("command with argument", new Command("/start"), text("/start payload"), true),
        Arguments.of("command addressed to us", new Command("/help"), text("/help@mybot"), true),
        Arguments.of("command addressed to us, any case", new Command("/help"), text("/help@MyBot now"), true),
        Arguments.of("command addressed to another bot", new Command("/help"), text("/help@otherbot"), false),
        Arguments.of("command with a longer word", new Command("/help"), text("/helpme"), false),
        Arguments.of("command not first", new Command("/help"), text("please /help"), false),
        Arguments.of("command @form without a username", new Command("/help"), event(raw(false, 1, null, new PeerUser(7), "/help@mybot", null, null, null), null), false),
        Arguments.of("command other prefix", new Command("!ban"), text("!ban 42"), true),
        Arguments.of("command on a deletion", new Command("/help"), deleted, false),
        // Text
        Arguments.of("text anywhere", new Text("wor"), text("hello world"), true),
        Arguments.of("text anchored", new Text("^wor"), text("hello world"), false),
        Arguments.of("text flags", new Text(Pattern.compile("HELLO", Pattern.CASE_INSENSITIVE)), text("hello"), true),
        // Incoming / Outgoing
        Arguments.of("incoming", new Incoming(), in(new PeerUser(7), false, null), true),
        Arguments.of("incoming, sent by us", new Incoming(), in(new PeerUser(7), true, null), false),
        Arguments.of("outgoing", new Outgoing(), in(new PeerUser(7), true, null), true),
        Arguments.of("outgoing, received", new Outgoing(), in(new PeerUser(7), false, null), false),
        // ChatType
        Arguments.of("private chat", new ChatType(User.class), in(new PeerUser(7), false, null), true),
        Arguments.of("small group", new ChatType(Group.class), in(new PeerChat(8), false, new PeerUser(7)), true),
        Arguments.of("channel is not a user", new ChatType(User.class), in(new PeerChannel(9), false, null), false),
        Arguments.of("channel", new ChatType(Channel.class), in(new PeerChannel(9), false, null), true),
        // Chats / Senders
        Arguments.of("chat listed", Filters.chats(8, 99), in(new PeerChat(8), false, new PeerUser(7)), true),
        Arguments.of("chat not listed", Filters.chats(99), in(new PeerChat(8), false, new PeerUser(7)), false),
        Arguments.of("deletion in a listed channel", Filters.chats(55), deleted, true),
        Arguments.of("sender listed", Filters.senders(7), in(new PeerChat(8), false, new PeerUser(7)), true),
        Arguments.of("private sender is the chat", Filters.senders(7), in(new PeerUser(7), false, null), true),
        Arguments.of("sender not listed", Filters.senders(6), in(new PeerChat(8), false, new PeerUser(7)), false),
        Arguments.of("channel post has no sender", Filters.senders(9), in(new PeerChannel(9), false, null), false),
        // Forward / Reply
        Arguments.of("forwarded", new Forward(), event(raw(false, 1, null, new PeerUser(7), "x",
            MessageFwdHeaderCtor.builder(0).fromId(new PeerUser(5)).build(), null, null), null), true),
        Arguments.of("not forwarded", new Forward(), text("x"), false),
        Arguments.of("reply", new Reply(), event(raw(false, 2, null, new PeerUser(7), "x", null,
            MessageReplyHeaderCtor.builder().replyToMsgId(1).build(), null), null), true),
        Arguments.of("not a reply", new Reply(), text("x"), false),
        // Media
        Arguments.of("any media: photo", Filters.media(), withMedia(photo), true),
        Arguments.of("any media: location", Filters.media(), withMedia(new MessageMediaGeo(new GeoPointEmpty())), true),
        Arguments.of("any media: none", Filters.media(), text("x"), false),
        Arguments.of("photo", Filters.media(Media.Kind.PHOTO), withMedia(photo), true),
        Arguments.of("photo wanted, audio sent", Filters.media(Media.Kind.PHOTO), withMedia(audio), false),
        Arguments.of("audio", Filters.media(Media.Kind.AUDIO), withMedia(audio), true),
        Arguments.of("video or audio", Filters.media(Media.Kind.VIDEO, Media.Kind.AUDIO), withMedia(video), true),
        // Combinators
        Arguments.of("all: both pass", new Incoming().and(new Text("hi")), in(new PeerUser(7), false, null), true),
        Arguments.of("all: one fails", new Outgoing().and(new Text("hi")), in(new PeerUser(7), false, null), false),
        Arguments.of("any: one passes", new Outgoing().or(new Text("hi")), in(new PeerUser(7), false, null), true),
        Arguments.of("any: none pass", new Outgoing().or(new Text("bye")), in(new PeerUser(7), false, null), false),
        Arguments.of("not", new Outgoing().negate(), in(new PeerUser(7), false, null), true),
        Arguments.of("not not", new Outgoing().negate().negate(), in(new PeerUser(7), false, null), false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void passesExactlyWhatItShould(String name, Filter filter, Event event, boolean passes) {
    assertThat(filter.test(event)).isEqualTo(passes);
  }

  @Test
  void combinatorsFlattenAndDoubleNegationCancels() {
    Filter a = new Incoming();
    Filter b = new Text("x");
    Filter c = new Reply();
    assertThat(a.or(b).or(c)).isEqualTo(new Any(List.of(a, b, c)));
    assertThat(a.and(b).and(c)).isEqualTo(new All(List.of(a, b, c)));
    assertThat(a.and(b.and(c))).isEqualTo(new All(List.of(a, b, c)));
    assertThat(a.negate().negate()).isSameAs(a);
    assertThat(Any.of(a, b, c)).isEqualTo(a.or(b).or(c));
  }

  @Test
  void theTextMatchStaysOnTheEventForTheHandler() {
    NewMessage message = text("order 42 please");
    assertThat(new Text("order (\\d+)").test(message)).isTrue();
    assertThat(message.match()).get().extracting(m -> m.group(1)).isEqualTo("42");
  }

  @Test
  void rejectsNonsenseSayingWhatIsAccepted() {
    assertThatThrownBy(() -> new Command("/two words")).hasMessageContaining("one word");
    assertThatThrownBy(() -> Filters.chats(-1001234567890L)).hasMessageContaining("positive");
    assertThatThrownBy(() -> new All(List.of(new Incoming()))).hasMessageContaining("at least two");
  }
}
