package dev.tgkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.mtproto.transport.Framing;
import dev.tgkit.mtproto.transport.Inbound;
import dev.tgkit.mtproto.transport.ProxySecret;
import dev.tgkit.mtproto.transport.ServerDecoder;
import dev.tgkit.mtproto.transport.ServerEncoder;
import dev.tgkit.mtproto.transport.Transport;
import dev.tgkit.mtproto.transport.TransportException;
import dev.tgkit.tl.Bytes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The client's transport handlers in a real pipeline, against the sans-IO server side of every
 * transport: what the channel writes must be what a Telegram server accepts, and what a server
 * writes must come out of the channel as the same items, however the bytes are cut.
 */
class ClientTransportHandlersTest {

  static {
    NettyLeaks.install();
  }

  private static final int MAX_FRAME = 64 * 1024;
  private static final ProxySecret DD_SECRET =
      ProxySecret.parse("dd0123456789abcdef0123456789abcdef");
  private static final ProxySecret SECRET = ProxySecret.parse("00112233445566778899aabbccddeeff");
  private static final int DC_FIELD = -2;

  private final List<EmbeddedChannel> channels = new ArrayList<>();

  static Stream<Transport> transports() {
    List<Transport> all = new ArrayList<>();
    for (Framing f : Framing.values()) {
      all.add(Transport.plain(f));
      if (f.canBeObfuscated()) {
        all.add(Transport.obfuscated(f));
      }
    }
    all.add(Transport.mtProxy(DD_SECRET));
    all.add(Transport.mtProxy(SECRET));
    return all.stream();
  }

  enum Chunking {
    ONE_PIECE,
    ONE_BYTE_AT_A_TIME,
    RANDOM_CHUNKS
  }

  static Stream<Arguments> transportsAndChunkings() {
    return transports().flatMap(t -> Stream.of(Chunking.values()).map(c -> Arguments.of(t, c)));
  }

  @AfterEach
  void releaseChannels() {
    for (EmbeddedChannel ch : channels) {
      ch.finishAndReleaseAll();
    }
  }

