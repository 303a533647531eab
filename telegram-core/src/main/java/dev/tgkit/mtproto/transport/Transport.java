package dev.tgkit.mtproto.transport;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The <a href="https://core.telegram.org/mtproto/mtproto-transports">MTProto transports</a> a TCP
 * connection can speak: a {@link Framing} sent as is ({@link Plain}), or under <a
 * href="https://core.telegram.org/mtproto/mtproto-transports#transport-obfuscation">obfuscation</a>
 * ({@link Obfuscated}), optionally keyed with an MTProxy secret.
 *
 * <p>A transport makes the codecs for either side of a connection: {@link #client} for a client,
 * {@link #server} for a server that knows what its clients speak, and {@link #detect} for a server
 * that accepts whatever a client's first bytes announce, as Telegram's servers do.
 *
 * <p>Every decoder refuses frames longer than a maximum, checked before anything is allocated;
 * {@link #DEFAULT_MAX_FRAME_LENGTH} suits Telegram.
 */
public sealed interface Transport permits Transport.Plain, Transport.Obfuscated {

  /**
   * 4 MiB. Telegram's largest payloads are file parts: {@code upload.getFile} answers at most 1
   * MiB, which with the encrypted message envelope and padding makes a frame a little over 1 MiB; a
   * container may bundle a few answers. Four times the largest part leaves that room while capping
   * what one connection can make a peer allocate.
   */
  int DEFAULT_MAX_FRAME_LENGTH = 4 * 1024 * 1024;

  /** Smallest maximum a decoder accepts: room for a transport error and a little more. */
  int MIN_MAX_FRAME_LENGTH = 64;

  /** Largest maximum a decoder accepts: comfortably below Java's array size limit. */
  int MAX_MAX_FRAME_LENGTH = 1 << 30;

  /** How frames are delimited. */
  Framing framing();

  /** A framing sent in clear, after its connection header. */
  static Transport plain(Framing framing) {
    return new Plain(framing);
  }

  /** A framing under obfuscation, without an MTProxy secret (for Telegram's own servers). */
  static Transport obfuscated(Framing framing) {
    return new Obfuscated(framing, null);
  }

  /** A framing under obfuscation keyed with an MTProxy secret. */
  static Transport obfuscated(Framing framing, ProxySecret secret) {
    return new Obfuscated(framing, secret);
  }

  /**
   * The transport for an MTProxy with {@code secret}: padded intermediate for a {@code dd} secret,
   * as the spec requires, otherwise intermediate.
   */
  static Transport mtProxy(ProxySecret secret) {
    return new Obfuscated(
        secret.requiresPaddedIntermediate() ? Framing.PADDED_INTERMEDIATE : Framing.INTERMEDIATE,
        secret);
  }

  /** The client codec pair, with the default maximum frame length and no DC field. */
  default ClientCodec client(RandomGenerator random) {
    return client(random, 0, DEFAULT_MAX_FRAME_LENGTH);
  }

  /**
   * The client codec pair for one new connection.
   *
   * @param random source of the obfuscated init and of padded intermediate's padding; a
   *     cryptographically strong generator in production, a seeded one in tests
   * @param dcField what an obfuscated init carries at bytes 60..61, see {@link
   *     Obfuscation#dcField}; 0 leaves them random. MTProxies need it; plain transports have no
   *     place for it and ignore it
   * @param maxFrameLength longest frame the decoder accepts, in bytes
   */
  ClientCodec client(RandomGenerator random, int dcField, int maxFrameLength);

  /** A server decoder for exactly this transport, with the default maximum frame length. */
  default ServerDecoder server(RandomGenerator random) {
    return server(random, DEFAULT_MAX_FRAME_LENGTH);
  }

  /**
   * A server decoder that accepts exactly this transport (and this secret) and rejects any other
   * with {@link TransportException.UnknownProtocol}.
   *
   * @param random source of padded intermediate's padding in the replies
   */
  default ServerDecoder server(RandomGenerator random, int maxFrameLength) {
    return new ServerDecoder(
        random,
        checkMaxFrameLength(maxFrameLength),
        this,
        this instanceof Obfuscated o ? o.secret() : null);
  }

  /** A server decoder that accepts any transport, with the default maximum frame length. */
  static ServerDecoder detect(RandomGenerator random) {
    return detect(random, null, DEFAULT_MAX_FRAME_LENGTH);
  }

  /**
   * A server decoder that recognises the transport from the client's first bytes.
   *
   * @param secret if given, behave as an MTProxy: accept only obfuscated connections keyed with it
   *     (and only padded intermediate if it is a {@code dd} secret)
   */
  static ServerDecoder detect(
      RandomGenerator random, @Nullable ProxySecret secret, int maxFrameLength) {
    return new ServerDecoder(random, checkMaxFrameLength(maxFrameLength), null, secret);
  }

  private static int checkMaxFrameLength(int maxFrameLength) {
    if (maxFrameLength < MIN_MAX_FRAME_LENGTH || maxFrameLength > MAX_MAX_FRAME_LENGTH) {
      throw new IllegalArgumentException(
          "the maximum frame length must be in ["
              + MIN_MAX_FRAME_LENGTH
              + ", "
              + MAX_MAX_FRAME_LENGTH
              + "], got "
              + maxFrameLength);
    }
    return maxFrameLength;
  }

  /** A framing sent in clear: the client writes its header byte(s), then frames. */
  record Plain(Framing framing) implements Transport {

    @Override
    public ClientCodec client(RandomGenerator random, int dcField, int maxFrameLength) {
      checkMaxFrameLength(maxFrameLength);
      return new ClientCodec(
          new ClientEncoder(framing, framing.writer(false, random), null, framing.plainHeader()),
          new ClientDecoder(framing.reader(true, maxFrameLength, null)));
    }
  }

  /**
   * A framing under obfuscation. The framing's own header is not sent: its tag travels inside the
   * encrypted part of the 64-byte init instead.
   *
   * @param secret the MTProxy secret, or null when talking to Telegram directly
   */
  record Obfuscated(Framing framing, @Nullable ProxySecret secret) implements Transport {

    public Obfuscated {
      if (!framing.canBeObfuscated()) {
        throw new IllegalArgumentException(
            "the " + framing + " transport has no protocol tag and cannot be obfuscated");
      }
      if (secret != null
          && secret.requiresPaddedIntermediate()
          && framing != Framing.PADDED_INTERMEDIATE) {
        throw new IllegalArgumentException(
            "a dd proxy secret requires PADDED_INTERMEDIATE, not " + framing);
      }
    }

    @Override
    public ClientCodec client(RandomGenerator random, int dcField, int maxFrameLength) {
      return client(Obfuscation.drawInit(random), random, dcField, maxFrameLength);
    }

    /**
     * The client codec pair for a given init: the deterministic step behind {@link
     * #client(RandomGenerator, int, int)}, for replaying recorded connections.
     *
     * @param init 64 bytes that satisfy {@link Obfuscation#isAcceptableInit}; bytes 56..59 are
     *     replaced by the framing's tag, and 60..61 by {@code dcField} unless it is 0
     * @param random source of padded intermediate's padding
     * @throws IllegalArgumentException if the init could be mistaken for another transport, or
     *     {@code dcField} does not fit 16 bits
     */
    public ClientCodec client(
        byte[] init, RandomGenerator random, int dcField, int maxFrameLength) {
      checkMaxFrameLength(maxFrameLength);
      if (!Obfuscation.isAcceptableInit(init)) {
        throw new IllegalArgumentException(
            "the init's first 8 bytes could be mistaken for another transport's start; draw it"
                + " with Obfuscation.drawInit");
      }
      if (dcField < Short.MIN_VALUE || dcField > Short.MAX_VALUE) {
        throw new IllegalArgumentException("the DC field is a 16-bit value, got " + dcField);
      }
      byte[] plain = init.clone();
      LittleEndian.putInt(plain, Obfuscation.TAG_OFFSET, framing.tag());
      if (dcField != 0) {
        LittleEndian.putShort(plain, Obfuscation.DC_OFFSET, (short) dcField);
      }
      Obfuscation.Ciphers ciphers = Obfuscation.ciphers(plain, secret);
      byte[] header = plain.clone();
      ciphers.clientToServer().apply(header);
      // Only the tag and DC part goes out encrypted: bytes 0..55 must stay in clear for the
      // server to derive the keys from them.
      System.arraycopy(plain, 0, header, 0, Obfuscation.TAG_OFFSET);
      Arrays.fill(plain, (byte) 0);
      return new ClientCodec(
          new ClientEncoder(
              framing, framing.writer(false, random), ciphers.clientToServer(), header),
          new ClientDecoder(framing.reader(true, maxFrameLength, ciphers.serverToClient())));
    }
  }
}
