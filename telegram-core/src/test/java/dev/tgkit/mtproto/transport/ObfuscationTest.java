package dev.tgkit.mtproto.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The obfuscated init's rules, the DC field, and MTProxy secrets. */
class ObfuscationTest {

  /** Hands out recorded 64-byte draws in order, as a generator would. */
  static final class RecordedDraws implements RandomGenerator {
    final Deque<byte[]> draws = new ArrayDeque<>();

    RecordedDraws(List<byte[]> draws) {
      this.draws.addAll(draws);
    }

    @Override
    public long nextLong() {
      throw new AssertionError("only nextBytes is expected");
    }

    @Override
    public void nextBytes(byte[] bytes) {
      byte[] next = draws.removeFirst();
      System.arraycopy(next, 0, bytes, 0, bytes.length);
    }
  }

  /** 64 bytes starting with {@code startHex}, the rest 0x42. */
  static byte[] init(String startHex) {
    byte[] init = new byte[64];
    Arrays.fill(init, (byte) 0x42);
    byte[] start = HexFormat.of().parseHex(startHex);
    System.arraycopy(start, 0, init, 0, start.length);
    return init;
  }

  static final List<String> RESERVED_STARTS =
      List.of(
          "ef000000", // abridged
          "efefefef",
          "eeeeeeee", // intermediate
          "dddddddd", // padded intermediate
          "48454144", // HEAD
          "504f5354", // POST
          "47455420", // "GET "
          "4f505449", // OPTI(ONS)
          "16030102", // TLS
          "0102030400000000"); // bytes 4..7 zero: the full transport's first sequence number

  @Test
  void initsThatLookLikeAnotherTransportAreRejected() {
    for (String start : RESERVED_STARTS) {
      assertThat(Obfuscation.isAcceptableInit(init(start))).as(start).isFalse();
    }
    assertThat(Obfuscation.isAcceptableInit(init("0102030405060708"))).isTrue();
    assertThat(Obfuscation.isAcceptableInit(init("eeeeeeef"))).isTrue();
  }

  @Test
  void drawInitDrawsAgainUntilTheInitIsAcceptable() {
    List<byte[]> draws = RESERVED_STARTS.stream().map(ObfuscationTest::init).toList();
    byte[] good = init("0102030405060708");
    RecordedDraws random =
        new RecordedDraws(
            java.util.stream.Stream.concat(draws.stream(), java.util.stream.Stream.of(good))
                .toList());

    assertThat(Obfuscation.drawInit(random)).isEqualTo(good);
    assertThat(random.draws).isEmpty();
  }

