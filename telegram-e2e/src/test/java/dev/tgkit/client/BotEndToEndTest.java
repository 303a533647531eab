package dev.tgkit.client;

import static dev.tgkit.client.filters.Filters.command;
import static dev.tgkit.client.filters.Filters.incoming;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.client.events.NewMessage;
import dev.tgkit.client.types.Message;
import dev.tgkit.client.types.PasswordToken;
import dev.tgkit.client.types.Peer;
import dev.tgkit.client.types.User;
import dev.tgkit.mtproto.RpcError;
import dev.tgkit.session.MemoryStorage;
import dev.tgkit.session.Storage;
import dev.tgkit.test.EmbeddedTelegram;
import dev.tgkit.test.EmbeddedTelegramExtension;
import dev.tgkit.test.TestMessage;
import dev.tgkit.test.TestUser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A bot and users on real Clients against the embedded Telegram's world, over TCP. */
class BotEndToEndTest {

  private static final String TOKEN = "424242:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

  @RegisterExtension
  final EmbeddedTelegramExtension extension = new EmbeddedTelegramExtension(() -> EmbeddedTelegram.builder().dataCenters(2));

  private final List<Client> clients = new ArrayList<>();

  @AfterEach
  void close() {
    clients.forEach(Client::close);
  }

  private Client client(EmbeddedTelegram telegram, Storage storage) {
    Client client = telegram.clientBuilder().storage(storage).build();
    clients.add(client);
    return client;
  }

