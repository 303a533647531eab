package dev.tgkit.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tgkit.client.events.Event;
import dev.tgkit.client.events.NewMessage;
import dev.tgkit.client.filters.Filters;
import dev.tgkit.session.DataCenter;
import dev.tgkit.session.MemoryStorage;
import dev.tgkit.session.PeerCache;
import dev.tgkit.session.Session;
import dev.tgkit.session.SessionUser;
import dev.tgkit.session.TlValues;
import dev.tgkit.session.UpdateState;
import dev.tgkit.tl.api.InputPeerUser;
import dev.tgkit.tl.api.MessageCtor;
import dev.tgkit.tl.api.PeerUser;
import dev.tgkit.tl.api.UpdateShortSentMessage;
import dev.tgkit.tl.api.messages.SendMessage;
import dev.tgkit.tl.api.updates.DifferenceCtor;
import dev.tgkit.tl.api.updates.GetDifference;
import dev.tgkit.tl.api.updates.GetState;
import dev.tgkit.tl.api.updates.StateCtor;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The update loop against a recording pipeline: what it asks Telegram, and what reaches the handlers. */
class UpdateLoopTest {

  private final RecordingRpc rpc = new RecordingRpc();
  private final StoredSession sessions = new StoredSession(new MemoryStorage());
  private final Handlers handlers = new Handlers(false, 100);
  private final List<Event> handled = new CopyOnWriteArrayList<>();
  private final Client client = Client.builder().apiId(1).apiHash("0123456789abcdef0123456789abcdef").build();
  private final UpdateLoop loop = new UpdateLoop(client, sessions, handlers, new PeerCache(), ObservationRegistry.NOOP,
      Clock.systemUTC());

  UpdateLoopTest() {
    sessions.set(new Session(List.of(new DataCenter(1, "127.0.0.1", 1001, null)), 1)
        .withUser(new SessionUser(42, 1, true, "a_bot")).withUpdateState(new UpdateState(100, 0, 1_700_000_000, 5)));
    handlers.on(Event.class, Filters.any(), handled::add, null);
  }

  private void awaitHandled() throws InterruptedException {
    assertThat(handlers.awaitIdle(Duration.ofSeconds(5))).isTrue();
  }

  @Test
  void resumingWithoutCatchUpTakesTelegramsCurrentState() {
    loop.start(false);
    rpc.expect(GetState.class, new StateCtor(130, 2, 1_700_000_100, 9, 0));

    loop.resume(rpc, false);

    assertThat(sessions.current().updateState()).isEqualTo(new UpdateState(130, 2, 1_700_000_100, 9));
  }

  @Test
  void catchingUpAsksForTheDifferenceFromTheSavedStateAndHandsOverWhatWasMissed() throws Exception {
    loop.start(true);
    MessageCtor missed = TlValues.of(MessageCtor.class, "id", 7, "peerId", new PeerUser(9), "fromId", new PeerUser(9),
        "date", 1_700_000_050, "message", "while you were away");
    rpc.expect(GetDifference.class, TlValues.of(DifferenceCtor.class, "newMessages", List.of(missed),
        "state", new StateCtor(101, 0, 1_700_000_050, 6, 0)));

    loop.resume(rpc, true);
    awaitHandled();

    assertThat(rpc.sent(GetDifference.class).pts()).isEqualTo(100);
    assertThat(handled).singleElement().isInstanceOfSatisfying(NewMessage.class,
        m -> assertThat(m.text()).isEqualTo("while you were away"));
    assertThat(sessions.current().updateState().pts()).isEqualTo(101);
  }

  @Test
  void theShortAnswerToASentMessageBecomesItsEvent() throws Exception {
    loop.start(false);
    SendMessage request = TlValues.of(SendMessage.class, "peer", new InputPeerUser(9, 99), "message", "hi",
        "randomId", 5L);

    loop.answered(request, UpdateShortSentMessage.builder(11, 101, 1, 1_700_000_060).out_(true).build());
    awaitHandled();

    assertThat(handled).singleElement().isInstanceOfSatisfying(NewMessage.class, m -> {
      assertThat(m.id()).isEqualTo(11);
      assertThat(m.text()).isEqualTo("hi");
      assertThat(m.outgoing()).isTrue();
    });
    assertThat(sessions.current().updateState().pts()).isEqualTo(101);
  }

  @Test
  void affectedPtsMoveTheCommonStateWhenTheyFollowOnFromIt() {
    loop.start(false);

    loop.affected(0, 102, 2);
    loop.affected(555, 900, 1); // a channel's own sequence
    loop.affected(0, 101, 1); // already covered
    loop.affected(0, 110, 1); // skips 103 to 109: left for catch-up to fetch
    assertThat(sessions.current().updateState().pts()).isEqualTo(102);

    loop.affected(0, 103, 1);
    assertThat(sessions.current().updateState().pts()).isEqualTo(103);
  }

  @Test
  void affectedPtsDuringCatchUpAreLeftToCatchUp() {
    loop.start(true);

    loop.affected(0, 101, 1);

    assertThat(sessions.current().updateState().pts()).isEqualTo(100);
  }
}
