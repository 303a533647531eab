package dev.tgkit.crypto;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * The sliver of DER (ITU-T X.690) that a PKCS#1 {@code RSAPublicKey} needs (<a
 * href="https://www.rfc-editor.org/rfc/rfc8017#appendix-A.1.1">RFC 8017 A.1.1</a>):
 *
 * <pre>
 *   +------+--------+------------------------------------------------+
 *   | 0x30 | length | 0x02 len n-bytes  |  0x02 len e-bytes           |
 *   +------+--------+------------------------------------------------+
 *    SEQUENCE          INTEGER modulus     INTEGER publicExponent
 * </pre>
 *
 * <p>Strict by design: definite minimal lengths only, minimal two's-complement integers,
 * non-negative values, no bytes after the sequence. A key that is not canonical DER is most likely
 * not the key that was meant.
 */
final class Der {

  private static final int TAG_INTEGER = 0x02;
  private static final int TAG_SEQUENCE = 0x30;

  private Der() {}

  /** Decodes {@code SEQUENCE { INTEGER modulus, INTEGER exponent }} as two positive numbers. */
  static BigInteger[] readRsaPublicKey(byte[] der) {
    Reader r = new Reader(der);
    int seqEnd = r.header(TAG_SEQUENCE, "SEQUENCE");
    if (seqEnd != der.length) {
      throw new KeyFormatException(
          (der.length - seqEnd) + " trailing bytes after the RSAPublicKey SEQUENCE", seqEnd);
    }
    BigInteger n = r.positiveInteger("modulus");
    BigInteger e = r.positiveInteger("public exponent");
    if (r.pos != seqEnd) {
      throw new KeyFormatException(
          "RSAPublicKey SEQUENCE has " + (seqEnd - r.pos) + " bytes after the exponent", r.pos);
    }
    return new BigInteger[] {n, e};
  }

  /** Encodes {@code SEQUENCE { INTEGER modulus, INTEGER exponent }} in canonical DER. */
  static byte[] writeRsaPublicKey(BigInteger modulus, BigInteger exponent) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    writeTlv(body, TAG_INTEGER, modulus.toByteArray());
    writeTlv(body, TAG_INTEGER, exponent.toByteArray());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeTlv(out, TAG_SEQUENCE, body.toByteArray());
    return out.toByteArray();
  }

  private static void writeTlv(ByteArrayOutputStream out, int tag, byte[] content) {
    out.write(tag);
    int len = content.length;
    if (len < 0x80) {
      out.write(len);
    } else {
      int bytes = (32 - Integer.numberOfLeadingZeros(len) + 7) / 8;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(len >>> (8 * i));
      }
    }
    out.write(content, 0, content.length);
  }

  private static final class Reader {
    private final byte[] der;
    private int pos;

    Reader(byte[] der) {
      this.der = der;
    }

    /** Reads a tag and a length; returns the end offset of the content. */
    int header(int expectedTag, String what) {
      int at = pos;
      int tag = next(what + " tag");
      if (tag != expectedTag) {
        throw new KeyFormatException(
            String.format("expected %s (tag 0x%02x), found tag 0x%02x", what, expectedTag, tag),
            at);
      }
      int lenAt = pos;
      int first = next(what + " length");
      long len;
      if (first < 0x80) {
        len = first;
      } else if (first == 0x80) {
        throw new KeyFormatException("indefinite length is not DER", lenAt);
      } else {
        int count = first & 0x7f;
        if (count > 4) {
          throw new KeyFormatException(what + " length uses " + count + " bytes", lenAt);
        }
        len = 0;
        for (int i = 0; i < count; i++) {
          len = (len << 8) | next(what + " length");
        }
        if (len < 0x80 || len >>> (8 * (count - 1)) == 0) {
          throw new KeyFormatException(
              what + " length " + len + " is not minimally encoded", lenAt);
        }
      }
      if (len > der.length - pos) {
        throw new KeyFormatException(
            what + " claims " + len + " bytes but only " + (der.length - pos) + " remain", lenAt);
      }
      return pos + (int) len;
    }

    BigInteger positiveInteger(String what) {
      int at = pos;
      int end = header(TAG_INTEGER, "INTEGER " + what);
      int len = end - pos;
      if (len == 0) {
        throw new KeyFormatException("INTEGER " + what + " is empty", at);
      }
      if (len > 1) {
        int b0 = der[pos] & 0xff;
        int b1 = der[pos + 1] & 0x80;
        if ((b0 == 0x00 && b1 == 0) || (b0 == 0xff && b1 != 0)) {
          throw new KeyFormatException("INTEGER " + what + " is not minimally encoded", at);
        }
      }
      if ((der[pos] & 0x80) != 0) {
        throw new KeyFormatException("INTEGER " + what + " is negative", at);
      }
      BigInteger v = new BigInteger(1, Arrays.copyOfRange(der, pos, end));
      if (v.signum() == 0) {
        throw new KeyFormatException("INTEGER " + what + " is zero", at);
      }
      pos = end;
      return v;
    }

    private int next(String what) {
      if (pos >= der.length) {
        throw new KeyFormatException("truncated: " + what + " missing", pos);
      }
      return der[pos++] & 0xff;
    }
  }
}