  /** Once per class: making the detector look needs garbage collections, too slow per test. */
  @AfterAll
  static void noBufferLeaked() throws InterruptedException {
    assertThat(NettyLeaks.collect()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("transports")
  void serverAcceptsWhatTheClientChannelWrites(Transport transport) {
    EmbeddedChannel ch = channel(transport, new Random(1));
    byte[] first = payload(new Random(2), 40);
    byte[] second = payload(new Random(3), 1024); // abridged's long length form
    byte[] third = payload(new Random(4), 64);
    ByteBuf secondBuf = directCopy(second);

    assertThat(ch.writeOutbound(first)).isTrue();
    assertThat(ch.writeOutbound(secondBuf)).isTrue();
    boolean ack = transport.framing().supportsQuickAck();
    assertThat(ch.writeOutbound(new OutboundFrame(Bytes.of(third), ack))).isTrue();
    assertThat(secondBuf.refCnt()).as("payload buffer released by the encoder").isZero();

    ServerDecoder server = serverFor(transport);
    List<Inbound.Frame> frames = server.decode(readOutbound(ch));

    assertThat(server.transport()).isEqualTo(transport);
    if (transport instanceof Transport.Obfuscated o && o.secret() != null) {
      assertThat(server.dcField()).isEqualTo(DC_FIELD);
    }
    assertThat(frames).hasSize(3);
    assertCarries(transport, frames.get(0).payload(), first);
    assertCarries(transport, frames.get(1).payload(), second);
    assertCarries(transport, frames.get(2).payload(), third);
    assertThat(frames).extracting(Inbound.Frame::quickAck).containsExactly(false, false, ack);
  }

  @ParameterizedTest
  @MethodSource("transportsAndChunkings")
  void readsWhatTheServerWritesHoweverTheBytesAreCut(Transport transport, Chunking chunking) {
    EmbeddedChannel ch = channel(transport, new Random(5));
    ch.writeOutbound(payload(new Random(6), 24));
    ServerDecoder server = serverFor(transport);
    server.decode(readOutbound(ch));
    ServerEncoder replies = server.encoder();

    Random random = new Random(7);
    List<byte[]> sent = new ArrayList<>();
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    for (int length : new int[] {24, 4, 508, 512, 2048, 100}) {
      byte[] p = payload(random, length);
      sent.add(p);
      stream.writeBytes(replies.encode(p));
    }
    byte[] wire = stream.toByteArray();

    List<Inbound> items = feed(ch, wire, chunking, new Random(8));

    assertThat(items).hasSize(sent.size()).allMatch(i -> i instanceof Inbound.Frame);
    for (int i = 0; i < sent.size(); i++) {
      Inbound.Frame f = (Inbound.Frame) items.get(i);
      assertCarries(transport, f.payload(), sent.get(i));
      assertThat(f.quickAck()).isFalse();
    }
    assertThat(ch.isOpen()).isTrue();
  }

  @ParameterizedTest
  @MethodSource("transports")
  void quickAcksAndTransportErrorsComeOutAsTheirOwnItems(Transport transport) {
    EmbeddedChannel ch = channel(transport, new Random(9));
    ch.writeOutbound(payload(new Random(10), 24));
    ServerDecoder server = serverFor(transport);
    server.decode(readOutbound(ch));
    ServerEncoder replies = server.encoder();
    byte[] message = payload(new Random(11), 32);

    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    if (transport.framing().supportsQuickAck()) {
      stream.writeBytes(replies.quickAck(0x1234_5678));
    }
    stream.writeBytes(replies.encode(message));
    stream.writeBytes(replies.transportError(Inbound.TransportError.AUTH_KEY_NOT_FOUND));

    List<Inbound> items = feed(ch, stream.toByteArray(), Chunking.RANDOM_CHUNKS, new Random(12));

    if (transport.framing().supportsQuickAck()) {
      assertThat(items.removeFirst()).isEqualTo(new Inbound.QuickAck(0x9234_5678));
    }
    assertThat(items).hasSize(2);
    assertThat(items.get(0)).isInstanceOf(Inbound.Frame.class);
    assertCarries(transport, ((Inbound.Frame) items.get(0)).payload(), message);
    assertThat(items.get(1)).isEqualTo(new Inbound.TransportError(-404));
  }

  @Test
  void closesTheChannelOnAnAbsurdIntermediateLength() {
    Caught caught = new Caught();
    EmbeddedChannel ch = channel(Transport.plain(Framing.INTERMEDIATE), new Random(13), caught);

    ch.writeInbound(direct(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, 1, 2, 3, 4}));

    assertThat(caught.error)
        .isInstanceOfSatisfying(
            TransportException.FrameTooLarge.class,
            e -> assertThat(e.length()).isEqualTo(0x7fffffffL));
    assertThat(ch.isOpen()).isFalse();
    assertThat(caught.items).isEmpty();
  }

  @Test
  void closesTheChannelOnABadFullTransportCrc() {
    Transport full = Transport.plain(Framing.FULL);
    Caught caught = new Caught();
    EmbeddedChannel ch = channel(full, new Random(14), caught);
    ServerDecoder server = serverFor(full);
    ch.writeOutbound(payload(new Random(15), 24));
    server.decode(readOutbound(ch));
    byte[] good = server.encoder().encode(payload(new Random(16), 24));
    byte[] bad = server.encoder().encode(payload(new Random(17), 24));
    bad[bad.length - 1] ^= 1;

    ch.writeInbound(direct(concat(good, bad)));

    assertThat(caught.items).as("the frame before the fault still arrives").hasSize(1);
    assertThat(caught.error).isInstanceOf(TransportException.BadCrc.class);
    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void closesTheChannelOnGarbageUnderObfuscation() {
    Caught caught = new Caught();
    EmbeddedChannel ch =
        channel(Transport.obfuscated(Framing.INTERMEDIATE), new Random(18), caught);
    byte[] garbage = new byte[4096];
    new Random(19).nextBytes(garbage);

    ch.writeInbound(direct(garbage));

    assertThat(caught.error).isInstanceOf(TransportException.class);
    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void dropsAndReleasesBytesThatArriveAfterAFailure() {
    Caught caught = new Caught();
    EmbeddedChannel ch = channel(Transport.plain(Framing.INTERMEDIATE), new Random(27), caught);
    // Holds the close back, as a close still under way on a real socket would: reads queued
    // before it keep arriving at the decoder.
    List<ChannelPromise> heldCloses = new ArrayList<>();
    ch.pipeline()
        .addFirst(
            new ChannelOutboundHandlerAdapter() {
              @Override
              public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
                heldCloses.add(promise);
              }
            });
    ByteBuf late = direct(new byte[] {4, 0, 0, 0, 1, 2, 3, 4});

    ch.writeInbound(direct(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f}));
    ch.writeInbound(late);

    assertThat(heldCloses).hasSize(1);
    assertThat(caught.failures).as("the late bytes raise nothing more").isEqualTo(1);

    assertThat(late.refCnt()).isZero();
    assertThat(caught.items).isEmpty();
    assertThat(caught.error).isInstanceOf(TransportException.FrameTooLarge.class);
  }

  @ParameterizedTest
  @MethodSource("transports")
  void randomBytesEitherWaitOrCloseWithATransportException(Transport transport) {
    for (int seed = 0; seed < 50; seed++) {
      Caught caught = new Caught();
      EmbeddedChannel ch = channel(transport, new Random(seed), caught);
      Random random = new Random(seed);
      byte[] garbage = new byte[random.nextInt(1, 3000)];
      random.nextBytes(garbage);

      feed(ch, garbage, Chunking.RANDOM_CHUNKS, random);

      // EmbeddedChannel would have rethrown anything that reached the end of the pipeline
      // uncaught; Caught records the one failure the decoder may fire.
      if (caught.error != null) {
        assertThat(caught.error).isInstanceOf(TransportException.class);
        assertThat(caught.failures).isEqualTo(1);
        assertThat(ch.isOpen()).isFalse();
      } else {
        assertThat(ch.isOpen()).isTrue();
      }
    }
  }

  @Test
  void reportsAConnectionThatEndsInsideAFrame() {
    Caught caught = new Caught();
    EmbeddedChannel ch = channel(Transport.plain(Framing.ABRIDGED), new Random(20), caught);
    ch.writeInbound(direct(new byte[] {10, 1, 2, 3}));

    ch.close();

    assertThat(caught.error)
        .isInstanceOfSatisfying(
            TransportException.Truncated.class, e -> assertThat(e.buffered()).isEqualTo(4));
  }

  @Test
  void closesQuietlyBetweenFrames() {
    Caught caught = new Caught();
    EmbeddedChannel ch = channel(Transport.plain(Framing.ABRIDGED), new Random(21), caught);

    ch.close();

    assertThat(caught.error).isNull();
  }

  @Test
  void failsTheWriteOfWhatTheFramingCannotCarryAndKeepsTheStream() {
    Transport transport = Transport.plain(Framing.INTERMEDIATE);
    EmbeddedChannel ch = channel(transport, new Random(22));
    ByteBuf unaligned = directCopy(new byte[] {1, 2, 3});

    ChannelFuture f1 = ch.writeOneOutbound(unaligned);
    ChannelFuture f2 = ch.writeOneOutbound(new byte[0]);
    ChannelFuture f3 = ch.writeOneOutbound("not a payload");
    ch.flushOutbound();

    assertThat(f1.cause()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4");
    assertThat(unaligned.refCnt()).isZero();
    assertThat(f2.cause()).isInstanceOf(IllegalArgumentException.class);
    assertThat(f3.cause())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.String");
    assertThat(ch.isOpen()).isTrue();

    byte[] good = payload(new Random(23), 24);
    ch.writeOutbound(good);
    List<Inbound.Frame> frames = serverFor(transport).decode(readOutbound(ch));
    assertThat(frames).singleElement().satisfies(f -> assertCarries(transport, f.payload(), good));
  }

  @Test
  void refusesQuickAckOnTheFullTransport() {
    EmbeddedChannel ch = channel(Transport.plain(Framing.FULL), new Random(24));

    ChannelFuture f = ch.writeOneOutbound(new OutboundFrame(Bytes.of(new byte[24]), true));
    ch.flushOutbound();

    assertThat(f.cause())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("quick");
  }

  @Test
  void initializerGivesEveryChannelItsOwnObfuscatedInit() {
    Transport transport = Transport.obfuscated(Framing.ABRIDGED);
    var initializer = ClientTransportHandlers.initializer(transport, new Random(25), 0, MAX_FRAME);
    EmbeddedChannel a = track(new EmbeddedChannel(initializer));
    EmbeddedChannel b = track(new EmbeddedChannel(initializer));
    byte[] p = payload(new Random(26), 24);
    a.writeOutbound(p);
    b.writeOutbound(p);
    byte[] wireA = readOutbound(a);
    byte[] wireB = readOutbound(b);

    assertThat(wireA).isNotEqualTo(wireB);
    assertThat(serverFor(transport).decode(wireA)).hasSize(1);
    assertThat(serverFor(transport).decode(wireB)).hasSize(1);
    assertThat(a.pipeline().get(ClientTransportHandlers.DECODER_NAME))
        .isInstanceOf(ClientTransportDecoder.class);
    assertThat(a.pipeline().get(ClientTransportHandlers.ENCODER_NAME))
        .isInstanceOf(ClientTransportEncoder.class);
  }

  @Test
  void initializerRejectsOutOfRangeArgumentsAtOnce() {
    Transport t = Transport.plain(Framing.INTERMEDIATE);
    assertThatThrownBy(() -> ClientTransportHandlers.initializer(t, new Random(), 0, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maximum frame length");
    assertThatThrownBy(() -> ClientTransportHandlers.initializer(t, new Random(), 70000, MAX_FRAME))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("16-bit");
  }

  @Test
  void outboundFrameHidesItsPayload() {
    OutboundFrame f = new OutboundFrame(Bytes.of(new byte[] {0x13, 0x37, 0x13, 0x37}), true);
    assertThat(f.toString()).isEqualTo("OutboundFrame[4 bytes, quickAck=true]");
    assertThatThrownBy(() -> new OutboundFrame(Bytes.EMPTY, false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // --- helpers

  /** The last handler: collects what the transport fires, so EmbeddedChannel does not rethrow. */
  static final class Caught extends ChannelInboundHandlerAdapter {
    final List<Inbound> items = new ArrayList<>();
    @Nullable Throwable error;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      items.add((Inbound) msg);
    }

    int failures;

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      failures++;
      if (error == null) {
        error = cause;
      }
    }
  }

  private EmbeddedChannel channel(Transport transport, RandomGenerator random) {
    EmbeddedChannel ch = track(new EmbeddedChannel());
    ClientTransportHandlers.install(ch.pipeline(), transport, random, DC_FIELD, MAX_FRAME);
    return ch;
  }

  private EmbeddedChannel channel(Transport transport, RandomGenerator random, Caught caught) {
    EmbeddedChannel ch = channel(transport, random);
    ch.pipeline().addLast(caught);
    return ch;
  }

  private EmbeddedChannel track(EmbeddedChannel ch) {
    channels.add(ch);
    return ch;
  }

  private static ServerDecoder serverFor(Transport transport) {
    ProxySecret secret = transport instanceof Transport.Obfuscated o ? o.secret() : null;
    return Transport.detect(new Random(99), secret, MAX_FRAME);
  }

  /** Drains what the channel wrote, checking each buffer is released after reading. */
  private static byte[] readOutbound(EmbeddedChannel ch) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (ByteBuf buf; (buf = ch.readOutbound()) != null; ) {
      out.writeBytes(ByteBufUtil.getBytes(buf));
      assertThat(buf.release()).isTrue();
    }
    return out.toByteArray();
  }

  /** Feeds {@code wire} to the channel cut as told, and returns every item it fired. */
  private static List<Inbound> feed(
      EmbeddedChannel ch, byte[] wire, Chunking chunking, Random random) {
    List<ByteBuf> fed = new ArrayList<>();
    int at = 0;
    // A decoder that failed has closed the channel; a closed EmbeddedChannel refuses input.
    while (at < wire.length && ch.isOpen()) {
      int n =
          switch (chunking) {
            case ONE_PIECE -> wire.length;
            case ONE_BYTE_AT_A_TIME -> 1;
            case RANDOM_CHUNKS -> 1 + random.nextInt(Math.min(700, wire.length - at));
          };
      ByteBuf buf = directCopy(Arrays.copyOfRange(wire, at, at + n));
      fed.add(buf);
      ch.writeInbound(buf);
      at += n;
    }
    assertThat(fed).allSatisfy(b -> assertThat(b.refCnt()).isZero());
    List<Inbound> items = new ArrayList<>();
    for (Object o; (o = ch.readInbound()) != null; ) {
      items.add((Inbound) o);
    }
    return items;
  }

  /** Padded intermediate keeps its random padding on the payload; every other framing is exact. */
  private static void assertCarries(Transport transport, Bytes actual, byte[] expected) {
    if (transport.framing() == Framing.PADDED_INTERMEDIATE) {
      assertThat(actual.length()).isBetween(expected.length, expected.length + 15);
      assertThat(Bytes.of(actual.toByteArray(), 0, expected.length)).isEqualTo(Bytes.of(expected));
    } else {
      assertThat(actual).isEqualTo(Bytes.of(expected));
    }
  }

  /** A payload a server could send: a positive first int, so it never reads as an error. */
  private static byte[] payload(Random random, int length) {
    byte[] p = new byte[length];
    random.nextBytes(p);
    p[3] &= 0x7f;
    return p;
  }

  private static ByteBuf directCopy(byte[] bytes) {
    ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length);
    buf.writeBytes(bytes);
    return buf;
  }

  private static ByteBuf direct(byte[] bytes) {
    return directCopy(bytes);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
