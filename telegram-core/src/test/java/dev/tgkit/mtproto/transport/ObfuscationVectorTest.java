package dev.tgkit.mtproto.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tgkit.tl.Bytes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The obfuscated transport against vectors/transport_obfuscation.txt, a stream recorded from two
 * independent implementations (mtcute and GramJS) with fixed init bytes: both directions, as client
 * and as server.
 */
class ObfuscationVectorTest {

  private static Map<String, byte[]> vector;

  private static byte[] init;
  private static byte[] payload;
  private static byte[] serverPlainFrame;
  private static byte[] serverPacket;

  @BeforeAll
  static void load() throws IOException {
    vector = readVector("/vectors/transport_obfuscation.txt");
    init = value("init(64, before tag)");
    payload = value("payload");
    serverPlainFrame = value("server->client (intermediate) plaintext frame");
    serverPacket = value("server->client first packet (encrypted)");
  }

  /** Reads "name = hex" lines whole: this file's names carry explanations the shared loader splits. */
  private static Map<String, byte[]> readVector(String resource) throws IOException {
    Map<String, byte[]> values = new LinkedHashMap<>();
    try (InputStream in = ObfuscationVectorTest.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        int eq = line.lastIndexOf(" = ");
        if (line.isBlank() || line.startsWith("#") || eq < 0) {
          continue;
        }
        values.put(
            line.substring(0, eq).strip(), HexFormat.of().parseHex(line.substring(eq + 3).strip()));
      }
    }
    return values;
  }

  /**
   * The one value whose name starts with {@code prefix} and contains {@code part} (names carry
   * explanations, e.g. "intermediate: tag eeeeeeee; header sent").
   */
  private static byte[] value(String prefix, String part) {
    var matches =
        vector.entrySet().stream()
            .filter(e -> e.getKey().startsWith(prefix) && e.getKey().contains(part))
            .map(Map.Entry::getValue)
            .toList();
    assertThat(matches).as("values named '%s...%s'", prefix, part).hasSize(1);
    return matches.get(0).clone();
  }

  private static byte[] value(String prefix) {
    return value(prefix, "");
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static ClientCodec client(Framing framing) {
    Transport.Obfuscated transport = (Transport.Obfuscated) Transport.obfuscated(framing);
    return transport.client(init, new SplittableRandom(1), 0, Transport.DEFAULT_MAX_FRAME_LENGTH);
  }

  private static Bytes serverPayload() {
    return Bytes.of(serverPlainFrame, 4, serverPlainFrame.length - 4);
  }

  @Test
  void vectorIsTheIntermediateFrameOfTheOfficialReqPq() {
    assertThat(init).hasSize(64);
    assertThat(payload).hasSize(40);
    assertThat(serverPlainFrame).hasSize(4 + 84);
    assertThat(serverPacket).hasSameSizeAs(serverPlainFrame);
  }

  @Test
  void intermediateClientSendsTheRecordedHeaderAndFirstPacket() {
    byte[] out = client(Framing.INTERMEDIATE).encoder().encode(payload);
    assertThat(out)
        .isEqualTo(
            concat(value("intermediate:", "header sent"), value("intermediate:", "first packet")));
  }

  @Test
  void abridgedClientSendsTheRecordedHeaderAndFirstPacket() {
    byte[] out = client(Framing.ABRIDGED).encoder().encode(payload);
    assertThat(out)
        .isEqualTo(concat(value("abridged:", "header sent"), value("abridged:", "first packet")));
  }

  @Test
  void intermediateClientDecryptsTheRecordedServerPacket() {
    ClientDecoder decoder = client(Framing.INTERMEDIATE).decoder();
    assertThat(decoder.decode(serverPacket))
        .containsExactly(new Inbound.Frame(serverPayload(), false));
  }

  @Test
  void intermediateServerReadsTheRecordedClientStreamAndAnswersWithTheRecordedPacket() {
    ServerDecoder server = Transport.detect(new SplittableRandom(1));
    byte[] wire =
        concat(value("intermediate:", "header sent"), value("intermediate:", "first packet"));

    assertThat(server.decode(wire)).containsExactly(new Inbound.Frame(Bytes.of(payload), false));
    assertThat(server.transport()).isEqualTo(Transport.obfuscated(Framing.INTERMEDIATE));
    // The vector leaves bytes 60..61 random: 0x4d4c read as int16 little-endian.
    assertThat(server.dcField()).isEqualTo(0x4d4c);
    assertThat(server.encoder().encode(serverPayload().toByteArray())).isEqualTo(serverPacket);
  }

  @Test
  void abridgedServerReadsTheRecordedClientStream() {
    ServerDecoder server = Transport.obfuscated(Framing.ABRIDGED).server(new SplittableRandom(1));
    byte[] wire = concat(value("abridged:", "header sent"), value("abridged:", "first packet"));

    assertThat(server.decode(wire)).containsExactly(new Inbound.Frame(Bytes.of(payload), false));
    assertThat(server.transport()).isEqualTo(Transport.obfuscated(Framing.ABRIDGED));
  }

  /**
   * The vector records the server-to-client direction for intermediate only; the key stream does
   * not depend on the framing, so the recorded packet XOR its plaintext gives the key stream an
   * abridged server must use.
   */
  @Test
  void abridgedServerToClientUsesTheRecordedKeyStream() {
    byte[] keyStream = new byte[serverPacket.length];
    for (int i = 0; i < keyStream.length; i++) {
      keyStream[i] = (byte) (serverPacket[i] ^ serverPlainFrame[i]);
    }
    byte[] abridgedPlain = new byte[1 + 84];
    abridgedPlain[0] = 84 / 4;
    System.arraycopy(serverPlainFrame, 4, abridgedPlain, 1, 84);
    byte[] expected = new byte[abridgedPlain.length];
    for (int i = 0; i < expected.length; i++) {
      expected[i] = (byte) (abridgedPlain[i] ^ keyStream[i]);
    }

    ServerDecoder server = Transport.detect(new SplittableRandom(1));
    server.decode(concat(value("abridged:", "header sent"), value("abridged:", "first packet")));
    assertThat(server.encoder().encode(serverPayload().toByteArray())).isEqualTo(expected);

    ClientDecoder clientDecoder = client(Framing.ABRIDGED).decoder();
    assertThat(clientDecoder.decode(expected))
        .containsExactly(new Inbound.Frame(serverPayload(), false));
  }
}
