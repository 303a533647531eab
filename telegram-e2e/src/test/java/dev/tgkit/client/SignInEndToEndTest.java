package dev.tgkit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.crypto.Srp;
import dev.tgkit.mtproto.RpcError;
import dev.tgkit.net.EventLoops;
import dev.tgkit.session.MemoryStorage;
import dev.tgkit.test.EmbeddedTelegram;
import dev.tgkit.test.NettyLeaks;
import dev.tgkit.test.TestUser;
import dev.tgkit.tl.Bytes;
import dev.tgkit.tl.TlFunction;
import dev.tgkit.tl.api.CodeSettingsCtor;
import dev.tgkit.tl.api.InputCheckPasswordSRPCtor;
import dev.tgkit.tl.api.InputUserSelf;
import dev.tgkit.tl.api.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow;
import dev.tgkit.tl.api.User;
import dev.tgkit.tl.api.UserCtor;
import dev.tgkit.tl.api.account.GetPassword;
import dev.tgkit.tl.api.account.PasswordCtor;
import dev.tgkit.tl.api.auth.AuthorizationCtor;
import dev.tgkit.tl.api.auth.CheckPassword;
import dev.tgkit.tl.api.auth.ImportBotAuthorization;
import dev.tgkit.tl.api.auth.LogOut;
import dev.tgkit.tl.api.auth.SendCode;
import dev.tgkit.tl.api.auth.SentCodeCtor;
import dev.tgkit.tl.api.auth.SentCodeTypeApp;
import dev.tgkit.tl.api.auth.SentCodeTypeSms;
import dev.tgkit.tl.api.auth.SignIn;
import dev.tgkit.tl.api.updates.GetState;
import dev.tgkit.tl.api.updates.StateCtor;
import dev.tgkit.tl.api.users.GetUsers;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Signing in to the embedded Telegram with the real {@link Client} over TCP: phone codes, two-step
 * verification checked with SRP against core's {@link Srp}, bot tokens, and the home data center.
 */
class SignInEndToEndTest {

  static {
    NettyLeaks.install();
  }

  private static final String API_HASH = "0123456789abcdef0123456789abcdef";
  private static final String BOT_TOKEN = "7001:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

