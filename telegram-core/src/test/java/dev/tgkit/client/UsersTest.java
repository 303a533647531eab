package dev.tgkit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.client.types.Peer;
import dev.tgkit.session.DataCenter;
import dev.tgkit.session.MemoryStorage;
import dev.tgkit.session.PeerCache;
import dev.tgkit.session.PeerRef;
import dev.tgkit.session.Session;
import dev.tgkit.session.TlValues;
import dev.tgkit.tl.api.Channel;
import dev.tgkit.tl.api.ChatCtor;
import dev.tgkit.tl.api.PeerUser;
import dev.tgkit.tl.api.User;
import dev.tgkit.tl.api.UserCtor;
import dev.tgkit.tl.api.contacts.ResolveUsername;
import dev.tgkit.tl.api.contacts.ResolvedPeerCtor;
import dev.tgkit.tl.api.messages.ChatsCtor;
import dev.tgkit.tl.api.users.GetUsers;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The users service against a recording pipeline. */
class UsersTest {

  private final RecordingRpc rpc = new RecordingRpc();
  private final StoredSession sessions = new StoredSession(new MemoryStorage());
  private final Users users = new Users(rpc, sessions, new PeerCache());

  UsersTest() {
    sessions.set(new Session(List.of(new DataCenter(1, "127.0.0.1", 1001, null)), 1));
  }

  private static UserCtor user(long id, long hash) {
    return TlValues.of(UserCtor.class, "id", id, "accessHash", hash, "firstName", "U" + id, "username", "user" + id);
  }

  @Test
  void aUsernameIsResolvedWithoutItsAtSign() {
    rpc.expect(ResolveUsername.class, new ResolvedPeerCtor(new PeerUser(1), List.of(), List.of(user(1, 11))));

    Peer found = users.resolveUsername("@user1");

    assertThat(rpc.sent(ResolveUsername.class).username()).isEqualTo("user1");
    assertThat(found.ref()).isEqualTo(new PeerRef.UserRef(1, 11));
  }

  @Test
  void aNameThatCannotBeAUsernameIsRefusedWithoutAsking() {
    assertThatThrownBy(() -> users.resolveUsername("@no")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("4 to 32");
    assertThatThrownBy(() -> users.resolveUsername("t.me/someone")).isInstanceOf(IllegalArgumentException.class);
    assertThat(rpc.requests()).isEmpty();
  }

  @Test
  void refsAreFetchedOneRequestPerKindAndReturnedInTheirOrder() {
    rpc.expect(GetUsers.class, List.<User>of(user(1, 11)))
        .expect(dev.tgkit.tl.api.messages.GetChats.class,
            new ChatsCtor(List.of(TlValues.of(ChatCtor.class, "id", 20L, "title", "Group"))))
        .expect(dev.tgkit.tl.api.channels.GetChannels.class,
            new ChatsCtor(List.of(TlValues.of(Channel.class, "id", 30L, "accessHash", 33L, "title", "News"))));

    List<Peer> peers = users.resolvePeers(
        List.of(new PeerRef.ChannelRef(30, 33), new PeerRef.UserRef(1, 11), new PeerRef.GroupRef(20)));

    assertThat(peers).extracting(Peer::name).containsExactly("News", "U1", "Group");
    rpc.assertDone();
  }

  @Test
  void aRefTelegramDidNotDescribeIsAnError() {
    rpc.expect(GetUsers.class, List.<User>of());

    assertThatThrownBy(() -> users.resolvePeers(List.of(new PeerRef.UserRef(5, 55))))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("did not describe");
  }
}
