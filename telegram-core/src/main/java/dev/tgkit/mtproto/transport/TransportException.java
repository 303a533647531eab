package dev.tgkit.mtproto.transport;

/**
 * Bytes from the network that are not a valid frame of the <a
 * href="https://core.telegram.org/mtproto/mtproto-transports">MTProto transport</a> in use.
 *
 * <p>The stream cannot be resynchronised after any of these (frames carry no markers to search
 * for), so the connection must be dropped; the decoder that threw refuses further input. Each
 * subclass carries the values that were wrong, so the network layer can log and count them without
 * parsing messages. Messages never include payload bytes.
 */
public abstract sealed class TransportException extends RuntimeException {

  private TransportException(String message) {
    super(message);
  }

  /**
   * A frame announced a length above the decoder's maximum. Thrown as soon as the length is read,
   * before anything of that size is allocated.
   */
  public static final class FrameTooLarge extends TransportException {
    private final long length;
    private final int max;

    FrameTooLarge(long length, int max) {
      super("frame of " + length + " bytes exceeds the maximum of " + max + " bytes");
      this.length = length;
      this.max = max;
    }

    /** The length the frame header announced, in bytes. */
    public long length() {
      return length;
    }

    /** The decoder's maximum frame length, in bytes. */
    public int max() {
      return max;
    }
  }

  /** A frame length the transport forbids: zero, too short for the envelope, or unaligned. */
  public static final class BadLength extends TransportException {
    private final long length;

    BadLength(long length, String reason) {
      super("bad frame length " + length + ": " + reason);
      this.length = length;
    }

    /** The length the frame header announced, in bytes. */
    public long length() {
      return length;
    }
  }

  /** A full-transport frame whose CRC32 does not match its length, sequence number and payload. */
  public static final class BadCrc extends TransportException {
    private final int expected;
    private final int actual;

    BadCrc(int expected, int actual) {
      super(String.format("bad CRC32: computed %08x, frame carries %08x", expected, actual));
      this.expected = expected;
      this.actual = actual;
    }

    /** The CRC32 computed over the received length, sequence number and payload. */
    public int expected() {
      return expected;
    }

    /** The CRC32 the frame carried. */
    public int actual() {
      return actual;
    }
  }

  /**
   * A full-transport frame out of sequence: frames are numbered 0, 1, 2… per direction, so a gap or
   * repeat means bytes were lost, duplicated or injected.
   */
  public static final class BadSeqNo extends TransportException {
    private final int expected;
    private final int actual;

    BadSeqNo(int expected, int actual) {
      super("bad transport sequence number: expected " + expected + ", got " + actual);
      this.expected = expected;
      this.actual = actual;
    }

    public int expected() {
      return expected;
    }

    public int actual() {
      return actual;
    }
  }

  /**
   * The first bytes of a connection are no transport this decoder accepts: HTTP, TLS (the fake-TLS
   * MTProxy mode is not supported), an obfuscated init whose decrypted protocol tag is unknown
   * (typically a wrong proxy secret), or a transport other than the one expected.
   */
  public static final class UnknownProtocol extends TransportException {
    UnknownProtocol(String message) {
      super(message);
    }
  }

  /** The stream ended inside a frame (or inside the connection header). */
  public static final class Truncated extends TransportException {
    private final int buffered;

    Truncated(int buffered) {
      super("stream ended inside a frame, " + buffered + " bytes of it received");
      this.buffered = buffered;
    }

    /** How many bytes of the unfinished frame had arrived. */
    public int buffered() {
      return buffered;
    }
  }
}
