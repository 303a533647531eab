package dev.tgkit.mtproto.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.tl.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How a server recognises the transport of a new connection from its first bytes, as the embedded
 * Telegram and an MTProxy must.
 */
class ServerDetectionTest {

  static final byte[] PAYLOAD =
      HexFormat.of().parseHex("000000000000000011223344556677881400000078974660");

  static final ProxySecret SECRET = ProxySecret.parse("00112233445566778899aabbccddeeff");
  static final ProxySecret DD_SECRET = ProxySecret.parse("dd00112233445566778899aabbccddeeff");

  static List<Transport> withoutSecret() {
    return List.of(
        Transport.plain(Framing.ABRIDGED),
        Transport.plain(Framing.INTERMEDIATE),
        Transport.plain(Framing.PADDED_INTERMEDIATE),
        Transport.plain(Framing.FULL),
        Transport.obfuscated(Framing.ABRIDGED),
        Transport.obfuscated(Framing.INTERMEDIATE),
        Transport.obfuscated(Framing.PADDED_INTERMEDIATE));
  }

  static byte[] firstBytes(Transport transport, long seed) {
    return transport.client(new SplittableRandom(seed)).encoder().encode(PAYLOAD);
  }

  @ParameterizedTest
  @MethodSource("withoutSecret")
  void recognisesEveryTransportFromItsFirstBytes(Transport transport) {
    for (long seed = 0; seed < 20; seed++) {
      ServerDecoder server = Transport.detect(new SplittableRandom(seed));
      List<Inbound.Frame> frames = server.decode(firstBytes(transport, seed));

      assertThat(server.transport()).isEqualTo(transport);
      assertThat(server.encoder().framing()).isEqualTo(transport.framing());
      assertThat(frames).hasSize(1);
      assertThat(Arrays.copyOf(frames.get(0).payload().toByteArray(), PAYLOAD.length))
          .isEqualTo(PAYLOAD);
    }
  }

  @ParameterizedTest
  @MethodSource("withoutSecret")
  void knowsNothingUntilTheHeaderIsComplete(Transport transport) {
    byte[] wire = firstBytes(transport, 3);
    int headerLength =
        switch (transport) {
          case Transport.Obfuscated o -> Obfuscation.INIT_LENGTH;
          case Transport.Plain p ->
              p.framing() == Framing.FULL ? 8 : p.framing().plainHeader().length;
        };
    ServerDecoder server = Transport.detect(new SplittableRandom(3));
    for (int i = 0; i < headerLength - 1; i++) {
      assertThat(server.decode(new byte[] {wire[i]})).isEmpty();
      assertThat(server.transport()).isNull();
      assertThatThrownBy(server::encoder).isInstanceOf(IllegalStateException.class);
    }
    server.decode(new byte[] {wire[headerLength - 1]});
    assertThat(server.transport()).isEqualTo(transport);
  }

  @Test
  void rejectsHttp() {
    for (String request :
        List.of(
            "POST /api HTTP/1.1\r\n",
            "GET / HTTP/1.1\r\n",
            "HEAD / HTTP/1.1\r\n",
            "OPTIONS * HTTP/1.1\r\n")) {
      ServerDecoder server = Transport.detect(new SplittableRandom(1));
      assertThatThrownBy(() -> server.decode(request.getBytes(StandardCharsets.US_ASCII)))
          .as(request)
          .isInstanceOf(TransportException.UnknownProtocol.class)
          .hasMessageContaining("HTTP");
    }
  }

  @Test
  void rejectsTlsWithAMessageAboutFakeTls() {
    ServerDecoder server = Transport.detect(new SplittableRandom(1));
    assertThatThrownBy(() -> server.decode(HexFormat.of().parseHex("1603010200010001fc0303")))
        .isInstanceOf(TransportException.UnknownProtocol.class)
        .hasMessageContaining("fake-TLS");
  }

  @Test
  void mtProxySecretsOfBothFormsAgreeOnBothSides() {
    for (ProxySecret secret : List.of(SECRET, DD_SECRET)) {
      Transport transport = Transport.mtProxy(secret);
      int dc = Obfuscation.dcField(4, false, true);
      ClientCodec client =
          transport.client(new SplittableRandom(9), dc, Transport.DEFAULT_MAX_FRAME_LENGTH);
      ServerDecoder proxy =
          Transport.detect(new SplittableRandom(9), secret, Transport.DEFAULT_MAX_FRAME_LENGTH);

      List<Inbound.Frame> frames = proxy.decode(client.encoder().encode(PAYLOAD));

      assertThat(proxy.transport()).isEqualTo(transport);
      assertThat(proxy.dcField()).isEqualTo(-4);
      assertThat(Arrays.copyOf(frames.get(0).payload().toByteArray(), PAYLOAD.length))
          .isEqualTo(PAYLOAD);
      byte[] reply = proxy.encoder().encode(PAYLOAD);
      Inbound.Frame back = (Inbound.Frame) client.decoder().decode(reply).get(0);
      assertThat(Arrays.copyOf(back.payload().toByteArray(), PAYLOAD.length)).isEqualTo(PAYLOAD);
    }
  }

