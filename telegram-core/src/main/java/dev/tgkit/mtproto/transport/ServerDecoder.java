package dev.tgkit.mtproto.transport;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * A server's reader of one client connection: it recognises the transport from the connection's
 * first bytes, as <a href="https://core.telegram.org/mtproto/mtproto-transports">Telegram's servers
 * do</a>, consumes the connection header, then takes the client's {@link Inbound.Frame}s off the
 * stream.
 *
 * <pre>
 *   first bytes             transport
 *   ef                      abridged             (header: 1 byte)
 *   ee ee ee ee             intermediate         (header: 4 bytes)
 *   dd dd dd dd             padded intermediate  (header: 4 bytes)
 *   len, then 00 00 00 00   full                 (no header: first frame, sequence number 0)
 *   HEAD POST GET_ OPTI     HTTP                 rejected
 *   16 03 01 02             TLS (fake-TLS proxy) rejected
 *   anything else           obfuscated init      (64 bytes; its decrypted tag names the framing)
 * </pre>
 *
 * <p>The reserved starts above are exactly the ones an obfuscated init is drawn to avoid, so the
 * decision is unambiguous and needs at most 1, 4, 8 or 64 bytes. Made by {@link Transport#detect}
 * (any transport; with an MTProxy secret, only obfuscation keyed with it) or {@link
 * Transport#server} (exactly that transport). Once the header is read, {@link #transport()} says
 * what the client speaks and {@link #encoder()} writes back in it.
 *
 * <p>Offer it bytes in whatever chunks they arrive; it consumes every byte and keeps at most one
 * unfinished header or frame. After a {@link TransportException} it refuses further input.
 * Stateful; one per connection, used from one thread at a time.
 */
public final class ServerDecoder {

  private final RandomGenerator random;
  private final int maxFrameLength;
  private final @Nullable Transport expected;
  private final @Nullable ProxySecret secret;

  private final byte[] prelude = new byte[Obfuscation.INIT_LENGTH];
  private int have;
  private int need = 1;

  private @Nullable FrameReader reader;
  private @Nullable ServerEncoder encoder;
  private @Nullable Transport transport;
  private int dcField;

  private final List<Inbound> scratch = new ArrayList<>();
  private @Nullable TransportException failure;

  ServerDecoder(
      RandomGenerator random,
      int maxFrameLength,
      @Nullable Transport expected,
      @Nullable ProxySecret secret) {
    this.random = random;
    this.maxFrameLength = maxFrameLength;
    this.expected = expected;
    this.secret = secret;
    if (expected instanceof Transport.Plain p && p.framing() == Framing.FULL) {
      // No header to wait for: the first byte already belongs to a frame.
      plain(Framing.FULL);
    } else if (expected instanceof Transport.Plain p) {
      need = p.framing().plainHeader().length;
    }
  }

  /**
   * Consumes every remaining byte of {@code in}: first the connection header, then frames, each
   * appended to {@code out} once whole.
   *
   * @throws TransportException if the header is no transport this decoder accepts or a frame is
   *     invalid; frames completed before the fault are in {@code out}
   * @throws IllegalStateException if an earlier call failed
   */
  public void decode(ByteBuffer in, List<? super Inbound.Frame> out) {
    if (failure != null) {
      throw new IllegalStateException(
          "the stream failed earlier: " + failure.getMessage(), failure);
    }
    try {
      FrameReader r = reader;
      if (r == null) {
        r = readHeader(in);
        if (r == null) {
          return;
        }
      }
      r.read(in, scratch);
    } catch (TransportException e) {
      failure = e;
      throw e;
    } finally {
      // A reader of client bytes emits nothing but frames: quick acks and transport errors
      // are only recognised when reading a server.
      for (Inbound item : scratch) {
        out.add((Inbound.Frame) item);
      }
      scratch.clear();
    }
  }

  /** Consumes all of {@code bytes} and returns the frames they completed. */
  public List<Inbound.Frame> decode(byte[] bytes) {
    List<Inbound.Frame> out = new ArrayList<>();
    decode(ByteBuffer.wrap(bytes), out);
    return out;
  }

  /**
   * Tells the decoder the connection was closed.
   *
   * @throws TransportException.Truncated if the stream ended inside the header or a frame
   */
  public void endOfStream() {
    int buffered = buffered();
    if (failure == null && buffered > 0) {
      TransportException.Truncated e = new TransportException.Truncated(buffered);
      failure = e;
      throw e;
    }
  }

  /** Bytes of an unfinished header or frame held; 0 between frames. */
  public int buffered() {
    FrameReader r = reader;
    return r == null ? have : r.buffered();
  }

  /** The transport the client speaks, or null while its header is still incomplete. */
  public @Nullable Transport transport() {
    return transport;
  }

  /**
   * The DC field of the client's obfuscated init (see {@link Obfuscation#dcField}), 0 for plain
   * transports. Clients set it when connecting through an MTProxy; otherwise it may be random.
   */
  public int dcField() {
    return dcField;
  }

  /**
   * The encoder for replies, in the client's framing and key stream.
   *
   * @throws IllegalStateException while the client's header is still incomplete
   */
  public ServerEncoder encoder() {
    ServerEncoder e = encoder;
    if (e == null) {
      throw new IllegalStateException("the client's connection header has not been read yet");
    }
    return e;
  }

  /** Reads as much of the header as {@code in} holds; returns the frame reader once decided. */
  private @Nullable FrameReader readHeader(ByteBuffer in) {
    while (true) {
      int n = Math.min(need - have, in.remaining());
      in.get(prelude, have, n);
      have += n;
      if (have < need) {
        return null;
      }
      if (expected instanceof Transport.Plain p) {
        byte[] header = p.framing().plainHeader();
        if (!Arrays.equals(prelude, 0, have, header, 0, header.length)) {
          throw new TransportException.UnknownProtocol(
              "expected the "
                  + p.framing()
                  + " header "
                  + HexFormat.of().formatHex(header)
                  + ", got "
                  + HexFormat.of().formatHex(prelude, 0, have));
        }
        return plain(p.framing());
      }
      switch (need) {
        case 1 -> {
          if ((prelude[0] & 0xff) == 0xef) {
            return plain(Framing.ABRIDGED);
          }
          need = 4;
        }
        case 4 -> {
          int first = LittleEndian.getInt(prelude, 0);
          if (first == Framing.INTERMEDIATE.tag()) {
            return plain(Framing.INTERMEDIATE);
          }
          if (first == Framing.PADDED_INTERMEDIATE.tag()) {
            return plain(Framing.PADDED_INTERMEDIATE);
          }
          String other = Obfuscation.reservedStart(prelude);
          if (other != null) {
            throw new TransportException.UnknownProtocol(
                "the client speaks "
                    + other
                    + ", not an MTProto transport"
                    + ("TLS".equals(other) ? " (fake-TLS MTProxy mode is not supported)" : ""));
          }
          need = 8;
        }
        case 8 -> {
          if (Full.looksLikeFirstFrame(prelude)) {
            FrameReader r = plain(Framing.FULL);
            // The 8 bytes were the first frame's length and sequence number, not a header.
            r.read(ByteBuffer.wrap(prelude, 0, 8), scratch);
            Arrays.fill(prelude, (byte) 0);
            return r;
          }
          need = Obfuscation.INIT_LENGTH;
        }
        default -> {
          return obfuscated();
        }
      }
    }
  }

  private FrameReader plain(Framing framing) {
    if (secret != null) {
      throw new TransportException.UnknownProtocol(
          "this server only accepts obfuscated connections keyed with its proxy secret, but the"
              + " client speaks plain "
              + framing);
    }
    return accept(
        Transport.plain(framing),
        framing.reader(false, maxFrameLength, null),
        new ServerEncoder(framing, framing.writer(true, random), null));
  }

  private FrameReader obfuscated() {
    Obfuscation.Ciphers ciphers = Obfuscation.ciphers(prelude, secret);
    byte[] init = prelude.clone();
    ciphers.clientToServer().apply(init);
    int tag = LittleEndian.getInt(init, Obfuscation.TAG_OFFSET);
    int dc = LittleEndian.getShort(init, Obfuscation.DC_OFFSET);
    Arrays.fill(init, (byte) 0);
    Arrays.fill(prelude, (byte) 0);
    Framing framing = Framing.ofTag(tag);
    if (framing == null) {
      throw new TransportException.UnknownProtocol(
          String.format("obfuscated init decrypts to unknown protocol tag %08x: ", tag)
              + (secret == null
                  ? "not a Telegram client, or one that expects an MTProxy secret"
                  : "wrong proxy secret, or not a Telegram client"));
    }
    if (secret != null
        && secret.requiresPaddedIntermediate()
        && framing != Framing.PADDED_INTERMEDIATE) {
      throw new TransportException.UnknownProtocol(
          "this proxy's dd secret requires padded intermediate, but the client speaks " + framing);
    }
    dcField = dc;
    Transport t =
        secret == null ? Transport.obfuscated(framing) : Transport.obfuscated(framing, secret);
    return accept(
        t,
        framing.reader(false, maxFrameLength, ciphers.clientToServer()),
        new ServerEncoder(framing, framing.writer(true, random), ciphers.serverToClient()));
  }

  private FrameReader accept(Transport t, FrameReader r, ServerEncoder e) {
    if (expected != null && !expected.equals(t)) {
      throw new TransportException.UnknownProtocol(
          "expected " + expected + ", but the client speaks " + t);
    }
    transport = t;
    reader = r;
    encoder = e;
    return r;
  }
}
