package dev.tgkit.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tgkit.crypto.AuthKey;
import dev.tgkit.mtproto.ClientSession;
import dev.tgkit.mtproto.Incoming;
import dev.tgkit.mtproto.auth.ClientHandshake;
import dev.tgkit.mtproto.transport.Framing;
import dev.tgkit.mtproto.transport.Inbound;
import dev.tgkit.mtproto.transport.ProxySecret;
import dev.tgkit.mtproto.transport.Transport;
import dev.tgkit.tl.TlFunction;
import dev.tgkit.tl.api.CdnConfigCtor;
import dev.tgkit.tl.api.ConfigCtor;
import dev.tgkit.tl.api.DcOptionCtor;
import dev.tgkit.tl.api.InitConnection;
import dev.tgkit.tl.api.InvokeWithLayer;
import dev.tgkit.tl.api.NearestDcCtor;
import dev.tgkit.tl.api.TlApi;
import dev.tgkit.tl.api.UpdatesTooLong;
import dev.tgkit.tl.api.help.GetCdnConfig;
import dev.tgkit.tl.api.help.GetConfig;
import dev.tgkit.tl.api.help.GetNearestDc;
import dev.tgkit.tl.api.updates.GetState;
import dev.tgkit.tl.mtproto.DestroySession;
import dev.tgkit.tl.mtproto.DestroySessionNone;
import dev.tgkit.tl.mtproto.DestroySessionOk;
import dev.tgkit.tl.mtproto.FutureSaltsCtor;
import dev.tgkit.tl.mtproto.GetFutureSalts;
import dev.tgkit.tl.mtproto.PingDelayDisconnect;
import dev.tgkit.tl.mtproto.PongCtor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Our sans-IO client pieces against the embedded Telegram, over real loopback TCP. */
class EmbeddedTelegramTest {

  @RegisterExtension
  static final EmbeddedTelegramExtension TELEGRAM =
      new EmbeddedTelegramExtension(() -> EmbeddedTelegram.builder().dataCenters(2).rsaSeed(42));

  private static long seed = 1;

  static Stream<Transport> transports() {
    return Stream.of(
        Transport.plain(Framing.ABRIDGED),
        Transport.plain(Framing.INTERMEDIATE),
        Transport.plain(Framing.PADDED_INTERMEDIATE),
        Transport.plain(Framing.FULL),
        Transport.obfuscated(Framing.ABRIDGED),
        Transport.obfuscated(Framing.INTERMEDIATE),
        Transport.obfuscated(Framing.PADDED_INTERMEDIATE));
  }

  private static InvokeWithLayer<?> initConnection(TlFunction<?> query) {
    return new InvokeWithLayer<>(
        TlApi.LAYER,
        new InitConnection<>(12345, "JUnit", "Linux", "0.1.0", "en", "", "en", null, null, query));
  }

  private static LoopbackClient connect(TestDataCenter dc, Transport transport) throws IOException {
    return new LoopbackClient(dc, transport, seed++);
  }

  @ParameterizedTest
  @MethodSource("transports")
  void everyTransportCreatesAnAuthKeyAndGetsTheConfigListingEveryDc(
      Transport transport, EmbeddedTelegram telegram) throws IOException {
    TestDataCenter dc = telegram.dataCenter(1);
    int exchangesBefore = dc.exchanges();
    try (LoopbackClient client = connect(dc, transport)) {
      ClientHandshake.Done done = client.createAuthKey(List.of(dc.publicKey()));
      Incoming answer = client.invoke(client.session(done), initConnection(new GetConfig()));

      assertThat(answer).isInstanceOf(Incoming.Answer.class);
      ConfigCtor config = (ConfigCtor) ((Incoming.Answer) answer).result();
      assertThat(config.thisDc()).isEqualTo(1);
      assertThat(config.dcOptions())
          .map(o -> (DcOptionCtor) o)
          .extracting(DcOptionCtor::id, DcOptionCtor::ipAddress, DcOptionCtor::port)
          .containsExactly(
              tuple(1, "127.0.0.1", telegram.dataCenter(1).port()),
              tuple(2, "127.0.0.1", telegram.dataCenter(2).port()));
      assertThat(dc.exchanges()).isEqualTo(exchangesBefore + 1);
    }
  }

