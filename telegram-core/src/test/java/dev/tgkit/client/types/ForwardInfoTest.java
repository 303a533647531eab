package dev.tgkit.client.types;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tgkit.session.TlValues;
import dev.tgkit.tl.api.MessageCtor;
import dev.tgkit.tl.api.MessageFwdHeader;
import dev.tgkit.tl.api.MessageFwdHeaderCtor;
import dev.tgkit.tl.api.PeerChannel;
import dev.tgkit.tl.api.PeerUser;
import dev.tgkit.tl.api.UserCtor;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** What Message.forwardInfo() makes of the headers Telegram sends. */
class ForwardInfoTest {

  private static Message message(@Nullable MessageFwdHeader header, PeerMap peers) {
    MessageCtor raw = MessageCtor.builder(5, new PeerUser(7), 1_700_000_000, "hello").fwdFrom(header).build();
    return Message.of(raw, peers, 1);
  }

  private static MessageFwdHeaderCtor header(dev.tgkit.tl.api.@Nullable Peer from, @Nullable String fromName,
      @Nullable Integer channelPost, @Nullable String postAuthor) {
    return MessageFwdHeaderCtor.builder(1_600_000_000)
        .fromId(from).fromName(fromName).channelPost(channelPost).postAuthor(postAuthor)
        .build();
  }

  @Test
  void aMessageThatWasNotForwardedHasNoneAndMayBeForwarded() {
    Message message = message(null, new PeerMap());
    assertThat(message.forwardInfo()).isEmpty();
    assertThat(message.canForward()).isTrue();
  }

  @Test
  void aMessageFromAProtectedChatMayNotBeForwarded() {
    MessageCtor raw = TlValues.of(MessageCtor.class, "id", 5, "peerId", new PeerUser(7), "noforwards", true, "message", "x");
    assertThat(Message.of(raw, new PeerMap(), 1).canForward()).isFalse();
    assertThat(Message.of(new dev.tgkit.tl.api.MessageEmpty(6, new PeerUser(7)), new PeerMap(), 1).canForward()).isFalse();
  }

  @Test
  void aForwardFromAUserNamesTheUserAsTheResponseDescribedThem() {
    UserCtor bob = TlValues.of(UserCtor.class, "id", 42L, "accessHash", 777L, "firstName", "Bob");
    ForwardInfo info = message(header(new PeerUser(42), null, null, null), new PeerMap(List.of(bob), List.of()))
        .forwardInfo().orElseThrow();

    assertThat(info.from()).get().isInstanceOfSatisfying(User.class, u -> {
      assertThat(u.firstName()).isEqualTo("Bob");
      assertThat(u.ref()).isEqualTo(new dev.tgkit.session.PeerRef.UserRef(42, 777L));
    });
    assertThat(info.fromName()).isEmpty();
    assertThat(info.date()).isEqualTo(Instant.ofEpochSecond(1_600_000_000));
    assertThat(info.channelPostId()).isEmpty();
    assertThat(info.imported()).isFalse();
  }

  @Test
  void aSenderWhoHidesTheirAccountHasOnlyAName() {
    ForwardInfo info = message(header(null, "Someone", null, null), new PeerMap()).forwardInfo().orElseThrow();

    assertThat(info.from()).isEmpty();
    assertThat(info.fromName()).contains("Someone");
    assertThat(info.toString()).doesNotContain("Someone");
  }

  @Test
  void aChannelPostNamesTheChannelThePostAndItsAuthor() {
    dev.tgkit.tl.api.Channel news = TlValues.of(dev.tgkit.tl.api.Channel.class, "id", 99L, "accessHash", 555L, "broadcast", true, "title", "News");
    ForwardInfo info = message(header(new PeerChannel(99), null, 1234, "Editor"), new PeerMap(List.of(), List.of(news)))
        .forwardInfo().orElseThrow();

    assertThat(info.from()).get().isInstanceOf(Channel.class);
    assertThat(info.from().orElseThrow().ref()).isEqualTo(new dev.tgkit.session.PeerRef.ChannelRef(99, 555L));
    assertThat(info.channelPostId()).hasValue(1234);
    assertThat(info.postAuthor()).contains("Editor");
  }
}
