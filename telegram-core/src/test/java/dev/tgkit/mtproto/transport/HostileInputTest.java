package dev.tgkit.mtproto.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Decoders of network bytes facing what a broken or malicious peer sends: absurd lengths (which
 * must fail before anything is allocated or buffered), corrupted frames, truncated streams and
 * random garbage.
 */
class HostileInputTest {

  static final int MAX = 64 * 1024;

  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  static ServerDecoder server(Framing framing) {
    return Transport.plain(framing).server(new SplittableRandom(1), MAX);
  }

  static ClientDecoder client(Framing framing) {
    return Transport.plain(framing).client(new SplittableRandom(1), 0, MAX).decoder();
  }

  /** Feeds {@code wire} one byte at a time; returns the index of the byte that threw. */
  static int failingByte(ServerDecoder decoder, byte[] wire) {
    List<Inbound.Frame> out = new ArrayList<>();
    for (int i = 0; i < wire.length; i++) {
      try {
        decoder.decode(ByteBuffer.wrap(wire, i, 1), out);
      } catch (TransportException e) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void hugeIntermediateLengthFailsOnItsLastByteWithoutBuffering() {
    ServerDecoder decoder = server(Framing.INTERMEDIATE);
    byte[] wire = hex("eeeeeeee ffffff7f 00000000 00000000");
    assertThat(failingByte(decoder, wire)).isEqualTo(7);

    TransportException.FrameTooLarge e =
        (TransportException.FrameTooLarge)
            catchThrowable(() -> server(Framing.INTERMEDIATE).decode(wire));
    assertThat(e.length()).isEqualTo(0x7fffffffL);
    assertThat(e.max()).isEqualTo(MAX);
    assertThat(e).hasMessage("frame of 2147483647 bytes exceeds the maximum of 65536 bytes");
  }

  @Test
  void hugeLengthsFailInEveryFramingAndDirection() {
    assertThatThrownBy(() -> client(Framing.INTERMEDIATE).decode(hex("ffffff7f")))
        .isInstanceOf(TransportException.FrameTooLarge.class);
    assertThatThrownBy(() -> client(Framing.PADDED_INTERMEDIATE).decode(hex("01000100")))
        .isInstanceOf(TransportException.FrameTooLarge.class);
    assertThatThrownBy(() -> client(Framing.ABRIDGED).decode(hex("7f ffffff")))
        .isInstanceOf(TransportException.FrameTooLarge.class)
        .hasMessageContaining(Long.toString(0xffffffL * 4));
    assertThatThrownBy(() -> server(Framing.ABRIDGED).decode(hex("ef ff 014000")))
        .isInstanceOf(TransportException.FrameTooLarge.class);
    assertThatThrownBy(() -> client(Framing.FULL).decode(hex("f0ffff7f")))
        .isInstanceOf(TransportException.FrameTooLarge.class);
    // A client's quick-ack bit does not hide a huge length.
    assertThatThrownBy(() -> server(Framing.INTERMEDIATE).decode(hex("eeeeeeee ffffffff")))
        .isInstanceOf(TransportException.FrameTooLarge.class);
  }

  @Test
  void theDefaultMaximumAcceptsAFilePartAndRejectsMore() {
    ClientDecoder decoder =
        Transport.plain(Framing.INTERMEDIATE).client(new SplittableRandom(1)).decoder();
    byte[] header = new byte[4];
    ByteBuffer.wrap(header)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN)
        .putInt(Transport.DEFAULT_MAX_FRAME_LENGTH + 4);
    assertThatThrownBy(() -> decoder.decode(header))
        .isInstanceOf(TransportException.FrameTooLarge.class);

    ClientDecoder ok =
        Transport.plain(Framing.INTERMEDIATE).client(new SplittableRandom(1)).decoder();
    ByteBuffer.wrap(header).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(1024 * 1024 + 1024);
    assertThat(ok.decode(header)).isEmpty();
    assertThat(ok.buffered()).isEqualTo(4);
  }

  @Test
  void forbiddenLengthsAreBadLengths() {
    assertThatThrownBy(() -> client(Framing.ABRIDGED).decode(hex("00")))
        .isInstanceOf(TransportException.BadLength.class)
        .hasMessageContaining("empty frame");
    assertThatThrownBy(() -> client(Framing.INTERMEDIATE).decode(hex("00000000")))
        .isInstanceOf(TransportException.BadLength.class);
    assertThatThrownBy(() -> client(Framing.INTERMEDIATE).decode(hex("06000000")))
        .isInstanceOf(TransportException.BadLength.class)
        .hasMessageContaining("not a multiple of 4");
    assertThatThrownBy(() -> client(Framing.FULL).decode(hex("08000000")))
        .isInstanceOf(TransportException.BadLength.class)
        .hasMessageContaining("12-byte envelope");
    assertThatThrownBy(() -> client(Framing.FULL).decode(hex("0c000000")))
        .isInstanceOf(TransportException.BadLength.class)
        .hasMessageContaining("empty frame");
    assertThatThrownBy(() -> client(Framing.FULL).decode(hex("11000000")))
        .isInstanceOf(TransportException.BadLength.class)
        .hasMessageContaining("not a multiple of 4");
    // Only a server may send a negative number where a length goes.
    assertThatThrownBy(() -> server(Framing.FULL).decode(hex("6cfeffff")))
        .isInstanceOf(TransportException.BadLength.class);
    // Padded intermediate carries unaligned lengths legitimately.
    assertThat(client(Framing.PADDED_INTERMEDIATE).decode(hex("06000000 010203040506"))).hasSize(1);
  }

  @Test
  void corruptedFullFramesFailTheirCrc() {
    byte[] good = hex("14000000 00000000 0102030405060708 e06e4584");
    byte[] payloadFlipped = good.clone();
    payloadFlipped[10] ^= 0x01;
    TransportException.BadCrc e =
        (TransportException.BadCrc)
            catchThrowable(() -> client(Framing.FULL).decode(payloadFlipped));
    assertThat(e.actual()).isEqualTo(0x84456ee0);
    assertThat(e.expected()).isNotEqualTo(e.actual());

    byte[] crcFlipped = good.clone();
    crcFlipped[good.length - 1] ^= (byte) 0x80;
    TransportException.BadCrc e2 =
        (TransportException.BadCrc) catchThrowable(() -> client(Framing.FULL).decode(crcFlipped));
    assertThat(e2.expected()).isEqualTo(0x84456ee0);
    assertThat(e2.actual()).isEqualTo(0x04456ee0);
    assertThat(e2).hasMessage("bad CRC32: computed 84456ee0, frame carries 04456ee0");
  }

  @Test
  void repeatedOrSkippedSequenceNumbersFail() {
    byte[] frame0 = hex("14000000 00000000 0102030405060708 e06e4584");
    ClientDecoder decoder = client(Framing.FULL);
    assertThat(decoder.decode(frame0)).hasSize(1);
    TransportException.BadSeqNo e =
        (TransportException.BadSeqNo) catchThrowable(() -> decoder.decode(frame0));
    assertThat(e.expected()).isEqualTo(1);
    assertThat(e.actual()).isZero();
    assertThat(e).hasMessage("bad transport sequence number: expected 1, got 0");
  }

  @Test
  void truncatedStreamsWaitThenFailAtEndOfStream() {
    for (Transport transport :
        RoundTripTest.transports().map(a -> (Transport) a.get()[0]).toList()) {
      ClientCodec client = transport.client(new SplittableRandom(2));
      ServerDecoder server = transport.server(new SplittableRandom(2));
      byte[] wire = client.encoder().encode(new byte[1000]);
      byte[] allButOne = java.util.Arrays.copyOf(wire, wire.length - 1);

      assertThat(server.decode(allButOne)).as(transport.toString()).isEmpty();
      assertThat(server.buffered()).isPositive();
      assertThatThrownBy(server::endOfStream)
          .as(transport.toString())
          .isInstanceOf(TransportException.Truncated.class)
          .hasMessageContaining("stream ended inside a frame");
    }
  }

  @Test
  void truncatedHeaderFailsAtEndOfStream() {
    ServerDecoder server = Transport.detect(new SplittableRandom(1));
    server.decode(hex("eeee"));
    TransportException.Truncated e =
        (TransportException.Truncated) catchThrowable(server::endOfStream);
    assertThat(e.buffered()).isEqualTo(2);
  }

  @Test
  void aCleanEndOfStreamIsFine() {
    ClientDecoder decoder = client(Framing.INTERMEDIATE);
    decoder.decode(hex("04000000 01000000"));
    decoder.endOfStream();
    Transport.detect(new SplittableRandom(1)).endOfStream();
  }

  @Test
  void aFailedDecoderRefusesMoreInput() {
    ClientDecoder decoder = client(Framing.INTERMEDIATE);
    assertThatThrownBy(() -> decoder.decode(hex("06000000")))
        .isInstanceOf(TransportException.BadLength.class);
    assertThatThrownBy(() -> decoder.decode(hex("04000000 01000000")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("failed earlier")
        .hasCauseInstanceOf(TransportException.BadLength.class);
  }

  /**
   * Every way a server decoder can be made, each opened with a valid header so fuzzing reaches the
   * frames.
   */
  static List<Supplier<ServerDecoder>> serverDecoders() {
    List<Supplier<ServerDecoder>> decoders = new ArrayList<>();
    decoders.add(() -> Transport.detect(new SplittableRandom(1), null, MAX));
    decoders.add(() -> Transport.detect(new SplittableRandom(1), RoundTripTest.SECRET, MAX));
    decoders.add(() -> Transport.detect(new SplittableRandom(1), RoundTripTest.DD_SECRET, MAX));
    for (Object[] args : RoundTripTest.transports().map(a -> a.get()).toList()) {
      Transport t = (Transport) args[0];
      decoders.add(() -> t.server(new SplittableRandom(1), MAX));
    }
    return decoders;
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void randomBytesOnlyEverRaiseTransportExceptionsAndStayBounded() {
    SplittableRandom random = new SplittableRandom(0x7e57);
    List<Transport> transports =
        RoundTripTest.transports().map(a -> (Transport) a.get()[0]).toList();
    Set<Class<?>> outcomes = new HashSet<>();
    for (int round = 0; round < 150; round++) {
      // Raw garbage at every server decoder.
      for (Supplier<ServerDecoder> make : serverDecoders()) {
        outcomes.add(fuzzServer(make.get(), new byte[0], random));
      }
      // Garbage after a valid connection header, to reach the frame parsers.
      for (Transport t : transports) {
        byte[] validStart = t.client(new SplittableRandom(round)).encoder().encode(new byte[8]);
        outcomes.add(fuzzServer(t.server(new SplittableRandom(1), MAX), validStart, random));
        outcomes.add(
            fuzzServer(
                Transport.detect(new SplittableRandom(1), secretOf(t), MAX), validStart, random));
        outcomes.add(fuzzClient(t.client(new SplittableRandom(round), 0, MAX).decoder(), random));
        // A valid stream with a few bytes changed, to reach the checks of well-formed frames.
        outcomes.add(
            fuzzServer(t.server(new SplittableRandom(1), MAX), mutated(t, round, random), random));
      }
    }
    // The fuzzing reached every check, not just the first one garbage trips over.
    assertThat(outcomes)
        .contains(
            TransportException.FrameTooLarge.class,
            TransportException.BadLength.class,
            TransportException.BadCrc.class,
            TransportException.BadSeqNo.class,
            TransportException.UnknownProtocol.class,
            TransportException.Truncated.class,
            Inbound.Frame.class,
            Inbound.QuickAck.class,
            Inbound.TransportError.class);
  }

  private static ProxySecret secretOf(Transport t) {
    return t instanceof Transport.Obfuscated o ? o.secret() : null;
  }

  /**
   * A prefix for {@link #fuzzServer} (which appends garbage to it): a few valid frames of {@code t}
   * with one to three bytes after the connection header replaced at random.
   */
  private static byte[] mutated(Transport t, int round, SplittableRandom random) {
    ClientEncoder encoder = t.client(new SplittableRandom(round)).encoder();
    java.io.ByteArrayOutputStream wire = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < 4; i++) {
      wire.writeBytes(encoder.encode(new byte[4 * random.nextInt(1, 40)]));
    }
    byte[] stream = wire.toByteArray();
    int header =
        t instanceof Transport.Obfuscated
            ? Obfuscation.INIT_LENGTH
            : t.framing().plainHeader().length;
    for (int flips = random.nextInt(1, 4); flips > 0; flips--) {
      stream[random.nextInt(header, stream.length)] = (byte) random.nextInt(256);
    }
    return stream;
  }

  private static byte[] garbage(byte[] prefix, SplittableRandom random) {
    byte[] stream = new byte[prefix.length + random.nextInt(1, 4096)];
    random.nextBytes(stream);
    System.arraycopy(prefix, 0, stream, 0, prefix.length);
    return stream;
  }

  /**
   * Feeds garbage in random chunks; returns the exception class it raised, or the item class it
   * last decoded.
   */
  private static Class<?> fuzzServer(
      ServerDecoder decoder, byte[] prefix, SplittableRandom random) {
    byte[] stream = garbage(prefix, random);
    List<Inbound.Frame> out = new ArrayList<>();
    Class<?> outcome = Void.class;
    try {
      int pos = 0;
      while (pos < stream.length) {
        int n = Math.min(random.nextInt(1, 300), stream.length - pos);
        decoder.decode(ByteBuffer.wrap(stream, pos, n), out);
        pos += n;
        assertThat(decoder.buffered()).isLessThanOrEqualTo(MAX + Obfuscation.INIT_LENGTH);
      }
      decoder.endOfStream();
    } catch (TransportException expected) {
      assertThat(expected.getMessage()).isNotBlank();
      outcome = expected.getClass();
    }
    for (Inbound.Frame f : out) {
      assertThat(f.payload().length()).isBetween(1, MAX);
    }
    return outcome == Void.class && !out.isEmpty() ? Inbound.Frame.class : outcome;
  }

  private static Class<?> fuzzClient(ClientDecoder decoder, SplittableRandom random) {
    byte[] stream = garbage(new byte[0], random);
    List<Inbound> out = new ArrayList<>();
    Class<?> outcome = Void.class;
    try {
      int pos = 0;
      while (pos < stream.length) {
        int n = Math.min(random.nextInt(1, 300), stream.length - pos);
        decoder.decode(ByteBuffer.wrap(stream, pos, n), out);
        pos += n;
        assertThat(decoder.buffered()).isLessThanOrEqualTo(MAX + 8);
      }
      decoder.endOfStream();
    } catch (TransportException expected) {
      assertThat(expected.getMessage()).isNotBlank();
      outcome = expected.getClass();
    }
    // Items other than frames are rarer in garbage; report them when they occur.
    for (Inbound item : out) {
      if (!(item instanceof Inbound.Frame) || outcome == Void.class) {
        outcome = item.getClass();
      }
    }
    return outcome;
  }
}