  @Test
  void secondConnectionReusesTheKeyWithANewSessionAndNoInitConnection(EmbeddedTelegram telegram)
      throws IOException {
    TestDataCenter dc = telegram.dataCenter(2);
    ClientHandshake.Done done;
    try (LoopbackClient first = connect(dc, Transport.plain(Framing.INTERMEDIATE))) {
      done = first.createAuthKey(telegram.publicKeys());
      assertThat(first.invoke(first.session(done), initConnection(new GetConfig())))
          .isInstanceOf(Incoming.Answer.class);
    }
    int exchanges = telegram.exchanges();

    try (LoopbackClient second = connect(dc, Transport.obfuscated(Framing.INTERMEDIATE))) {
      ClientSession session = second.session(done);
      Incoming answer = second.invoke(session, new GetNearestDc());

      assertThat(answer).isInstanceOf(Incoming.Answer.class);
      assertThat(((Incoming.Answer) answer).result()).isEqualTo(new NearestDcCtor("NL", 2, 2));
    }
    assertThat(telegram.exchanges()).isEqualTo(exchanges);
  }

  @Test
  void unimplementedHelpMethodGets400NamingIt(EmbeddedTelegram telegram) throws IOException {
    try (LoopbackClient client =
        connect(telegram.dataCenter(1), Transport.plain(Framing.ABRIDGED))) {
      ClientSession session = client.session(client.createAuthKey(telegram.publicKeys()));
      Incoming answer = client.invoke(session, initConnection(new GetCdnConfig()));

      assertThat(answer)
          .isEqualTo(
              new Incoming.RpcErrorAnswer(
                  ((Incoming.RpcErrorAnswer) answer).requestId(),
                  400,
                  EmbeddedTelegram.METHOD_NOT_IMPLEMENTED));
    }
  }

  @Test
  void registeredServiceAnswersItsRequestType(EmbeddedTelegram telegram) throws IOException {
    CdnConfigCtor cdn = new CdnConfigCtor(List.of());
    telegram.services().register(GetCdnConfig.class, (request, context) -> cdn);
    try (LoopbackClient client = connect(telegram.dataCenter(1), Transport.plain(Framing.FULL))) {
      ClientSession session = client.session(client.createAuthKey(telegram.publicKeys()));
      Incoming answer = client.invoke(session, initConnection(new GetCdnConfig()));

      assertThat(answer).isInstanceOf(Incoming.Answer.class);
      assertThat(((Incoming.Answer) answer).result()).isEqualTo(cdn);
    } finally {
      telegram.services().unregister(GetCdnConfig.class);
    }
  }

  @Test
  void requestOutsideHelpAndAuthBeforeSignInGets401(EmbeddedTelegram telegram) throws IOException {
    try (LoopbackClient client =
        connect(telegram.dataCenter(1), Transport.plain(Framing.INTERMEDIATE))) {
      ClientSession session = client.session(client.createAuthKey(telegram.publicKeys()));
      Incoming answer = client.invoke(session, initConnection(new GetState()));

      assertThat(answer).isInstanceOf(Incoming.RpcErrorAnswer.class);
      Incoming.RpcErrorAnswer error = (Incoming.RpcErrorAnswer) answer;
      assertThat(error.errorCode()).isEqualTo(401);
      assertThat(error.errorMessage()).isEqualTo(EmbeddedTelegram.AUTH_KEY_UNREGISTERED);
    }
  }

  @Test
  void unknownAuthKeyIdGetsTransportError404AndTheConnectionCloses(EmbeddedTelegram telegram)
      throws IOException {
    byte[] made = new byte[AuthKey.LENGTH];
    new SplittableRandom(7).nextBytes(made);
    ClientHandshake.Done unknown = new ClientHandshake.Done(AuthKey.of(made), 1, 0);
    try (LoopbackClient client =
        connect(telegram.dataCenter(1), Transport.plain(Framing.INTERMEDIATE))) {
      ClientSession session = client.session(unknown);
      session.enqueue(new GetNearestDc());
      client.send(session.pack(System.currentTimeMillis()));

      assertThat(client.read()).isEqualTo(new Inbound.TransportError(-404));
      assertThat(client.closedByServer()).isTrue();
    }
  }

