package dev.tgkit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.mtproto.RpcError;
import dev.tgkit.session.DataCenter;
import dev.tgkit.session.MemoryStorage;
import dev.tgkit.session.Session;
import dev.tgkit.tl.api.NearestDcCtor;
import dev.tgkit.tl.api.help.GetNearestDc;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class MigrateStepTest {

  private static final NearestDcCtor ANSWER = new NearestDcCtor("NL", 2, 2);

  private final StoredSession sessions = new StoredSession(new MemoryStorage());
  private final ScriptedNext end = new ScriptedNext();
  private final MigrateStep step = new MigrateStep(sessions);

  MigrateStepTest() {
    sessions.set(new Session(List.of(new DataCenter(1, "127.0.0.1", 1001, null)), 1));
  }

  private Object send() {
    return step.invoke(Pipeline.Call.home(new GetNearestDc()), end).join();
  }

  private static RpcError error(int code, String name) {
    return RpcError.of(code, name, new GetNearestDc());
  }

  @Test
  void anAccountMigrationMovesTheHomeAndSendsTheCallThere() {
    end.then(error(303, "USER_MIGRATE_2")).then(ANSWER);

    assertThat(send()).isEqualTo(ANSWER);

    assertThat(end.sent()).extracting(ScriptedNext.Sent::dcId).containsExactly(Pipeline.Call.HOME, 2);
    assertThat(sessions.current().homeDc()).isEqualTo(2);
  }

  @Test
  void aFileMigrationSendsOnlyThisCallElsewhere() {
    end.then(error(303, "FILE_MIGRATE_4")).then(ANSWER);

    assertThat(send()).isEqualTo(ANSWER);

    assertThat(end.sent()).extracting(ScriptedNext.Sent::dcId).containsExactly(Pipeline.Call.HOME, 4);
    assertThat(sessions.current().homeDc()).isEqualTo(1);
  }

  @Test
  void redirectsStopAfterTheLimitWithTheLastError() {
    for (int i = 0; i <= MigrateStep.MAX_REDIRECTS; i++) {
      end.then(error(303, "FILE_MIGRATE_" + (i % 2 + 2)));
    }

    assertThatThrownBy(this::send).isInstanceOf(CompletionException.class)
        .cause().isInstanceOf(RpcError.SeeOther.class);
    assertThat(end.sent()).hasSize(MigrateStep.MAX_REDIRECTS + 1);
  }

  @Test
  void otherErrorsPassUntouched() {
    end.then(error(400, "PEER_ID_INVALID"));

    assertThatThrownBy(this::send).cause().isInstanceOf(RpcError.BadRequest.class);
    assertThat(end.sent()).hasSize(1);
  }
}
