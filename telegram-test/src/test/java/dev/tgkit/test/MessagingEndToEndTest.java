package dev.tgkit.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.mtproto.RpcError;
import dev.tgkit.tl.TlFunction;
import dev.tgkit.tl.TlObject;
import dev.tgkit.tl.api.InputMessageID;
import dev.tgkit.tl.api.InputPeer;
import dev.tgkit.tl.api.InputPeerChat;
import dev.tgkit.tl.api.InputPeerUser;
import dev.tgkit.tl.api.InputUserCtor;
import dev.tgkit.tl.api.Message;
import dev.tgkit.tl.api.MessageActionChatCreate;
import dev.tgkit.tl.api.MessageCtor;
import dev.tgkit.tl.api.MessageEntityBold;
import dev.tgkit.tl.api.MessageFwdHeaderCtor;
import dev.tgkit.tl.api.MessageReplyHeaderCtor;
import dev.tgkit.tl.api.MessageService;
import dev.tgkit.tl.api.PeerChat;
import dev.tgkit.tl.api.PeerUser;
import dev.tgkit.tl.api.ReplyKeyboardHide;
import dev.tgkit.tl.api.Update;
import dev.tgkit.tl.api.UpdateDeleteMessages;
import dev.tgkit.tl.api.UpdateEditMessage;
import dev.tgkit.tl.api.UpdateMessageID;
import dev.tgkit.tl.api.UpdateNewMessage;
import dev.tgkit.tl.api.UpdatePinnedMessages;
import dev.tgkit.tl.api.UpdateShort;
import dev.tgkit.tl.api.UpdateShortChatMessage;
import dev.tgkit.tl.api.UpdateShortMessage;
import dev.tgkit.tl.api.UpdateShortSentMessage;
import dev.tgkit.tl.api.Updates;
import dev.tgkit.tl.api.UpdatesCtor;
import dev.tgkit.tl.api.UserCtor;
import dev.tgkit.tl.api.auth.ImportBotAuthorization;
import dev.tgkit.tl.api.contacts.ResolveUsername;
import dev.tgkit.tl.api.contacts.ResolvedPeerCtor;
import dev.tgkit.tl.api.messages.AffectedMessagesCtor;
import dev.tgkit.tl.api.messages.CreateChat;
import dev.tgkit.tl.api.messages.DeleteMessages;
import dev.tgkit.tl.api.messages.EditMessage;
import dev.tgkit.tl.api.messages.ForwardMessages;
import dev.tgkit.tl.api.messages.GetHistory;
import dev.tgkit.tl.api.messages.GetMessages;
import dev.tgkit.tl.api.messages.InvitedUsersCtor;
import dev.tgkit.tl.api.messages.Messages;
import dev.tgkit.tl.api.messages.MessagesCtor;
import dev.tgkit.tl.api.messages.MessagesSlice;
import dev.tgkit.tl.api.messages.ReadHistory;
import dev.tgkit.tl.api.messages.SendMessage;
import dev.tgkit.tl.api.messages.UpdatePinnedMessage;
import dev.tgkit.tl.api.updates.GetState;
import dev.tgkit.tl.api.updates.StateCtor;
import dev.tgkit.tl.api.users.GetFullUser;
import dev.tgkit.tl.api.users.UserFullCtor;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Messages in the embedded Telegram's world over real TCP with telegram-core's {@code Sender}
 * (which hands pushed updates to the test): per-account ids, pts and access hashes, the answers
 * and pushes Telegram sends for each change, and history paging.
 */
class MessagingEndToEndTest {

  static {
    NettyLeaks.install();
  }

  private static final String API_HASH = "0123456789abcdef0123456789abcdef";
  private static final AtomicInteger PHONES = new AtomicInteger();
  private static final AtomicLong RANDOM_IDS = new AtomicLong(1);

  private static EventLoopGroup group;
  private static EmbeddedTelegram telegram;
  private final List<RealClient> clients = new ArrayList<>();

  @BeforeAll
  static void start() {
    group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    telegram = EmbeddedTelegram.builder().dataCenters(2).eventLoopGroup(group).start();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    telegram.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    assertThat(NettyLeaks.collect()).isEmpty();
  }

  @AfterEach
  void closeClients() {
    clients.forEach(RealClient::close);
  }

  private static TestUser user(String name) {
    return telegram.createUser("9996610" + String.format("%03d", PHONES.incrementAndGet()), name);
  }