  @Test
  void garbageClosesOnlyItsOwnConnection(EmbeddedTelegram telegram) throws IOException {
    TestDataCenter dc = telegram.dataCenter(1);
    try (LoopbackClient healthy = connect(dc, Transport.plain(Framing.INTERMEDIATE));
        LoopbackClient http = connect(dc, Transport.plain(Framing.INTERMEDIATE));
        LoopbackClient huge = connect(dc, Transport.plain(Framing.INTERMEDIATE));
        LoopbackClient plainJunk = connect(dc, Transport.plain(Framing.INTERMEDIATE))) {
      ClientSession session = healthy.session(healthy.createAuthKey(telegram.publicKeys()));

      http.sendRaw("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      huge.sendRaw(
          new byte[] {(byte) 0xee, (byte) 0xee, (byte) 0xee, (byte) 0xee, -1, -1, -1, 0x7f});
      byte[] junk = new byte[40]; // auth_key_id 0, then a message_length that lies
      new SplittableRandom(3).nextBytes(junk);
      Arrays.fill(junk, 0, 8, (byte) 0);
      plainJunk.send(junk);

      assertThat(http.closedByServer()).isTrue();
      assertThat(huge.closedByServer()).isTrue();
      assertThat(plainJunk.closedByServer()).isTrue();
      assertThat(healthy.invoke(session, initConnection(new GetNearestDc())))
          .isInstanceOf(Incoming.Answer.class);
    }
  }

  @Test
  void randomBytesCloseTheConnection(EmbeddedTelegram telegram) throws IOException {
    byte[] noise = new byte[300];
    new SplittableRandom(11).nextBytes(noise);
    noise[0] = 0x42; // not a plain transport's header, so the server reads an obfuscated init
    try (LoopbackClient client =
        connect(telegram.dataCenter(1), Transport.plain(Framing.ABRIDGED))) {
      client.sendRaw(noise);

      assertThat(client.closedByServer()).isTrue();
    }
  }

  @Test
  void tamperedEncryptedMessageClosesTheConnection(EmbeddedTelegram telegram) throws IOException {
    try (LoopbackClient client =
        connect(telegram.dataCenter(1), Transport.plain(Framing.INTERMEDIATE))) {
      ClientSession session = client.session(client.createAuthKey(telegram.publicKeys()));
      session.enqueue(initConnection(new GetNearestDc()));
      byte[] packet = session.pack(System.currentTimeMillis());
      packet[packet.length - 1] ^= 1;
      client.send(packet);

      assertThat(client.closedByServer()).isTrue();
    }
  }

  @Test
  void mtProxyWithADdSecretServesItsClientsAndRefusesOthers() throws IOException {
    ProxySecret secret = ProxySecret.parse("dd00112233445566778899aabbccddeeff");
    try (EmbeddedTelegram proxied = EmbeddedTelegram.builder().proxySecret(secret).start()) {
      TestDataCenter dc = proxied.dataCenter(1);
      try (LoopbackClient client = connect(dc, Transport.mtProxy(secret))) {
        ClientSession session = client.session(client.createAuthKey(proxied.publicKeys()));
        Incoming answer = client.invoke(session, initConnection(new GetConfig()));

        assertThat(answer).isInstanceOf(Incoming.Answer.class);
      }
      try (LoopbackClient direct = connect(dc, Transport.plain(Framing.INTERMEDIATE))) {
        direct.send(new byte[] {1, 2, 3, 4});

        assertThat(direct.closedByServer()).isTrue();
      }
    }
  }

  @Test
  void futureSaltsStartWithTheCurrentSaltAndNameTheNextOnes(EmbeddedTelegram telegram)
      throws IOException {
    TestDataCenter dc = telegram.dataCenter(2);
    try (LoopbackClient client = connect(dc, Transport.plain(Framing.INTERMEDIATE))) {
      ClientSession session = client.session(client.createAuthKey(telegram.publicKeys()));
      Incoming answer = client.invoke(session, new GetFutureSalts(3));

      FutureSaltsCtor salts = (FutureSaltsCtor) ((Incoming.Answer) answer).result();
      assertThat(salts.salts()).hasSize(3);
      assertThat(salts.salts().get(0).salt()).isEqualTo(dc.currentSalt());
      assertThat(salts.salts().get(1).validSince()).isEqualTo(salts.salts().get(0).validUntil());
      dc.rotateSalt();
      assertThat(dc.currentSalt()).isEqualTo(salts.salts().get(1).salt());
    }
  }