  @Test
  void aBotAnswersAThousandMessagesAndTheUserGetsEveryReplyInOrder(EmbeddedTelegram telegram) throws Exception {
    telegram.createBot(TOKEN, "echo_bot");
    telegram.createUser("9996612345", "Alice");

    Client bot = client(telegram, new MemoryStorage());
    bot.on(NewMessage.class, incoming(), event -> event.reply("re: " + event.text()));
    bot.connect();
    assertThat(bot.botSignIn(TOKEN).bot()).isTrue();

    Client user = client(telegram, new MemoryStorage());
    List<String> replies = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch all = new CountDownLatch(1_000);
    user.on(NewMessage.class, incoming(), event -> {
      replies.add(event.text());
      all.countDown();
    });
    user.connect();
    var token = user.requestLoginCode("+999 661 2345");
    assertThat(user.signIn(token, "11111")).isInstanceOf(User.class);
    Peer botPeer = user.resolveUsername("@echo_bot");

    for (int i = 0; i < 1_000; i++) {
      user.sendMessage(botPeer.ref(), "m" + i);
    }

    assertThat(all.await(60, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(200); // nothing more should come
    assertThat(replies).containsExactlyElementsOf(IntStream.range(0, 1_000).mapToObj(i -> "re: m" + i).toList());
  }

  @Test
  void aBotsButtonsReachTheUser(EmbeddedTelegram telegram) throws Exception {
    telegram.createBot(TOKEN, "echo_bot");
    telegram.createUser("9996612345", "Alice");
    List<List<dev.tgkit.client.types.Button>> rows = List.of(
        List.of(dev.tgkit.client.types.Button.callback("Yes", new byte[] {1}), dev.tgkit.client.types.Button.callback("No", new byte[] {0})),
        List.of(dev.tgkit.client.types.Button.url("Docs", "https://core.telegram.org/api/bots/buttons")));
    Client bot = client(telegram, new MemoryStorage());
    bot.on(NewMessage.class, incoming(), event ->
        event.reply(dev.tgkit.client.types.OutgoingMessage.text("Sure?").buttons(rows)));
    bot.connect();
    bot.botSignIn(TOKEN);
    Client user = client(telegram, new MemoryStorage());
    List<Message> got = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch one = new CountDownLatch(1);
    user.on(NewMessage.class, incoming(), event -> {
      got.add(event);
      one.countDown();
    });
    user.connect();
    user.signIn(user.requestLoginCode("9996612345"), "11111");

    user.sendMessage(user.resolveUsername("echo_bot").ref(), "delete everything");

    assertThat(one.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(got.getFirst().buttons()).isEqualTo(rows);
    assertThatThrownBy(() -> dev.tgkit.client.types.OutgoingMessage.text("x").buttons(
        List.of(List.of(dev.tgkit.client.types.Button.text("key"), dev.tgkit.client.types.Button.url("u", "https://x")))))
        .hasMessageContaining("not both");
  }

  @Test
  void commandsAddressedToTheBotByNameReachItsHandler(EmbeddedTelegram telegram) throws Exception {
    telegram.createBot(TOKEN, "echo_bot");
    telegram.createUser("9996612345", "Alice");
    Client bot = client(telegram, new MemoryStorage());
    CountDownLatch started = new CountDownLatch(2);
    bot.on(NewMessage.class, command("/start"), event -> started.countDown());
    bot.connect();
    bot.botSignIn(TOKEN);
    Client user = client(telegram, new MemoryStorage());
    user.connect();
    user.signIn(user.requestLoginCode("9996612345"), "11111");
    Peer botPeer = user.resolveUsername("echo_bot");

    user.sendMessage(botPeer.ref(), "/start");
    user.sendMessage(botPeer.ref(), "/start@other_bot");
    user.sendMessage(botPeer.ref(), "/start@echo_bot hello");

    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void signInWithCodeAndPasswordAndTheErrorsTelegramUses(EmbeddedTelegram telegram) {
    telegram.createUser("9996612345", "Alice");
    telegram.createUser("9996612346", "Bob").setPassword("correct horse");

    Client alice = client(telegram, new MemoryStorage());
    alice.connect();
    var aliceToken = alice.requestLoginCode("9996612345");
    assertThatThrownBy(() -> alice.signIn(aliceToken, "12345"))
        .isInstanceOfSatisfying(RpcError.class, e -> assertThat(e.name()).isEqualTo("PHONE_CODE_INVALID"));
    assertThat(alice.signIn(aliceToken, "11111")).isInstanceOfSatisfying(User.class,
        u -> assertThat(u.firstName()).isEqualTo("Alice"));
    assertThat(alice.isAuthorized()).isTrue();
    assertThat(alice.getMe()).get().extracting(User::firstName).isEqualTo("Alice");
    List<Peer> resolved = alice.resolvePeers(List.of(dev.tgkit.session.PeerRef.SELF));
    assertThat(resolved).singleElement().extracting(Peer::name).isEqualTo("Alice");

    Client bob = client(telegram, new MemoryStorage());
    bob.connect();
    var bobToken = bob.requestLoginCode("9996612346");
    PasswordToken password = (PasswordToken) bob.signIn(bobToken, "11111");
    assertThatThrownBy(() -> bob.checkPassword(password, "wrong"))
        .isInstanceOfSatisfying(RpcError.class, e -> assertThat(e.name()).isEqualTo("PASSWORD_HASH_INVALID"));
    PasswordToken again = (PasswordToken) bob.signIn(bob.requestLoginCode("9996612346"), "11111");
    assertThat(bob.checkPassword(again, "correct horse").firstName()).isEqualTo("Bob");
    assertThat(bob.isAuthorized()).isTrue();
  }

  @Test
  void aSecondClientOnTheSameStorageIsSignedInWithoutANewKeyOrSignIn(EmbeddedTelegram telegram) throws Exception {
    telegram.createBot(TOKEN, "echo_bot");
    telegram.createUser("9996612345", "Alice");
    Storage storage = new MemoryStorage();
    Client first = client(telegram, storage);
    first.connect();
    first.botSignIn(TOKEN);
    first.disconnect();
    int exchanges = telegram.exchanges();

    Client second = client(telegram, storage);
    CountDownLatch got = new CountDownLatch(1);
    List<Message> seen = Collections.synchronizedList(new ArrayList<>());
    second.on(NewMessage.class, incoming(), event -> {
      seen.add(event);
      got.countDown();
    });
    second.connect();

    assertThat(second.isAuthorized()).isTrue();
    assertThat(telegram.exchanges()).isEqualTo(exchanges);
    assertThat(storage.load().orElseThrow().user().bot()).isTrue();
    Client user = client(telegram, new MemoryStorage());
    user.connect();
    user.signIn(user.requestLoginCode("9996612345"), "11111");
    user.sendMessage(user.resolveUsername("echo_bot").ref(), "still there?");
    assertThat(got.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(seen.getFirst().text()).isEqualTo("still there?");
  }

  @Test
  void aRestartOnTheSameFileNeedsNoNewKeyNoSignInAndKeptPeerRefsStillWork(EmbeddedTelegram telegram,
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    telegram.createBot(TOKEN, "echo_bot");
    telegram.createUser("9996612345", "Alice");
    Client bot = client(telegram, new MemoryStorage());
    List<String> got = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch two = new CountDownLatch(2);
    bot.on(NewMessage.class, incoming(), event -> {
      got.add(event.textHtml());
      two.countDown();
    });
    bot.connect();
    bot.botSignIn(TOKEN);

    java.nio.file.Path file = dir.resolve("alice.session");
    Client before = client(telegram, new dev.tgkit.session.FileStorage(file));
    before.connect();
    before.signIn(before.requestLoginCode("9996612345"), "11111");
    String kept = before.resolveUsername("echo_bot").ref().toString();
    before.sendMessage(dev.tgkit.session.PeerRef.parse(kept), dev.tgkit.client.types.OutgoingMessage.markdown("**one**"));
    before.disconnect();
    int exchanges = telegram.exchanges();

    Client after = client(telegram, new dev.tgkit.session.FileStorage(file));
    after.connect();
    assertThat(after.isAuthorized()).isTrue();
    after.sendMessage(dev.tgkit.session.PeerRef.parse(kept), dev.tgkit.client.types.OutgoingMessage.html("<i>two</i>"));

    assertThat(two.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(got).containsExactly("<strong>one</strong>", "<em>two</em>");
    assertThat(telegram.exchanges()).isEqualTo(exchanges);
    assertThat(after.getMe()).get().extracting(User::firstName).isEqualTo("Alice");
    assertThat(after.resolvePeers(List.of(dev.tgkit.session.PeerRef.parse(kept))))
        .singleElement().satisfies(peer -> assertThat(peer.username()).contains("echo_bot"));
  }

  @Test
  void disconnectReleasesTheSessionFileAtOnceWhileUpdatesAreStillArriving(EmbeddedTelegram telegram,
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    TestUser bob = telegram.createUser("9996654321", "Bob");
    TestUser alice = telegram.createUser("9996612345", "Alice");
    java.nio.file.Path file = dir.resolve("alice.session");
    Client first = client(telegram, new dev.tgkit.session.FileStorage(file));
    first.connect();
    first.signIn(first.requestLoginCode("9996612345"), "11111");
    first.disconnect();

    for (int round = 0; round < 20; round++) {
      Client alices = client(telegram, new dev.tgkit.session.FileStorage(file));
      CountDownLatch some = new CountDownLatch(1);
      alices.on(NewMessage.class, incoming(), event -> some.countDown());
      alices.connect();
      Thread sender = Thread.ofVirtual().start(() -> {
        for (int i = 0; i < 50 && !Thread.currentThread().isInterrupted(); i++) {
          bob.sendMessage(alice, "m" + i);
        }
      });
      assertThat(some.await(10, TimeUnit.SECONDS)).isTrue();
      alices.disconnect(); // while update-state saves may still be pending
      sender.interrupt();
      sender.join();
      try (var reopened = new dev.tgkit.session.FileStorage(file)) {
        assertThat(reopened.load()).get().satisfies(s -> assertThat(s.user()).isNotNull());
      }
    }
  }

  @Test
  void theUpdateStateIsSavedAsItAdvancesAndOnDisconnect(EmbeddedTelegram telegram) throws Exception {
    TestUser bob = telegram.createUser("9996654321", "Bob");
    TestUser alice = telegram.createUser("9996612345", "Alice");
    MemoryStorage storage = new MemoryStorage();
    Client client = client(telegram, storage);
    CountDownLatch all = new CountDownLatch(20);
    client.on(NewMessage.class, incoming(), event -> all.countDown());
    client.connect();
    client.signIn(client.requestLoginCode("9996612345"), "11111");
    int start = storage.load().orElseThrow().updateState().pts();
    assertThat(start).isEqualTo(alice.pts());

    for (int i = 0; i < 20; i++) {
      bob.sendMessage(alice, "m" + i);
    }
    assertThat(all.await(10, TimeUnit.SECONDS)).isTrue();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (storage.load().orElseThrow().updateState().pts() != alice.pts() && System.nanoTime() < deadline) {
      Thread.sleep(10); // saved soon, off the network thread: not necessarily by the time handlers ran
    }
    assertThat(storage.load().orElseThrow().updateState().pts()).isEqualTo(alice.pts()).isEqualTo(start + 20);

    bob.sendMessage(alice, "one more");
    client.disconnect();
    assertThat(storage.load().orElseThrow().updateState().pts()).isBetween(start + 20, start + 21);
  }

  @Test
  void accountsOnDc2MoveTheHomeDcDuringSignInAndTheSessionRecordsIt(EmbeddedTelegram telegram) {
    telegram.createUser("9996634567", "Dave", null, 2);
    telegram.createBot("7002:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw", "dc2_test_bot", 2);

    MemoryStorage daveStorage = new MemoryStorage();
    Client dave = client(telegram, daveStorage);
    dave.connect();
    var token = dave.requestLoginCode("9996634567"); // PHONE_MIGRATE_2
    assertThat(dave.signIn(token, "33333")).isInstanceOf(User.class);
    MemoryStorage botStorage = new MemoryStorage();
    Client bot = client(telegram, botStorage);
    bot.connect();
    bot.botSignIn("7002:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"); // USER_MIGRATE_2

    for (MemoryStorage storage : List.of(daveStorage, botStorage)) {
      dev.tgkit.session.Session saved = storage.load().orElseThrow();
      assertThat(saved.homeDc()).isEqualTo(2);
      assertThat(saved.user()).isNotNull().extracting(dev.tgkit.session.SessionUser::dc).isEqualTo(2);
    }
    assertThat(dave.getMe()).get().extracting(User::firstName).isEqualTo("Dave");
    assertThat(bot.getMe()).get().extracting(User::bot).isEqualTo(true);
  }

  @Test
  void aGracefulDisconnectLetsRunningHandlersFinishAndReplyButHandlesNothingNew(EmbeddedTelegram telegram)
      throws Exception {
    TestUser botUser = telegram.createBot(TOKEN, "echo_bot");
    TestUser alice = telegram.createUser("9996612345", "Alice");
    Client bot = client(telegram, new MemoryStorage());
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> handled = Collections.synchronizedList(new ArrayList<>());
    bot.on(NewMessage.class, incoming(), event -> {
      handled.add(event.text());
      started.countDown();
      release.await();
      event.reply("done: " + event.text());
    });
    bot.connect();
    bot.botSignIn(TOKEN);

    alice.sendMessage(botUser, "slow");
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    Thread releaser = Thread.ofVirtual().start(() -> {
      try {
        Thread.sleep(300); // disconnect(...) has stopped taking updates by now
        alice.sendMessage(botUser, "late");
        Thread.sleep(300); // time for "late" to arrive, were it to be handled
      } catch (InterruptedException e) {
        return;
      }
      release.countDown();
    });
    assertThat(bot.disconnect(java.time.Duration.ofSeconds(10))).isTrue();
    releaser.join();

    assertThat(alice.awaitMessages(botUser, 1, java.time.Duration.ofSeconds(10)))
        .extracting(TestMessage::text).containsExactly("done: slow");
    assertThat(handled).containsExactly("slow");
    assertThat(bot.isConnected()).isFalse();
  }

  @Test
  void aGracefulDisconnectGivesUpOnAHandlerThatOutlivesTheTimeout(EmbeddedTelegram telegram) throws Exception {
    TestUser botUser = telegram.createBot(TOKEN, "echo_bot");
    TestUser alice = telegram.createUser("9996612345", "Alice");
    Client bot = client(telegram, new MemoryStorage());
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    bot.on(NewMessage.class, incoming(), event -> {
      started.countDown();
      never.await();
    });
    bot.connect();
    bot.botSignIn(TOKEN);
    alice.sendMessage(botUser, "stuck");
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

    assertThat(bot.disconnect(java.time.Duration.ofMillis(200))).isFalse();
    assertThat(bot.isConnected()).isFalse();
    never.countDown();
  }

  /** A MemoryStorage whose saves fail while {@code broken} is set; counts closes. */
  private static final class BreakableStorage implements Storage {
    final MemoryStorage saved = new MemoryStorage();
    volatile boolean broken;
    final java.util.concurrent.atomic.AtomicInteger closes = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public java.util.Optional<dev.tgkit.session.Session> load() {
      return saved.load();
    }

    @Override
    public void save(dev.tgkit.session.Session session) {
      if (broken) {
        throw new IllegalStateException("the disk is full");
      }
      saved.save(session);
    }

    @Override
    public void delete() {
      saved.delete();
    }

    @Override
    public void close() {
      closes.incrementAndGet();
    }
  }

  @Test
  void disconnectRaisesWhenTheLastSaveFailsAndStillClosesTheStorage(EmbeddedTelegram telegram) throws Exception {
    TestUser bob = telegram.createUser("9996654321", "Bob");
    TestUser alice = telegram.createUser("9996612345", "Alice");
    BreakableStorage storage = new BreakableStorage();
    Client client = client(telegram, storage);
    CountDownLatch got = new CountDownLatch(1);
    client.on(NewMessage.class, incoming(), event -> got.countDown());
    client.connect();
    client.signIn(client.requestLoginCode("9996612345"), "11111");
    var stateBefore = storage.saved.load().orElseThrow().updateState();

    storage.broken = true;
    bob.sendMessage(alice, "moves the update state"); // its save fails and is logged
    assertThat(got.await(10, TimeUnit.SECONDS)).isTrue();

    assertThatThrownBy(client::disconnect).isInstanceOf(IllegalStateException.class).hasMessage("the disk is full");
    assertThat(storage.closes).hasValue(1);
    assertThat(client.isConnected()).isFalse();
    assertThat(storage.saved.load().orElseThrow().updateState()).isEqualTo(stateBefore);

    storage.broken = false;
    client.connect(); // the storage reopens and the client carries on
    assertThat(client.isAuthorized()).isTrue();
    client.disconnect();
    assertThat(storage.closes).hasValue(2);
  }
}