  /**
   * A session signed in as {@code account} on its data center, which has called {@code
   * updates.getState} as clients do to start getting updates: Telegram only pushes to a session it
   * has heard from.
   */
  private RealClient session(TestUser account) throws Exception {
    RealClient client = RealClient.attached(group, telegram.dataCenter(account.homeDc()));
    clients.add(client);
    telegram.dataCenter(account.homeDc()).authorize(client.authKeyId(), account.id());
    assertThat(((StateCtor) client.call(new GetState())).pts()).isEqualTo(account.pts());
    return client;
  }

  private static SendMessage text(InputPeer to, String text) {
    return new SendMessage(false, false, false, false, false, false, false, false, to, null, text,
        RANDOM_IDS.getAndIncrement(), null, null, null, null, null, null, null, null, null, null);
  }

  private static GetHistory history(InputPeer peer, int offsetId, int addOffset, int limit, int maxId, int minId) {
    return new GetHistory(peer, offsetId, 0, addOffset, limit, maxId, minId, 0);
  }

  /** Waits for a pushed update of {@code type} and returns the first. */
  private static <T extends TlObject> T pushed(RealClient client, Class<T> type) throws InterruptedException {
    RealClient.await(() -> client.updates.stream().anyMatch(type::isInstance), "a pushed " + type.getSimpleName());
    return client.updates.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
  }

  private static <U extends Update> U only(Updates updates, Class<U> type) {
    return ((UpdatesCtor) updates).updates().stream().filter(type::isInstance).map(type::cast)
        .findFirst().orElseThrow();
  }

  private static void assertError(RealClient client, TlFunction<?> request, int code, String name) {
    assertThatThrownBy(() -> client.call(request)).cause().isInstanceOfSatisfying(RpcError.class, e -> {
      assertThat(e.code()).isEqualTo(code);
      assertThat(e.name()).isEqualTo(name);
    });
  }

  private static List<Integer> ids(Messages messages) {
    List<Message> list = switch (messages) {
      case MessagesCtor m -> m.messages();
      case MessagesSlice s -> s.messages();
      default -> throw new AssertionError("unexpected " + messages);
    };
    return list.stream().map(m -> ((MessageCtor) m).id()).toList();
  }

  @Test
  void aUsersMessageIsPushedToTheBotWhichRepliesWithTheAccessHashItWasGiven() throws Exception {
    TestUser alice = user("Alice");
    TestUser bot = telegram.createBot("8001:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw", "reply_test_bot");
    RealClient botSession = RealClient.attached(group, telegram.dataCenter(1));
    clients.add(botSession);
    botSession.call(new ImportBotAuthorization(0, 12345, API_HASH, "8001:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"));

    TestMessage sent = alice.sendMessage(bot, "/start");

    // The bot has never seen Alice: the update names her, with the access hash the bot may use.
    UpdatesCtor first = pushed(botSession, UpdatesCtor.class);
    UpdateNewMessage incoming = only(first, UpdateNewMessage.class);
    MessageCtor message = (MessageCtor) incoming.message();
    assertThat(message.message()).isEqualTo("/start");
    assertThat(message.out_()).isFalse();
    assertThat(message.peerId()).isEqualTo(new PeerUser(alice.id()));
    assertThat(message.fromId()).isNull(); // a private chat's sender is the dialog itself
    assertThat(incoming.pts()).isEqualTo(1);
    UserCtor aliceSeenByBot = (UserCtor) first.users().stream()
        .filter(u -> ((UserCtor) u).id() == alice.id()).findFirst().orElseThrow();
    assertThat(aliceSeenByBot.phone()).isNull();

    Updates answer = botSession.call(
        text(new InputPeerUser(alice.id(), aliceSeenByBot.accessHash()), "Hello, Alice"));

    assertThat(answer).isInstanceOfSatisfying(UpdateShortSentMessage.class, s -> {
      assertThat(s.out_()).isTrue();
      assertThat(s.id()).isEqualTo(2); // the bot's own sequence
      assertThat(s.pts()).isEqualTo(2);
      assertThat(s.ptsCount()).isEqualTo(1);
    });
    List<TestMessage> replies = alice.awaitMessages(bot, 1, Duration.ofSeconds(10));
    assertThat(replies).extracting(TestMessage::text).containsExactly("Hello, Alice");
    assertThat(sent.id()).isEqualTo(1);
    assertThat(replies.getFirst().id()).isEqualTo(2);
    assertThat(alice.messages(bot)).extracting(TestMessage::out).containsExactly(true, false);

    // Now the bot knows her, the next one comes short.
    alice.sendMessage(bot, "thanks");
    UpdateShortMessage second = pushed(botSession, UpdateShortMessage.class);
    assertThat(second.message()).isEqualTo("thanks");
    assertThat(second.userId()).isEqualTo(alice.id());
    assertThat(second.out_()).isFalse();
    assertThat(second.id()).isEqualTo(3);
    assertThat(second.pts()).isEqualTo(3);
    assertThat(((StateCtor) botSession.call(new GetState())).pts()).isEqualTo(3);
  }

