package dev.tgkit.client;

import static dev.tgkit.client.filters.Filters.chatType;
import static dev.tgkit.client.filters.Filters.chats;
import static dev.tgkit.client.filters.Filters.senders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.client.events.Event;
import dev.tgkit.client.events.MessageDeleted;
import dev.tgkit.client.events.MessageEdited;
import dev.tgkit.client.events.NewMessage;
import dev.tgkit.client.types.Button;
import dev.tgkit.client.types.ForwardInfo;
import dev.tgkit.client.types.Group;
import dev.tgkit.client.types.Message;
import dev.tgkit.client.types.OutgoingMessage;
import dev.tgkit.client.types.Peer;
import dev.tgkit.client.types.User;
import dev.tgkit.mtproto.RpcError;
import dev.tgkit.session.MemoryStorage;
import dev.tgkit.session.PeerRef;
import dev.tgkit.test.EmbeddedTelegram;
import dev.tgkit.test.EmbeddedTelegramExtension;
import dev.tgkit.test.RpcHandler;
import dev.tgkit.test.TestGroup;
import dev.tgkit.test.TestMessage;
import dev.tgkit.test.TestUser;
import dev.tgkit.tl.api.InputPeerSelf;
import dev.tgkit.tl.api.MessageEntityBold;
import dev.tgkit.tl.api.MessageEntityCode;
import dev.tgkit.tl.api.MessageEntityItalic;
import dev.tgkit.tl.api.messages.AffectedHistoryCtor;
import dev.tgkit.tl.api.messages.UnpinAllMessages;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The messaging API of real {@link Client}s (users and a bot signed in over TCP) against the
 * embedded Telegram: each call is checked against what the world recorded and what the other
 * side's client received.
 */
class ClientMessagingEndToEndTest {

  private static final String TOKEN = "424242:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
  private static final Duration WAIT = Duration.ofSeconds(10);

  @RegisterExtension
  final EmbeddedTelegramExtension extension = new EmbeddedTelegramExtension();

  private final List<Client> clients = new ArrayList<>();

  @AfterEach
  void close() {
    clients.forEach(Client::close);
  }

  /** A signed-in client, its account in the world, the events it saw and the requests it made. */
  private static final class Party {
    final TestUser account;
    final Client client;
    private final List<Event> events = new ArrayList<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

    Party(TestUser account, Client client) {
      this.account = account;
      this.client = client;
    }

    private void seen(Event event) {
      synchronized (events) {
        events.add(event);
        events.notifyAll();
      }
    }

    /** Waits for the first event of {@code type} that passes {@code test}, seen before or after the call. */
    <E extends Event> E await(Class<E> type, Predicate<? super E> test) throws InterruptedException {
      long deadline = System.nanoTime() + WAIT.toNanos();
      synchronized (events) {
        while (true) {
          for (Event e : events) {
            if (type.isInstance(e) && test.test(type.cast(e))) {
              return type.cast(e);
            }
          }
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            throw new AssertionError(account + " saw no such " + type.getSimpleName() + " within " + WAIT
                + "; it saw " + events);
          }
          events.wait(Math.max(1, left / 1_000_000));
        }
      }
    }

    NewMessage awaitText(String text) throws InterruptedException {
      return await(NewMessage.class, m -> m.text().equals(text));
    }

