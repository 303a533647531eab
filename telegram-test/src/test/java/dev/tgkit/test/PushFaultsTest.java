package dev.tgkit.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tgkit.mtproto.ClientSession;
import dev.tgkit.mtproto.Incoming;
import dev.tgkit.mtproto.auth.ClientHandshake;
import dev.tgkit.mtproto.transport.Framing;
import dev.tgkit.mtproto.transport.Transport;
import dev.tgkit.tl.TlObject;
import dev.tgkit.tl.api.MessageCtor;
import dev.tgkit.tl.api.UpdateNewMessage;
import dev.tgkit.tl.api.UpdateShortMessage;
import dev.tgkit.tl.api.UpdatesCtor;
import dev.tgkit.tl.api.UpdatesTooLong;
import dev.tgkit.tl.api.help.GetNearestDc;
import dev.tgkit.tl.api.updates.DifferenceCtor;
import dev.tgkit.tl.api.updates.GetDifference;
import dev.tgkit.tl.api.updates.GetState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The push faults of {@link Faults} and {@link EmbeddedTelegram} over TCP: what a session of the
 * faulted account receives, and that the update log still holds what it did not.
 */
class PushFaultsTest {

  @RegisterExtension
  final EmbeddedTelegramExtension extension = new EmbeddedTelegramExtension();

  @RegisterExtension
  static final RealSessions sessions = new RealSessions();

  /** A session signed in as {@code account}, which has spoken once so the server pushes to it. */
  private RealClient session(EmbeddedTelegram telegram, TestUser account) throws Exception {
    RealClient client = sessions.signedIn(telegram, account);
    client.call(new GetState());
    return client;
  }

  /**
   * The texts of the new messages in {@code pushes}, in arrival order: the first from a sender
   * comes in {@code updates} naming the user, the next ones as {@code updateShortMessage}.
   */
  private static List<String> texts(List<TlObject> pushes) {
    List<String> texts = new ArrayList<>();
    for (TlObject push : pushes) {
      if (push instanceof UpdateShortMessage m) {
        texts.add(m.message());
      } else if (push instanceof UpdatesCtor updates) {
        for (var update : updates.updates()) {
          if (update instanceof UpdateNewMessage m) {
            texts.add(((MessageCtor) m.message()).message());
          }
        }
      }
    }
    return texts;
  }

  private static List<String> differenceTexts(RealClient client) throws Exception {
    var all = (DifferenceCtor) client.call(
        new GetDifference(0, null, null, (int) (System.currentTimeMillis() / 1000), 0, null));
    return all.newMessages().stream().map(m -> ((MessageCtor) m).message()).toList();
  }

  private static void send(TestUser from, TestUser to, String... texts) {
    for (String text : texts) {
      from.sendMessage(to, text);
    }
  }

  private static void awaitText(RealClient client, String text) throws InterruptedException {
    RealClient.await(() -> texts(client.updates).contains(text), "the push of " + text);
  }

  @Test
  void droppedPushesNeverArriveButTheDifferenceReturnsThem(EmbeddedTelegram telegram) throws Exception {
    TestUser alice = telegram.createUser("9996612345", "Alice");
    TestUser bob = telegram.createUser("9996654321", "Bob");
    RealClient bobs = session(telegram, bob);
    telegram.faults().dropNextPushes(bob, 2);

    send(alice, bob, "m0", "m1", "m2", "m3");
    awaitText(bobs, "m3");

    // The pushes leave in order on one connection: had m0 or m1 been sent, they came before m3.
    assertThat(texts(bobs.updates)).containsExactly("m2", "m3");
    assertThat(differenceTexts(bobs)).containsExactly("m0", "m1", "m2", "m3");
  }

  @Test
  void theSameSeedDropsTheSamePushesAndOnlyThoseOfTheFaultedAccount(EmbeddedTelegram telegram)
      throws Exception {
    TestUser alice = telegram.createUser("9996612345", "Alice");
    TestUser bob = telegram.createUser("9996654321", "Bob");
    TestUser carol = telegram.createUser("9996654322", "Carol");
    TestUser dave = telegram.createUser("9996654323", "Dave");
    RealClient bobs = session(telegram, bob);
    RealClient carols = session(telegram, carol);
    RealClient daves = session(telegram, dave);
    telegram.faults().dropPushes(bob, 0.5, 42).dropPushes(carol, 0.5, 42);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      texts.add("m" + i);
    }

    for (TestUser to : List.of(bob, carol, dave)) {
      send(alice, to, texts.toArray(String[]::new));
    }
    telegram.faults().clear();
    // Pushes leave each session's connection in order: when "end" is in, every earlier one is.
    for (TestUser to : List.of(bob, carol, dave)) {
      send(alice, to, "end");
    }
    awaitText(bobs, "end");
    awaitText(carols, "end");
    awaitText(daves, "end");