  @Test
  void everyAccountNumbersItsOwnCopiesAndSeesItsOwnAccessHashes() throws Exception {
    TestUser alice = user("Alice");
    TestUser bob = user("Bob");
    TestUser carol = user("Carol").username("carol_" + PHONES.get());
    carol.sendMessage(bob, "Bob's first message is from Carol");
    RealClient aliceSession = session(alice);
    RealClient bobSession = session(bob);

    ResolvedPeerCtor seenByAlice = (ResolvedPeerCtor) aliceSession.call(new ResolveUsername(carol.username(), null));
    ResolvedPeerCtor seenByBob = (ResolvedPeerCtor) bobSession.call(new ResolveUsername(carol.username(), null));
    long aliceHash = ((UserCtor) seenByAlice.users().getFirst()).accessHash();
    long bobHash = ((UserCtor) seenByBob.users().getFirst()).accessHash();
    assertThat(aliceHash).isNotEqualTo(bobHash);
    assertThat(aliceHash).isEqualTo(((InputPeerUser) alice.inputPeer(carol)).accessHash());
    // A hash is only good for the account it was given to.
    assertError(bobSession, text(new InputPeerUser(carol.id(), aliceHash), "hi"), 400, "PEER_ID_INVALID");

    UpdateShortSentMessage sent = (UpdateShortSentMessage) aliceSession.call(text(alice.inputPeer(bob), "hi Bob"));

    assertThat(sent.id()).isEqualTo(1);
    UpdatesCtor atBob = pushed(bobSession, UpdatesCtor.class); // Bob never saw Alice before
    MessageCtor bobsCopy = (MessageCtor) only(atBob, UpdateNewMessage.class).message();
    assertThat(bobsCopy.id()).isEqualTo(2); // Carol's message was Bob's 1
    assertThat(bob.messages(alice)).extracting(TestMessage::id).containsExactly(2);
    assertThat(alice.messages(bob)).extracting(TestMessage::id).containsExactly(1);
    assertThat(alice.pts()).isEqualTo(1);
    assertThat(bob.pts()).isEqualTo(2);
    assertError(aliceSession, text(new InputPeerUser(carol.id(), aliceHash), ""), 400, "MESSAGE_EMPTY");
    SendMessage once = text(alice.inputPeer(carol), "once");
    aliceSession.call(once);
    assertError(aliceSession, once, 400, "RANDOM_ID_DUPLICATE");
  }

  @Test
  void theSendersOtherSessionsGetItsMessagesButTheSendingSessionOnlyItsAnswer() throws Exception {
    TestUser alice = user("Alice");
    TestUser bob = user("Bob");
    RealClient phone = session(alice);
    RealClient desktop = session(alice);
    RealClient bobSession = session(bob);

    phone.call(text(alice.inputPeer(bob), "from my phone"));
    bob.sendMessage(alice, "and back"); // Bob's app: pushed to both of Alice's sessions

    UpdateShortMessage mine = pushed(desktop, UpdateShortMessage.class);
    assertThat(mine.out_()).isTrue();
    assertThat(mine.userId()).isEqualTo(bob.id());
    assertThat(mine.pts()).isEqualTo(1);
    RealClient.await(() -> phone.updates.size() == 1 && desktop.updates.size() == 2, "Bob's reply on both sessions");
    assertThat(phone.updates).singleElement().isInstanceOfSatisfying(UpdateShortMessage.class, u -> {
      assertThat(u.message()).isEqualTo("and back");
      assertThat(u.out_()).isFalse();
      assertThat(u.pts()).isEqualTo(2);
    });
    assertThat(pushed(bobSession, UpdatesCtor.class)).isNotNull();
  }