    <E extends Event> List<E> seen(Class<E> type) {
      synchronized (events) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
      }
    }

    int requests(String method) {
      return requests.computeIfAbsent(method, m -> new AtomicInteger()).get();
    }
  }

  private Party user(EmbeddedTelegram telegram, String phone, String name, String username) {
    TestUser account = telegram.createUser(phone, name).username(username);
    Party party = connected(telegram, account);
    // 99966XYYYY signs in with X five times.
    party.client.signIn(party.client.requestLoginCode(phone), String.valueOf(phone.charAt(5)).repeat(5));
    return party;
  }

  private Party bot(EmbeddedTelegram telegram) {
    Party party = connected(telegram, telegram.createBot(TOKEN, "helper_bot"));
    party.client.botSignIn(TOKEN);
    return party;
  }

  private Party connected(EmbeddedTelegram telegram, TestUser account) {
    ObservationRegistry registry = ObservationRegistry.create();
    Client client = telegram.clientBuilder().storage(new MemoryStorage())
        .observationRegistry(registry).checkAllHandlers(true).build();
    clients.add(client);
    Party party = new Party(account, client);
    registry.observationConfig().observationHandler(new ObservationHandler<>() {
      @Override
      public boolean supportsContext(Observation.Context context) {
        return true;
      }

      @Override
      public void onStart(Observation.Context context) {
        var method = context.getLowCardinalityKeyValue("method");
        if (method != null) {
          party.requests.computeIfAbsent(method.getValue(), m -> new AtomicInteger()).incrementAndGet();
        }
      }
    });
    client.on(NewMessage.class, party::seen);
    client.on(MessageEdited.class, party::seen);
    client.on(MessageDeleted.class, party::seen);
    client.connect();
    return party;
  }

  @Test
  void aClientRestartedOnItsSessionSendsAsItsAccountBeforeAnyGetMe() {
    EmbeddedTelegram telegram = extension.telegram();
    Party alice = user(telegram, "9996610001", "Alice", "alice_tg");
    user(telegram, "9996620002", "Bob", "bob_tg");
    PeerRef bob = alice.client.resolveUsername("bob_tg").ref();
    dev.tgkit.session.Session session = alice.client.session();
    alice.client.disconnect();

    Client again = telegram.clientBuilder().storage(new MemoryStorage(session)).build();
    clients.add(again);
    again.connect();
    Message toBob = again.sendMessage(bob, "after a restart");
    Message toSelf = again.sendMessage(PeerRef.SELF, "a note to myself");

    assertThat(toBob.outgoing()).isTrue();
    assertThat(toBob.sender()).get().extracting(Peer::id).isEqualTo(alice.account.id());
    assertThat(toSelf.chat().id()).isEqualTo(alice.account.id());
    assertThat(toSelf.sender()).get().extracting(Peer::id).isEqualTo(alice.account.id());
  }

  private static List<String> texts(List<TestMessage> messages) {
    return messages.stream().filter(m -> !m.service()).map(TestMessage::text).toList();
  }

  private static TestMessage only(List<TestMessage> messages, String text) {
    List<TestMessage> found = messages.stream().filter(m -> m.text().equals(text)).toList();
    assertThat(found).as("messages with text \"%s\"", text).hasSize(1);
    return found.getFirst();
  }

  private static void rpcError(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String name) {
    assertThatThrownBy(call).isInstanceOfSatisfying(RpcError.class, e -> assertThat(e.name()).isEqualTo(name));
  }

  @Test
  void plainMarkdownAndHtmlTextsReachTheRecipientAndTheWorldAsSent(EmbeddedTelegram telegram) throws Exception {
    Party alice = user(telegram, "9996610001", "Alice", "alice_tg");
    Party bob = user(telegram, "9996620002", "Bob", "bob_tg");
    PeerRef toBob = alice.client.resolveUsername("bob_tg").ref();

    Message plain = alice.client.sendMessage(toBob, "hello Bob");
    Message markdown = alice.client.sendMessage(toBob, OutgoingMessage.markdown("**bold** and *italic*"));
    Message html = alice.client.sendMessage(toBob, OutgoingMessage.html("<b>loud</b> and <code>x()</code>"));

    assertThat(plain.outgoing()).isTrue();
    assertThat(plain.chat().id()).isEqualTo(bob.account.id());
    assertThat(plain.sender()).get().extracting(Peer::id).isEqualTo(alice.account.id());
    assertThat(markdown.text()).isEqualTo("bold and italic");
    assertThat(markdown.entities()).containsExactly(new MessageEntityBold(0, 4), new MessageEntityItalic(9, 6));
    assertThat(html.text()).isEqualTo("loud and x()");
    assertThat(html.entities()).containsExactly(new MessageEntityBold(0, 4), new MessageEntityCode(9, 3));

    List<TestMessage> sent = alice.account.messages(bob.account);
    assertThat(sent).extracting(TestMessage::id).containsExactly(plain.id(), markdown.id(), html.id());
    assertThat(texts(sent)).containsExactly("hello Bob", "bold and italic", "loud and x()");
    assertThat(sent).extracting(TestMessage::entities)
        .containsExactly(List.of(), markdown.entities(), html.entities());
    List<TestMessage> received = bob.account.messages(alice.account);
    assertThat(received).allSatisfy(m -> {
      assertThat(m.out()).isFalse();
      assertThat(m.fromId()).isEqualTo(alice.account.id());
    });

    for (Message original : List.of(plain, markdown, html)) {
      // The sender's handlers see what it sent, as outgoing messages.
      NewMessage own = alice.awaitText(original.text());
      assertThat(own.outgoing()).isTrue();
      assertThat(own.id()).isEqualTo(original.id());
      assertThat(own.entities()).isEqualTo(original.entities());
      NewMessage got = bob.awaitText(original.text());
      assertThat(got.incoming()).isTrue();
      assertThat(got.id()).isEqualTo(only(received, original.text()).id());
      assertThat(got.entities()).isEqualTo(original.entities());
      assertThat(got.chat()).isInstanceOf(User.class).extracting(Peer::id).isEqualTo(alice.account.id());
      assertThat(got.sender()).get().extracting(Peer::id).isEqualTo(alice.account.id());
    }
  }

  @Test
  void replySilenceAndLinkPreviewAreRecordedByTheWorldAndSeenByTheRecipient(EmbeddedTelegram telegram)
      throws Exception {
    Party alice = user(telegram, "9996610001", "Alice", "alice_tg");
    Party bob = user(telegram, "9996620002", "Bob", "bob_tg");
    PeerRef toBob = alice.client.resolveUsername("bob_tg").ref();

    Message first = alice.client.sendMessage(toBob, "first");
    Message reply = alice.client.sendMessage(toBob, OutgoingMessage.text("a reply").replyTo(first.id()));
    Message quiet = alice.client.sendMessage(toBob, OutgoingMessage.text("shh").silent(true));
    Message noPreview = alice.client.sendMessage(toBob, "see https://core.telegram.org/api");
    Message explicitlyNone = alice.client.sendMessage(toBob,
        OutgoingMessage.text("again https://core.telegram.org/api").linkPreview(false));
    Message preview = alice.client.sendMessage(toBob,
        OutgoingMessage.text("and https://core.telegram.org/bots now").linkPreview(true));

    assertThat(reply.repliedMessageId()).hasValue(first.id());
    assertThat(quiet.silent()).isTrue();
    assertThat(preview.hasMedia()).isTrue();
    assertThat(noPreview.hasMedia()).isFalse();

    List<TestMessage> mine = alice.account.messages(bob.account);
    List<TestMessage> theirs = bob.account.messages(alice.account);
    assertThat(only(mine, "a reply").replyTo()).isEqualTo(first.id());
    assertThat(only(theirs, "a reply").replyTo()).isEqualTo(only(theirs, "first").id());
    assertThat(only(theirs, "shh").silent()).isTrue();
    assertThat(only(theirs, "first").silent()).isFalse();
    assertThat(only(theirs, noPreview.text()).preview()).isNull();
    assertThat(only(theirs, explicitlyNone.text()).preview()).isNull();
    assertThat(only(theirs, preview.text()).preview()).isEqualTo("https://core.telegram.org/bots");

    assertThat(bob.awaitText("a reply").repliedMessageId()).hasValue(only(theirs, "first").id());
    assertThat(bob.awaitText("first").repliedMessageId()).isEmpty();
    assertThat(bob.awaitText("shh").silent()).isTrue();
    assertThat(bob.awaitText("first").silent()).isFalse();
    assertThat(bob.awaitText(noPreview.text()).hasMedia()).isFalse();
    assertThat(bob.awaitText(explicitlyNone.text()).hasMedia()).isFalse();
    assertThat(bob.awaitText(preview.text()).hasMedia()).isTrue();

    // An edit drops the preview unless it allows one again.
    Message dropped = preview.edit("and https://core.telegram.org/bots now, edited");
    assertThat(dropped.hasMedia()).isFalse();
    assertThat(bob.await(MessageEdited.class, e -> e.text().equals(dropped.text())).hasMedia()).isFalse();
    assertThat(only(bob.account.messages(alice.account), dropped.text()).preview()).isNull();
    Message again = preview.edit(OutgoingMessage.text("https://core.telegram.org/api/links").linkPreview(true));
    assertThat(again.hasMedia()).isTrue();
    assertThat(bob.await(MessageEdited.class, e -> e.text().equals(again.text())).hasMedia()).isTrue();
    assertThat(only(bob.account.messages(alice.account), again.text()).preview())
        .isEqualTo("https://core.telegram.org/api/links");
  }

  @Test
  void aBotsButtonsReachTheUserAndAUserIsToldOnlyBotsSendThem(EmbeddedTelegram telegram) throws Exception {
    Party alice = user(telegram, "9996610001", "Alice", "alice_tg");
    Party bot = bot(telegram);
    PeerRef toBot = alice.client.resolveUsername("helper_bot").ref();
    List<List<Button>> rows = List.of(
        List.of(Button.callback("Yes", new byte[] {1}), Button.callback("No", new byte[] {0})),
        List.of(Button.url("Docs", "https://core.telegram.org/api/bots/buttons")));

    alice.client.sendMessage(toBot, "/start");
    NewMessage start = bot.awaitText("/start");
    Message offer = bot.client.sendMessage(start.chat().ref(), OutgoingMessage.text("Sure?").buttons(rows));

    assertThat(offer.buttons()).isEqualTo(rows);
    assertThat(only(alice.account.messages(bot.account), "Sure?").buttons()).isTrue();
    assertThat(alice.awaitText("Sure?").buttons()).isEqualTo(rows);

    // A bot's edit replaces the buttons; one without buttons removes them, as Telegram does.
    List<List<Button>> maybe = List.of(List.of(Button.callback("Maybe", new byte[] {2})));
    assertThat(offer.edit(OutgoingMessage.text("Sure??").buttons(maybe)).buttons()).isEqualTo(maybe);
    assertThat(alice.await(MessageEdited.class, e -> e.text().equals("Sure??")).buttons()).isEqualTo(maybe);
    assertThat(offer.edit("Done").buttons()).isEmpty();
    assertThat(alice.await(MessageEdited.class, e -> e.text().equals("Done")).buttons()).isEmpty();
    assertThat(only(alice.account.messages(bot.account), "Done").buttons()).isFalse();
    rpcError(() -> offer.edit(OutgoingMessage.text("keys").buttons(List.of(List.of(Button.text("a"))))),
        "REPLY_MARKUP_INVALID");

    int before = alice.account.messages(bot.account).size();
    assertThatThrownBy(() -> alice.client.sendMessage(toBot, OutgoingMessage.text("mine").buttons(rows)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("only bots");
    Message plain = alice.client.sendMessage(toBot, "no buttons");
    assertThatThrownBy(() -> alice.client.editMessage(toBot, plain.id(), OutgoingMessage.text("x").buttons(rows)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("only bots");
    assertThat(alice.account.messages(bot.account)).hasSize(before + 1)
        .noneMatch(m -> m.text().equals("mine") || m.buttons() && m.out());
  }

  @Test
  void editsReachTheOtherSideAsMessageEditedWithTheNewText(EmbeddedTelegram telegram) throws Exception {
    Party alice = user(telegram, "9996610001", "Alice", "alice_tg");
    Party bob = user(telegram, "9996620002", "Bob", "bob_tg");
    PeerRef toBob = alice.client.resolveUsername("bob_tg").ref();

    Message draft = alice.client.sendMessage(toBob, "draft");
    NewMessage bobsDraft = bob.awaitText("draft");
    Message edited = alice.client.editMessage(toBob, draft.id(), OutgoingMessage.text("final"));
    assertThat(edited.id()).isEqualTo(draft.id());
    assertThat(edited.text()).isEqualTo("final");
    MessageEdited seen = bob.await(MessageEdited.class, e -> e.text().equals("final"));
    assertThat(seen.id()).isEqualTo(bobsDraft.id());
    assertThat(seen.sender()).get().extracting(Peer::id).isEqualTo(alice.account.id());

    Message second = alice.client.sendMessage(toBob, "second");
    NewMessage bobsSecond = bob.awaitText("second");
    Message secondEdited = second.edit(OutgoingMessage.markdown("second, **edited**"));
    assertThat(secondEdited.entities()).containsExactly(new MessageEntityBold(8, 6));
    MessageEdited seenSecond = bob.await(MessageEdited.class, e -> e.text().equals("second, edited"));
    assertThat(seenSecond.id()).isEqualTo(bobsSecond.id());
    assertThat(seenSecond.entities()).isEqualTo(secondEdited.entities());

    for (TestUser side : List.of(alice.account, bob.account)) {
      List<TestMessage> history = side.messages(side == alice.account ? bob.account : alice.account);
      assertThat(texts(history)).containsExactly("final", "second, edited");
      assertThat(history).allMatch(TestMessage::edited);
    }
    rpcError(() -> bobsDraft.edit("hijacked"), "MESSAGE_AUTHOR_REQUIRED");
    rpcError(() -> secondEdited.edit(OutgoingMessage.markdown("second, **edited**")), "MESSAGE_NOT_MODIFIED");
    assertThat(texts(bob.account.messages(alice.account))).containsExactly("final", "second, edited");
  }

  @Test
  void deletingForEveryoneReachesTheOtherSideAndDeletingForMeStaysWithMe(EmbeddedTelegram telegram)
      throws Exception {
    Party alice = user(telegram, "9996610001", "Alice", "alice_tg");
    Party bob = user(telegram, "9996620002", "Bob", "bob_tg");
    PeerRef toBob = alice.client.resolveUsername("bob_tg").ref();
    Message one = alice.client.sendMessage(toBob, "one");
    Message two = alice.client.sendMessage(toBob, "two");
    Message three = alice.client.sendMessage(toBob, "three");
    int bobsTwo = bob.awaitText("two").id();
    int bobsThree = bob.awaitText("three").id();

    assertThat(alice.client.deleteMessages(toBob, List.of(one.id()), false)).isEqualTo(1);
    assertThat(texts(alice.account.messages(bob.account))).containsExactly("two", "three");
    assertThat(texts(bob.account.messages(alice.account))).containsExactly("one", "two", "three");

    assertThat(alice.client.deleteMessages(toBob, List.of(two.id(), 424_242), true)).isEqualTo(1);
    assertThat(bob.await(MessageDeleted.class, d -> true).messageIds()).containsExactly(bobsTwo);
    assertThat(texts(alice.account.messages(bob.account))).containsExactly("three");
    assertThat(texts(bob.account.messages(alice.account))).containsExactly("one", "three");

    three.delete();
    bob.await(MessageDeleted.class, d -> d.messageIds().contains(bobsThree));
    assertThat(alice.account.messages(bob.account)).isEmpty();
    assertThat(texts(bob.account.messages(alice.account))).containsExactly("one");
    // The deletion for Alice alone came first: had it reached Bob, he would have seen it first.
    assertThat(bob.seen(MessageDeleted.class)).extracting(MessageDeleted::messageIds)
        .containsExactly(List.of(bobsTwo), List.of(bobsThree));
    assertThat(alice.client.deleteMessages(toBob, List.of(one.id()), true)).isZero();
  }

  @Test
  void forwardedCopiesNameTheOriginalSenderWithAUsableRefAndTheOriginalDate(EmbeddedTelegram telegram)
      throws Exception {
    Party alice = user(telegram, "9996610001", "Alice", "alice_tg");
    Party bob = user(telegram, "9996620002", "Bob", "bob_tg");
    Party carol = user(telegram, "9996630003", "Carol", "carol_tg");
    bob.client.sendMessage(bob.client.resolveUsername("alice_tg").ref(), "original");
    NewMessage original = alice.awaitText("original");
    Instant sentAt = Instant.ofEpochSecond(only(bob.account.messages(alice.account), "original").date());
    PeerRef toCarol = alice.client.resolveUsername("carol_tg").ref();

    List<Message> copies = alice.client.forwardMessages(toCarol, List.of(original.id()), original.chat().ref());
    Message viaMessage = original.forward(toCarol);

    assertThat(copies).singleElement().satisfies(copy -> {
      assertThat(copy.text()).isEqualTo("original");
      assertThat(copy.chat().id()).isEqualTo(carol.account.id());
      assertThat(copy.forwardInfo()).get().satisfies(f -> forwardedFromBob(f, bob, sentAt));
    });
    assertThat(viaMessage.forwardInfo()).get().satisfies(f -> forwardedFromBob(f, bob, sentAt));
    assertThat(viaMessage.id()).isGreaterThan(copies.getFirst().id());
    List<TestMessage> carols = carol.account.messages(alice.account);
    assertThat(carols).extracting(TestMessage::text).containsExactly("original", "original");
    assertThat(carols).allSatisfy(m -> assertThat(m.fromId()).isEqualTo(alice.account.id()));

    List<NewMessage> received = new ArrayList<>();
    for (TestMessage m : carols) {
      received.add(carol.await(NewMessage.class, e -> e.id() == m.id()));
    }
    for (NewMessage copy : received) {
      assertThat(copy.sender()).get().extracting(Peer::id).isEqualTo(alice.account.id());
      ForwardInfo info = copy.forwardInfo().orElseThrow();
      forwardedFromBob(info, bob, sentAt);
    }
    // Carol was never shown Bob but by the forward: its ref reaches him.
    PeerRef bobForCarol = received.getFirst().forwardInfo().orElseThrow().from().orElseThrow().ref();
    carol.client.sendMessage(bobForCarol, "thanks for that, Bob");
    assertThat(bob.awaitText("thanks for that, Bob").sender()).get().extracting(Peer::id)
        .isEqualTo(carol.account.id());
    assertThat(only(bob.account.messages(carol.account), "thanks for that, Bob").fromId())
        .isEqualTo(carol.account.id());

    // A forward of a forward still names the first sender; ids that name nothing are refused.
    Message onward = received.getFirst().forward(received.getFirst().chat().ref());
    assertThat(onward.chat().id()).isEqualTo(alice.account.id());
    forwardedFromBob(onward.forwardInfo().orElseThrow(), bob, sentAt);
    rpcError(() -> alice.client.forwardMessages(toCarol, List.of(9_999), original.chat().ref()), "MESSAGE_ID_INVALID");
    assertThatThrownBy(() -> alice.client.forwardMessages(toCarol, List.of(), original.chat().ref()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no message ids");
    assertThat(carol.account.messages(alice.account)).hasSize(3);
  }

  private static void forwardedFromBob(ForwardInfo info, Party bob, Instant sentAt) {
    assertThat(info.from()).get().isInstanceOfSatisfying(User.class, u -> {
      assertThat(u.id()).isEqualTo(bob.account.id());
      assertThat(u.firstName()).isEqualTo("Bob");
      assertThat(u.ref().hasAccessHash()).isTrue();
    });
    assertThat(info.date()).isEqualTo(sentAt);
  }

  @Test
  void historyIsFetchedLazilyAPageAtATimeWithLimitsOffsetsAndBothOrders(EmbeddedTelegram telegram)
      throws Exception {
    Party alice = user(telegram, "9996610001", "Alice", "alice_tg");
    TestUser bob = telegram.createUser("9996620002", "Bob").username("bob_tg");
    for (int i = 0; i < 250; i++) {
      bob.sendMessage(alice.account, "h" + i);
    }
    int lastDate = alice.account.messages(bob).getLast().date();
    while (Instant.now().getEpochSecond() <= lastDate) {
      Thread.sleep(20); // the next messages must carry a later date
    }
    for (int i = 0; i < 5; i++) {
      bob.sendMessage(alice.account, "late" + i);
    }
    List<TestMessage> world = alice.account.messages(bob);
    List<Integer> oldestFirst = world.stream().map(TestMessage::id).toList();
    List<Integer> newestFirst = oldestFirst.reversed();
    Instant lateDate = Instant.ofEpochSecond(only(world, "late0").date());
    assertThat(only(world, "h249").date()).isLessThan(only(world, "late0").date());
    PeerRef chat = alice.client.resolveUsername("bob_tg").ref();
    int pages = alice.requests("messages.getHistory");

    List<Integer> iterated = new ArrayList<>();
    for (Message m : alice.client.getMessages(chat)) {
      iterated.add(m.id());
      assertThat(m.sender()).get().extracting(Peer::id).isEqualTo(bob.id());
    }
    assertThat(iterated).isEqualTo(newestFirst);
    assertThat(alice.requests("messages.getHistory") - pages).as("pages of at most 100").isGreaterThanOrEqualTo(3);

    pages = alice.requests("messages.getHistory");
    assertThat(alice.client.getMessages(chat).stream().limit(3).map(Message::text))
        .containsExactly("late4", "late3", "late2");
    assertThat(alice.requests("messages.getHistory") - pages).as("one page for three messages").isEqualTo(1);

    assertThat(alice.client.getMessages(chat).limit(150).toList()).extracting(Message::id)
        .isEqualTo(newestFirst.subList(0, 150));
    assertThat(alice.client.getMessages(chat).limit(0).toList()).isEmpty();
    assertThat(alice.client.getMessages(chat).offsetId(newestFirst.get(10)).limit(5).toList())
        .extracting(Message::id).isEqualTo(newestFirst.subList(11, 16));
    assertThat(alice.client.getMessages(chat).reversed().limit(120).toList()).extracting(Message::id)
        .isEqualTo(oldestFirst.subList(0, 120));
    assertThat(alice.client.getMessages(chat).reversed().toList()).extracting(Message::id).isEqualTo(oldestFirst);
    assertThat(alice.client.getMessages(chat).reversed().offsetId(oldestFirst.get(99)).limit(3).toList())
        .extracting(Message::id).isEqualTo(oldestFirst.subList(100, 103));
    assertThat(alice.client.getMessages(chat).offsetDate(lateDate).limit(3).toList()).extracting(Message::text)
        .containsExactly("h249", "h248", "h247");
    assertThat(alice.client.getMessages(chat).offsetDate(lateDate).toList()).hasSize(250);
    assertThat(alice.client.getMessages(chat).reversed().offsetDate(lateDate).toList()).extracting(Message::text)
        .containsExactly("late0", "late1", "late2", "late3", "late4");
    assertThat(alice.client.getMessages(chat).stream().filter(m -> m.text().endsWith("7")).count())
        .isEqualTo(IntStream.range(0, 250).filter(i -> i % 10 == 7).count());
  }

  @Test
  void aTenThousandMessageHistoryIsReadAPageAtATimeHoldingNoMoreThanThePageBeingRead(EmbeddedTelegram telegram)
      throws InterruptedException {
    TestUser aliceAccount = telegram.createUser("9996610001", "Alice").username("alice_tg");
    TestUser bob = telegram.createUser("9996620002", "Bob").username("bob_tg");
    for (int i = 0; i < 10_000; i++) {
      bob.sendMessage(aliceAccount, "n" + i);
    }
    Party alice = connected(telegram, aliceAccount);
    alice.client.signIn(alice.client.requestLoginCode("9996610001"), "11111");
    PeerRef chat = alice.client.resolveUsername("bob_tg").ref();
    MessageList history = alice.client.getMessages(chat);

    assertThat(history.totalCount()).isEqualTo(10_000);

    int before = alice.requests("messages.getHistory");
    List<WeakReference<Message>> firstPage = new ArrayList<>();
    int read = 0;
    for (Iterator<Message> it = history.iterator(); it.hasNext(); read++) {
      Message m = it.next();
      assertThat(m.text()).isEqualTo("n" + (9_999 - read));
      if (read < MessageList.PAGE) {
        firstPage.add(new WeakReference<>(m));
      }
      assertThat(alice.requests("messages.getHistory") - before).as("pages fetched by message %d", read)
          .isEqualTo(read / MessageList.PAGE + 1);
      if (read == 5_000) {
        assertThat(collected(firstPage)).as("the first page is garbage once read past").isTrue();
      }
    }
    assertThat(read).isEqualTo(10_000);
    assertThat(alice.requests("messages.getHistory") - before).as("100 full pages, then an empty one").isEqualTo(101);
  }

  /** Whether every referent is collected, giving the collector a few chances. */
  private static boolean collected(List<WeakReference<Message>> refs) throws InterruptedException {
    for (int i = 0; i < 50; i++) {
      System.gc();
      if (refs.stream().allMatch(r -> r.get() == null)) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }

  @Test
  void messagesWithIdsAreThoseThatExistWithTheRestLeftOut(EmbeddedTelegram telegram) {
    Party alice = user(telegram, "9996610001", "Alice", "alice_tg");
    TestUser bob = telegram.createUser("9996620002", "Bob").username("bob_tg");
    PeerRef toBob = alice.client.resolveUsername("bob_tg").ref();
    Message a = alice.client.sendMessage(toBob, "a");
    Message b = alice.client.sendMessage(toBob, "b");
    Message c = alice.client.sendMessage(toBob, "c");
    alice.client.deleteMessages(toBob, List.of(b.id()), false);

    List<Message> found = alice.client.getMessagesWithIds(toBob, List.of(a.id(), b.id(), 9_999, c.id()));

    assertThat(found).extracting(Message::id).containsExactlyInAnyOrder(a.id(), c.id());
    assertThat(found).extracting(Message::text).containsExactlyInAnyOrder("a", "c");
    assertThat(found).allSatisfy(m -> {
      assertThat(m.outgoing()).isTrue();
      assertThat(m.chat().id()).isEqualTo(bob.id());
    });
    assertThat(alice.client.getMessagesWithIds(toBob, List.of(b.id(), 9_999))).isEmpty();
    assertThatThrownBy(() -> alice.client.getMessagesWithIds(toBob, List.of(0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
  }

  @Test
  void pinningAndUnpinningChangeThePinnedStateOnBothSides(EmbeddedTelegram telegram) throws Exception {
    Party alice = user(telegram, "9996610001", "Alice", "alice_tg");
    Party bob = user(telegram, "9996620002", "Bob", "bob_tg");
    PeerRef toBob = alice.client.resolveUsername("bob_tg").ref();
    Message one = alice.client.sendMessage(toBob, "one");
    Message two = alice.client.sendMessage(toBob, "two");
    Message three = alice.client.sendMessage(toBob, "three");

    Optional<Message> announced = alice.client.pinMessage(toBob, one.id());
    assertThat(announced).get().satisfies(service -> {
      assertThat(service.text()).isEmpty();
      assertThat(service.repliedMessageId()).hasValue(one.id());
    });
    assertThat(pinned(alice.account, bob.account)).containsExactly("one");
    assertThat(pinned(bob.account, alice.account)).containsExactly("one");
    int bobsOne = only(bob.account.messages(alice.account), "one").id();
    bob.await(NewMessage.class, m -> m.repliedMessageId().orElse(0) == bobsOne && m.text().isEmpty());

    assertThat(two.pin()).isPresent();
    assertThat(pinned(bob.account, alice.account)).containsExactly("one", "two");
    alice.client.unpinMessage(toBob, one.id());
    assertThat(pinned(alice.account, bob.account)).containsExactly("two");
    assertThat(pinned(bob.account, alice.account)).containsExactly("two");
    two.unpin();
    assertThat(pinned(bob.account, alice.account)).isEmpty();

    one.pin();
    three.pin();
    assertThat(pinned(bob.account, alice.account)).containsExactly("one", "three");
    // Telegram may unpin in batches, answering with a shrinking offset until it is done.
    RpcHandler<UnpinAllMessages> world =
        telegram.services().handlerFor(new UnpinAllMessages(new InputPeerSelf(), null, null));
    AtomicInteger calls = new AtomicInteger();
    telegram.services().register(UnpinAllMessages.class, (request, context) -> {
      int call = calls.incrementAndGet();
      AffectedHistoryCtor done = (AffectedHistoryCtor) world.handle(request, context);
      return call < 3 ? new AffectedHistoryCtor(done.pts(), done.ptsCount(), 3 - call) : done;
    });
    alice.client.unpinAllMessages(toBob);
    assertThat(calls).hasValue(3);
    assertThat(pinned(alice.account, bob.account)).isEmpty();
    assertThat(pinned(bob.account, alice.account)).isEmpty();
    telegram.services().register(UnpinAllMessages.class,
        (request, context) -> new AffectedHistoryCtor(alice.account.pts(), 0, 7));
    assertThatThrownBy(() -> alice.client.unpinAllMessages(toBob))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("did not shrink");
    rpcError(() -> alice.client.pinMessage(toBob, 9_999), "MESSAGE_ID_INVALID");
  }

  private static List<String> pinned(TestUser owner, TestUser dialog) {
    return owner.messages(dialog).stream().filter(TestMessage::pinned).map(TestMessage::text).toList();
  }

  @Test
  void readingMarksTheReadersInboxAndTheSendersOutboxRead(EmbeddedTelegram telegram) throws Exception {
    Party alice = user(telegram, "9996610001", "Alice", "alice_tg");
    Party bob = user(telegram, "9996620002", "Bob", "bob_tg");
    PeerRef toAlice = bob.client.resolveUsername("alice_tg").ref();
    Message first = bob.client.sendMessage(toAlice, "r1");
    Message second = bob.client.sendMessage(toAlice, "r2");
    Message third = bob.client.sendMessage(toAlice, "r3");
    NewMessage alicesSecond = alice.awaitText("r2");
    NewMessage alicesThird = alice.awaitText("r3");
    assertThat(alice.account.readInboxUpTo(bob.account)).isZero();
    assertThat(bob.account.readOutboxUpTo(alice.account)).isZero();

    alice.client.readMessage(alicesSecond.chat().ref(), alicesSecond.id());
    assertThat(alice.account.readInboxUpTo(bob.account)).isEqualTo(alicesSecond.id());
    assertThat(bob.account.readOutboxUpTo(alice.account)).isEqualTo(second.id()).isGreaterThan(first.id());

    alicesThird.read();
    assertThat(alice.account.readInboxUpTo(bob.account)).isEqualTo(alicesThird.id());
    assertThat(bob.account.readOutboxUpTo(alice.account)).isEqualTo(third.id());
  }

  @Test
  void replyRespondAndGetRepliedMessageWorkFromAReceivedMessage(EmbeddedTelegram telegram) throws Exception {
    Party alice = user(telegram, "9996610001", "Alice", "alice_tg");
    Party bob = user(telegram, "9996620002", "Bob", "bob_tg");
    Message question = bob.client.sendMessage(bob.client.resolveUsername("alice_tg").ref(), "question?");
    NewMessage received = alice.awaitText("question?");

    Message answer = received.reply("answer!");
    Message aside = received.respond(OutgoingMessage.text("aside").silent(true));

    assertThat(answer.repliedMessageId()).hasValue(received.id());
    assertThat(aside.repliedMessageId()).isEmpty();
    assertThat(only(alice.account.messages(bob.account), "answer!").replyTo()).isEqualTo(received.id());
    assertThat(only(bob.account.messages(alice.account), "answer!").replyTo()).isEqualTo(question.id());
    TestMessage worldAside = only(bob.account.messages(alice.account), "aside");
    assertThat(worldAside.replyTo()).isNull();
    assertThat(worldAside.silent()).isTrue();

    NewMessage bobsAnswer = bob.awaitText("answer!");
    assertThat(bobsAnswer.repliedMessageId()).hasValue(question.id());
    assertThat(bobsAnswer.getRepliedMessage()).get().satisfies(m -> {
      assertThat(m.id()).isEqualTo(question.id());
      assertThat(m.text()).isEqualTo("question?");
      assertThat(m.outgoing()).isTrue();
    });
    assertThat(answer.getRepliedMessage()).get().extracting(Message::text).isEqualTo("question?");
    assertThat(bob.awaitText("aside").getRepliedMessage()).isEmpty();
    bob.client.deleteMessages(bobsAnswer.chat().ref(), List.of(question.id()), false);
    assertThat(bobsAnswer.getRepliedMessage()).as("the replied message is gone").isEmpty();
  }

  @Test
  void groupMessagesReachEveryMemberFromTheRightSenderInTheRightChat(EmbeddedTelegram telegram) throws Exception {
    Party alice = user(telegram, "9996610001", "Alice", "alice_tg");
    Party bob = user(telegram, "9996620002", "Bob", "bob_tg");
    Party carol = user(telegram, "9996630003", "Carol", "carol_tg");
    TestGroup team = telegram.createGroup("Team", alice.account, bob.account, carol.account);
    PeerRef group = new PeerRef.GroupRef(team.id());

    Message hello = alice.client.sendMessage(group, "hello team");
    assertThat(hello.chat()).isInstanceOf(Group.class).extracting(Peer::id).isEqualTo(team.id());
    for (Party member : List.of(bob, carol)) {
      NewMessage got = member.awaitText("hello team");
      assertThat(got.chat()).isInstanceOfSatisfying(Group.class, g -> {
        assertThat(g.id()).isEqualTo(team.id());
        assertThat(g.isMegagroup()).isFalse();
      });
      assertThat(got.sender()).get().isInstanceOf(User.class).extracting(Peer::id).isEqualTo(alice.account.id());
      assertThat(got.id()).isEqualTo(only(member.account.messages(team), "hello team").id());
    }
    NewMessage bobsCopy = bob.awaitText("hello team");
    Message answer = bobsCopy.reply("hi Alice");
    assertThat(answer.chat().id()).isEqualTo(team.id());
    NewMessage alicesAnswer = alice.awaitText("hi Alice");
    assertThat(alicesAnswer.repliedMessageId()).hasValue(hello.id());
    assertThat(alicesAnswer.sender()).get().extracting(Peer::id).isEqualTo(bob.account.id());
    assertThat(texts(carol.account.messages(team))).containsExactly("hello team", "hi Alice");
    assertThat(carol.account.messages(team)).filteredOn(m -> !m.service())
        .extracting(TestMessage::fromId).containsExactly(alice.account.id(), bob.account.id());

    List<Message> history = carol.client.getMessages(group).reversed().toList();
    assertThat(history).extracting(Message::text).containsExactly("", "hello team", "hi Alice");
    assertThat(history).allSatisfy(m -> assertThat(m.chat()).isInstanceOfSatisfying(Group.class,
        g -> assertThat(g.name()).isEqualTo("Team")));
    assertThat(history).extracting(m -> m.sender().orElseThrow().name()).containsExactly("Alice", "Alice", "Bob");

    // Only its author or the group's creator deletes a message for everyone.
    NewMessage carolsHello = carol.awaitText("hello team");
    assertThatThrownBy(carolsHello::delete).isInstanceOfSatisfying(RpcError.Forbidden.class,
        e -> assertThat(e.name()).isEqualTo("MESSAGE_DELETE_FORBIDDEN"));
    int carolsAnswer = only(carol.account.messages(team), "hi Alice").id();
    assertThat(alice.client.deleteMessages(group, List.of(alicesAnswer.id()), true)).isEqualTo(1);
    assertThat(carol.await(MessageDeleted.class, d -> true).messageIds()).containsExactly(carolsAnswer);
    assertThat(bob.await(MessageDeleted.class, d -> true).messageIds()).containsExactly(answer.id());
    assertThat(texts(bob.account.messages(team))).containsExactly("hello team");
  }

  @Test
  void chatTypeChatsAndSendersFiltersRouteGroupAndPrivateMessages(EmbeddedTelegram telegram) throws Exception {
    Party alice = user(telegram, "9996610001", "Alice", "alice_tg");
    Party bob = user(telegram, "9996620002", "Bob", "bob_tg");
    Party carol = user(telegram, "9996630003", "Carol", "carol_tg");
    TestGroup team = telegram.createGroup("Team", alice.account, bob.account, carol.account);
    TestGroup other = telegram.createGroup("Other", bob.account, carol.account);
    List<String> inGroups = Collections.synchronizedList(new ArrayList<>());
    List<String> inPrivate = Collections.synchronizedList(new ArrayList<>());
    List<String> bobInTeam = Collections.synchronizedList(new ArrayList<>());
    carol.client.on(NewMessage.class, chatType(Group.class), e -> inGroups.add(e.text()));
    carol.client.on(NewMessage.class, chatType(User.class), e -> inPrivate.add(e.text()));
    carol.client.on(NewMessage.class, chats(team.id()).and(senders(bob.account.id())), e -> bobInTeam.add(e.text()));

    alice.client.sendMessage(new PeerRef.GroupRef(team.id()), "alice in team");
    bob.client.sendMessage(new PeerRef.GroupRef(team.id()), "bob in team");
    bob.client.sendMessage(new PeerRef.GroupRef(other.id()), "bob in other");
    alice.client.sendMessage(alice.client.resolveUsername("carol_tg").ref(), "alice to carol");
    bob.client.sendMessage(bob.client.resolveUsername("carol_tg").ref(), "bob to carol");
    for (String text : List.of("alice in team", "bob in team", "bob in other", "alice to carol", "bob to carol")) {
      carol.awaitText(text);
    }

    // Handlers run on their own threads, after the catch-all one that awaitText waited for.
    carol.client.sendMessage(carol.client.resolveUsername("alice_tg").ref(), "done");
    carol.awaitText("done");
    assertThat(waitFor(() -> inPrivate.contains("done"))).isTrue();
    assertThat(inGroups).filteredOn(t -> !t.isEmpty())
        .containsExactlyInAnyOrder("alice in team", "bob in team", "bob in other");
    assertThat(inPrivate).containsExactlyInAnyOrder("alice to carol", "bob to carol", "done");
    assertThat(waitFor(() -> bobInTeam.contains("bob in team"))).isTrue();
    assertThat(bobInTeam).containsExactly("bob in team");
  }

  private static boolean waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(5);
    }
    return true;
  }

  @Test
  void resolvePeersDescribesUsersAndJoinedGroupsAndUnknownNamesRaiseTelegramsErrors(EmbeddedTelegram telegram) {
    Party alice = user(telegram, "9996610001", "Alice", "alice_tg");
    TestUser bob = telegram.createUser("9996620002", "Bob", "Builder").username("bob_tg");
    TestUser carol = telegram.createUser("9996630003", "Carol").username("carol_tg");
    TestGroup joined = telegram.createGroup("Joined", alice.account, bob);
    TestGroup elsewhere = telegram.createGroup("Elsewhere", bob, carol);
    Peer bobPeer = alice.client.resolveUsername("@bob_tg");
    assertThat(bobPeer).isInstanceOf(User.class);
    assertThat(bobPeer.username()).contains("bob_tg");

    List<Peer> resolved = alice.client.resolvePeers(
        List.of(new PeerRef.GroupRef(joined.id()), bobPeer.ref(), PeerRef.SELF));

    assertThat(resolved.get(0)).isInstanceOfSatisfying(Group.class, g -> {
      assertThat(g.id()).isEqualTo(joined.id());
      assertThat(g.name()).isEqualTo("Joined");
      assertThat(g.ref()).isEqualTo(new PeerRef.GroupRef(joined.id()));
    });
    assertThat(resolved.get(1)).isInstanceOfSatisfying(User.class, u -> {
      assertThat(u.id()).isEqualTo(bob.id());
      assertThat(u.name()).isEqualTo("Bob Builder");
      assertThat(u.phone()).isEmpty();
    });
    assertThat(resolved.get(2)).isInstanceOfSatisfying(User.class, u -> {
      assertThat(u.id()).isEqualTo(alice.account.id());
      assertThat(u.phone()).contains("9996610001");
    });
    rpcError(() -> alice.client.resolvePeers(List.of(new PeerRef.GroupRef(elsewhere.id()))), "CHAT_ID_INVALID");
    rpcError(() -> alice.client.resolvePeers(List.of(new PeerRef.GroupRef(987_654))), "CHAT_ID_INVALID");
    assertThatThrownBy(() -> alice.client.resolvePeers(List.of(new PeerRef.UserRef(carol.id(), 12_345))))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("did not describe");
    assertThatThrownBy(() -> alice.client.resolveUsername("nobody_here")).isInstanceOfSatisfying(
        RpcError.BadRequest.class, e -> assertThat(e.name()).isEqualTo("USERNAME_NOT_OCCUPIED"));
    assertThatThrownBy(() -> alice.client.resolveUsername("no"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4 to 32");
  }

  @Test
  void getMeNamesTheAccountAndSignOutLeavesTheClientUnauthorized(EmbeddedTelegram telegram) throws Exception {
    Party alice = user(telegram, "9996610001", "Alice", "alice_tg");
    Party bot = bot(telegram);
    PeerRef toBot = alice.client.resolveUsername("helper_bot").ref();

    assertThat(alice.client.getMe()).get().satisfies(me -> {
      assertThat(me.id()).isEqualTo(alice.account.id());
      assertThat(me.firstName()).isEqualTo("Alice");
      assertThat(me.bot()).isFalse();
    });
    assertThat(bot.client.getMe()).get().satisfies(me -> {
      assertThat(me.id()).isEqualTo(bot.account.id());
      assertThat(me.bot()).isTrue();
      assertThat(me.username()).contains("helper_bot");
    });
    assertThat(alice.client.isAuthorized()).isTrue();
    assertThat(alice.client.session().user()).isNotNull();

    alice.client.signOut();

    assertThat(alice.client.isAuthorized()).isFalse();
    assertThat(alice.client.session().user()).isNull();
    assertThat(alice.client.session().updateState()).isNull();
    assertThat(alice.client.getMe()).isEmpty();
    assertThatThrownBy(() -> alice.client.sendMessage(toBot, "still here?"))
        .isInstanceOfSatisfying(RpcError.Unauthorized.class,
            e -> assertThat(e.name()).isEqualTo(EmbeddedTelegram.AUTH_KEY_UNREGISTERED));
    assertThat(alice.account.messages(bot.account)).isEmpty();
    // The bot's own session is untouched.
    assertThat(bot.client.isAuthorized()).isTrue();

    alice.client.signIn(alice.client.requestLoginCode("9996610001"), "11111");
    assertThat(alice.client.isAuthorized()).isTrue();
    assertThat(alice.client.session().user()).isNotNull().extracting(u -> u.id()).isEqualTo(alice.account.id());
    alice.client.sendMessage(toBot, "back again");
    assertThat(bot.awaitText("back again").sender()).get().extracting(Peer::id).isEqualTo(alice.account.id());
  }
}
