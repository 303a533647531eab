package dev.tgkit.mtproto.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tgkit.tl.Bytes;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Client encoder to server decoder and server encoder to client decoder, for every transport, with
 * the stream cut into single bytes and into random chunks: what the network does to it.
 */
class RoundTripTest {

  static final ProxySecret SECRET = ProxySecret.parse("0123456789abcdef0123456789abcdef");
  static final ProxySecret DD_SECRET = ProxySecret.parse("dd" + "fedcba9876543210fedcba9876543210");

  static Stream<Arguments> transports() {
    return Stream.of(
        Arguments.of(Transport.plain(Framing.ABRIDGED)),
        Arguments.of(Transport.plain(Framing.INTERMEDIATE)),
        Arguments.of(Transport.plain(Framing.PADDED_INTERMEDIATE)),
        Arguments.of(Transport.plain(Framing.FULL)),
        Arguments.of(Transport.obfuscated(Framing.ABRIDGED)),
        Arguments.of(Transport.obfuscated(Framing.INTERMEDIATE)),
        Arguments.of(Transport.obfuscated(Framing.PADDED_INTERMEDIATE)),
        Arguments.of(Transport.obfuscated(Framing.ABRIDGED, SECRET)),
        Arguments.of(Transport.mtProxy(SECRET)),
        Arguments.of(Transport.mtProxy(DD_SECRET)));
  }

  /**
   * Payloads of the sizes that matter: the smallest message, the abridged short/long boundary,
   * large.
   */
  static List<byte[]> payloads(SplittableRandom random) {
    List<byte[]> payloads = new ArrayList<>();
    for (int length : new int[] {24, 28, 126 * 4, 127 * 4, 128 * 4, 4096, 300_000, 40}) {
      byte[] p = new byte[length];
      random.nextBytes(p);
      payloads.add(p);
    }
    return payloads;
  }

  /** Cuts {@code wire} into chunks of the sizes {@code sizes} gives and decodes each. */
  static void feed(byte[] wire, IntSupplier sizes, boolean direct, Consumer<ByteBuffer> decode) {
    int pos = 0;
    while (pos < wire.length) {
      int n = Math.min(Math.max(1, sizes.getAsInt()), wire.length - pos);
      ByteBuffer chunk;
      if (direct) {
        chunk = ByteBuffer.allocateDirect(n).put(wire, pos, n).flip();
      } else {
        chunk = ByteBuffer.wrap(wire, pos, n).slice();
      }
      decode.accept(chunk);
      assertThat(chunk.hasRemaining()).as("decoder consumed the whole chunk").isFalse();
      pos += n;
    }
  }

  static IntSupplier oneByte() {
    return () -> 1;
  }

  static IntSupplier randomChunks(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    return () -> random.nextInt(1, random.nextBoolean() ? 16 : 70_000);
  }

  static void assertPayload(Bytes received, byte[] sent, Transport transport) {
    if (transport.framing() == Framing.PADDED_INTERMEDIATE) {
      // Padding stays on the payload: the MTProto layer knows where its message ends.
      assertThat(received.length() - sent.length).isBetween(0, 15);
      assertThat(Bytes.of(received.toByteArray(), 0, sent.length)).isEqualTo(Bytes.of(sent));
    } else {
      assertThat(received).isEqualTo(Bytes.of(sent));
    }
  }

  @ParameterizedTest
  @MethodSource("transports")
  void clientToServerSurvivesOneByteAtATime(Transport transport) {
    clientToServer(transport, oneByte(), false, false);
  }

  @ParameterizedTest
  @MethodSource("transports")
  void clientToServerSurvivesRandomChunks(Transport transport) {
    clientToServer(transport, randomChunks(11), true, false);
  }

  @ParameterizedTest
  @MethodSource("transports")
  void clientToServerWorksWithAutoDetection(Transport transport) {
    clientToServer(transport, randomChunks(12), false, true);
  }

  @ParameterizedTest
  @MethodSource("transports")
  void serverToClientSurvivesOneByteAtATime(Transport transport) {
    serverToClient(transport, oneByte(), false);
  }

  @ParameterizedTest
  @MethodSource("transports")
  void serverToClientSurvivesRandomChunks(Transport transport) {
    serverToClient(transport, randomChunks(21), true);
  }

  private static ServerDecoder serverFor(
      Transport transport, boolean detect, SplittableRandom random) {
    if (!detect) {
      return transport.server(random);
    }
    ProxySecret secret = transport instanceof Transport.Obfuscated o ? o.secret() : null;
    return Transport.detect(random, secret, Transport.DEFAULT_MAX_FRAME_LENGTH);
  }

  private static void clientToServer(
      Transport transport, IntSupplier chunks, boolean direct, boolean detect) {
    SplittableRandom random = new SplittableRandom(5);
    List<byte[]> payloads = payloads(random);
    ClientEncoder encoder = transport.client(random).encoder();
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    for (int i = 0; i < payloads.size(); i++) {
      byte[] p = payloads.get(i);
      wire.writeBytes(encoder.encode(p, 0, p.length, quickAckOf(transport, i)));
    }

    ServerDecoder server = serverFor(transport, detect, random);
    List<Inbound.Frame> frames = new ArrayList<>();
    feed(wire.toByteArray(), chunks, direct, chunk -> server.decode(chunk, frames));
    server.endOfStream();

    assertThat(server.transport()).isEqualTo(transport);
    assertThat(frames).hasSameSizeAs(payloads);
    for (int i = 0; i < payloads.size(); i++) {
      assertPayload(frames.get(i).payload(), payloads.get(i), transport);
      assertThat(frames.get(i).quickAck()).isEqualTo(quickAckOf(transport, i));
    }
    assertThat(server.buffered()).isZero();
  }

  private static boolean quickAckOf(Transport transport, int i) {
    return transport.framing().supportsQuickAck() && i % 2 == 1;
  }

  private static void serverToClient(Transport transport, IntSupplier chunks, boolean direct) {
    SplittableRandom random = new SplittableRandom(6);
    ClientCodec client = transport.client(random);
    ServerDecoder server = transport.server(random);
    // The server learns the transport (and keys) from the client's first bytes.
    server.decode(client.encoder().encode(new byte[] {1, 2, 3, 4}));
    ServerEncoder encoder = server.encoder();

    List<byte[]> payloads = payloads(random);
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    List<Object> expected = new ArrayList<>();
    for (int i = 0; i < payloads.size(); i++) {
      wire.writeBytes(encoder.encode(payloads.get(i)));
      expected.add(payloads.get(i));
      if (i == 2 && transport.framing().supportsQuickAck()) {
        wire.writeBytes(encoder.quickAck(0x0badcafe));
        expected.add(new Inbound.QuickAck(0x8badcafe));
      }
      if (i == 4) {
        wire.writeBytes(encoder.transportError(Inbound.TransportError.TRANSPORT_FLOOD));
        expected.add(new Inbound.TransportError(-429));
      }
    }

    ClientDecoder decoder = client.decoder();
    List<Inbound> items = new ArrayList<>();
    feed(wire.toByteArray(), chunks, direct, chunk -> decoder.decode(chunk, items));
    decoder.endOfStream();

    assertThat(items).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      if (expected.get(i) instanceof byte[] sent) {
        assertThat(items.get(i)).isInstanceOf(Inbound.Frame.class);
        Inbound.Frame frame = (Inbound.Frame) items.get(i);
        assertPayload(frame.payload(), sent, transport);
        assertThat(frame.quickAck()).isFalse();
      } else {
        assertThat(items.get(i)).isEqualTo(expected.get(i));
      }
    }
  }
}
