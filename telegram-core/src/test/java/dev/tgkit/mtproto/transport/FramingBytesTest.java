package dev.tgkit.mtproto.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.tl.Bytes;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Byte-exact envelopes of every framing in both directions, against bytes worked out by hand from
 * core.telegram.org/mtproto/mtproto-transports (the full transport's CRC32s with zlib).
 */
class FramingBytesTest {

  /** An 8-byte payload 01..08: two 4-byte words. */
  static final byte[] PAYLOAD = hex("0102030405060708");

  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  static Inbound.Frame frame(String payloadHex, boolean quickAck) {
    return new Inbound.Frame(Bytes.fromHex(payloadHex.replace(" ", "")), quickAck);
  }

  /** Padding randomness with known values: every pad length is 3, every pad byte 0xaa. */
  static final class ScriptedPadding implements RandomGenerator {
    @Override
    public long nextLong() {
      throw new AssertionError("only nextInt(bound) and nextBytes are expected");
    }

    @Override
    public int nextInt(int bound) {
      return 3;
    }

    @Override
    public void nextBytes(byte[] bytes) {
      Arrays.fill(bytes, (byte) 0xaa);
    }
  }

  static ClientCodec client(Framing framing) {
    return Transport.plain(framing).client(new ScriptedPadding());
  }

  /** A server decoder that has already read the client's header, for encoder tests. */
  static ServerEncoder serverEncoder(Framing framing) {
    ServerDecoder server = Transport.plain(framing).server(new ScriptedPadding());
    server.decode(framing.plainHeader());
    return server.encoder();
  }

  @Nested
  class Abridged {
    @Test
    void clientSendsEfThenLengthInWordsThenPayload() {
      ClientEncoder encoder = client(Framing.ABRIDGED).encoder();
      assertThat(hex(encoder.encode(PAYLOAD))).isEqualTo("ef" + "02" + "0102030405060708");
      assertThat(hex(encoder.encode(PAYLOAD))).isEqualTo("02" + "0102030405060708");
    }

    @Test
    void clientSetsTheHighBitOfTheLengthToAskForAQuickAck() {
      ClientEncoder encoder = client(Framing.ABRIDGED).encoder();
      assertThat(hex(encoder.encode(PAYLOAD, 0, 8, true)))
          .isEqualTo("ef" + "82" + "0102030405060708");
    }

    @Test
    void payloadsOf127WordsOrMoreUse7fAndAThreeByteLength() {
      ClientEncoder encoder = client(Framing.ABRIDGED).encoder();
      byte[] longPayload = new byte[127 * 4];
      byte[] out = encoder.encode(longPayload);
      assertThat(hex(Arrays.copyOf(out, 5))).isEqualTo("ef" + "7f" + "7f0000");
      assertThat(out).hasSize(5 + 508);

      byte[] quick = encoder.encode(new byte[0x012345 * 4], 0, 0x012345 * 4, true);
      assertThat(hex(Arrays.copyOf(quick, 4))).isEqualTo("ff" + "452301");
    }

    @Test
    void payloadsOf126WordsStillFitOneByte() {
      byte[] out = client(Framing.ABRIDGED).encoder().encode(new byte[126 * 4]);
      assertThat(hex(Arrays.copyOf(out, 2))).isEqualTo("ef7e");
    }

    @Test
    void serverSendsNoHeader() {
      ServerEncoder encoder = serverEncoder(Framing.ABRIDGED);
      assertThat(hex(encoder.encode(PAYLOAD))).isEqualTo("02" + "0102030405060708");
    }

    @Test
    void serverQuickAckIsTheTokenByteSwappedWithTheHighBitFirst() {
      ServerEncoder encoder = serverEncoder(Framing.ABRIDGED);
      assertThat(hex(encoder.quickAck(0x12345678))).isEqualTo("92345678");
    }

    @Test
    void serverTransportErrorIsAOneWordFrame() {
      assertThat(hex(serverEncoder(Framing.ABRIDGED).transportError(-404)))
          .isEqualTo("01" + "6cfeffff");
    }

    @Test
    void clientDecodesFramesQuickAcksAndTransportErrors() {
      ClientDecoder decoder = client(Framing.ABRIDGED).decoder();
      List<Inbound> items = decoder.decode(hex("02 0102030405060708  92345678  01 6cfeffff"));
      assertThat(items)
          .containsExactly(
              frame("0102030405060708", false),
              new Inbound.QuickAck(0x92345678),
              new Inbound.TransportError(-404));
    }

    @Test
    void serverDecodesTheQuickAckRequestBit() {
      ServerDecoder decoder = Transport.plain(Framing.ABRIDGED).server(new ScriptedPadding());
      assertThat(decoder.decode(hex("ef 82 0102030405060708 02 0102030405060708")))
          .containsExactly(frame("0102030405060708", true), frame("0102030405060708", false));
    }

    @Test
    void serverDecodesTheLongLengthForm() {
      ServerDecoder decoder = Transport.plain(Framing.ABRIDGED).server(new ScriptedPadding());
      byte[] wire = new byte[1 + 4 + 508];
      wire[0] = (byte) 0xef;
      wire[1] = (byte) 0xff; // long form, quick ack asked
      wire[2] = 127;
      wire[wire.length - 1] = 9;
      List<Inbound.Frame> frames = decoder.decode(wire);
      assertThat(frames).hasSize(1);
      assertThat(frames.get(0).quickAck()).isTrue();
      assertThat(frames.get(0).payload().length()).isEqualTo(508);
      assertThat(frames.get(0).payload().get(507)).isEqualTo((byte) 9);
    }

    @Test
    void encoderRejectsPayloadsThatAreNotWholeWords() {
      assertThatThrownBy(() -> client(Framing.ABRIDGED).encoder().encode(new byte[7]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("multiple of 4");
    }
  }

  @Nested
  class Intermediate {
    @Test
    void clientSendsEeeeeeeeThenLittleEndianLengthThenPayload() {
      ClientEncoder encoder = client(Framing.INTERMEDIATE).encoder();
      assertThat(hex(encoder.encode(PAYLOAD)))
          .isEqualTo("eeeeeeee" + "08000000" + "0102030405060708");
      assertThat(hex(encoder.encode(PAYLOAD))).isEqualTo("08000000" + "0102030405060708");
    }

    @Test
    void clientSetsBit31OfTheLengthToAskForAQuickAck() {
      ClientEncoder encoder = client(Framing.INTERMEDIATE).encoder();
      assertThat(hex(encoder.encode(PAYLOAD, 0, 8, true)))
          .isEqualTo("eeeeeeee" + "08000080" + "0102030405060708");
    }

    @Test
    void serverFramesQuickAcksAndErrors() {
      ServerEncoder encoder = serverEncoder(Framing.INTERMEDIATE);
      assertThat(hex(encoder.encode(PAYLOAD))).isEqualTo("08000000" + "0102030405060708");
      assertThat(hex(encoder.quickAck(0x12345678))).isEqualTo("78563492");
      assertThat(hex(encoder.transportError(-429))).isEqualTo("04000000" + "53feffff");
    }

    @Test
    void clientDecodesFramesQuickAcksAndTransportErrors() {
      ClientDecoder decoder = client(Framing.INTERMEDIATE).decoder();
      List<Inbound> items =
          decoder.decode(hex("08000000 0102030405060708  78563492  04000000 44feffff"));
      assertThat(items)
          .containsExactly(
              frame("0102030405060708", false),
              new Inbound.QuickAck(0x92345678),
              new Inbound.TransportError(-444));
    }

    @Test
    void aFourByteFrameHoldingAPositiveIntIsAFrame() {
      ClientDecoder decoder = client(Framing.INTERMEDIATE).decoder();
      assertThat(decoder.decode(hex("04000000 01000000")))
          .containsExactly(frame("01000000", false));
    }

    @Test
    void serverDecodesTheQuickAckRequestBit() {
      ServerDecoder decoder = Transport.plain(Framing.INTERMEDIATE).server(new ScriptedPadding());
      assertThat(decoder.decode(hex("eeeeeeee 08000080 0102030405060708")))
          .containsExactly(frame("0102030405060708", true));
    }
  }

  @Nested
  class PaddedIntermediate {
    @Test
    void clientSendsDdddddddThenTotalLengthPayloadAndPadding() {
      ClientEncoder encoder = client(Framing.PADDED_INTERMEDIATE).encoder();
      assertThat(hex(encoder.encode(PAYLOAD)))
          .isEqualTo("dddddddd" + "0b000000" + "0102030405060708" + "aaaaaa");
      assertThat(hex(encoder.encode(PAYLOAD, 0, 8, true)))
          .isEqualTo("0b000080" + "0102030405060708" + "aaaaaa");
    }

    @Test
    void serverPadsToo() {
      assertThat(hex(serverEncoder(Framing.PADDED_INTERMEDIATE).encode(PAYLOAD)))
          .isEqualTo("0b000000" + "0102030405060708" + "aaaaaa");
    }

    @Test
    void paddingLengthsSpanZeroToFifteen() {
      ClientEncoder encoder =
          Transport.plain(Framing.PADDED_INTERMEDIATE).client(new SplittableRandom(7)).encoder();
      encoder.encode(PAYLOAD); // the header
      boolean[] seen = new boolean[16];
      for (int i = 0; i < 2000; i++) {
        int total = encoder.encode(PAYLOAD).length - 4;
        assertThat(total - PAYLOAD.length).isBetween(0, 15);
        seen[total - PAYLOAD.length] = true;
      }
      for (int padding = 0; padding < 16; padding++) {
        assertThat(seen[padding]).as("padding of %d bytes drawn", padding).isTrue();
      }
    }

    @Test
    void decoderKeepsThePaddingAndAcceptsUnalignedLengths() {
      ClientDecoder decoder = client(Framing.PADDED_INTERMEDIATE).decoder();
      assertThat(decoder.decode(hex("0b000000 0102030405060708 aaaaaa")))
          .containsExactly(frame("0102030405060708aaaaaa", false));
    }

    @Test
    void aPaddedTransportErrorIsStillATransportError() {
      ClientDecoder decoder = client(Framing.PADDED_INTERMEDIATE).decoder();
      assertThat(decoder.decode(hex("07000000 6cfeffff 112233")))
          .containsExactly(new Inbound.TransportError(-404));
    }

    @Test
    void encoderAcceptsUnalignedPayloads() {
      assertThat(hex(client(Framing.PADDED_INTERMEDIATE).encoder().encode(hex("010203"))))
          .isEqualTo("dddddddd" + "06000000" + "010203" + "aaaaaa");
    }
  }

  @Nested
  class Full {
    @Test
    void clientSendsNoHeaderAndNumbersFramesFromZero() {
      ClientEncoder encoder = client(Framing.FULL).encoder();
      assertThat(hex(encoder.encode(PAYLOAD)))
          .isEqualTo("14000000" + "00000000" + "0102030405060708" + "e06e4584");
      assertThat(hex(encoder.encode(PAYLOAD)))
          .isEqualTo("14000000" + "01000000" + "0102030405060708" + "8f22e01f");
    }

    @Test
    void serverNumbersItsOwnDirectionFromZero() {
      ServerDecoder server = Transport.plain(Framing.FULL).server(new ScriptedPadding());
      server.decode(hex("14000000 00000000 0102030405060708 e06e4584"));
      server.decode(hex("14000000 01000000 0102030405060708 8f22e01f"));
      assertThat(hex(server.encoder().encode(PAYLOAD)))
          .isEqualTo("14000000" + "00000000" + "0102030405060708" + "e06e4584");
      assertThat(hex(server.encoder().transportError(-404)))
          .isEqualTo("10000000" + "01000000" + "6cfeffff" + "932febcb");
    }

    @Test
    void serverTransportErrorIsAFramedNegativeInt() {
      ServerEncoder encoder = serverEncoder(Framing.FULL);
      assertThat(hex(encoder.transportError(-404)))
          .isEqualTo("10000000" + "00000000" + "6cfeffff" + "0d2f4107");
    }

    @Test
    void clientDecodesFramesAndBothFormsOfTransportError() {
      ClientDecoder decoder = client(Framing.FULL).decoder();
      assertThat(
              decoder.decode(
                  hex(
                      "14000000 00000000 0102030405060708 e06e4584"
                          + "6cfeffff"
                          + "10000000 01000000 6cfeffff 932febcb")))
          .containsExactly(
              frame("0102030405060708", false),
              new Inbound.TransportError(-404),
              new Inbound.TransportError(-404));
    }

    @Test
    void hasNoQuickAcks() {
      assertThat(Framing.FULL.supportsQuickAck()).isFalse();
      assertThatThrownBy(() -> client(Framing.FULL).encoder().encode(PAYLOAD, 0, 8, true))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("no quick acks");
      assertThatThrownBy(() -> serverEncoder(Framing.FULL).quickAck(1))
          .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void cannotBeObfuscated() {
      assertThatThrownBy(() -> Transport.obfuscated(Framing.FULL))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("cannot be obfuscated");
    }
  }

  @Test
  void encodersRejectEmptyPayloads() {
    for (Framing framing : Framing.values()) {
      assertThatThrownBy(() -> client(framing).encoder().encode(new byte[0]))
          .as(framing.name())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("empty");
    }
  }

  @Test
  void serverEncodersRefuseShortPayloadsTheClientWouldTakeForTransportErrors() {
    assertThatThrownBy(() -> serverEncoder(Framing.INTERMEDIATE).encode(hex("6cfeffff")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("transportError(code)");
    assertThatThrownBy(
            () -> serverEncoder(Framing.PADDED_INTERMEDIATE).encode(hex("ffffffff 00000000")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(serverEncoder(Framing.INTERMEDIATE).encode(hex("ffffffff 00000000"))).hasSize(12);
  }

  @Test
  void serverEncodersRefusePositiveErrorCodes() {
    assertThatThrownBy(() -> serverEncoder(Framing.INTERMEDIATE).transportError(404))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative");
  }
}
