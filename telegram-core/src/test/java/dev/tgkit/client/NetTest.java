package dev.tgkit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.mtproto.RpcError;
import dev.tgkit.session.DataCenter;
import dev.tgkit.session.MemoryStorage;
import dev.tgkit.session.PeerCache;
import dev.tgkit.session.Session;
import dev.tgkit.session.SessionUser;
import dev.tgkit.session.TlValues;
import dev.tgkit.session.UpdateState;
import dev.tgkit.tl.api.ConfigCtor;
import dev.tgkit.tl.api.DcOption;
import dev.tgkit.tl.api.DcOptionCtor;
import dev.tgkit.tl.api.help.GetConfig;
import dev.tgkit.tl.api.updates.GetState;
import dev.tgkit.tl.api.updates.StateCtor;
import io.micrometer.observation.ObservationRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Connecting, against a recording pipeline: the pool is made but never used, since every call
 * goes to the recording. What the connection itself does is tested end to end.
 */
class NetTest {

  private final MemoryStorage storage = new MemoryStorage();
  private final RecordingRpc rpc = new RecordingRpc();
  private final StoredSession sessions = new StoredSession(storage);
  private Net net = net(false);

  private Net net(boolean testServers) {
    ClientSettings settings = Client.builder().apiId(1).apiHash("0123456789abcdef0123456789abcdef").storage(storage)
        .dataCenter(1, "127.0.0.1", 1001).connectTimeout(Duration.ofSeconds(5)).testServers(testServers).settings();
    Client client = Client.builder().apiId(1).apiHash("0123456789abcdef0123456789abcdef").build();
    Handlers handlers = new Handlers(false, 10);
    UpdateLoop loop = new UpdateLoop(client, sessions, handlers, new PeerCache(), ObservationRegistry.NOOP,
        Clock.systemUTC());
    return new Net(settings, sessions, loop, handlers, new AuthorizationStep(sessions), new SecureRandom());
  }

  @AfterEach
  void disconnect() {
    net.shutDown();
  }

  private static ConfigCtor config(boolean testMode, DcOption... options) {
    return TlValues.of(ConfigCtor.class, "testMode", testMode, "thisDc", 1, "dcOptions", List.of(options));
  }

  @Test
  void connectingKeepsTheDataCentersTheConfigLists() {
    rpc.expect(GetConfig.class, config(false, TlValues.of(DcOptionCtor.class, "id", 4, "ipAddress", "10.0.0.4", "port", 443)));

    net.connect(rpc);

    assertThat(net.config()).isNotNull();
    assertThat(storage.load().orElseThrow().dc(4)).map(DataCenter::host).contains("10.0.0.4");
  }

  @Test
  void aSignedInSessionFetchesItsUpdateStateOnConnect() {
    storage.save(new Session(List.of(new DataCenter(1, "127.0.0.1", 1001, null)), 1)
        .withUser(new SessionUser(5, 1, true, null)));
    rpc.expect(GetConfig.class, config(false)).expect(GetState.class, new StateCtor(9, 0, 1_700_000_000, 1, 0));

    net.connect(rpc);

    assertThat(sessions.current().updateState()).isEqualTo(new UpdateState(9, 0, 1_700_000_000, 1));
  }

  @Test
  void aRevokedSignInIsForgottenAndTheConnectSucceeds() {
    storage.save(new Session(List.of(new DataCenter(1, "127.0.0.1", 1001, null)), 1)
        .withUser(new SessionUser(5, 1, true, null)));
    rpc.expect(GetConfig.class, config(false)).expect(GetState.class, RpcError.of(401, "AUTH_KEY_UNREGISTERED", null));

    net.connect(rpc);

    assertThat(sessions.current().user()).isNull();
  }

  @Test
  void aServerOfTheOtherKindIsRefusedSayingWhichWayAndLeavesTheClientDisconnected() {
    rpc.expect(GetConfig.class, config(true));

    assertThatThrownBy(() -> net.connect(rpc)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("set testServers(true)");
    assertThat(net.isConnected()).isFalse();
    assertThat(net.invoke(Pipeline.Call.home(new GetConfig()))).isCompletedExceptionally();

    net = net(true);
    rpc.expect(GetConfig.class, config(false));
    assertThatThrownBy(() -> net.connect(rpc)).hasMessageContaining("is a production one");
  }
}
