package dev.tgkit.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.mtproto.RpcError;
import dev.tgkit.test.internal.world.World;
import dev.tgkit.tl.api.MessageCtor;
import dev.tgkit.tl.api.UpdateDeleteMessages;
import dev.tgkit.tl.api.UpdateEditMessage;
import dev.tgkit.tl.api.UserCtor;
import dev.tgkit.tl.api.updates.Difference;
import dev.tgkit.tl.api.updates.DifferenceCtor;
import dev.tgkit.tl.api.updates.DifferenceEmpty;
import dev.tgkit.tl.api.updates.DifferenceSlice;
import dev.tgkit.tl.api.updates.DifferenceTooLong;
import dev.tgkit.tl.api.updates.GetDifference;
import dev.tgkit.tl.api.updates.StateCtor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The embedded Telegram's {@code updates.getDifference} over TCP: what an account missed, from its
 * update log, in slices, and the answers to states it cannot serve.
 */
class UpdatesDifferenceTest {

  @RegisterExtension
  final EmbeddedTelegramExtension extension = new EmbeddedTelegramExtension();

  @RegisterExtension
  static final RealSessions sessions = new RealSessions();

  private static GetDifference from(int pts) {
    return new GetDifference(pts, null, null, (int) (System.currentTimeMillis() / 1000), 0, null);
  }

  private static List<String> texts(List<dev.tgkit.tl.api.Message> messages) {
    return messages.stream().map(m -> ((MessageCtor) m).message()).toList();
  }

  @Test
  void theDifferenceGivesWhatWasMissedInSlicesNamingItsUsersWithTheHashesTheAccountSees(EmbeddedTelegram telegram)
      throws Exception {
    telegram.differenceLimit(3);
    TestUser alice = telegram.createUser("9996612345", "Alice");
    TestUser bob = telegram.createUser("9996654321", "Bob");
    RealClient bobs = sessions.signedIn(telegram, bob);
    List<TestMessage> sent = new ArrayList<>();
    for (String text : List.of("m0", "m1", "m2", "m3")) {
      sent.add(alice.sendMessage(bob, text));
    }
    alice.editMessage(bob, sent.get(1).id(), "m1 edited");
    alice.deleteMessages(List.of(sent.get(2).id()));
    assertThat(bob.pts()).isEqualTo(6);

    Difference first = bobs.call(from(0));

    assertThat(first).isInstanceOfSatisfying(DifferenceSlice.class, slice -> {
      assertThat(texts(slice.newMessages())).containsExactly("m0", "m1", "m2");
      assertThat(slice.otherUpdates()).isEmpty();
      assertThat(((StateCtor) slice.intermediateState()).pts()).isEqualTo(3);
      assertThat(slice.users()).singleElement().isInstanceOfSatisfying(UserCtor.class, u -> {
        assertThat(u.id()).isEqualTo(alice.id());
        assertThat(u.accessHash()).isEqualTo(World.accessHash(bob.account, alice.id()));
      });
    });
    Difference rest = bobs.call(from(3));
    assertThat(rest).isInstanceOfSatisfying(DifferenceCtor.class, all -> {
      assertThat(texts(all.newMessages())).containsExactly("m3");
      assertThat(all.otherUpdates()).hasSize(2);
      assertThat(all.otherUpdates().get(0)).isInstanceOfSatisfying(UpdateEditMessage.class, u -> {
        assertThat(((MessageCtor) u.message()).message()).isEqualTo("m1 edited");
        assertThat(u.pts()).isEqualTo(5);
      });
      assertThat(all.otherUpdates().get(1)).isInstanceOfSatisfying(UpdateDeleteMessages.class,
          u -> assertThat(u.pts()).isEqualTo(6));
      assertThat(((StateCtor) all.state()).pts()).isEqualTo(bob.pts());
    });
    assertThat(bobs.call(from(6))).isInstanceOf(DifferenceEmpty.class);
  }

  @Test
  void statesTheAccountNeverHadGetTheErrorsTelegramUses(EmbeddedTelegram telegram) throws Exception {
    TestUser alice = telegram.createUser("9996612345", "Alice");
    TestUser bob = telegram.createUser("9996654321", "Bob");
    RealClient bobs = sessions.signedIn(telegram, bob);
    alice.sendMessage(bob, "one");
    int now = (int) (System.currentTimeMillis() / 1000);

    assertError(bobs, new GetDifference(2, null, null, now, 0, null), "PERSISTENT_TIMESTAMP_INVALID");
    assertError(bobs, new GetDifference(-1, null, null, now, 0, null), "PERSISTENT_TIMESTAMP_INVALID");
    assertError(bobs, new GetDifference(0, null, null, now, 5, null), "PERSISTENT_TIMESTAMP_INVALID");
    assertError(bobs, new GetDifference(0, null, null, 0, 0, null), "PERSISTENT_TIMESTAMP_EMPTY");
    assertThat(bobs.call(from(0))).isInstanceOf(DifferenceCtor.class); // the session is fine after them
  }

  @Test
  void fromBeforeWhatTheLogKeepsTheAnswerIsTooLongAndTheLogStaysWithinItsCapacity(EmbeddedTelegram telegram)
      throws Exception {
    telegram.updateLogCapacity(5);
    TestUser alice = telegram.createUser("9996612345", "Alice");
    TestUser bob = telegram.createUser("9996654321", "Bob");
    RealClient bobs = sessions.signedIn(telegram, bob);
    for (int i = 0; i < 20; i++) {
      alice.sendMessage(bob, "m" + i);
    }

    assertThat(bob.account.loggedUpdates()).isEqualTo(5);
    assertThat(bobs.call(from(0))).isInstanceOfSatisfying(DifferenceTooLong.class,
        tooLong -> assertThat(tooLong.pts()).isEqualTo(20));
    assertThat(bobs.call(from(14))).isInstanceOf(DifferenceTooLong.class);
    assertThat(bobs.call(from(15))).isInstanceOfSatisfying(DifferenceCtor.class,
        all -> assertThat(texts(all.newMessages())).containsExactly("m15", "m16", "m17", "m18", "m19"));
  }

  private static void assertError(RealClient client, GetDifference request, String name) {
    assertThatThrownBy(() -> client.call(request)).cause().isInstanceOfSatisfying(RpcError.class, e -> {
      assertThat(e.code()).isEqualTo(400);
      assertThat(e.name()).isEqualTo(name);
    });
  }
}
