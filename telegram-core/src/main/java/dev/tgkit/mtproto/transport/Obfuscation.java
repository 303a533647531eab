package dev.tgkit.mtproto.transport;

import dev.tgkit.crypto.AesCtr;
import dev.tgkit.crypto.Sha;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * <a href="https://core.telegram.org/mtproto/mtproto-transports#transport-obfuscation">Transport
 * obfuscation</a>: a 64-byte random init from which both directions' AES-256-CTR keys are taken, so
 * that the stream looks random to anyone who does not hold it (and, with an MTProxy secret, to
 * anyone who does not know the secret).
 *
 * <pre>
 *   init:  +--------+--------+------------------+------------+--------+-------+--------+
 *          | 0..3   | 4..7   | 8..39            | 40..55     | 56..59 | 60..61| 62..63 |
 *          | random | random | key  (c -&gt; s)   | iv (c -&gt; s)| tag    | dc    | random |
 *          +--------+--------+------------------+------------+--------+-------+--------+
 *   sent:  bytes 0..55 in clear, then bytes 56..63 as encrypted by the c -&gt; s stream, which
 *          encrypts the whole init first and then continues with the frames
 *   s -&gt; c key and iv: bytes 8..39 and 40..55 of the init reversed byte by byte
 *   with an MTProxy secret: each key = SHA-256(key || 16-byte secret)
 *   tag:   efefefef abridged, eeeeeeee intermediate, dddddddd padded intermediate
 *   dc:    int16 LE, only needed by MTProxies: the DC id, +10000 for test DCs, negated for media
 * </pre>
 *
 * <p>The random part must not look like another transport's start, or the server would take it for
 * one: the first byte is not {@code ef} (abridged), the first int is none of {@code HEAD}, {@code
 * POST}, {@code GET }, {@code OPTI} (HTTP), {@code 16 03 01 02} (TLS), {@code dddddddd}, {@code
 * eeeeeeee}, and bytes 4..7 are not all zero (the full transport's first sequence number). {@link
 * #drawInit} draws again until these hold.
 */
public final class Obfuscation {

  /** Length of the init a client sends first. */
  public static final int INIT_LENGTH = 64;

  static final int TAG_OFFSET = 56;
  static final int DC_OFFSET = 60;

  private static final int HEAD = 0x44414548;
  private static final int POST = 0x54534f50;
  private static final int GET = 0x20544547;
  private static final int OPTI = 0x4954504f;
  private static final int TLS = 0x02010316;

  private Obfuscation() {}

  /**
   * Draws 64 random bytes until they may start an obfuscated connection. Bytes 56..63 are left
   * random; the client codec writes the tag and DC id there.
   */
  public static byte[] drawInit(RandomGenerator random) {
    byte[] init = new byte[INIT_LENGTH];
    do {
      random.nextBytes(init);
    } while (!isAcceptableInit(init));
    return init;
  }

  /** Whether {@code init}'s first 8 bytes cannot be mistaken for another transport's start. */
  public static boolean isAcceptableInit(byte[] init) {
    if (init.length != INIT_LENGTH) {
      throw new IllegalArgumentException(
          "an obfuscated init is " + INIT_LENGTH + " bytes, got " + init.length);
    }
    return reservedStart(init) == null && LittleEndian.getInt(init, 4) != 0;
  }

  /**
   * The DC field of the init for an MTProxy connection, per the spec: the DC id, plus 10000 for
   * Telegram's test servers, negated for a media DC (not for CDN DCs).
   */
  public static int dcField(int dcId, boolean testServer, boolean media) {
    if (dcId <= 0 || dcId >= 10000) {
      throw new IllegalArgumentException("DC ids are 1..9999, got " + dcId);
    }
    int field = testServer ? dcId + 10000 : dcId;
    return media ? -field : field;
  }

  /**
   * What a connection's first 4 bytes announce if they belong to a protocol that is not an
   * obfuscated init, or null if they could start one.
   */
  static @Nullable String reservedStart(byte[] first4) {
    if ((first4[0] & 0xff) == 0xef) {
      return "abridged";
    }
    return switch (LittleEndian.getInt(first4, 0)) {
      case 0xeeeeeeee -> "intermediate";
      case 0xdddddddd -> "padded intermediate";
      case HEAD, POST, GET, OPTI -> "HTTP";
      case TLS -> "TLS";
      default -> null;
    };
  }

  /**
   * Both directions' ciphers for a connection whose init (in clear, tag and DC in place) is {@code
   * init}. Client and server derive the same pair and use it in opposite roles.
   */
  static Ciphers ciphers(byte[] init, @Nullable ProxySecret secret) {
    byte[] reversed = new byte[INIT_LENGTH];
    for (int i = 0; i < INIT_LENGTH; i++) {
      reversed[i] = init[INIT_LENGTH - 1 - i];
    }
    return new Ciphers(cipher(init, secret), cipher(reversed, secret));
  }

  private static AesCtr cipher(byte[] init, @Nullable ProxySecret secret) {
    byte[] key = Arrays.copyOfRange(init, 8, 40);
    byte[] iv = Arrays.copyOfRange(init, 40, 56);
    if (secret != null) {
      byte[] plainKey = key;
      key = Sha.sha256(plainKey, secret.key());
      Arrays.fill(plainKey, (byte) 0);
    }
    AesCtr cipher = new AesCtr(key, iv);
    Arrays.fill(key, (byte) 0);
    return cipher;
  }

  /**
   * The two key streams of one obfuscated connection.
   *
   * @param clientToServer keyed from the init: the client encrypts with it, the server decrypts
   * @param serverToClient keyed from the reversed init: the server encrypts, the client decrypts
   */
  record Ciphers(AesCtr clientToServer, AesCtr serverToClient) {}
}