  private static EventLoopGroup group;
  private static EmbeddedTelegram telegram;
  private final List<Client> clients = new ArrayList<>();

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
    clients.forEach(Client::close);
  }

  private Client connected() {
    Client client = telegram.clientBuilder().storage(new MemoryStorage()).eventLoops(EventLoops.shared(group)).build();
    clients.add(client);
    client.connect();
    return client;
  }

  private static SentCodeCtor sendCode(Client client, String phone) {
    return (SentCodeCtor) client.invoke(new SendCode(phone, 12345, API_HASH,
        new CodeSettingsCtor(false, false, false, false, false, false, null, null, null)));
  }

  private static AuthorizationCtor signIn(Client client, String phone, String hash, String code) {
    return (AuthorizationCtor) client.invoke(new SignIn(phone, hash, code, null));
  }

  private static void assertError(Client client, TlFunction<?> request, int code, String name) {
    assertThatThrownBy(() -> client.invoke(request))
        .isInstanceOfSatisfying(RpcError.class, e -> {
          assertThat(e.code()).isEqualTo(code);
          assertThat(e.name()).isEqualTo(name);
        });
  }

  private static long keyOf(Client client) {
    return client.session().authKey(client.session().homeDc()).orElseThrow().id();
  }

  @Test
  void aTestNumberSignsInWithItsDigitRepeatedFiveTimes() {
    TestUser alice = telegram.createUser("+999 66 1 2345", "Alice", "Liddell");
    Client client = connected();

    SentCodeCtor sent = sendCode(client, "9996612345");
    assertThat(sent.type()).isEqualTo(new SentCodeTypeSms(5)); // no session yet to show it in
    assertThat(telegram.lastCode("9996612345")).isEqualTo("11111");
    AuthorizationCtor auth = signIn(client, "9996612345", sent.phoneCodeHash(), "11111");

    assertThat(auth.user()).isInstanceOfSatisfying(UserCtor.class, u -> {
      assertThat(u.self()).isTrue();
      assertThat(u.id()).isEqualTo(alice.id());
      assertThat(u.firstName()).isEqualTo("Alice");
      assertThat(u.phone()).isEqualTo("9996612345");
    });
    assertThat(telegram.dataCenter(1).userOf(keyOf(client))).hasValue(alice.id());
    List<User> self = client.invoke(new GetUsers(List.of(new InputUserSelf())));
    assertThat(self).singleElement().extracting(u -> ((UserCtor) u).id()).isEqualTo(alice.id());
    assertThat(client.invoke(new GetState())).isInstanceOfSatisfying(StateCtor.class,
        s -> assertThat(s.pts()).isZero());

    // A second device is told to look in the app, where the signed-in session shows the code.
    assertThat(sendCode(connected(), "9996612345").type()).isEqualTo(new SentCodeTypeApp(5));

    client.invoke(new LogOut());
    assertThat(telegram.dataCenter(1).userOf(keyOf(client))).isEmpty();
    assertError(client, new GetState(), 401, EmbeddedTelegram.AUTH_KEY_UNREGISTERED);
  }

  @Test
  void aWrongCodeAnOldHashAndAnUnknownNumberAreRefused() {
    telegram.createUser("15550001234", "Bob");
    Client client = connected();

    SentCodeCtor first = sendCode(client, "15550001234");
    SentCodeCtor second = sendCode(client, "15550001234");
    String code = telegram.lastCode("+1 555 000 1234");
    assertThat(code).matches("[0-9]{5}");
    String wrong = code.equals("00000") ? "00001" : "00000";

    assertError(client, new SignIn("15550001234", second.phoneCodeHash(), wrong, null), 400, "PHONE_CODE_INVALID");
    assertError(client, new SignIn("15550001234", first.phoneCodeHash(), code, null), 400, "PHONE_CODE_EXPIRED");
    assertError(client, new SignIn("15550001234", second.phoneCodeHash(), "", null), 400, "PHONE_CODE_EMPTY");
    assertThat(telegram.dataCenter(1).userOf(keyOf(client))).isEmpty();

    SentCodeCtor unknown = sendCode(client, "9996654321");
    assertError(client, new SignIn("9996654321", unknown.phoneCodeHash(), "55555", null), 400, "PHONE_NUMBER_UNOCCUPIED");
    assertError(client, new SendCode("12", 12345, API_HASH,
        new CodeSettingsCtor(false, false, false, false, false, false, null, null, null)), 400, "PHONE_NUMBER_INVALID");

    assertThat(signIn(client, "15550001234", second.phoneCodeHash(), code).user()).isNotNull();
  }

  @Test
  void twoStepVerificationNeedsTheSrpProofOfThePassword() {
    TestUser carol = telegram.createUser("9996623456", "Carol").setPassword("correct horse");
    Client client = connected();
    SentCodeCtor sent = sendCode(client, "9996623456");

    assertError(client, new SignIn("9996623456", sent.phoneCodeHash(), "22222", null), 401, "SESSION_PASSWORD_NEEDED");
    assertThat(telegram.dataCenter(1).userOf(keyOf(client))).isEmpty();
    assertError(client, new GetState(), 401, EmbeddedTelegram.AUTH_KEY_UNREGISTERED);

    assertError(client, new CheckPassword(proof(client, "battery staple")), 400, "PASSWORD_HASH_INVALID");
    assertThat(telegram.dataCenter(1).userOf(keyOf(client))).isEmpty();
    InputCheckPasswordSRPCtor stale = proof(client, "correct horse");
    proof(client, "correct horse"); // a newer offer replaces the one the stale proof answers
    assertError(client, new CheckPassword(stale), 400, "SRP_ID_INVALID");

    AuthorizationCtor auth = (AuthorizationCtor) client.invoke(new CheckPassword(proof(client, "correct horse")));

    assertThat(((UserCtor) auth.user()).id()).isEqualTo(carol.id());
    assertThat(telegram.dataCenter(1).userOf(keyOf(client))).hasValue(carol.id());
  }

  /** What an official app sends for {@code password}: the SRP answer to a fresh offer. */
  private static InputCheckPasswordSRPCtor proof(Client client, String password) {
    PasswordCtor offer = (PasswordCtor) client.invoke(new GetPassword());
    assertThat(offer.hasPassword()).isTrue();
    var algo = (PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow) offer.currentAlgo();
    byte[] a = new byte[256];
    new SecureRandom().nextBytes(a);
    Srp.SrpAnswer answer = Srp.answer(password.getBytes(StandardCharsets.UTF_8),
        algo.salt1().toByteArray(), algo.salt2().toByteArray(), algo.g(), algo.p().toByteArray(),
        offer.srpB().toByteArray(), a);
    return new InputCheckPasswordSRPCtor(offer.srpId(), Bytes.wrap(answer.a()), Bytes.wrap(answer.m1()));
  }

  @Test
  void aBotSignsInWithItsTokenAndAWrongTokenIsRefused() {
    TestUser bot = telegram.createBot(BOT_TOKEN, "echo_test_bot");
    Client client = connected();

    assertError(client, new ImportBotAuthorization(0, 12345, API_HASH, "7001:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsax"),
        400, "ACCESS_TOKEN_INVALID");
    assertError(client, new ImportBotAuthorization(0, 12345, API_HASH, "nonsense"), 400, "ACCESS_TOKEN_INVALID");
    AuthorizationCtor auth = (AuthorizationCtor) client.invoke(new ImportBotAuthorization(0, 12345, API_HASH, BOT_TOKEN));

    assertThat(auth.user()).isInstanceOfSatisfying(UserCtor.class, u -> {
      assertThat(u.id()).isEqualTo(7001).isEqualTo(bot.id());
      assertThat(u.bot()).isTrue();
      assertThat(u.username()).isEqualTo("echo_test_bot");
    });
    assertThat(telegram.dataCenter(1).userOf(keyOf(client))).hasValue(7001);
  }

  @Test
  void accountsLivingOnDc2AreSentThereAndTheClientFollows() {
    TestUser dave = telegram.createUser("9996634567", "Dave", null, 2);
    TestUser bot = telegram.createBot("7002:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw", "dc2_test_bot", 2);
    Client user = connected();
    Client botClient = connected();

    SentCodeCtor sent = sendCode(user, "9996634567"); // PHONE_MIGRATE_2, followed
    AuthorizationCtor auth = signIn(user, "9996634567", sent.phoneCodeHash(), "33333");
    botClient.invoke(new ImportBotAuthorization(0, 12345, API_HASH, "7002:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw")); // USER_MIGRATE_2

    assertThat(((UserCtor) auth.user()).id()).isEqualTo(dave.id());
    assertThat(user.session().homeDc()).isEqualTo(2);
    assertThat(botClient.session().homeDc()).isEqualTo(2);
    assertThat(telegram.dataCenter(2).userOf(keyOf(user))).hasValue(dave.id());
    assertThat(telegram.dataCenter(2).userOf(keyOf(botClient))).hasValue(bot.id());
    assertThat(telegram.dataCenter(1).executed(SendCode.class)).isPositive();
  }

  @Test
  void malformedAccountsAreRefusedSayingWhatIsAccepted() {
    assertThatThrownBy(() -> telegram.createBot("123:short", "short_bot"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("<bot id>:<secret");
    assertThatThrownBy(() -> telegram.createBot("7003:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw", "not_a_b0t"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ends with \"bot\"");
    assertThatThrownBy(() -> telegram.createUser("abc", "X"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5 to 15 digits");
    assertThatThrownBy(() -> telegram.createUser("9996690000", "X", null, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DCs 1..2");
    assertThatThrownBy(() -> telegram.lastCode("9996690001")).isInstanceOf(IllegalStateException.class);
  }
}