  @Test
  void editsDeletionsPinsAndReadsReachEveryCopyMovingEachAccountsPts() throws Exception {
    TestUser alice = user("Alice");
    TestUser bob = user("Bob");
    bob.sendMessage(alice, "warm-up"); // Bob's 1 and Alice's 1...
    bob.sendMessage(bob, "note to self"); // ...until Bob writes to himself: Bob's 2
    RealClient aliceSession = session(alice);
    RealClient bobSession = session(bob);

    UpdateShortSentMessage sent = (UpdateShortSentMessage) aliceSession.call(text(alice.inputPeer(bob), "tpyo"));
    assertThat(sent.id()).isEqualTo(2);
    RealClient.await(() -> bob.messages(alice).size() == 2, "Bob's copy");
    int bobsId = bob.messages(alice).getLast().id();
    assertThat(bobsId).isEqualTo(3);

    Updates edited = aliceSession.call(new EditMessage(false, false, alice.inputPeer(bob), 2, "typo",
        null, null, null, null, null, null, null));
    assertThat(((MessageCtor) only(edited, UpdateEditMessage.class).message()).editDate()).isNotNull();
    UpdateEditMessage bobsEdit = only(pushedWith(bobSession, UpdateEditMessage.class), UpdateEditMessage.class);
    assertThat(((MessageCtor) bobsEdit.message()).id()).isEqualTo(bobsId);
    assertThat(((MessageCtor) bobsEdit.message()).message()).isEqualTo("typo");
    assertError(bobSession, new EditMessage(false, false, bob.inputPeer(alice), bobsId, "mine now",
        null, null, null, null, null, null, null), 403, "MESSAGE_AUTHOR_REQUIRED");
    assertError(aliceSession, new EditMessage(false, false, alice.inputPeer(bob), 2, "typo",
        null, null, null, null, null, null, null), 400, "MESSAGE_NOT_MODIFIED");

    Updates pinned = bobSession.call(new UpdatePinnedMessage(false, false, false, bob.inputPeer(alice), bobsId));
    assertThat(only(pinned, UpdatePinnedMessages.class).messages()).containsExactly(bobsId);
    MessageService service = (MessageService) only(pinned, UpdateNewMessage.class).message();
    assertThat(((MessageReplyHeaderCtor) service.replyTo()).replyToMsgId()).isEqualTo(bobsId);
    RealClient.await(() -> alice.messages(bob).stream().anyMatch(TestMessage::pinned), "the pin on Alice's copy");
    assertThat(alice.messages(bob)).filteredOn(TestMessage::pinned).extracting(TestMessage::id).containsExactly(2);

    int alicePts = alice.pts();
    AffectedMessagesCtor read = (AffectedMessagesCtor) bobSession.call(new ReadHistory(bob.inputPeer(alice), 0));
    assertThat(read.ptsCount()).isEqualTo(1);
    RealClient.await(() -> alice.pts() == alicePts + 1, "Alice's outbox read");

    int bobPts = bob.pts();
    AffectedMessagesCtor deleted = (AffectedMessagesCtor) aliceSession.call(new DeleteMessages(true, List.of(2, 999)));
    assertThat(deleted.ptsCount()).isEqualTo(1);
    assertThat(deleted.pts()).isEqualTo(alice.pts());
    UpdateShort atBob = pushedShort(bobSession, UpdateDeleteMessages.class);
    UpdateDeleteMessages gone = (UpdateDeleteMessages) atBob.update();
    assertThat(gone.messages()).containsExactly(bobsId);
    assertThat(gone.pts()).isEqualTo(bobPts + 1);
    assertThat(bob.messages(alice)).extracting(TestMessage::id).doesNotContain(bobsId);
  }

