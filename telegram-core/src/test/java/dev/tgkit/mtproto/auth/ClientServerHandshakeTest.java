package dev.tgkit.mtproto.auth;

import static dev.tgkit.mtproto.auth.TestServer.KEY;
import static dev.tgkit.mtproto.auth.TestServer.SERVER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tgkit.crypto.AuthKey;
import dev.tgkit.tl.TlReader;
import dev.tgkit.tl.mtproto.ClientDHInnerDataCtor;
import dev.tgkit.tl.mtproto.DhGenRetry;
import dev.tgkit.tl.mtproto.ResPQ;
import dev.tgkit.tl.mtproto.ResPQCtor;
import dev.tgkit.tl.mtproto.SetClientDHParams;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** Our client against our server: both sides must agree on the key and the salt. */
class ClientServerHandshakeTest {

  private static final int NOW = 1_700_000_000;
  private static final ClientHandshake.Options OPTIONS =
      ClientHandshake.Options.of(List.of(KEY.publicKey()));

  /** Both ends of one exchange. */
  private record Agreed(ClientHandshake.Done client, ServerHandshake.Accepted server) {}

  private static Agreed run(ClientHandshake.Options options, long seed, int serverClockAhead) {
    RandomGenerator clientRandom = new SplittableRandom(seed);
    RandomGenerator serverRandom = new SplittableRandom(~seed);

    var c1 = ClientHandshake.step1(options, clientRandom);
    var s1 = SERVER.answerReqPq(c1.request(), serverRandom);
    var c2 = c1.next().step2(s1.response(), clientRandom);
    var s2 = s1.next().answerReqDhParams(c2.request(), serverRandom, NOW + serverClockAhead);
    var c3 = c2.next().step3(s2.response(), clientRandom, NOW);
    var s3 = s2.next().answerSetClientDhParams(c3.request(), id -> false);
    var done = (ClientHandshake.Done) c3.next().step4(s3.response());
    return new Agreed(done, (ServerHandshake.Accepted) s3);
  }

  @Test
  void clientAndServerAgreeOnKeyAndSalt() {
    Agreed agreed = run(OPTIONS, 1, 0);

    assertThat(agreed.client().authKey()).isEqualTo(agreed.server().authKey());
    assertThat(agreed.client().authKey().id()).isEqualTo(agreed.server().authKey().id());
    assertThat(agreed.client().firstSalt()).isEqualTo(agreed.server().firstSalt());
    assertThat(agreed.server().dcId()).isNull();
    assertThat(agreed.server().expiresIn()).isNull();
  }

  @Test
  void differentRandomnessGivesDifferentKeys() {
    Set<AuthKey> keys = new HashSet<>();
    for (long seed = 10; seed < 14; seed++) {
      keys.add(run(OPTIONS, seed, 0).client().authKey());
    }

    assertThat(keys).hasSize(4);
  }

  @Test
  void serverLearnsTheDcIdOfPqInnerDataDc() {
    Agreed agreed = run(OPTIONS.withDcId(10002), 2, 0);

    assertThat(agreed.server().dcId()).isEqualTo(10002);
    assertThat(agreed.server().expiresIn()).isNull();
    assertThat(agreed.client().authKey()).isEqualTo(agreed.server().authKey());
  }

  @Test
  void temporaryKeysCarryTheirLifetimeWithAndWithoutDcId() {
    Agreed withDc = run(OPTIONS.withDcId(-4).withTempKey(86_400), 3, 0);
    Agreed withoutDc = run(OPTIONS.withTempKey(3_600), 4, 0);

    assertThat(withDc.server().dcId()).isEqualTo(-4);
    assertThat(withDc.server().expiresIn()).isEqualTo(86_400);
    assertThat(withDc.client().authKey()).isEqualTo(withDc.server().authKey());
    assertThat(withoutDc.server().dcId()).isNull();
    assertThat(withoutDc.server().expiresIn()).isEqualTo(3_600);
    assertThat(withoutDc.client().authKey()).isEqualTo(withoutDc.server().authKey());
  }

  @Test
  void serverAcceptsTheLegacySchemeOfReqPqAndOldRsaPadding() {
    Agreed agreed = run(OPTIONS.withLegacyScheme(), 5, 0);

    assertThat(agreed.client().authKey()).isEqualTo(agreed.server().authKey());
    assertThat(agreed.client().firstSalt()).isEqualTo(agreed.server().firstSalt());
  }

  @Test
  void clientLearnsHowFarAheadTheServersClockIs() {
    assertThat(run(OPTIONS, 6, 42).client().timeOffset()).isEqualTo(42);
    assertThat(run(OPTIONS, 7, -9).client().timeOffset()).isEqualTo(-9);
  }

