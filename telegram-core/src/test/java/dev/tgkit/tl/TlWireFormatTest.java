package dev.tgkit.tl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.tl.api.InputPeerSelf;
import dev.tgkit.tl.api.InputPeerUser;
import dev.tgkit.tl.api.TextPlain;
import dev.tgkit.tl.api.User;
import dev.tgkit.tl.api.UserEmpty;
import dev.tgkit.tl.mtproto.FutureSaltCtor;
import dev.tgkit.tl.mtproto.FutureSalts;
import dev.tgkit.tl.mtproto.FutureSaltsCtor;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The serialization rules of <a href="https://core.telegram.org/mtproto/serialize">
 * core.telegram.org/mtproto/serialize</a>, as TlWriter writes and TlReader reads them.
 */
class TlWireFormatTest {

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  private static byte[] bytes(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  @Test
  void intsLongsAndDoublesAreLittleEndian() {
    byte[] b = new TlWriter().writeInt(0x01020304).writeLong(0x0102030405060708L).writeDouble(1.0).toByteArray();
    assertThat(hex(b)).isEqualTo("04030201" + "0807060504030201" + "000000000000f03f");
    TlReader in = new TlReader(b);
    assertThat(in.readInt()).isEqualTo(0x01020304);
    assertThat(in.readLong()).isEqualTo(0x0102030405060708L);
    assertThat(in.readDouble()).isEqualTo(1.0);
    assertThat(in.hasRemaining()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 3, 253, 254, 255, 1000})
  void bytesUseTheShortFormBelow254AndAreZeroPaddedToFour(int length) {
    byte[] data = new byte[length];
    Arrays.fill(data, (byte) 0x5a);
    byte[] wire = new TlWriter().writeBytes(data).toByteArray();
    int header = length < 254 ? 1 : 4;
    assertThat(wire.length % 4).isZero();
    assertThat(wire.length).isEqualTo((header + length + 3) / 4 * 4);
    if (length < 254) {
      assertThat(wire[0] & 0xff).isEqualTo(length);
    } else {
      assertThat(hex(Arrays.copyOf(wire, 4))).isEqualTo(String.format("fe%02x%02x%02x", length & 0xff, (length >> 8) & 0xff, length >> 16));
    }
    for (int i = header + length; i < wire.length; i++) {
      assertThat(wire[i]).as("padding byte %d", i).isZero();
    }
    TlReader in = new TlReader(wire);
    assertThat(in.readByteArray()).isEqualTo(data);
    assertThat(in.remaining()).isZero();
  }

  @Test
  void stringsAreUtf8Bytes() {
    byte[] wire = new TlWriter().writeString("ü€").toByteArray();
    assertThat(hex(wire)).isEqualTo("05" + "c3bc" + "e282ac" + "000000".substring(0, 4));
    assertThat(new TlReader(wire).readString()).isEqualTo("ü€");
  }

  @Test
  void aBoxedVectorHasItsIdAndABareOneOnlyTheCount() {
    byte[] boxed = new TlWriter().writeLongVector(List.of(1L, -1L)).toByteArray();
    assertThat(hex(boxed)).isEqualTo("15c4b51c" + "02000000" + "0100000000000000" + "ffffffffffffffff");
    assertThat(new TlReader(boxed).readLongVector()).containsExactly(1L, -1L);

    // future_salts#ae500895 req_msg_id:long now:int salts:vector<future_salt>: bare vector of bare salts
    FutureSaltsCtor salts = new FutureSaltsCtor(7, 8, List.of(new FutureSaltCtor(1, 2, 3L)));
    assertThat(hex(salts.toByteArray())).isEqualTo(
        "950850ae" + "0700000000000000" + "08000000"
            + "01000000" // count, no vector id
            + "01000000" + "02000000" + "0300000000000000"); // fields, no future_salt id
    assertThat(FutureSalts.read(new TlReader(salts.toByteArray()))).isEqualTo(salts);
  }

  @Test
  void primitiveVectorsOfEveryKindRoundTrip() {
    TlWriter w = new TlWriter()
        .writeIntVector(List.of(1, 2))
        .writeDoubleVector(List.of(0.5))
        .writeBoolVector(List.of(true, false))
        .writeStringVector(List.of("a", "bc"))
        .writeBytesVector(List.of(Bytes.of((byte) 1)))
        .writeInt128Vector(List.of(Int128.fromHex("00112233445566778899aabbccddeeff")))
        .writeInt256Vector(List.of(Int256.fromHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff")));
    TlReader in = new TlReader(w.toByteArray());
    assertThat(in.readIntVector()).containsExactly(1, 2);
    assertThat(in.readDoubleVector()).containsExactly(0.5);
    assertThat(in.readBoolVector()).containsExactly(true, false);
    assertThat(in.readStringVector()).containsExactly("a", "bc");
    assertThat(in.readBytesVector()).containsExactly(Bytes.of((byte) 1));
    assertThat(in.readInt128Vector()).containsExactly(Int128.fromHex("00112233445566778899aabbccddeeff"));
    assertThat(in.readInt256Vector()).hasSize(1);
    assertThat(in.remaining()).isZero();
  }

  @Test
  void gzipPackedIsUnpackedTransparentlyInsideAVector() {
    User plain = new UserEmpty(1);
    User packed = new UserEmpty(2);
    TlWriter w = new TlWriter().writeInt(TlReader.VECTOR).writeInt(2);
    plain.serialize(w);
    GzipPacked.pack(packed.toByteArray()).serialize(w);
    assertThat(User.readVector(new TlReader(w.toByteArray()))).containsExactly(plain, packed);
  }

  @Test
  void aWholeVectorMayComeGzipPacked() {
    byte[] vector = new TlWriter().writeLongVector(List.of(5L, 6L)).toByteArray();
    byte[] packed = GzipPacked.pack(vector).toByteArray();
    assertThat(new TlReader(packed).readLongVector()).containsExactly(5L, 6L);
  }

  @Test
  void boolsAreTwoConstructors() {
    assertThat(hex(new TlWriter().writeBool(true).writeBool(false).toByteArray())).isEqualTo("b5757299" + "379779bc");
    TlReader in = new TlReader(bytes("b5757299379779bc"));
    assertThat(in.readBool()).isTrue();
    assertThat(in.readBool()).isFalse();
    assertThatThrownBy(() -> new TlReader(bytes("01000000")).readBool())
        .isInstanceOf(UnknownConstructorException.class)
        .hasMessageContaining("0x00000001 for type Bool");
  }

  @Test
  void aNestedObjectReadsBackThroughItsType() {
    dev.tgkit.tl.api.TextBold bold = new dev.tgkit.tl.api.TextBold(new dev.tgkit.tl.api.TextItalic(new TextPlain("x")));
    assertThat(dev.tgkit.tl.api.RichText.read(new TlReader(bold.toByteArray()))).isEqualTo(bold);
    InputPeerUser user = new InputPeerUser(1, 2);
    assertThat(dev.tgkit.tl.api.InputPeer.read(new TlReader(user.toByteArray()))).isEqualTo(user).isNotEqualTo(new InputPeerSelf());
  }
}