  @Test
  void historyPagesByOffsetIdAddOffsetAndTheIdBounds() throws Exception {
    TestUser alice = user("Alice");
    TestUser bob = user("Bob");
    for (int i = 1; i <= 25; i++) {
      alice.sendMessage(bob, "message " + i);
    }
    RealClient bobSession = session(bob);
    InputPeer peer = bob.inputPeer(alice);

    Messages newest = bobSession.call(history(peer, 0, 0, 10, 0, 0));
    assertThat(newest).isInstanceOfSatisfying(MessagesSlice.class, s -> assertThat(s.count()).isEqualTo(25));
    assertThat(ids(newest)).containsExactly(25, 24, 23, 22, 21, 20, 19, 18, 17, 16);
    assertThat(ids(bobSession.call(history(peer, 16, 0, 10, 0, 0)))).containsExactly(15, 14, 13, 12, 11, 10, 9, 8, 7, 6);
    assertThat(ids(bobSession.call(history(peer, 6, 0, 10, 0, 0)))).containsExactly(5, 4, 3, 2, 1);
    // add_offset -5 turns the page around: the five newer than offset_id 16, and 16 itself.
    assertThat(ids(bobSession.call(history(peer, 16, -5, 5, 0, 0)))).containsExactly(20, 19, 18, 17, 16);
    assertThat(ids(bobSession.call(history(peer, 0, 0, 100, 10, 5)))).containsExactly(9, 8, 7, 6);
    assertThat(bobSession.call(history(peer, 0, 0, 100, 0, 0))).isInstanceOf(MessagesCtor.class);
    assertThat(ids(bobSession.call(history(peer, 0, 0, 0, 0, 0)))).isEmpty();

    Messages some = bobSession.call(new GetMessages(List.of(new InputMessageID(3), new InputMessageID(77))));
    assertThat(((MessagesCtor) some).messages().get(0)).isInstanceOfSatisfying(MessageCtor.class,
        m -> assertThat(m.message()).isEqualTo("message 3"));
    assertThat(((MessagesCtor) some).messages().get(1)).isInstanceOf(dev.tgkit.tl.api.MessageEmpty.class);
  }

  @Test
  void aBasicGroupGivesEveryMemberItsOwnCopyAndBotsCannotReadHistory() throws Exception {
    TestUser alice = user("Alice");
    TestUser bob = user("Bob");
    TestUser bot = telegram.createBot("8002:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw", "group_test_bot");
    alice.sendMessage(bob, "before the group"); // Bob's 1
    RealClient aliceSession = session(alice);
    RealClient bobSession = session(bob);
    RealClient botSession = session(bot);

    InvitedUsersCtor invited = (InvitedUsersCtor) aliceSession.call(new CreateChat(List.of(
        new InputUserCtor(bob.id(), ((InputPeerUser) alice.inputPeer(bob)).accessHash()),
        new InputUserCtor(bot.id(), ((InputPeerUser) alice.inputPeer(bot)).accessHash())), "Friends", null));
    MessageService created = (MessageService) only(invited.updates(), UpdateNewMessage.class).message();
    assertThat(created.action()).isEqualTo(new MessageActionChatCreate("Friends", List.of(alice.id(), bob.id(), bot.id())));
    long chatId = ((PeerChat) created.peerId()).chatId();
    assertThat(created.id()).isEqualTo(2);

    Updates sent = aliceSession.call(text(new InputPeerChat(chatId), "hello group"));
    assertThat(only(sent, UpdateMessageID.class).id()).isEqualTo(3);
    UpdateShortChatMessage atBob = pushed(bobSession, UpdateShortChatMessage.class);
    assertThat(atBob.id()).isEqualTo(3); // Bob: 1 from Alice, 2 the group's creation
    assertThat(atBob.fromId()).isEqualTo(alice.id());
    assertThat(atBob.chatId()).isEqualTo(chatId);
    // The bot is in privacy mode: the chat passes it by, a command reaches it.
    aliceSession.call(text(new InputPeerChat(chatId), "/stats@group_test_bot"));
    RealClient.await(() -> botSession.updates.size() >= 2, "the creation and the command at the bot");
    assertThat(botSession.updates).last().isInstanceOfSatisfying(UpdateShortChatMessage.class, m -> {
      assertThat(m.id()).isEqualTo(2);
      assertThat(m.message()).isEqualTo("/stats@group_test_bot");
    });
    TestGroup friends = telegram.group(chatId);
    assertThat(bot.messages(friends)).extracting(TestMessage::id).containsExactly(1, 2);
    assertThat(alice.messages(friends)).extracting(TestMessage::id).containsExactly(2, 3, 4);

    TestMessage reply = bob.reply(friends, 3, "hi all");
    assertThat(reply.id()).isEqualTo(5);
    assertThat(alice.messages(friends).getLast()).satisfies(m -> {
      assertThat(m.text()).isEqualTo("hi all");
      assertThat(m.replyTo()).isEqualTo(3); // Alice's id of the message Bob answered
      assertThat(m.id()).isEqualTo(5);
    });
    bot.privacyMode(false);
    alice.sendMessage(friends, "now the bot reads along");
    assertThat(bot.messages(friends)).extracting(TestMessage::text).last().isEqualTo("now the bot reads along");
    assertError(botSession, history(new InputPeerChat(chatId), 0, 0, 10, 0, 0), 400, "BOT_METHOD_INVALID");
    assertError(bobSession, new DeleteMessages(true, List.of(3)), 403, "MESSAGE_DELETE_FORBIDDEN");
  }