  @Test
  void ddSecretUsesPaddedIntermediate() {
    assertThat(Transport.mtProxy(DD_SECRET).framing()).isEqualTo(Framing.PADDED_INTERMEDIATE);
    assertThat(Transport.mtProxy(SECRET).framing()).isEqualTo(Framing.INTERMEDIATE);
    assertThatThrownBy(() -> Transport.obfuscated(Framing.INTERMEDIATE, DD_SECRET))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PADDED_INTERMEDIATE");
  }

  @Test
  void aDdProxyRejectsOtherFramingsKeyedWithTheSameSecret() {
    // The same 16 key bytes without the dd marker: the keys match, only the framing differs.
    Transport intermediate = Transport.obfuscated(Framing.INTERMEDIATE, SECRET);
    ServerDecoder proxy =
        Transport.detect(new SplittableRandom(1), DD_SECRET, Transport.DEFAULT_MAX_FRAME_LENGTH);
    assertThatThrownBy(() -> proxy.decode(firstBytes(intermediate, 1)))
        .isInstanceOf(TransportException.UnknownProtocol.class)
        .hasMessageContaining("requires padded intermediate");
  }

  @Test
  void aProxyRejectsClientsWithoutItsSecret() {
    for (Transport wrong :
        List.of(
            Transport.obfuscated(Framing.INTERMEDIATE),
            Transport.obfuscated(
                Framing.INTERMEDIATE, ProxySecret.parse("ffeeddccbbaa99887766554433221100")))) {
      ServerDecoder proxy =
          Transport.detect(new SplittableRandom(1), SECRET, Transport.DEFAULT_MAX_FRAME_LENGTH);
      assertThatThrownBy(() -> proxy.decode(firstBytes(wrong, 1)))
          .isInstanceOf(TransportException.UnknownProtocol.class)
          .hasMessageContaining("wrong proxy secret");
    }
  }

  @Test
  void aProxyRejectsPlainTransports() {
    ServerDecoder proxy =
        Transport.detect(new SplittableRandom(1), SECRET, Transport.DEFAULT_MAX_FRAME_LENGTH);
    assertThatThrownBy(() -> proxy.decode(firstBytes(Transport.plain(Framing.ABRIDGED), 1)))
        .isInstanceOf(TransportException.UnknownProtocol.class)
        .hasMessageContaining("only accepts obfuscated");
  }

  @Test
  void aServerWithoutTheSecretCannotReadAProxyClient() {
    ServerDecoder server = Transport.detect(new SplittableRandom(1));
    assertThatThrownBy(() -> server.decode(firstBytes(Transport.mtProxy(SECRET), 1)))
        .isInstanceOf(TransportException.UnknownProtocol.class)
        .hasMessageContaining("unknown protocol tag");
  }

  @Test
  void aServerForOneTransportRejectsAnotherAtItsHeader() {
    ServerDecoder server = Transport.plain(Framing.INTERMEDIATE).server(new SplittableRandom(1));
    assertThatThrownBy(() -> server.decode(HexFormat.of().parseHex("efefefef")))
        .isInstanceOf(TransportException.UnknownProtocol.class)
        .hasMessage("expected the INTERMEDIATE header eeeeeeee, got efefefef");

    ServerDecoder obfuscated =
        Transport.obfuscated(Framing.ABRIDGED).server(new SplittableRandom(1));
    assertThatThrownBy(
            () -> obfuscated.decode(firstBytes(Transport.obfuscated(Framing.INTERMEDIATE), 1)))
        .isInstanceOf(TransportException.UnknownProtocol.class)
        .hasMessageContaining("expected Obfuscated[framing=ABRIDGED")
        .hasMessageContaining("client speaks Obfuscated[framing=INTERMEDIATE");
  }

  @Test
  void aFullServerExpectsSequenceNumberZeroFirst() {
    ServerDecoder server = Transport.plain(Framing.FULL).server(new SplittableRandom(1));
    assertThat(server.transport()).isEqualTo(Transport.plain(Framing.FULL));
    assertThatThrownBy(() -> server.decode(HexFormat.of().parseHex("2400000001000000")))
        .isInstanceOf(TransportException.BadSeqNo.class);
  }

  @Test
  void frameBytesArrivingWithTheHeaderAreDecodedToo() {
    Transport transport = Transport.obfuscated(Framing.PADDED_INTERMEDIATE);
    ClientEncoder encoder = transport.client(new SplittableRandom(4)).encoder();
    byte[] first = encoder.encode(PAYLOAD);
    byte[] second = encoder.encode(PAYLOAD, 0, PAYLOAD.length, true);
    byte[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);

    List<Inbound.Frame> frames = Transport.detect(new SplittableRandom(4)).decode(both);

    assertThat(frames).extracting(Inbound.Frame::quickAck).containsExactly(false, true);
    assertThat(frames)
        .allSatisfy(
            f ->
                assertThat(Bytes.of(f.payload().toByteArray(), 0, PAYLOAD.length))
                    .isEqualTo(Bytes.of(PAYLOAD)));
  }
}