  @Test
  void serverOffersAPqOfTwoDistinctPrimesBelowTwoToThe63() {
    for (long seed = 0; seed < 20; seed++) {
      var c1 = ClientHandshake.step1(OPTIONS, new SplittableRandom(seed));
      byte[] resPq = SERVER.answerReqPq(c1.request(), new SplittableRandom(seed)).response();
      var res = (ResPQCtor) ResPQ.read(new TlReader(resPq));

      BigInteger pq = new BigInteger(1, res.pq().toByteArray());
      assertThat(pq.bitLength()).isBetween(60, 63);
      assertThat(pq.isProbablePrime(50)).isFalse();
      assertThat(res.serverPublicKeyFingerprints()).containsExactly(SERVER.fingerprint());
    }
  }

  @Test
  void retryWhenTheServerSaysTheKeyIdIsTakenThenAgree() {
    RandomGenerator clientRandom = new SplittableRandom(8);
    RandomGenerator serverRandom = new SplittableRandom(9);
    var c1 = ClientHandshake.step1(OPTIONS, clientRandom);
    var s1 = SERVER.answerReqPq(c1.request(), serverRandom);
    var c2 = c1.next().step2(s1.response(), clientRandom);
    var s2 = s1.next().answerReqDhParams(c2.request(), serverRandom, NOW);
    var c3 = c2.next().step3(s2.response(), clientRandom, NOW);
    Set<Long> takenIds = new HashSet<>();

    var s3 = s2.next().answerSetClientDhParams(c3.request(), id -> takenIds.add(id));

    assertThat(s3).isInstanceOf(ServerHandshake.Retry.class);
    assertThat(DhGenRetry.CONSTRUCTOR_ID).isEqualTo(new TlReader(s3.response()).readInt());
    var outcome = c3.next().step4(s3.response());
    assertThat(outcome).isInstanceOf(ClientHandshake.Retry.class);
    var retryState = ((ClientHandshake.Retry) outcome).next();
    assertThat(retryState.attempt()).isEqualTo(2);

    var c3again = retryState.step3(clientRandom);
    var s3again =
        ((ServerHandshake.Retry) s3)
            .next()
            .answerSetClientDhParams(c3again.request(), id -> takenIds.contains(id));

    assertThat(s3again).isInstanceOf(ServerHandshake.Accepted.class);
    var accepted = (ServerHandshake.Accepted) s3again;
    var done = (ClientHandshake.Done) c3again.next().step4(s3again.response());
    assertThat(done.authKey()).isEqualTo(accepted.authKey());
    assertThat(done.firstSalt()).isEqualTo(accepted.firstSalt());
    assertThat(takenIds).hasSize(1).doesNotContain(done.authKey().id());
  }

  @Test
  void retryCarriesTheRejectedKeysAuxHashAsRetryId() {
    RandomGenerator clientRandom = new SplittableRandom(11);
    RandomGenerator serverRandom = new SplittableRandom(12);
    var c1 = ClientHandshake.step1(OPTIONS, clientRandom);
    var s1 = SERVER.answerReqPq(c1.request(), serverRandom);
    byte[] step2Random = ClientHandshake.draw(clientRandom, ClientHandshake.STEP2_RANDOM_BYTES);
    var c2 = c1.next().step2(s1.response(), step2Random);
    var s2 = s1.next().answerReqDhParams(c2.request(), serverRandom, NOW);
    var c3 = c2.next().step3(s2.response(), clientRandom, NOW);
    var s3 = s2.next().answerSetClientDhParams(c3.request(), id -> true);
    var retry = (ClientHandshake.Retry) c3.next().step4(s3.response());

    var again = retry.next().step3(clientRandom);

    var res = (ResPQCtor) ResPQ.read(new TlReader(s1.response()));
    TempAes tempAes =
        NewNonce.of(dev.tgkit.tl.Int256.of(java.util.Arrays.copyOf(step2Random, 32)))
            .tempAes(res.serverNonce());
    TlReader in = new TlReader(again.request());
    in.readInt();
    byte[] inner = tempAes.open(SetClientDHParams.readBare(in).encryptedData().toByteArray(), "t");
    TlReader innerIn = new TlReader(inner);
    innerIn.readInt();
    long retryId = ClientDHInnerDataCtor.readBare(innerIn).retryId();
    assertThat(retryId).isNotZero();
    // The server accepts it as the aux hash of the key it turned down.
    var accepted =
        ((ServerHandshake.Retry) s3).next().answerSetClientDhParams(again.request(), id -> false);
    assertThat(accepted).isInstanceOf(ServerHandshake.Accepted.class);
  }
}
