package dev.tgkit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.client.events.NewMessage;
import dev.tgkit.client.filters.Filters;
import dev.tgkit.mtproto.RpcError;
import dev.tgkit.mtproto.transport.Framing;
import dev.tgkit.mtproto.transport.ProxySecret;
import dev.tgkit.mtproto.transport.Transport;
import dev.tgkit.net.EventLoops;
import dev.tgkit.net.Proxy;
import dev.tgkit.session.MemoryStorage;
import dev.tgkit.session.Storage;
import dev.tgkit.test.EmbeddedTelegram;
import dev.tgkit.test.Faults;
import dev.tgkit.test.TestDataCenter;
import dev.tgkit.test.internal.proxy.HttpConnectProxyServer;
import dev.tgkit.test.internal.proxy.Socks5ProxyServer;
import dev.tgkit.tl.Bytes;
import dev.tgkit.tl.api.ConfigCtor;
import dev.tgkit.tl.api.InputFileLocationCtor;
import dev.tgkit.tl.api.JsonObject;
import dev.tgkit.tl.api.NearestDcCtor;
import dev.tgkit.tl.api.UpdateShortMessage;
import dev.tgkit.tl.api.UpdateShortSentMessage;
import dev.tgkit.tl.api.help.AppConfig;
import dev.tgkit.tl.api.help.AppConfigCtor;
import dev.tgkit.tl.api.help.GetAppConfig;
import dev.tgkit.tl.api.help.GetNearestDc;
import dev.tgkit.tl.api.messages.SendMessage;
import dev.tgkit.tl.api.storage.FileUnknown;
import dev.tgkit.tl.api.upload.FileCtor;
import dev.tgkit.tl.api.upload.GetFile;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Client} against the embedded Telegram over real TCP with real crypto, repeated over
 * every transport, and once through the obfuscated transport keyed with an MTProxy secret (to a
 * Telegram that only accepts that secret).
 */
class ClientEndToEndTest {

