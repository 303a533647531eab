package dev.tgkit.tl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;

/**
 * {@code gzip_packed#3072cfa1 packed_data:bytes = Object}: a serialized object compressed with
 * gzip. It may stand in for any object, so readers unpack it wherever one is expected.
 *
 * @param packedData the gzip stream (RFC 1952) of the boxed object
 */
public record GzipPacked(Bytes packedData) implements TlObject {

  public static final int CONSTRUCTOR_ID = 0x3072cfa1;

  @Override
  public int constructorId() {
    return CONSTRUCTOR_ID;
  }

  @Override
  public void serializeBare(TlWriter out) {
    out.writeBytes(packedData);
  }

  /** Compresses a serialized object. */
  public static GzipPacked pack(byte[] serialized) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(serialized.length / 2 + 64);
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(serialized);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in-memory streams do not fail
    }
    return new GzipPacked(Bytes.wrap(bytes.toByteArray()));
  }

  /** The serialized object, inflated; at most {@code maxSize} bytes. */
  public byte[] unpack(int maxSize) throws DataFormatException {
    return inflate(packedData.array(), maxSize);
  }

  /**
   * Inflates a gzip stream of one member, refusing output beyond {@code maxSize} so a small
   * hostile payload cannot claim gigabytes.
   */
  static byte[] inflate(byte[] gzip, int maxSize) throws DataFormatException {
    int headerEnd = gzipHeaderLength(gzip);
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(gzip, headerEnd, gzip.length - headerEnd);
      byte[] out = new byte[Math.min(maxSize, Math.max(64, gzip.length * 4))];
      int n = 0;
      while (!inflater.finished()) {
        if (n == out.length) {
          if (out.length >= maxSize) {
            throw new DataFormatException("inflated size exceeds " + maxSize + " bytes");
          }
          out = Arrays.copyOf(out, (int) Math.min(maxSize, out.length * 2L));
        }
        int got = inflater.inflate(out, n, out.length - n);
        if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new DataFormatException("gzip stream is truncated");
        }
        n += got;
      }
      return Arrays.copyOf(out, n);
    } finally {
      inflater.end();
    }
  }

  /** Length of the gzip member header (RFC 1952 §2.3), validating magic and method. */
  private static int gzipHeaderLength(byte[] g) throws DataFormatException {
    if (g.length < 18 || (g[0] & 0xFF) != 0x1f || (g[1] & 0xFF) != 0x8b || g[2] != 8) {
      throw new DataFormatException("not a gzip stream");
    }
    int flags = g[3] & 0xFF;
    int at = 10;
    if ((flags & 4) != 0) { // FEXTRA
      if (at + 2 > g.length) throw new DataFormatException("gzip header is truncated");
      at += 2 + ((g[at] & 0xFF) | (g[at + 1] & 0xFF) << 8);
    }
    if ((flags & 8) != 0) { // FNAME
      while (at < g.length && g[at] != 0) at++;
      at++;
    }
    if ((flags & 16) != 0) { // FCOMMENT
      while (at < g.length && g[at] != 0) at++;
      at++;
    }
    if ((flags & 2) != 0) { // FHCRC
      at += 2;
    }
    if (at >= g.length) {
      throw new DataFormatException("gzip header is truncated");
    }
    return at;
  }
}
