package dev.tgkit.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.session.PeerRef.ChannelRef;
import dev.tgkit.session.PeerRef.GroupRef;
import dev.tgkit.session.PeerRef.UserRef;
import dev.tgkit.tl.api.InputPeerChannel;
import dev.tgkit.tl.api.InputPeerChat;
import dev.tgkit.tl.api.InputPeerSelf;
import dev.tgkit.tl.api.InputPeerUser;
import dev.tgkit.tl.api.InputUserSelf;
import dev.tgkit.tl.api.PeerChannel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PeerRefTest {

  @Test
  void theStringFormRoundTripsForEveryKindWithAndWithoutAHash() {
    List<PeerRef> refs = List.of(
        new UserRef(123), new UserRef(123, 482L), new UserRef(7, -1L), new UserRef(7, Long.MIN_VALUE),
        new GroupRef(456), new ChannelRef(789), new ChannelRef(1_000_000_000_000L, 0x0102030405060708L), PeerRef.SELF);
    for (PeerRef ref : refs) {
      assertThat(PeerRef.parse(ref.toString())).as(ref.toString()).isEqualTo(ref);
    }
  }

  @Test
  void writesTheHashAsUrlSafeBase64OfItsBigEndianBytes() {
    assertThat(new UserRef(123, 482L)).hasToString("u.123.AAAAAAAAAeI");
    assertThat(new UserRef(123)).hasToString("u.123");
    assertThat(new ChannelRef(9, -1L)).hasToString("c.9.__________8");
    assertThat(new GroupRef(5)).hasToString("g.5");
    assertThat(PeerRef.parse("u.123.0")).isEqualTo(new UserRef(123));
  }

  @Test
  void mapsToTheInputForms() {
    assertThat(new UserRef(1, 2).toInputPeer()).isEqualTo(new InputPeerUser(1, 2));
    assertThat(new GroupRef(3).toInputPeer()).isEqualTo(new InputPeerChat(3));
    assertThat(new ChannelRef(4, 5).toInputPeer()).isEqualTo(new InputPeerChannel(4, 5));
    assertThat(new ChannelRef(4, 5).toPeer()).isEqualTo(new PeerChannel(4));
    assertThat(PeerRef.SELF.toInputPeer()).isEqualTo(new InputPeerSelf());
    assertThat(PeerRef.SELF.toInputUser()).isEqualTo(new InputUserSelf());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "u", "u.", "x.1", "uu.1", "u.abc", "u.1.2.3", "u.1.!!", "u.1.AAAA", "g.1.AAAAAAAAAeI", "c.-100123", "g.0"})
  void rejectsWhatIsNotARefSayingWhy(String text) {
    assertThatThrownBy(() -> PeerRef.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("peer ref");
  }

  @Test
  void rejectsBotApiStyleNegativeIds() {
    assertThatThrownBy(() -> new ChannelRef(-1001234567890L)).hasMessageContaining("-100");
    assertThatThrownBy(() -> new UserRef(0, 5)).hasMessageContaining("self");
  }
}
