package dev.tgkit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.mtproto.RpcError;
import dev.tgkit.session.PeerCache;
import dev.tgkit.session.PeerRef;
import dev.tgkit.session.TlValues;
import dev.tgkit.tl.api.InputUserSelf;
import dev.tgkit.tl.api.User;
import dev.tgkit.tl.api.UserCtor;
import dev.tgkit.tl.api.UpdatesCtor;
import dev.tgkit.tl.api.help.GetNearestDc;
import dev.tgkit.tl.api.users.GetUsers;
import java.util.List;
import org.junit.jupiter.api.Test;

class LearnPeersStepTest {

  private final PeerCache peers = new PeerCache();
  private final ScriptedNext end = new ScriptedNext();
  private final LearnPeersStep step = new LearnPeersStep(peers);

  private static UserCtor user(long id, long hash) {
    return TlValues.of(UserCtor.class, "id", id, "accessHash", hash, "firstName", "U" + id);
  }

  @Test
  void theUsersAndChatsOfAnAnswerAreKnownBeforeTheCallerSeesIt() {
    end.then(new UpdatesCtor(List.of(), List.of(user(1, 11)), List.of(), 1_700_000_000, 1));

    step.invoke(Pipeline.Call.home(new GetNearestDc()), end).join();

    assertThat(peers.userRef(1)).contains(new PeerRef.UserRef(1, 11));
  }

  @Test
  void answersThatAreListsTeachEachItem() {
    end.then(List.<User>of(user(2, 22), user(3, 33)));

    step.invoke(Pipeline.Call.home(new GetUsers(List.of(new InputUserSelf()))), end).join();

    assertThat(peers.userRef(2)).contains(new PeerRef.UserRef(2, 22));
    assertThat(peers.userRef(3)).contains(new PeerRef.UserRef(3, 33));
  }

  @Test
  void aFailedCallTeachesNothingAndFailsAsItDid() {
    end.then(RpcError.of(400, "USER_ID_INVALID", new GetNearestDc()));

    assertThatThrownBy(() -> step.invoke(Pipeline.Call.home(new GetNearestDc()), end).join())
        .cause().isInstanceOf(RpcError.BadRequest.class);
    assertThat(peers.size()).isZero();
  }
}
