package dev.tgkit.mtproto.transport;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;

/**
 * The <a href="https://core.telegram.org/mtproto/mtproto-transports#full">full</a> framing: the
 * original MTProto TCP transport, with a per-direction sequence number and a CRC32.
 *
 * <pre>
 *   +-----------+-----------+-------...-------+-----------+
 *   | len (LE32)| seq (LE32)|     payload     | crc (LE32)|
 *   +-----------+-----------+-------...-------+-----------+
 *    len = 12 + payload length (the whole envelope, length field included)
 *    seq = 0, 1, 2, ... per direction of this TCP connection
 *    crc = CRC32 of len, seq and payload
 * </pre>
 *
 * <p>There is no connection header: a server recognises the full transport by a first int that is a
 * length and a second that is sequence number 0 (which is why an obfuscated init may never have
 * zero in bytes 4..8). The full transport cannot be obfuscated (it has no protocol tag) and has no
 * quick acks. A transport error arrives either as a normal frame with a 4-byte payload or, as the
 * spec's wording "a packet with a signed little-endian number of 4 bytes" also allows, as a bare
 * negative int in place of the length; the reader accepts both, since a negative length has no
 * other meaning.
 */
final class Full {

  /** Length, sequence number and CRC: what the envelope adds to the payload. */
  static final int OVERHEAD = 12;

  private Full() {}

  /** Numbers the frames it writes from 0. */
  static final class Writer implements FrameWriter {
    private int seqNo;

    @Override
    public byte[] frame(int headroom, byte[] payload, int offset, int length, boolean quickAck) {
      FrameWriter.checkPayload(payload, offset, length, true);
      if (quickAck) {
        throw new IllegalArgumentException("the full transport has no quick acks");
      }
      if (length > Integer.MAX_VALUE - 64 - headroom) {
        throw new IllegalArgumentException("payload of " + length + " bytes is too long to frame");
      }
      byte[] out = new byte[headroom + OVERHEAD + length];
      LittleEndian.putInt(out, headroom, OVERHEAD + length);
      LittleEndian.putInt(out, headroom + 4, seqNo++);
      System.arraycopy(payload, offset, out, headroom + 8, length);
      CRC32 crc = new CRC32();
      crc.update(out, headroom, 8 + length);
      LittleEndian.putInt(out, headroom + 8 + length, (int) crc.getValue());
      return out;
    }

    @Override
    public byte[] quickAck(int token) {
      throw new IllegalStateException("the full transport has no quick acks");
    }

    @Override
    public byte[] transportError(int code) {
      FrameWriter.checkErrorCode(code);
      byte[] payload = new byte[4];
      LittleEndian.putInt(payload, 0, code);
      return frame(0, payload, 0, 4, false);
    }
  }

  /** Checks length and sequence number as soon as each arrives, and the CRC at the end. */
  static final class Reader extends FrameReader {
    private final byte[] head = new byte[8];
    private final byte[] crcBytes = new byte[4];
    private int headHave;
    private byte @Nullable [] body;
    private int bodyHave;
    private int crcHave;
    private int seqNo;

    Reader(int maxFrameLength, boolean readsServer) {
      super(maxFrameLength, readsServer, null);
    }

    @Override
    void read(ByteBuffer in, List<? super Inbound> out) {
      while (in.hasRemaining()) {
        byte[] b = body;
        if (b == null) {
          if (headHave < 4) {
            headHave = fill(in, head, headHave, 4);
            if (headHave < 4) {
              return;
            }
            int len = LittleEndian.getInt(head, 0);
            if (len < 0 && readsServer) {
              headHave = 0;
              out.add(new Inbound.TransportError(len));
              continue;
            }
            if (len < OVERHEAD) {
              throw new TransportException.BadLength(len, "shorter than the 12-byte envelope");
            }
            checkLength(len - OVERHEAD);
            if (len % 4 != 0) {
              throw new TransportException.BadLength(len, "not a multiple of 4");
            }
          }
          headHave = fill(in, head, headHave, 8);
          if (headHave < 8) {
            return;
          }
          int seq = LittleEndian.getInt(head, 4);
          if (seq != seqNo) {
            throw new TransportException.BadSeqNo(seqNo, seq);
          }
          b = new byte[LittleEndian.getInt(head, 0) - OVERHEAD];
          body = b;
          bodyHave = 0;
          crcHave = 0;
        }
        if (bodyHave < b.length) {
          bodyHave = fill(in, b, bodyHave, b.length);
          if (bodyHave < b.length) {
            return;
          }
        }
        crcHave = fill(in, crcBytes, crcHave, 4);
        if (crcHave < 4) {
          return;
        }
        CRC32 crc = new CRC32();
        crc.update(head, 0, 8);
        crc.update(b);
        int computed = (int) crc.getValue();
        int carried = LittleEndian.getInt(crcBytes, 0);
        if (computed != carried) {
          throw new TransportException.BadCrc(computed, carried);
        }
        body = null;
        headHave = 0;
        seqNo++;
        emit(b, false, Framing.FULL.errorFrameMax(), out);
      }
    }

    @Override
    int buffered() {
      return body == null ? headHave : 8 + bodyHave + crcHave;
    }
  }

  /** Whether the first 8 bytes of a connection look like a full-transport frame header. */
  static boolean looksLikeFirstFrame(byte[] first8) {
    return LittleEndian.getInt(first8, 4) == 0;
  }
}
