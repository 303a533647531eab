package dev.tgkit.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A data centre's RSA public key, with which the client encrypts {@code p_q_inner_data} during the
 * key exchange (<a href="https://core.telegram.org/mtproto/auth_key">creating an authorization
 * key</a>). Telegram's keys are 2048-bit; the server names the ones it holds by {@link
 * #fingerprint()} in {@code resPQ}.
 *
 * <p>Two paddings exist. {@link #encryptRsaPad} is the current {@code RSA_PAD} scheme, which wraps
 * the data in AES-IGE under a random key and binds it with SHA-256 so a server can detect any
 * tampering. {@link #encryptLegacy} is the original {@code SHA1(data) || data || padding} scheme,
 * kept because the specification's <a
 * href="https://core.telegram.org/mtproto/samples-auth_key">worked example</a> uses it.
 *
 * @param modulus {@code n}, exactly 2048 bits
 * @param exponent {@code e}, odd, at least 3 and below {@code n}
 */
public record RsaPublicKey(BigInteger modulus, BigInteger exponent) {

  /** Bytes of every RSA block: 2048 bits. */
  public static final int BLOCK = 256;

  private static final String BEGIN = "-----BEGIN RSA PUBLIC KEY-----";
  private static final String END = "-----END RSA PUBLIC KEY-----";

  /** The largest {@code data} RSA_PAD accepts: 192 bytes of padded data minus 48 of padding. */
  public static final int RSA_PAD_MAX_DATA = 144;

  private static final int RSA_PAD_PADDED = 192;
  private static final int RSA_PAD_RANDOM = RSA_PAD_PADDED + 32;
  // Each retry succeeds with probability n / 2^2048 >= 1/2; this many failures means a broken
  // caller (for example a constant random source would still succeed), never bad luck.
  private static final int RSA_PAD_MAX_ATTEMPTS = 1024;

  private static final int LEGACY_BLOCK = 255;

  public RsaPublicKey {
    if (modulus.signum() <= 0 || modulus.bitLength() != BLOCK * 8) {
      throw new IllegalArgumentException(
          "Telegram RSA keys have a 2048-bit modulus, got " + modulus.bitLength() + " bits");
    }
    if (!exponent.testBit(0)
        || exponent.compareTo(BigInteger.valueOf(3)) < 0
        || exponent.compareTo(modulus) >= 0) {
      throw new IllegalArgumentException(
          "an RSA public exponent must be odd, at least 3 and below the modulus, got " + exponent);
    }
  }

  /**
   * The key's fingerprint as {@code resPQ} lists it and {@code req_DH_params} names it: the lower
   * 64 bits of {@code SHA1(tl_bytes(n) || tl_bytes(e))}, i.e. SHA-1 bytes 12..20 read
   * little-endian, where {@code tl_bytes} is TL's {@code bytes} encoding of the unsigned big-endian
   * magnitude.
   */
  public long fingerprint() {
    MessageDigest sha1 = Sha.sha1Digest();
    sha1.update(tlBytes(Unsigned.magnitude(modulus)));
    sha1.update(tlBytes(Unsigned.magnitude(exponent)));
    return Le.getLong(sha1.digest(), 12);
  }

  /**
   * Parses every {@code -----BEGIN RSA PUBLIC KEY-----} (PKCS#1) block in {@code pem}, in order.
   * Text outside the blocks, such as comments naming the keys, is ignored.
   *
   * @throws KeyFormatException if there is no block, a block is unterminated, uses another label
   *     (such as X.509 {@code PUBLIC KEY}), is not valid Base64, or is not a canonical DER {@code
   *     RSAPublicKey} of a 2048-bit key
   */
  public static List<RsaPublicKey> parsePem(String pem) {
    List<RsaPublicKey> keys = new ArrayList<>();
    StringBuilder body = null;
    int lineNo = 0;
    int beginLine = 0;
    for (String raw : pem.split("\r?\n|\r", -1)) {
      lineNo++;
      String line = raw.strip();
      if (body == null) {
        if (line.equals(BEGIN)) {
          body = new StringBuilder();
          beginLine = lineNo;
        } else if (line.startsWith("-----BEGIN ")) {
          throw new KeyFormatException(
              "line "
                  + lineNo
                  + ": found '"
                  + line
                  + "', but only PKCS#1 '"
                  + BEGIN
                  + "' blocks are supported");
        } else if (line.startsWith("-----END ")) {
          throw new KeyFormatException("line " + lineNo + ": '" + line + "' without a BEGIN line");
        }
      } else if (line.equals(END)) {
        keys.add(decodeBlock(body.toString(), keys.size() + 1, beginLine));
        body = null;
      } else if (line.startsWith("-----")) {
        throw new KeyFormatException(
            "line "
                + lineNo
                + ": expected Base64 or '"
                + END
                + "' in the block begun on line "
                + beginLine
                + ", found '"
                + line
                + "'");
      } else {
        body.append(line);
      }
    }
    if (body != null) {
      throw new KeyFormatException(
          "the block begun on line " + beginLine + " has no '" + END + "' line");
    }
    if (keys.isEmpty()) {
      throw new KeyFormatException("no '" + BEGIN + "' block found");
    }
    return List.copyOf(keys);
  }

  private static RsaPublicKey decodeBlock(String base64, int index, int beginLine) {
    String where = "PEM block " + index + " (line " + beginLine + "): ";
    byte[] der;
    try {
      der = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new KeyFormatException(where + "invalid Base64: " + e.getMessage());
    }
    try {
      BigInteger[] ne = Der.readRsaPublicKey(der);
      return new RsaPublicKey(ne[0], ne[1]);
    } catch (KeyFormatException e) {
      throw e.within(where);
    } catch (IllegalArgumentException e) {
      throw new KeyFormatException(where + e.getMessage());
    }
  }

  /**
   * Telegram's own public keys, shipped with tgkit: the production key and the test-server key. A
   * client picks the one whose {@link #fingerprint()} the server offers in {@code resPQ}.
   */
  public static List<RsaPublicKey> telegramKeys() {
    try (InputStream in = RsaPublicKey.class.getResourceAsStream("telegram-rsa-keys.pem")) {
      if (in == null) {
        throw new IllegalStateException("telegram-rsa-keys.pem is missing from the tgkit jar");
      }
      return parsePem(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bundled telegram-rsa-keys.pem", e);
    }
  }

  /** The key as one PKCS#1 PEM block with 64-character lines, ending in a newline. */
  public String toPem() {
    byte[] der = Der.writeRsaPublicKey(modulus, exponent);
    String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return BEGIN + "\n" + base64 + "\n" + END + "\n";
  }

  /**
   * Encrypts {@code data} (at most 144 bytes, normally a serialized {@code p_q_inner_data_*}) with
   * the {@code RSA_PAD} scheme of <a
   * href="https://core.telegram.org/mtproto/auth_key#presenting-proof-of-work-server-authentication">
   * auth_key, step 4</a>:
   *
   * <pre>
   *   data_with_padding = data || random[0 .. 192 - len(data)]              (192 bytes)
   *   temp_key          = random[192 .. 224]                                (32 bytes)
   *   data_with_hash    = reverse(data_with_padding)
   *                       || SHA256(temp_key || data_with_padding)          (224 bytes)
   *   aes_encrypted     = AES256_IGE(data_with_hash, temp_key, iv = 0)
   *   key_aes_encrypted = (temp_key xor SHA256(aes_encrypted)) || aes_encrypted   (256 bytes)
   *   while key_aes_encrypted >= n: temp_key += 1 (big-endian) and recompute
   *   encrypted_data    = key_aes_encrypted ^ e mod n                        (256 bytes)
   *
   *   key_aes_encrypted (256 bytes, compared with n as a big-endian number):
   *   +-------------------+------------------------------------------------------+
   *   | temp_key_xor (32) | aes_encrypted (224)                                  |
   *   +-------------------+------------------------------------------------------+
   *                       aes_encrypted decrypts to data_with_hash:
   *                       +------------------------------------+-----------------+
   *                       | reverse(data_with_padding) (192)   | SHA256(...) (32)|
   *                       +------------------------------------+-----------------+
   * </pre>
   *
   * <p>Incrementing rather than drawing a new {@code temp_key} keeps the randomness a fixed 224
   * bytes, so a recorded exchange replays byte for byte.
   *
   * @param random224 192 padding bytes (only the first {@code 192 - data.length} are used) followed
   *     by the 32-byte {@code temp_key}
   * @return {@code encrypted_data}, 256 bytes
   */
  public byte[] encryptRsaPad(byte[] data, byte[] random224) {
    return rawEncrypt(keyAesEncrypted(data, random224));
  }

  /** {@code key_aes_encrypted} of {@link #encryptRsaPad}: the block before the RSA step. */
  byte[] keyAesEncrypted(byte[] data, byte[] random224) {
    if (data.length > RSA_PAD_MAX_DATA) {
      throw new IllegalArgumentException(
          "RSA_PAD encrypts at most " + RSA_PAD_MAX_DATA + " bytes, got " + data.length);
    }
    if (random224.length != RSA_PAD_RANDOM) {
      throw new IllegalArgumentException(
          "RSA_PAD needs " + RSA_PAD_RANDOM + " random bytes, got " + random224.length);
    }
    byte[] dataWithPadding = new byte[RSA_PAD_PADDED];
    System.arraycopy(data, 0, dataWithPadding, 0, data.length);
    System.arraycopy(random224, 0, dataWithPadding, data.length, RSA_PAD_PADDED - data.length);
    byte[] tempKey = Arrays.copyOfRange(random224, RSA_PAD_PADDED, RSA_PAD_RANDOM);
    byte[] n = Unsigned.toBytes(modulus, BLOCK);

    byte[] dataWithHash = new byte[RSA_PAD_RANDOM];
    for (int i = 0; i < RSA_PAD_PADDED; i++) {
      dataWithHash[i] = dataWithPadding[RSA_PAD_PADDED - 1 - i];
    }
    byte[] zeroIv = new byte[32];
    for (int attempt = 0; attempt < RSA_PAD_MAX_ATTEMPTS; attempt++) {
      System.arraycopy(Sha.sha256(tempKey, dataWithPadding), 0, dataWithHash, RSA_PAD_PADDED, 32);
      byte[] aesEncrypted = AesIge.encrypt(tempKey, zeroIv, dataWithHash);
      byte[] tempKeyXor = Sha.sha256(aesEncrypted);
      for (int i = 0; i < 32; i++) {
        tempKeyXor[i] ^= tempKey[i];
      }
      byte[] keyAesEncrypted = new byte[BLOCK];
      System.arraycopy(tempKeyXor, 0, keyAesEncrypted, 0, 32);
      System.arraycopy(aesEncrypted, 0, keyAesEncrypted, 32, aesEncrypted.length);
      if (Arrays.compareUnsigned(keyAesEncrypted, n) < 0) {
        return keyAesEncrypted;
      }
      incrementBigEndian(tempKey);
    }
    throw new IllegalStateException(
        "RSA_PAD found no key_aes_encrypted below the modulus in "
            + RSA_PAD_MAX_ATTEMPTS
            + " attempts");
  }

  /**
   * Encrypts {@code data} (at most 235 bytes) with the legacy padding of the <a
   * href="https://core.telegram.org/mtproto/samples-auth_key">worked example</a>: {@code SHA1(data)
   * || data || padding} to 255 bytes, then raw RSA. Current servers expect {@link #encryptRsaPad};
   * this remains for the example and for old test servers.
   *
   * @param randomPadding at least {@code 235 - data.length} bytes; only that many are used
   * @return 256 bytes
   */
  public byte[] encryptLegacy(byte[] data, byte[] randomPadding) {
    int padding = LEGACY_BLOCK - 20 - data.length;
    if (padding < 0) {
      throw new IllegalArgumentException(
          "legacy RSA encrypts at most " + (LEGACY_BLOCK - 20) + " bytes, got " + data.length);
    }
    if (randomPadding.length < padding) {
      throw new IllegalArgumentException(
          "legacy RSA needs "
              + padding
              + " padding bytes for "
              + data.length
              + " bytes of data, got "
              + randomPadding.length);
    }
    byte[] block = new byte[LEGACY_BLOCK];
    System.arraycopy(Sha.sha1(data), 0, block, 0, 20);
    System.arraycopy(data, 0, block, 20, data.length);
    System.arraycopy(randomPadding, 0, block, 20 + data.length, padding);
    return rawEncrypt(block);
  }

  /**
   * Textbook RSA: {@code block ^ e mod n} with {@code block} read as an unsigned big-endian number
   * (at most 256 bytes, below {@code n}).
   *
   * @return the result as exactly 256 big-endian bytes, zero-padded on the left
   */
  public byte[] rawEncrypt(byte[] block) {
    if (block.length > BLOCK) {
      throw new IllegalArgumentException("an RSA block is at most 256 bytes, got " + block.length);
    }
    BigInteger m = Unsigned.toBigInteger(block);
    if (m.compareTo(modulus) >= 0) {
      throw new IllegalArgumentException("the RSA block is not below the modulus");
    }
    return Unsigned.toBytes(m.modPow(exponent, modulus), BLOCK);
  }

  /** Names the key by fingerprint; the 2048-bit modulus would only flood logs. */
  @Override
  public String toString() {
    return "RsaPublicKey[fingerprint=" + String.format("%016x", fingerprint()) + "]";
  }

  private static void incrementBigEndian(byte[] number) {
    for (int i = number.length - 1; i >= 0; i--) {
      if (++number[i] != 0) {
        return;
      }
    }
  }

  /**
   * TL {@code bytes}: a one-byte length (or 0xFE and three little-endian length bytes from 254 on),
   * the data, and zero padding to a multiple of four.
   */
  private static byte[] tlBytes(byte[] data) {
    int header = data.length < 254 ? 1 : 4;
    int total = (header + data.length + 3) & ~3;
    byte[] out = new byte[total];
    if (header == 1) {
      out[0] = (byte) data.length;
    } else {
      out[0] = (byte) 0xfe;
      out[1] = (byte) data.length;
      out[2] = (byte) (data.length >>> 8);
      out[3] = (byte) (data.length >>> 16);
    }
    System.arraycopy(data, 0, out, header, data.length);
    return out;
  }
}