  @Test
  void forwardedMessagesNameTheirAuthorAndAnswerWithTheNewIds() throws Exception {
    TestUser alice = user("Alice");
    TestUser bob = user("Bob");
    TestUser carol = user("Carol");
    bob.sendMessage(alice, "worth sharing");
    RealClient aliceSession = session(alice);

    Updates forwarded = aliceSession.call(new ForwardMessages(false, false, false, false, false, false, false,
        alice.inputPeer(bob), List.of(1), List.of(RANDOM_IDS.getAndIncrement()), alice.inputPeer(carol),
        null, null, null, null, null, null, null, null, null, null));

    assertThat(only(forwarded, UpdateMessageID.class).id()).isEqualTo(2);
    MessageCtor copy = (MessageCtor) only(forwarded, UpdateNewMessage.class).message();
    assertThat(copy.peerId()).isEqualTo(new PeerUser(carol.id()));
    assertThat(((MessageFwdHeaderCtor) copy.fwdFrom()).fromId()).isEqualTo(new PeerUser(bob.id()));
    assertThat(carol.messages(alice)).extracting(TestMessage::text).containsExactly("worth sharing");
  }

  @Test
  void entitiesTravelWithTheTextAndOnlyBotsMayAttachAKeyboard() throws Exception {
    TestUser alice = user("Alice");
    TestUser bob = user("Bob");
    TestUser bot = telegram.createBot("8003:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw", "markup_test_bot");
    alice.sendMessage(bot, "/start");
    RealClient aliceSession = session(alice);
    RealClient botSession = session(bot);

    botSession.call(new SendMessage(false, false, false, false, false, false, false, false,
        bot.inputPeer(alice), null, "bold move", RANDOM_IDS.getAndIncrement(), new ReplyKeyboardHide(false),
        List.of(new MessageEntityBold(0, 4)), null, null, null, null, null, null, null, null));

    // A keyboard does not fit a short update: Alice gets the whole message.
    MessageCtor atAlice = (MessageCtor) only(pushedWith(aliceSession, UpdateNewMessage.class), UpdateNewMessage.class).message();
    assertThat(atAlice.entities()).containsExactly(new MessageEntityBold(0, 4));
    assertThat(atAlice.replyMarkup()).isEqualTo(new ReplyKeyboardHide(false));

    Updates fromUser = aliceSession.call(new SendMessage(false, false, false, false, false, false, false, false,
        alice.inputPeer(bob), null, "no keyboards for users", RANDOM_IDS.getAndIncrement(), new ReplyKeyboardHide(false),
        null, null, null, null, null, null, null, null, null));
    assertThat(fromUser).isInstanceOf(UpdateShortSentMessage.class);

    UserFullCtor full = (UserFullCtor) aliceSession.call(new GetFullUser(new InputUserCtor(bot.id(),
        ((InputPeerUser) alice.inputPeer(bot)).accessHash())));
    assertThat(((dev.tgkit.tl.api.UserFullCtor) full.fullUser()).id()).isEqualTo(bot.id());
    assertThat(full.users()).singleElement().extracting(u -> ((UserCtor) u).bot()).isEqualTo(true);
    assertError(aliceSession, new GetFullUser(new InputUserCtor(bot.id(), 1234)), 400, "USER_ID_INVALID");
  }

  private static UpdatesCtor pushedWith(RealClient client, Class<? extends Update> type) throws InterruptedException {
    RealClient.await(() -> client.updates.stream().anyMatch(u -> u instanceof UpdatesCtor c
        && c.updates().stream().anyMatch(type::isInstance)), "a pushed " + type.getSimpleName());
    return client.updates.stream().filter(u -> u instanceof UpdatesCtor c
        && c.updates().stream().anyMatch(type::isInstance)).map(UpdatesCtor.class::cast).findFirst().orElseThrow();
  }

  private static UpdateShort pushedShort(RealClient client, Class<? extends Update> type) throws InterruptedException {
    RealClient.await(() -> client.updates.stream().anyMatch(u -> u instanceof UpdateShort s && type.isInstance(s.update())),
        "a pushed " + type.getSimpleName());
    return client.updates.stream().filter(u -> u instanceof UpdateShort s && type.isInstance(s.update()))
        .map(UpdateShort.class::cast).findFirst().orElseThrow();
  }
}
