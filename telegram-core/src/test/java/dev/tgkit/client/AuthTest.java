package dev.tgkit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.client.types.PasswordToken;
import dev.tgkit.client.types.User;
import dev.tgkit.mtproto.RpcError;
import dev.tgkit.session.DataCenter;
import dev.tgkit.session.MemoryStorage;
import dev.tgkit.session.PeerCache;
import dev.tgkit.session.Session;
import dev.tgkit.session.SessionUser;
import dev.tgkit.session.TlValues;
import dev.tgkit.session.UpdateState;
import dev.tgkit.tl.Bytes;
import dev.tgkit.tl.api.NearestDcCtor;
import dev.tgkit.tl.api.UpdatesCtor;
import dev.tgkit.tl.api.UserCtor;
import dev.tgkit.tl.api.account.GetPassword;
import dev.tgkit.tl.api.account.PasswordCtor;
import dev.tgkit.tl.api.auth.AuthorizationCtor;
import dev.tgkit.tl.api.auth.ExportedAuthorizationCtor;
import dev.tgkit.tl.api.auth.ImportBotAuthorization;
import dev.tgkit.tl.api.auth.LogOut;
import dev.tgkit.tl.api.auth.SignIn;
import dev.tgkit.tl.api.help.GetNearestDc;
import dev.tgkit.tl.api.updates.GetState;
import dev.tgkit.tl.api.updates.StateCtor;
import dev.tgkit.tl.api.users.GetUsers;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The auth service against a recording pipeline. */
class AuthTest {

  private static final String HASH = "0123456789abcdef0123456789abcdef";
  private static final String TOKEN = "123456:AAEexampleexampleexampleexample";

  private final RecordingRpc rpc = new RecordingRpc();
  private final StoredSession sessions = new StoredSession(new MemoryStorage());
  private final PeerCache peers = new PeerCache();
  private final Client client = Client.builder().apiId(1).apiHash(HASH).build();
  private final UpdateLoop updateLoop = new UpdateLoop(client, sessions, new Handlers(false, 10), peers,
      ObservationRegistry.NOOP, Clock.systemUTC());
  private final AuthorizationStep authorization = new AuthorizationStep(sessions);
  private final Auth auth = new Auth(rpc, sessions, new Login(1, HASH, new Random(1)), updateLoop, peers,
      authorization);

  AuthTest() {
    sessions.set(new Session(List.of(new DataCenter(2, "127.0.0.1", 1002, null)), 2));
  }

  private static UserCtor bot() {
    return TlValues.of(UserCtor.class, "id", 5L, "accessHash", 55L, "bot", true, "botInfoVersion", 1, "firstName", "Bot",
        "username", "a_bot");
  }

  @Test
  void aBotSignInRecordsTheAccountAndFetchesItsUpdateState() {
    rpc.expect(ImportBotAuthorization.class, TlValues.of(AuthorizationCtor.class, "user", bot()))
        .expect(GetState.class, new StateCtor(100, 3, 1_700_000_000, 7, 0));

    User me = auth.botSignIn(TOKEN);

    ImportBotAuthorization request = rpc.sent(ImportBotAuthorization.class);
    assertThat(request.apiId()).isEqualTo(1);
    assertThat(request.botAuthToken()).isEqualTo(TOKEN);
    assertThat(me.id()).isEqualTo(5);
    assertThat(sessions.current().user()).isEqualTo(new SessionUser(5, 2, true, "a_bot"));
    assertThat(sessions.current().updateState()).isEqualTo(new UpdateState(100, 3, 1_700_000_000, 7));
    assertThat(auth.isAuthorized()).isTrue();
  }

  @Test
  void aMalformedTokenIsRefusedWithoutRepeatingItOrAsking() {
    assertThatThrownBy(() -> auth.botSignIn("123:short-secret"))
        .isInstanceOf(IllegalArgumentException.class)
        .message().doesNotContain("short-secret");
    assertThat(rpc.requests()).isEmpty();
  }

  @Test
  void aCodeSignInOfAnAccountWithAPasswordAsksForThePassword() {
    rpc.expect(SignIn.class, RpcError.of(401, "SESSION_PASSWORD_NEEDED", null))
        .expect(GetPassword.class, TlValues.of(PasswordCtor.class, "secureRandom", dev.tgkit.tl.Bytes.wrap(new byte[8])));

    assertThat(auth.signIn(new dev.tgkit.client.types.LoginToken("15550001111", "h"), " 12345 "))
        .isInstanceOf(PasswordToken.class);
    assertThat(rpc.sent(SignIn.class).phoneCode()).isEqualTo("12345");
  }

  @Test
  void getMeOnARevokedSessionSignsOut() {
    sessions.update(s -> s.withUser(new SessionUser(5, 2, true, null)));
    rpc.expect(GetUsers.class, RpcError.of(401, "AUTH_KEY_UNREGISTERED", null));

    assertThat(auth.getMe()).isEmpty();
    assertThat(sessions.current().user()).isNull();
  }

  @Test
  void signingOutForgetsTheAccountItsStateAndThePeersItWasShown() {
    sessions.update(s -> s.withUser(new SessionUser(5, 2, true, null)).withUpdateState(new UpdateState(1, 0, 1, 0)));
    peers.learn(new UpdatesCtor(List.of(), List.of(bot()), List.of(), 1, 1));
    rpc.expect(LogOut.class, TlValues.of(dev.tgkit.tl.api.auth.LoggedOutCtor.class));

    auth.signOut();

    assertThat(sessions.current().user()).isNull();
    assertThat(sessions.current().updateState()).isNull();
    assertThat(peers.userRef(5)).isEmpty();
  }

  @Test
  void signingInMakesOtherDataCentersLearnTheAccountAnew() {
    ScriptedNext end = new ScriptedNext()
        .then(RpcError.of(401, "AUTH_KEY_UNREGISTERED", null)).then(new NearestDcCtor("NL", 2, 2))
        .then(new ExportedAuthorizationCtor(1, Bytes.wrap(new byte[] {1}))).then(TlValues.of(AuthorizationCtor.class, "user", bot()))
        .then(new NearestDcCtor("NL", 2, 2));
    authorization.invoke(new Pipeline.Call<>(new GetNearestDc(), 4), end).join();
    rpc.expect(ImportBotAuthorization.class, TlValues.of(AuthorizationCtor.class, "user", bot()))
        .expect(GetState.class, new StateCtor(100, 3, 1_700_000_000, 7, 0));

    auth.botSignIn(TOKEN);
    authorization.invoke(new Pipeline.Call<>(new GetNearestDc(), 4), end).join();

    assertThat(end.sent()).extracting(s -> s.request().tlName()).containsExactly("auth.exportAuthorization",
        "help.getNearestDc", "auth.exportAuthorization", "auth.importAuthorization", "help.getNearestDc");
  }
}