    assertThat(texts(daves.updates)).contains(texts.toArray(String[]::new));
    assertThat(differenceTexts(bobs)).containsAll(texts);
    List<String> bobGot = texts(bobs.updates);
    assertThat(bobGot).hasSizeBetween(2, texts.size() - 5); // "end", at least one kept, several lost
    assertThat(texts(carols.updates)).isEqualTo(bobGot);
  }

  @Test
  void reorderedPushesArriveAfterTheNextOneOutOfPtsOrder(EmbeddedTelegram telegram) throws Exception {
    TestUser alice = telegram.createUser("9996612345", "Alice");
    TestUser bob = telegram.createUser("9996654321", "Bob");
    RealClient bobs = session(telegram, bob);
    telegram.faults().reorderPushes(bob, 1, 0);

    send(alice, bob, "m0", "m1", "m2", "m3");
    RealClient.await(() -> texts(bobs.updates).size() == 4, "four pushes");

    // Every push is chosen, but only one is held at a time: each odd one frees the even before it.
    assertThat(texts(bobs.updates)).containsExactly("m1", "m0", "m3", "m2");
  }

  @Test
  void aDelayedPushArrivesAfterOnesPushedLater(EmbeddedTelegram telegram) throws Exception {
    TestUser alice = telegram.createUser("9996612345", "Alice");
    TestUser bob = telegram.createUser("9996654321", "Bob");
    RealClient bobs = session(telegram, bob);
    telegram.faults().delayPushes(bob, Duration.ofSeconds(3));

    send(alice, bob, "late");
    telegram.faults().clear();
    send(alice, bob, "prompt");
    awaitText(bobs, "late");

    assertThat(texts(bobs.updates)).containsExactly("prompt", "late");
  }

  @Test
  void updatesTooLongIsPushedNowAndInsteadOfChosenPushesWhichTheDifferenceReturns(
      EmbeddedTelegram telegram) throws Exception {
    TestUser alice = telegram.createUser("9996612345", "Alice");
    TestUser bob = telegram.createUser("9996654321", "Bob");
    RealClient bobs = session(telegram, bob);

    assertThat(telegram.pushUpdatesTooLong(bob)).isEqualTo(1);
    RealClient.await(() -> !bobs.updates.isEmpty(), "updatesTooLong");
    assertThat(bobs.updates).containsExactly(new UpdatesTooLong());

    bobs.updates.clear();
    telegram.faults().replacePushesWithUpdatesTooLong(bob, 1);
    send(alice, bob, "m0", "m1");
    awaitText(bobs, "m1");

    assertThat(bobs.updates).hasSize(2).first().isEqualTo(new UpdatesTooLong());
    assertThat(texts(bobs.updates)).containsExactly("m1");
    assertThat(differenceTexts(bobs)).containsExactly("m0", "m1");
  }

  @Test
  void aForgottenSessionGetsNewSessionCreatedBeforeTheAnswerToItsNextMessage(EmbeddedTelegram telegram)
      throws Exception {
    TestUser bob = telegram.createUser("9996654321", "Bob");
    TestDataCenter dc = telegram.dataCenter(1);
    try (LoopbackClient client = new LoopbackClient(dc, Transport.plain(Framing.INTERMEDIATE), 7)) {
      ClientHandshake.Done done = client.createAuthKey(telegram.publicKeys());
      ClientSession session = client.session(done);
      client.invoke(session, new GetNearestDc());
      dc.authorize(done.authKey().id(), bob.id());
      List<Incoming> known = new ArrayList<>();
      client.invoke(session, new GetNearestDc(), known);

      assertThat(telegram.forgetSessions(bob)).isEqualTo(1);
      List<Incoming> forgotten = new ArrayList<>();
      Incoming answer = client.invoke(session, new GetNearestDc(), forgotten);

      assertThat(known).noneMatch(Incoming.NewSession.class::isInstance);
      assertThat(answer).isInstanceOf(Incoming.Answer.class);
      assertThat(forgotten.indexOf(answer))
          .isGreaterThan(indexOfNewSession(forgotten))
          .isPositive();
      assertThat(dc.authKeys()).isEqualTo(1);
      assertThat(dc.userOf(done.authKey().id())).hasValue(bob.id());
    }
  }

  private static int indexOfNewSession(List<Incoming> seen) {
    for (int i = 0; i < seen.size(); i++) {
      if (seen.get(i) instanceof Incoming.NewSession) {
        return i;
      }
    }
    return -1;
  }
}