  @Test
  void pingDelayDisconnectGetsAPongThenClosesTheIdleConnection(EmbeddedTelegram telegram)
      throws IOException {
    try (LoopbackClient client =
        connect(telegram.dataCenter(1), Transport.plain(Framing.INTERMEDIATE))) {
      ClientSession session = client.session(client.createAuthKey(telegram.publicKeys()));
      Incoming answer = client.invoke(session, new PingDelayDisconnect(77, 1));

      assertThat(((Incoming.Answer) answer).result())
          .isInstanceOfSatisfying(PongCtor.class, p -> assertThat(p.pingId()).isEqualTo(77));
      long start = System.nanoTime();
      assertThat(client.closedByServer()).isTrue();
      assertThat(System.nanoTime() - start).isGreaterThan(500_000_000L);
    }
  }

  @Test
  void destroySessionForgetsAnotherSessionOfTheKey(EmbeddedTelegram telegram) throws IOException {
    try (LoopbackClient client =
        connect(telegram.dataCenter(1), Transport.plain(Framing.INTERMEDIATE))) {
      ClientHandshake.Done done = client.createAuthKey(telegram.publicKeys());
      ClientSession old = client.session(done);
      client.invoke(old, new GetNearestDc());
      ClientSession current = client.session(done);

      assertThat(
              ((Incoming.Answer) client.invoke(current, new DestroySession(old.sessionId())))
                  .result())
          .isEqualTo(new DestroySessionOk(old.sessionId()));
      assertThat(
              ((Incoming.Answer) client.invoke(current, new DestroySession(old.sessionId())))
                  .result())
          .isEqualTo(new DestroySessionNone(old.sessionId()));
    }
  }

  @Test
  void droppedConnectionsLeaveKeysAndSessionsToResume(EmbeddedTelegram telegram)
      throws IOException {
    TestDataCenter dc = telegram.dataCenter(2);
    try (LoopbackClient client = connect(dc, Transport.plain(Framing.INTERMEDIATE))) {
      ClientHandshake.Done done = client.createAuthKey(telegram.publicKeys());
      ClientSession session = client.session(done);
      client.invoke(session, initConnection(new GetNearestDc()));

      assertThat(dc.dropConnections()).isPositive();
      assertThat(client.closedByServer()).isTrue();

      try (LoopbackClient again = connect(dc, Transport.plain(Framing.INTERMEDIATE))) {
        assertThat(again.invoke(session, new GetNearestDc())).isInstanceOf(Incoming.Answer.class);
      }
    }
  }

  @Test
  void pushedUpdateReachesTheSessionOnItsConnection(EmbeddedTelegram telegram) throws IOException {
    TestDataCenter dc = telegram.dataCenter(1);
    try (LoopbackClient client = connect(dc, Transport.obfuscated(Framing.INTERMEDIATE))) {
      ClientSession session = client.session(client.createAuthKey(telegram.publicKeys()));
      client.invoke(session, initConnection(new GetNearestDc()));

      assertThat(dc.push(new UpdatesTooLong())).isPositive();

      List<Incoming> incoming = new ArrayList<>();
      while (incoming.stream().noneMatch(Incoming.Update.class::isInstance)) {
        Inbound.Frame frame = (Inbound.Frame) client.read();
        incoming.addAll(session.unpack(frame.payload().toByteArray(), System.currentTimeMillis()));
      }
      assertThat(incoming).contains(new Incoming.Update(new UpdatesTooLong()));
    }
  }

  @Test
  void rotatedSaltIsAbsorbedWithoutAFailedRequest(EmbeddedTelegram telegram) throws IOException {
    TestDataCenter dc = telegram.dataCenter(1);
    try (LoopbackClient client = connect(dc, Transport.obfuscated(Framing.ABRIDGED))) {
      ClientSession session = client.session(client.createAuthKey(telegram.publicKeys()));
      assertThat(client.invoke(session, initConnection(new GetNearestDc())))
          .isInstanceOf(Incoming.Answer.class);

      dc.rotateSalt();
      dc.rotateSalt();

      assertThat(client.invoke(session, new GetNearestDc())).isInstanceOf(Incoming.Answer.class);
      assertThat(session.salt()).isEqualTo(dc.currentSalt());
    }
  }
}