  private static final String API_HASH = "0123456789abcdef0123456789abcdef";
  private static final ProxySecret SECRET =
      ProxySecret.parse("dd" + HexFormat.of().formatHex(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}));

  private static EventLoopGroup group;
  private static EmbeddedTelegram telegram;
  private static EmbeddedTelegram proxied;
  private final List<Client> clients = new ArrayList<>();

  @BeforeAll
  static void start() {
    group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    telegram = EmbeddedTelegram.builder().dataCenters(2).eventLoopGroup(group).start();
    proxied = EmbeddedTelegram.builder().dataCenters(2).eventLoopGroup(group).proxySecret(SECRET).start();
    for (EmbeddedTelegram t : List.of(telegram, proxied)) {
      // Echoes the hash, so each caller can tell its own answer.
      t.services().register(GetAppConfig.class, (request, context) -> new AppConfigCtor(request.hash(), new JsonObject(List.of())));
    }
  }

  @AfterAll
  static void stop() {
    telegram.close();
    proxied.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @AfterEach
  void closeClients() {
    clients.forEach(Client::close);
    telegram.faults().clear();
    proxied.faults().clear();
  }

  static Stream<Arguments> transports() {
    List<Arguments> all = new ArrayList<>();
    for (Framing f : Framing.values()) {
      all.add(Arguments.of(Transport.plain(f)));
    }
    for (Framing f : Framing.values()) {
      if (f.canBeObfuscated()) {
        all.add(Arguments.of(Transport.obfuscated(f)));
      }
    }
    all.add(Arguments.of(Transport.mtProxy(SECRET)));
    return all.stream();
  }

  private static EmbeddedTelegram serverFor(Transport transport) {
    return transport instanceof Transport.Obfuscated o && o.secret() != null ? proxied : telegram;
  }

  private Client client(Transport transport, Storage storage) {
    return client(transport, storage, Clock.systemUTC());
  }

  private Client client(Transport transport, Storage storage, Clock clock) {
    EmbeddedTelegram server = serverFor(transport);
    TestDataCenter dc1 = server.dataCenter(1);
    Client client = Client.builder()
        .apiId(12345)
        .apiHash(API_HASH)
        .storage(storage)
        .dataCenter(1, dc1.host(), dc1.port())
        .publicKeys(server.publicKeys())
        .transport(transport)
        .eventLoops(EventLoops.shared(group))
        .clock(clock)
        .build();
    clients.add(client);
    return client;
  }

  private static int hash(AppConfig config) {
    return ((AppConfigCtor) config).hash();
  }

  @ParameterizedTest
  @MethodSource("transports")
  void aFreshClientMakesAKeyAndASecondConnectReusesIt(Transport transport) {
    EmbeddedTelegram server = serverFor(transport);
    Storage storage = new MemoryStorage();
    int before = server.exchanges();

    Client first = client(transport, storage);
    first.connect();

    assertThat(first.isConnected()).isTrue();
    assertThat(server.exchanges()).isEqualTo(before + 1);
    assertThat(((ConfigCtor) first.config()).dcOptions()).hasSize(2);
    assertThat(first.session().dcs()).extracting(dev.tgkit.session.DataCenter::id).containsExactly(1, 2);
    assertThat(storage.load().orElseThrow().authKey(1)).isPresent();
    first.disconnect();
    assertThat(first.isConnected()).isFalse();

    Client second = client(transport, storage);
    second.connect();

    assertThat(hash(second.invoke(new GetAppConfig(7)))).isEqualTo(7);
    assertThat(server.exchanges()).isEqualTo(before + 1);
  }

  @ParameterizedTest
  @MethodSource("transports")
  void tenThousandConcurrentCallsFromAHundredThreadsEachGetTheirOwnAnswer(Transport transport) throws Exception {
    EmbeddedTelegram server = serverFor(transport);
    Client client = client(transport, new MemoryStorage());
    client.connect();
    int containersBefore = server.containersReceived();
    int executedBefore = server.dataCenter(1).executed(GetAppConfig.class);
    List<CompletableFuture<AppConfig>> answers = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    CompletableFuture<?>[] slots = new CompletableFuture<?>[10_000];
    for (int t = 0; t < 100; t++) {
      int base = t * 100;
      threads.add(Thread.ofVirtual().start(() -> {
        for (int i = base; i < base + 100; i++) {
          slots[i] = client.invokeAsync(new GetAppConfig(i));
        }
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
    for (CompletableFuture<?> slot : slots) {
      @SuppressWarnings("unchecked")
      CompletableFuture<AppConfig> answer = (CompletableFuture<AppConfig>) slot;
      answers.add(answer);
    }

    CompletableFuture.allOf(slots).get(60, TimeUnit.SECONDS);

    for (int i = 0; i < answers.size(); i++) {
      assertThat(hash(answers.get(i).join())).isEqualTo(i);
    }
    assertThat(server.dataCenter(1).executed(GetAppConfig.class) - executedBefore).isEqualTo(10_000);
    // Packed together: far fewer containers than requests (pings travel alone).
    int containers = server.containersReceived() - containersBefore;
    assertThat(containers).isPositive().isLessThan(10_000 / 4);
  }

  @ParameterizedTest
  @MethodSource("transports")
  void aThousandRequestsInFlightWhenTheServerDropsTheConnectionAreAllAnsweredOnce(Transport transport) throws Exception {
    EmbeddedTelegram server = serverFor(transport);
    Client client = client(transport, new MemoryStorage());
    client.connect();
    int executedBefore = server.dataCenter(1).executed(GetAppConfig.class);
    server.faults().delayAnswers(GetAppConfig.class, Duration.ofSeconds(30));
    List<CompletableFuture<AppConfig>> answers = new ArrayList<>();
    int[] completions = new int[1_000];
    for (int i = 0; i < 1_000; i++) {
      int index = i;
      CompletableFuture<AppConfig> answer = client.invokeAsync(new GetAppConfig(i));
      answer.whenComplete((value, failure) -> {
        synchronized (completions) {
          completions[index]++;
        }
      });
      answers.add(answer);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (server.dataCenter(1).executed(GetAppConfig.class) - executedBefore < 1_000 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(answers).noneMatch(CompletableFuture::isDone);

    server.faults().clear();
    assertThat(server.dataCenter(1).dropConnections()).isPositive();

    CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    for (int i = 0; i < answers.size(); i++) {
      assertThat(hash(answers.get(i).join())).isEqualTo(i);
    }
    synchronized (completions) {
      assertThat(completions).containsOnly(1);
    }
  }

  @ParameterizedTest
  @MethodSource("transports")
  void hostileServerBytesCloseTheConnectionAndTheRequestIsAnsweredAfterTheReconnect(Transport transport) throws Exception {
    EmbeddedTelegram server = serverFor(transport);
    Client client = client(transport, new MemoryStorage());
    client.connect();
    int accepted = server.dataCenter(1).connections();
    for (Faults.HostileBytes kind : Faults.HostileBytes.values()) {
      server.faults().answerWithHostileBytes(GetAppConfig.class, kind, 1);
      List<CompletableFuture<AppConfig>> answers = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        answers.add(client.invokeAsync(new GetAppConfig(i)));
      }
      CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
      for (int i = 0; i < answers.size(); i++) {
        assertThat(hash(answers.get(i).join())).as(kind.name()).isEqualTo(i);
      }
    }
    assertThat(server.dataCenter(1).connections()).isGreaterThanOrEqualTo(accepted);
  }

  @ParameterizedTest
  @MethodSource("transports")
  void saltRotationAndAClockAnHourOffAreAbsorbed(Transport transport) {
    EmbeddedTelegram server = serverFor(transport);
    Clock late = Clock.offset(Clock.systemUTC(), Duration.ofHours(-1));
    Storage storage = new MemoryStorage();
    Client fresh = client(transport, storage, late);
    fresh.connect(); // the key exchange tells it the server's time
    server.dataCenter(1).rotateSalt();
    server.dataCenter(1).rotateSalt();
    assertThat(hash(fresh.invoke(new GetAppConfig(1)))).isEqualTo(1);
    fresh.disconnect();

    // A stored key, no exchange: the first answer is a bad_msg_notification about the time.
    Client resumed = client(transport, storage, late);
    resumed.connect();
    server.dataCenter(1).rotateSalt();
    server.dataCenter(1).rotateSalt();
    for (int i = 0; i < 100; i++) {
      assertThat(hash(resumed.invoke(new GetAppConfig(i)))).isEqualTo(i);
    }
  }

  @ParameterizedTest
  @MethodSource("transports")
  void aShortFloodWaitIsSleptThroughAndALongOneRaisesWithItsValue(Transport transport) {
    EmbeddedTelegram server = serverFor(transport);
    Client client = client(transport, new MemoryStorage());
    client.connect();

    server.faults().answerError(GetAppConfig.class, 420, "FLOOD_WAIT_2", 1);
    long start = System.nanoTime();
    assertThat(hash(client.invoke(new GetAppConfig(3)))).isEqualTo(3);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));

    server.faults().answerError(GetAppConfig.class, 420, "FLOOD_WAIT_120", 1);
    assertThatThrownBy(() -> client.invoke(new GetAppConfig(4)))
        .isInstanceOfSatisfying(RpcError.Flood.class, e -> {
          assertThat(e.seconds()).isEqualTo(120);
          assertThat(e.value()).isEqualTo(120);
          assertThat(e.request()).isEqualTo(new GetAppConfig(4));
        });
  }

  @ParameterizedTest
  @MethodSource("transports")
  void migrateErrorsMoveTheHomeToTheDataCenterNamed(Transport transport) {
    EmbeddedTelegram server = serverFor(transport);
    for (String error : List.of("PHONE_MIGRATE_2", "USER_MIGRATE_2", "NETWORK_MIGRATE_2")) {
      Storage storage = new MemoryStorage();
      Client client = client(transport, storage);
      client.connect();
      server.faults().answerErrorOnDc(1, GetNearestDc.class, 303, error, Integer.MAX_VALUE);

      NearestDcCtor nearest = (NearestDcCtor) client.invoke(new GetNearestDc());

      assertThat(nearest.thisDc()).as(error).isEqualTo(2);
      assertThat(storage.load().orElseThrow().homeDc()).as(error).isEqualTo(2);
      assertThat(storage.load().orElseThrow().authKey(2)).as(error).isPresent();
      server.faults().clear();
      client.close();
    }
  }

  @ParameterizedTest
  @MethodSource("transports")
  void fileMigrateSendsTheRequestToTheDataCenterNamedWithTheAuthorizationTransferred(Transport transport) {
    EmbeddedTelegram server = serverFor(transport);
    server.services().register(GetFile.class, (request, context) ->
        new FileCtor(new FileUnknown(), context.dcId(), Bytes.of(new byte[] {1, 2, 3})));
    server.faults().answerErrorOnDc(1, GetFile.class, 303, "FILE_MIGRATE_2", Integer.MAX_VALUE);
    int exported = server.dataCenter(1).exportedAuthorizations();
    int imported = server.dataCenter(2).importedAuthorizations();
    Storage storage = new MemoryStorage();
    Client client = client(transport, storage);
    client.connect();
    server.dataCenter(1).authorize(client.session().authKey(1).orElseThrow().id(), 777);
    GetFile request = new GetFile(false, false, new InputFileLocationCtor(1, 2, 3, Bytes.of()), 0, 1024);

    FileCtor first = (FileCtor) client.invoke(request);
    FileCtor second = (FileCtor) client.invoke(request);

    assertThat(first.mtime()).isEqualTo(2); // answered by DC 2
    assertThat(second.mtime()).isEqualTo(2);
    assertThat(server.dataCenter(1).exportedAuthorizations()).isEqualTo(exported + 1); // once, not per request
    assertThat(server.dataCenter(2).importedAuthorizations()).isEqualTo(imported + 1);
    assertThat(server.dataCenter(2).userOf(client.session().authKey(2).orElseThrow().id())).hasValue(777);
    assertThat(storage.load().orElseThrow().homeDc()).isEqualTo(1); // a file elsewhere does not move the account
  }

  @ParameterizedTest
  @MethodSource("transports")
  void fileMigrateBeforeSignInGoesToTheDataCenterWithoutATransfer(Transport transport) {
    EmbeddedTelegram server = serverFor(transport);
    server.faults().answerErrorOnDc(1, GetNearestDc.class, 303, "FILE_MIGRATE_2", Integer.MAX_VALUE);
    int imported = server.dataCenter(2).importedAuthorizations();
    Client client = client(transport, new MemoryStorage());
    client.connect();

    assertThat(((NearestDcCtor) client.invoke(new GetNearestDc())).thisDc()).isEqualTo(2);
    assertThat(server.dataCenter(2).importedAuthorizations()).isEqualTo(imported);
    assertThat(client.session().homeDc()).isEqualTo(1);
  }

  @Test
  void aSocks5ProxyOnLoopbackCarriesASessionEndToEnd() throws Exception {
    try (Socks5ProxyServer proxy = Socks5ProxyServer.builder().credentials("bot", "s3cret").eventLoopGroup(group).start()) {
      sessionThrough(Proxy.socks5(proxy.host(), proxy.port(), "bot", "s3cret"));
      assertThat(proxy.tunnels()).isEqualTo(3); // DC 1, DC 1 again after the drop, DC 2
    }
  }

  @Test
  void anHttpConnectProxyOnLoopbackCarriesASessionEndToEnd() throws Exception {
    try (HttpConnectProxyServer proxy = HttpConnectProxyServer.builder().eventLoopGroup(group).start()) {
      sessionThrough(Proxy.http(proxy.host(), proxy.port()));
      assertThat(proxy.tunnels()).isEqualTo(3);
    }
  }

  /** A new key, a thousand requests, a move to DC 2 and a dropped connection, all via {@code proxy}. */
  private void sessionThrough(Proxy proxy) throws Exception {
    TestDataCenter dc1 = telegram.dataCenter(1);
    Storage storage = new MemoryStorage();
    Client client = Client.builder().apiId(12345).apiHash(API_HASH).storage(storage)
        .dataCenter(1, dc1.host(), dc1.port()).publicKeys(telegram.publicKeys())
        .proxy(proxy).eventLoops(EventLoops.shared(group)).build();
    clients.add(client);
    client.connect();
    List<CompletableFuture<AppConfig>> answers = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      answers.add(client.invokeAsync(new GetAppConfig(i)));
    }
    for (int i = 0; i < answers.size(); i++) {
      assertThat(hash(answers.get(i).get(30, TimeUnit.SECONDS))).isEqualTo(i);
    }
    telegram.dataCenter(1).dropConnections();
    assertThat(hash(client.invoke(new GetAppConfig(1_000)))).isEqualTo(1_000); // reconnected through the proxy
    telegram.faults().answerErrorOnDc(1, GetNearestDc.class, 303, "PHONE_MIGRATE_2", Integer.MAX_VALUE);
    assertThat(((NearestDcCtor) client.invoke(new GetNearestDc())).thisDc()).isEqualTo(2);
    assertThat(storage.load().orElseThrow().homeDc()).isEqualTo(2);
  }

  @Test
  void anMtProxyCarriesEveryConnectionWhateverTheDataCenterAddress() {
    TestDataCenter dc1 = proxied.dataCenter(1);
    Client client = Client.builder().apiId(12345).apiHash(API_HASH)
        // The proxy, not this address, is where connections go.
        .dataCenter(1, "192.0.2.1", 443)
        .publicKeys(proxied.publicKeys())
        .proxy(Proxy.mtProxy(dc1.host(), dc1.port(), SECRET))
        .eventLoops(EventLoops.shared(group)).build();
    clients.add(client);
    client.connect();

    assertThat(hash(client.invoke(new GetAppConfig(5)))).isEqualTo(5);
  }

  @Test
  void pushedMessagesReachTheHandlersAsEventsInOrderPerChat() throws Exception {
    Client client = client(Transport.plain(Framing.INTERMEDIATE), new MemoryStorage());
    java.util.Map<Long, List<Integer>> seen = new java.util.concurrent.ConcurrentHashMap<>();
    java.util.concurrent.CountDownLatch all = new java.util.concurrent.CountDownLatch(200);
    client.on(NewMessage.class, Filters.incoming().and(Filters.text("^hello")), event -> {
      seen.computeIfAbsent(event.chat().id(), k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(event.id());
      all.countDown();
    });
    client.connect();
    client.invoke(new GetAppConfig(0)); // the server pushes to sessions it has seen
    long key = client.session().authKey(1).orElseThrow().id();

    for (int i = 1; i <= 100; i++) {
      for (long user : new long[] {7, 8}) {
        telegram.dataCenter(1).push(key, new UpdateShortMessage(false, false, false, false, i, user, "hello " + i,
            i, 1, (int) (System.currentTimeMillis() / 1000), null, null, null, null, null));
      }
    }

    assertThat(all.await(30, TimeUnit.SECONDS)).isTrue();
    List<Integer> expected = java.util.stream.IntStream.rangeClosed(1, 100).boxed().toList();
    assertThat(seen.get(7L)).containsExactlyElementsOf(expected);
    assertThat(seen.get(8L)).containsExactlyElementsOf(expected);
  }

  @Test
  void aHandlerRepliesToPushedMessagesAndTheRepliesGoOutInOrder() throws Exception {
    List<SendMessage> sent = java.util.Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.atomic.AtomicInteger ids = new java.util.concurrent.atomic.AtomicInteger(1_000);
    telegram.services().register(SendMessage.class, (request, context) -> {
      sent.add(request);
      return new UpdateShortSentMessage(true, ids.incrementAndGet(), 1, 1, (int) (System.currentTimeMillis() / 1000),
          null, null, null);
    });
    Client client = client(Transport.plain(Framing.INTERMEDIATE), new MemoryStorage());
    List<dev.tgkit.client.types.Message> replies = java.util.Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.CountDownLatch all = new java.util.concurrent.CountDownLatch(100);
    client.on(NewMessage.class, Filters.incoming(), event -> {
      replies.add(event.reply("echo " + event.text()));
      all.countDown();
    });
    client.connect();
    long key = client.session().authKey(1).orElseThrow().id();
    telegram.dataCenter(1).authorize(key, 4242);
    client.invoke(new GetAppConfig(0));

    for (int i = 1; i <= 100; i++) {
      telegram.dataCenter(1).push(key, new UpdateShortMessage(false, false, false, false, i, 7, "hi " + i,
          i, 1, (int) (System.currentTimeMillis() / 1000), null, null, null, null, null));
    }

    assertThat(all.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(sent).hasSize(100);
    for (int i = 0; i < 100; i++) {
      SendMessage request = sent.get(i);
      assertThat(request.message()).isEqualTo("echo hi " + (i + 1));
      assertThat(request.peer()).isEqualTo(new dev.tgkit.tl.api.InputPeerUser(7, 0));
      assertThat(((dev.tgkit.tl.api.InputReplyToMessage) request.replyTo()).replyToMsgId()).isEqualTo(i + 1);
    }
    assertThat(replies).allSatisfy(reply -> {
      assertThat(reply.outgoing()).isTrue();
      assertThat(reply.chat().id()).isEqualTo(7);
      assertThat(reply.text()).startsWith("echo hi ");
    });
  }

  @Test
  void blockingOnANetworkThreadIsRefusedInsteadOfStallingIt() {
    Client client = client(Transport.plain(Framing.INTERMEDIATE), new MemoryStorage());
    client.connect();

    CompletableFuture<AppConfig> nested = client.invokeAsync(new GetAppConfig(1))
        .thenApplyAsync(first -> client.invoke(new GetAppConfig(2)), group.next()); // surely on a network thread

    assertThat(nested).failsWithin(Duration.ofSeconds(10))
        .withThrowableThat().havingCause().isInstanceOf(IllegalStateException.class)
        .withMessageContaining("use invokeAsync");
    assertThat(hash(client.invokeAsync(new GetAppConfig(3)).thenCompose(first -> client.invokeAsync(new GetAppConfig(4))).join()))
        .isEqualTo(4);
  }

  @Test
  void aRestartedServerThatForgotTheKeyGetsANewOneAndNoRequestIsLost() throws Exception {
    EmbeddedTelegram before = EmbeddedTelegram.builder().rsaSeed(42).eventLoopGroup(group).start();
    before.services().register(GetAppConfig.class, (request, context) -> new AppConfigCtor(request.hash(), new JsonObject(List.of())));
    int port = before.dataCenter(1).port();
    Storage storage = new MemoryStorage();
    Client client = Client.builder().apiId(12345).apiHash(API_HASH).storage(storage)
        .dataCenter(1, "127.0.0.1", port).publicKeys(before.publicKeys()).eventLoops(EventLoops.shared(group)).build();
    clients.add(client);
    client.connect();
    assertThat(hash(client.invoke(new GetAppConfig(1)))).isEqualTo(1);
    var oldKey = storage.load().orElseThrow().authKey(1).orElseThrow();
    before.close();

    try (EmbeddedTelegram after = EmbeddedTelegram.builder().rsaSeed(42).firstPort(port).eventLoopGroup(group).start()) {
      after.services().register(GetAppConfig.class, (request, context) -> new AppConfigCtor(request.hash(), new JsonObject(List.of())));
      List<CompletableFuture<AppConfig>> answers = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        answers.add(client.invokeAsync(new GetAppConfig(i)));
      }
      for (int i = 0; i < 100; i++) {
        assertThat(hash(answers.get(i).get(30, TimeUnit.SECONDS))).isEqualTo(i);
      }
      assertThat(after.exchanges()).isEqualTo(1);
      assertThat(storage.load().orElseThrow().authKey(1)).get().isNotEqualTo(oldKey);
    }
  }
}