  @Test
  void aClientRefusesAnInitThatLooksLikeAnotherTransport() {
    Transport.Obfuscated transport =
        (Transport.Obfuscated) Transport.obfuscated(Framing.INTERMEDIATE);
    assertThatThrownBy(
            () ->
                transport.client(
                    init("eeeeeeee"),
                    new SplittableRandom(1),
                    0,
                    Transport.DEFAULT_MAX_FRAME_LENGTH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mistaken for another transport");
    assertThatThrownBy(
            () ->
                transport.client(
                    new byte[63], new SplittableRandom(1), 0, Transport.DEFAULT_MAX_FRAME_LENGTH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("64 bytes");
  }

  @Test
  void theHeaderKeepsTheKeyMaterialInClearAndHidesTheTag() {
    Transport.Obfuscated transport =
        (Transport.Obfuscated) Transport.obfuscated(Framing.INTERMEDIATE);
    byte[] init = init("0102030405060708");
    byte[] wire =
        transport
            .client(init, new SplittableRandom(1), 0, Transport.DEFAULT_MAX_FRAME_LENGTH)
            .encoder()
            .encode(new byte[24]);

    assertThat(Arrays.copyOf(wire, 56)).isEqualTo(Arrays.copyOf(init, 56));
    assertThat(Arrays.copyOfRange(wire, 56, 60)).isNotEqualTo(HexFormat.of().parseHex("eeeeeeee"));
  }

  @Test
  void dcFieldFollowsTheSpec() {
    assertThat(Obfuscation.dcField(2, false, false)).isEqualTo(2);
    assertThat(Obfuscation.dcField(2, true, false)).isEqualTo(10002);
    assertThat(Obfuscation.dcField(4, false, true)).isEqualTo(-4);
    assertThat(Obfuscation.dcField(4, true, true)).isEqualTo(-10004);
    assertThatThrownBy(() -> Obfuscation.dcField(0, false, false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theDcFieldReachesTheServer() {
    for (int dc : new int[] {2, -4, 10005, -10001}) {
      ClientCodec client =
          Transport.obfuscated(Framing.ABRIDGED)
              .client(new SplittableRandom(dc), dc, Transport.DEFAULT_MAX_FRAME_LENGTH);
      ServerDecoder server = Transport.detect(new SplittableRandom(1));
      server.decode(client.encoder().encode(new byte[24]));
      assertThat(server.dcField()).isEqualTo(dc);
    }
    assertThatThrownBy(
            () ->
                Transport.obfuscated(Framing.ABRIDGED)
                    .client(new SplittableRandom(1), 40000, Transport.DEFAULT_MAX_FRAME_LENGTH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("16-bit");
  }

  @Test
  void aSecretChangesBothKeys() {
    byte[] init = init("0102030405060708");
    ProxySecret secret = ProxySecret.parse("00112233445566778899aabbccddeeff");
    Transport.Obfuscated plain = (Transport.Obfuscated) Transport.obfuscated(Framing.INTERMEDIATE);
    Transport.Obfuscated proxied =
        (Transport.Obfuscated) Transport.obfuscated(Framing.INTERMEDIATE, secret);

    byte[] a =
        plain.client(init, new SplittableRandom(1), 0, 1 << 20).encoder().encode(new byte[24]);
    byte[] b =
        proxied.client(init, new SplittableRandom(1), 0, 1 << 20).encoder().encode(new byte[24]);

    assertThat(Arrays.copyOf(a, 56)).isEqualTo(Arrays.copyOf(b, 56));
    assertThat(Arrays.copyOfRange(a, 56, a.length))
        .isNotEqualTo(Arrays.copyOfRange(b, 56, b.length));
  }

  @Test
  void proxySecretsParseInTheirTwoForms() {
    ProxySecret simple = ProxySecret.parse("00112233445566778899aabbccddeeff");
    ProxySecret dd = ProxySecret.parse("dd00112233445566778899AABBCCDDEEFF");
    assertThat(simple.requiresPaddedIntermediate()).isFalse();
    assertThat(dd.requiresPaddedIntermediate()).isTrue();
    assertThat(simple.key()).isEqualTo(dd.key());
    assertThat(simple).isNotEqualTo(dd);
    assertThat(ProxySecret.parse("00112233445566778899aabbccddeeff")).isEqualTo(simple);
  }

  @Test
  void fakeTlsSecretsAreRejectedWithAClearMessage() {
    String fakeTls =
        "ee00112233445566778899aabbccddeeff" + HexFormat.of().formatHex("example.com".getBytes());
    assertThatThrownBy(() -> ProxySecret.parse(fakeTls))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fake-TLS")
        .hasMessageContaining("not supported");
  }

  @Test
  void malformedSecretsAreRejected() {
    assertThatThrownBy(() -> ProxySecret.parse("0011"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 2 bytes");
    assertThatThrownBy(() -> ProxySecret.parse("zz112233445566778899aabbccddeeff"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hexadecimal")
        .hasMessageNotContaining("zz11");
  }

  @Test
  void secretsNeverShowInToStringOrTransportDescriptions() {
    ProxySecret secret = ProxySecret.parse("dd00112233445566778899aabbccddeeff");
    assertThat(secret.toString()).isEqualTo("ProxySecret[dd, redacted]");
    assertThat(Transport.mtProxy(secret).toString())
        .doesNotContain("00112233")
        .contains("redacted");
  }
}
