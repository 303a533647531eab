package dev.tgkit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.mtproto.RpcError;
import dev.tgkit.session.DataCenter;
import dev.tgkit.session.MemoryStorage;
import dev.tgkit.session.Session;
import dev.tgkit.tl.Bytes;
import dev.tgkit.tl.api.NearestDcCtor;
import dev.tgkit.tl.api.auth.AuthorizationCtor;
import dev.tgkit.tl.api.auth.ExportAuthorization;
import dev.tgkit.tl.api.auth.ExportedAuthorizationCtor;
import dev.tgkit.tl.api.auth.ImportAuthorization;
import dev.tgkit.tl.api.help.GetNearestDc;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthorizationStepTest {

  private static final NearestDcCtor ANSWER = new NearestDcCtor("NL", 2, 2);
  private static final ExportedAuthorizationCtor EXPORTED = new ExportedAuthorizationCtor(77, Bytes.wrap(new byte[] {1, 2}));
  private static final AuthorizationCtor IMPORTED =
      new AuthorizationCtor(false, null, null, null, new dev.tgkit.tl.api.UserEmpty(5));

  private final StoredSession sessions = new StoredSession(new MemoryStorage());
  private final ScriptedNext end = new ScriptedNext();
  private final AuthorizationStep step = new AuthorizationStep(sessions);

  AuthorizationStepTest() {
    sessions.set(new Session(List.of(new DataCenter(1, "127.0.0.1", 1001, null)), 1));
  }

  private Object sendTo(int dc) {
    return step.invoke(new Pipeline.Call<>(new GetNearestDc(), dc), end).join();
  }

  @Test
  void callsHomeGoStraightThrough() {
    end.then(ANSWER).then(ANSWER);

    sendTo(Pipeline.Call.HOME);
    sendTo(1);

    assertThat(end.sent()).extracting(s -> s.request().tlName()).containsOnly("help.getNearestDc");
  }

  @Test
  void theFirstCallElsewhereExportsAtHomeAndImportsThereOnce() {
    end.then(EXPORTED).then(IMPORTED).then(ANSWER).then(ANSWER);

    assertThat(sendTo(4)).isEqualTo(ANSWER);
    assertThat(sendTo(4)).isEqualTo(ANSWER);

    assertThat(end.sent()).containsExactly(
        new ScriptedNext.Sent(new ExportAuthorization(4), 1),
        new ScriptedNext.Sent(new ImportAuthorization(77, EXPORTED.bytes()), 4),
        new ScriptedNext.Sent(new GetNearestDc(), 4),
        new ScriptedNext.Sent(new GetNearestDc(), 4));
  }

  @Test
  void aClientNotSignedInGoesOnWithoutExporting() {
    end.then(RpcError.of(401, "AUTH_KEY_UNREGISTERED", new ExportAuthorization(4))).then(ANSWER);

    assertThat(sendTo(4)).isEqualTo(ANSWER);
  }

  @Test
  void aFailedTransferFailsTheCallAndTheNextCallTriesAgain() {
    end.then(RpcError.of(500, "INTERNAL", new ExportAuthorization(4)))
        .then(EXPORTED).then(IMPORTED).then(ANSWER);

    assertThatThrownBy(() -> sendTo(4)).cause().isInstanceOf(RpcError.ServerError.class);
    assertThat(sendTo(4)).isEqualTo(ANSWER);
    assertThat(end.sent()).hasSize(4);
  }

  @Test
  void aClientNotSignedInSkipsTheTransferUntilForgottenBySigningIn() {
    end.then(RpcError.of(401, "AUTH_KEY_UNREGISTERED", new ExportAuthorization(4))).then(ANSWER).then(ANSWER)
        .then(EXPORTED).then(IMPORTED).then(ANSWER);

    sendTo(4);
    sendTo(4);
    step.forget();
    sendTo(4);

    assertThat(end.sent()).extracting(s -> s.request().tlName()).containsExactly("auth.exportAuthorization",
        "help.getNearestDc", "help.getNearestDc", "auth.exportAuthorization", "auth.importAuthorization",
        "help.getNearestDc");
  }

  @Test
  void aNewConnectionTransfersAgain() {
    end.then(EXPORTED).then(IMPORTED).then(ANSWER).then(EXPORTED).then(IMPORTED).then(ANSWER);

    sendTo(4);
    step.forget();
    sendTo(4);

    assertThat(end.sent()).hasSize(6);
  }
}
