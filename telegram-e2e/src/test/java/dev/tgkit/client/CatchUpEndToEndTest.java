package dev.tgkit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.client.events.Event;
import dev.tgkit.client.events.MessageDeleted;
import dev.tgkit.client.events.MessageEdited;
import dev.tgkit.client.events.NewMessage;
import dev.tgkit.session.FileStorage;
import dev.tgkit.session.MemoryStorage;
import dev.tgkit.session.Session;
import dev.tgkit.session.Storage;
import dev.tgkit.session.UpdateState;
import dev.tgkit.test.EmbeddedTelegram;
import dev.tgkit.test.EmbeddedTelegramExtension;
import dev.tgkit.test.RpcHandler;
import dev.tgkit.test.TestMessage;
import dev.tgkit.test.TestUser;
import dev.tgkit.tl.TlObject;
import dev.tgkit.tl.api.updates.DifferenceSlice;
import dev.tgkit.tl.api.updates.GetDifference;
import dev.tgkit.tl.api.updates.StateCtor;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Catch-up over real TCP: a bot's client goes away, a user writes to it meanwhile, and a new client
 * on the same storage connects with or without {@link Client.Builder#catchUp}.
 */
class CatchUpEndToEndTest {

  private static final String TOKEN = "424242:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
  private static final Duration WAIT = Duration.ofSeconds(30);

  @RegisterExtension
  final EmbeddedTelegramExtension extension = new EmbeddedTelegramExtension();

  @TempDir
  Path dir;

  private final List<Client> clients = new ArrayList<>();

  @AfterEach
  void close() {
    clients.forEach(Client::close);
  }

  /** The events a client's handlers ran for, in the order they ran. */
  private static final class Seen {
    private final List<Event> events = new ArrayList<>();

    void add(Event event) {
      synchronized (events) {
        events.add(event);
        events.notifyAll();
      }
    }

    /** Waits until an event passes {@code test}; returns every event seen by then. */
    List<Event> until(Predicate<Event> test) throws InterruptedException {
      long deadline = System.nanoTime() + WAIT.toNanos();
      synchronized (events) {
        while (events.stream().noneMatch(test)) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            throw new AssertionError("no such event within " + WAIT + "; saw " + events.size() + ": " + events);
          }
          events.wait(Math.max(1, left / 1_000_000));
        }
        return List.copyOf(events);
      }
    }

    /** Waits for the new message with {@code text}. */
    NewMessage message(String text) throws InterruptedException {
      return (NewMessage) until(text(text)).stream().filter(text(text)).findFirst().orElseThrow();
    }

    List<String> texts() {
      synchronized (events) {
        return events.stream().filter(NewMessage.class::isInstance).map(e -> ((NewMessage) e).text()).toList();
      }
    }

    <E extends Event> List<E> of(Class<E> type) {
      synchronized (events) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
      }
    }
  }

  private static Client.Builder builder(EmbeddedTelegram telegram, Storage storage) {
    return telegram.clientBuilder().storage(storage);
  }

  private Client built(Client.Builder builder) {
    Client client = builder.build();
    clients.add(client);
    return client;
  }

  /** A client whose handlers record every new, edited and deleted message. */
  private Client client(EmbeddedTelegram telegram, Storage storage, boolean catchUp, Seen seen) {
    Client client = built(builder(telegram, storage).catchUp(catchUp));
    client.on(NewMessage.class, seen::add);
    client.on(MessageEdited.class, seen::add);
    client.on(MessageDeleted.class, seen::add);
    return client;
  }

  /** Signs the bot in on {@code storage} and disconnects: it is away from now on. */
  private void signedInThenAway(EmbeddedTelegram telegram, Storage storage) {
    Client before = client(telegram, storage, false, new Seen());
    before.connect();
    before.botSignIn(TOKEN);
    before.disconnect();
  }

  /** What Alice sends the bot while it is away: {@code count} messages, m0, m1, ... */
  private static List<String> sentWhileAway(TestUser alice, TestUser bot, int count) {
    List<String> texts = texts("m", count);
    texts.forEach(text -> alice.sendMessage(bot, text));
    return texts;
  }

  private static List<String> texts(String prefix, int count) {
    return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
  }

  private static Predicate<Event> text(String text) {
    return e -> e instanceof NewMessage m && m.text().equals(text);
  }

  @Test
  void aClientThatCatchesUpSeesEveryMessageEditAndDeletionMissedWhileAwayInOrderAndOnce(EmbeddedTelegram telegram)
      throws Exception {
    telegram.differenceLimit(100);
    TestUser bot = telegram.createBot(TOKEN, "catch_up_bot");
    TestUser alice = telegram.createUser("9996612345", "Alice");
    Path file = dir.resolve("bot.session");
    signedInThenAway(telegram, new FileStorage(file));

    List<TestMessage> sent = new ArrayList<>();
    for (String text : texts("m", 250)) {
      sent.add(alice.sendMessage(bot, text));
    }
    alice.editMessage(bot, sent.get(10).id(), "m10 edited");
    alice.deleteMessages(List.of(sent.get(20).id()));

    Seen seen = new Seen();
    Client client = client(telegram, new FileStorage(file), true, seen);
    client.connect();

    assertThat(client.session().updateState().pts()).isEqualTo(bot.pts());
    assertThat(telegram.dataCenter(1).executed(GetDifference.class)).isEqualTo(3); // 100, 100, then the last 52
    // Every chat's events run in order: once the next message and deletion are seen, so is anything
    // catch-up might have handed over twice.
    TestMessage next = alice.sendMessage(bot, "next");
    alice.deleteMessages(List.of(next.id()));
    int nextId = seen.message("next").id();
    seen.until(e -> e instanceof MessageDeleted d && d.messageIds().equals(List.of(nextId)));

    List<String> expected = new ArrayList<>(texts("m", 250));
    expected.add("next");
    assertThat(seen.texts()).containsExactlyElementsOf(expected);
    List<NewMessage> messages = seen.of(NewMessage.class);
    assertThat(seen.of(MessageEdited.class)).singleElement().satisfies(edited -> {
      assertThat(edited.text()).isEqualTo("m10 edited");
      assertThat(edited.id()).isEqualTo(messages.get(10).id());
    });
    assertThat(seen.of(MessageDeleted.class)).extracting(MessageDeleted::messageIds)
        .containsExactly(List.of(messages.get(20).id()), List.of(nextId));

    client.disconnect();
    try (FileStorage reopened = new FileStorage(file)) {
      assertThat(reopened.load().orElseThrow().updateState().pts()).isEqualTo(bot.pts());
    }
  }

  @Test
  void withoutCatchUpWhatArrivedWhileAwayIsSkippedAndSaidSo(EmbeddedTelegram telegram) throws Exception {
    TestUser bot = telegram.createBot(TOKEN, "catch_up_bot");
    TestUser alice = telegram.createUser("9996612345", "Alice");
    Storage storage = new MemoryStorage();
    signedInThenAway(telegram, storage);
    int before = storage.load().orElseThrow().updateState().pts();
    sentWhileAway(alice, bot, 30);

    Seen seen = new Seen();
    Client client = client(telegram, storage, false, seen);
    String log = StandardError.during(client::connect);

    assertThat(client.session().updateState().pts()).isEqualTo(bot.pts()).isEqualTo(before + 30);
    assertThat(log).contains("30 pts of updates arrived while this session was away").contains("catchUp(true)");
    alice.sendMessage(bot, "next");
    seen.message("next");
    assertThat(seen.texts()).containsExactly("next");
    assertThat(telegram.dataCenter(1).executed(GetDifference.class)).isZero();
  }

  @Test
  void messagesSentWhileCatchUpRunsAreHandledOnceAndNoneIsLost(EmbeddedTelegram telegram) throws Exception {
    telegram.differenceLimit(100);
    TestUser bot = telegram.createBot(TOKEN, "catch_up_bot");
    TestUser alice = telegram.createUser("9996612345", "Alice");
    Storage storage = new MemoryStorage();
    signedInThenAway(telegram, storage);
    List<String> expected = new ArrayList<>(texts("m", 250));
    for (String text : expected) {
      alice.sendMessage(bot, text);
    }
    // Around each getDifference the world computes, Alice writes again: what she sends before it is
    // both pushed and in a later answer; what she sends after the last is only pushed. Answers come
    // late, so those pushes reach the client while it is still catching up.
    RpcHandler<GetDifference> world = telegram.services().handlerFor(new GetDifference(0, null, null, 1, 0, null));
    AtomicInteger calls = new AtomicInteger();
    telegram.services().register(GetDifference.class, (request, context) -> {
      int call = calls.incrementAndGet();
      for (String text : texts("before " + call + ": ", 5)) {
        alice.sendMessage(bot, text);
      }
      TlObject answer = world.handle(request, context);
      for (String text : texts("after " + call + ": ", 5)) {
        alice.sendMessage(bot, text);
      }
      return answer;
    });
    telegram.faults().delayAnswers(GetDifference.class, Duration.ofMillis(300));

    Seen seen = new Seen();
    Client client = client(telegram, storage, true, seen);
    client.connect();
    alice.sendMessage(bot, "next");
    seen.message("next");

    for (int call = 1; call <= calls.get(); call++) {
      expected.addAll(texts("before " + call + ": ", 5));
      expected.addAll(texts("after " + call + ": ", 5));
    }
    expected.add("next");
    assertThat(calls).hasValue(3);
    assertThat(seen.texts()).containsExactlyElementsOf(expected);
    assertThat(client.session().updateState().pts()).isEqualTo(bot.pts());
  }

  @Test
  void aBotThatRepliesWhileCatchingUpSeesEachOfItsRepliesOnceAndEveryReplyArrives(EmbeddedTelegram telegram)
      throws Exception {
    telegram.differenceLimit(10); // replies sent during one answer come back in the next ones
    TestUser bot = telegram.createBot(TOKEN, "catch_up_bot");
    TestUser alice = telegram.createUser("9996612345", "Alice");
    Storage storage = new MemoryStorage();
    signedInThenAway(telegram, storage);
    List<String> missed = sentWhileAway(alice, bot, 100);

    Seen seen = new Seen();
    Client client = built(builder(telegram, storage).catchUp(true));
    client.on(NewMessage.class, event -> {
      seen.add(event);
      if (!event.outgoing()) {
        event.reply("re: " + event.text());
      }
    });
    client.connect();
    alice.sendMessage(bot, "next");
    seen.message("re: next");

    List<String> replies = new ArrayList<>(missed.stream().map(t -> "re: " + t).toList());
    replies.add("re: next");
    assertThat(seen.of(NewMessage.class).stream().filter(NewMessage::outgoing).map(NewMessage::text).toList())
        .containsExactlyElementsOf(replies);
    assertThat(alice.awaitMessages(bot, replies.size(), WAIT)).extracting(TestMessage::text)
        .containsExactlyElementsOf(replies);
    assertThat(client.session().updateState().pts()).isEqualTo(bot.pts());
  }

  @Test
  void catchUpWaitsForSlowHandlersRatherThanDropEventsBeyondTheQueueLimit(EmbeddedTelegram telegram)
      throws Exception {
    TestUser bot = telegram.createBot(TOKEN, "catch_up_bot");
    TestUser alice = telegram.createUser("9996612345", "Alice");
    Storage storage = new MemoryStorage();
    signedInThenAway(telegram, storage);
    List<String> missed = sentWhileAway(alice, bot, 100);

    Seen seen = new Seen();
    Client client = built(builder(telegram, storage).catchUp(true).updateQueueLimit(5));
    client.on(NewMessage.class, event -> {
      Thread.sleep(1); // slower than catch-up hands events over
      seen.add(event);
    });
    client.connect();
    seen.message("m99"); // live updates beyond the queue limit are still dropped: let the handlers catch up
    alice.sendMessage(bot, "next");
    seen.message("next");

    List<String> expected = new ArrayList<>(missed);
    expected.add("next");
    assertThat(seen.texts()).containsExactlyElementsOf(expected);
  }

  @Test
  void whenTelegramNoLongerHasWhatWasMissedTheClientWarnsAndGoesOnFromNow(EmbeddedTelegram telegram)
      throws Exception {
    telegram.updateLogCapacity(5);
    TestUser bot = telegram.createBot(TOKEN, "catch_up_bot");
    TestUser alice = telegram.createUser("9996612345", "Alice");
    Storage storage = new MemoryStorage();
    signedInThenAway(telegram, storage);
    int before = storage.load().orElseThrow().updateState().pts();
    sentWhileAway(alice, bot, 20);

    Seen seen = new Seen();
    Client client = client(telegram, storage, true, seen);
    String log = StandardError.during(client::connect);

    assertThat(log).contains("WARN").contains("differenceTooLong").contains("20 pts skipped");
    assertThat(client.session().updateState().pts()).isEqualTo(bot.pts()).isEqualTo(before + 20);
    alice.sendMessage(bot, "next");
    seen.message("next");
    assertThat(seen.texts()).containsExactly("next");
  }

  @Test
  void aSavedStateTelegramRefusesIsReplacedByItsCurrentOneWithAWarning(EmbeddedTelegram telegram) throws Exception {
    TestUser bot = telegram.createBot(TOKEN, "catch_up_bot");
    TestUser alice = telegram.createUser("9996612345", "Alice");
    Storage storage = new MemoryStorage();
    signedInThenAway(telegram, storage);
    alice.sendMessage(bot, "missed");
    Session away = storage.load().orElseThrow();
    UpdateState ahead = away.updateState().withCommon(away.updateState().pts() + 100, 0, away.updateState().date(), 0);
    storage.save(away.withUpdateState(ahead)); // a state this account never had

    Seen seen = new Seen();
    Client client = client(telegram, storage, true, seen);
    String log = StandardError.during(client::connect);

    assertThat(log).contains("WARN").contains("PERSISTENT_TIMESTAMP_INVALID");
    assertThat(client.session().updateState().pts()).isEqualTo(bot.pts());
    alice.sendMessage(bot, "next");
    seen.message("next");
    assertThat(seen.texts()).containsExactly("next");
  }

  @Test
  void aSliceThatDoesNotMovePtsFailsTheConnectInsteadOfAskingForEver(EmbeddedTelegram telegram) {
    TestUser bot = telegram.createBot(TOKEN, "catch_up_bot");
    TestUser alice = telegram.createUser("9996612345", "Alice");
    Storage storage = new MemoryStorage();
    signedInThenAway(telegram, storage);
    alice.sendMessage(bot, "missed");
    telegram.services().register(GetDifference.class, (request, context) -> new DifferenceSlice(List.of(), List.of(),
        List.of(), List.of(), List.of(), new StateCtor(request.pts(), 0, request.date(), 0, 0)));

    Client client = client(telegram, storage, true, new Seen());

    assertThatThrownBy(client::connect).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("differenceSlice").hasMessageContaining("would not end");
    assertThat(client.isConnected()).isFalse();
  }

  /** Copies what is written to standard error (where the test logger writes) while something runs. */
  private static final class StandardError {
    static String during(Runnable action) {
      PrintStream original = System.err;
      ByteArrayOutputStream copy = new ByteArrayOutputStream();
      System.setErr(new PrintStream(new OutputStream() {
        @Override
        public void write(int b) {
          original.write(b);
          copy.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
          original.write(b, off, len);
          copy.write(b, off, len);
        }
      }, true, StandardCharsets.UTF_8));
      try {
        action.run();
      } finally {
        System.setErr(original);
      }
      return copy.toString(StandardCharsets.UTF_8);
    }
  }
}
