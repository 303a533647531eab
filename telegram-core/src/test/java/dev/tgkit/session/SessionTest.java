package dev.tgkit.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.crypto.AuthKey;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SessionTest {

  private static AuthKey key(int seed) {
    byte[] k = new byte[256];
    new Random(seed).nextBytes(k);
    return AuthKey.of(k);
  }

  @Test
  void addingAnAuthKeyKeepsTheOtherDataCenters() {
    Session session = new Session(List.of(new DataCenter(1, "127.0.0.1", 1001, null),
        new DataCenter(2, "127.0.0.1", 1002, null)), 2);

    Session next = session.with(session.dc(2).orElseThrow().withAuthKey(key(1)));

    assertThat(next.authKey(2)).contains(key(1));
    assertThat(next.authKey(1)).isEmpty();
    assertThat(next.dcs()).extracting(DataCenter::id).containsExactly(1, 2);
    assertThat(next.with(new DataCenter(4, "10.0.0.4", 443, null)).dcs()).hasSize(3);
  }

  @Test
  void changingDataCentersKeepsTheUserAndTheUpdateState() {
    SessionUser user = new SessionUser(777, 4, false, "alice");
    UpdateState state = new UpdateState(10, 2, 1_700_000_000, 5, Map.of(1001L, 40));
    Session session = new Session(List.of(new DataCenter(2, "127.0.0.1", 1002, null)), 2)
        .withUser(user)
        .withUpdateState(state);

    Session moved = session.withHomeDc(4).with(new DataCenter(4, "10.0.0.4", 443, key(5)));

    assertThat(moved.user()).isEqualTo(user);
    assertThat(moved.updateState()).isEqualTo(state);
    assertThat(moved.homeDc()).isEqualTo(4);
    assertThat(moved.withUser(null).user()).isNull();
    assertThat(moved.withUser(null).updateState()).isEqualTo(state);
    assertThat(new Session(List.of(), 2)).isEqualTo(new Session(List.of(), 2, null, null));
  }

  @Test
  void updateStateIsAnImmutableCopyWithPerChannelPositions() {
    Map<Long, Integer> channels = new HashMap<>(Map.of(1001L, 40));
    UpdateState state = new UpdateState(10, 2, 3, 5, channels);
    channels.put(1002L, 7);

    assertThat(state.channelPts()).containsOnlyKeys(1001L);
    assertThat(state.channelPts(1001)).hasValue(40);
    assertThat(state.channelPts(1002)).isEmpty();
    UpdateState next = state.withChannelPts(1002, 7).withCommon(11, 3, 4, 6);
    assertThat(next).isEqualTo(new UpdateState(11, 3, 4, 6, Map.of(1001L, 40, 1002L, 7)));
    assertThat(next.withoutChannel(1001).channelPts()).containsOnlyKeys(1002L);
    assertThat(state.channelPts()).containsOnlyKeys(1001L);
  }

  @Test
  void rejectsImpossibleUsersAndStatesSayingWhatIsAccepted() {
    assertThatThrownBy(() -> new SessionUser(0, 2, false, null)).hasMessageContaining("user id is positive");
    assertThatThrownBy(() -> new SessionUser(1, 0, false, null)).hasMessageContaining("data center id is positive");
    assertThatThrownBy(() -> new SessionUser(1, 2, false, "@alice")).hasMessageContaining("no leading @");
    assertThatThrownBy(() -> new UpdateState(-1, 0, 0, 0)).hasMessageContaining("not negative");
    assertThatThrownBy(() -> new UpdateState(0, 0, 0, 0, Map.of(-5L, 1))).hasMessageContaining("channel id is positive");
    assertThatThrownBy(() -> new UpdateState(0, 0, 0, 0, Map.of(5L, -1))).hasMessageContaining("pts of channel 5");
  }

  @Test
  void aNewAddressKeepsTheKey() {
    DataCenter dc = new DataCenter(2, "127.0.0.1", 1002, key(2));
    assertThat(dc.withAddress("::1", 2002).authKey()).isEqualTo(key(2));
  }

  @Test
  void toStringNeverShowsTheAuthKey() {
    AuthKey key = key(3);
    Session session = new Session(List.of(new DataCenter(2, "127.0.0.1", 1002, key)), 2)
        .withUser(new SessionUser(777, 2, true, "somebot"))
        .withUpdateState(new UpdateState(1, 2, 3, 4, Map.of(9L, 9)));
    String hex = HexFormat.of().formatHex(key.toByteArray());

    assertThat(session.toString()).doesNotContain(hex.substring(0, 16)).doesNotContain(hex.substring(100, 116))
        .contains("somebot").contains("pts=1");
  }

  @Test
  void rejectsNonsenseWithAClearMessage() {
    assertThatThrownBy(() -> new DataCenter(0, "h", 1, null)).hasMessageContaining("positive");
    assertThatThrownBy(() -> new DataCenter(1, " ", 1, null)).hasMessageContaining("needs a host");
    assertThatThrownBy(() -> new DataCenter(1, "h", 70_000, null)).hasMessageContaining("port 70000");
    assertThatThrownBy(() -> new Session(List.of(new DataCenter(1, "a", 1, null), new DataCenter(1, "b", 2, null)), 1))
        .hasMessageContaining("listed twice");
  }
}
