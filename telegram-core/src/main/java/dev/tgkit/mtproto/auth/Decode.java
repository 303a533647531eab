package dev.tgkit.mtproto.auth;

import dev.tgkit.tl.TlDecodeException;
import dev.tgkit.tl.TlReader;
import java.util.function.Function;

/** Reads one whole TL message of the exchange, turning decoding faults into the family's. */
final class Decode {

  private Decode() {}

  /**
   * Reads {@code bytes} with {@code read}, which must consume all of them: the plain-message layer
   * hands over exactly one message body, so trailing bytes mean the peer and we disagree on the
   * schema.
   *
   * @param message the TL name of what is expected, for the exception
   */
  static <T> T whole(byte[] bytes, String message, Function<TlReader, T> read) {
    TlReader in = new TlReader(bytes);
    try {
      T value = read.apply(in);
      in.expectEnd(message);
      return value;
    } catch (TlDecodeException e) {
      throw new HandshakeException(
          new HandshakeException.Failure.Malformed(message, e.getMessage()), e);
    }
  }

  /**
   * Reads a whole request whose constructor id must be {@code constructorId}: the server side
   * knows which function each step expects.
   */
  static <T> T request(
      byte[] bytes, int constructorId, String message, Function<TlReader, T> readBare) {
    return whole(
        bytes,
        message,
        in -> {
          int id = in.readInt();
          if (id != constructorId) {
            throw in.unknownConstructor(id, message, 0);
          }
          return readBare.apply(in);
        });
  }

  /** Like {@link #whole} but leaves what follows the value unread (RSA block padding). */
  static <T> T prefix(byte[] bytes, String message, Function<TlReader, T> read) {
    TlReader in = new TlReader(bytes);
    try {
      return read.apply(in);
    } catch (TlDecodeException e) {
      throw new HandshakeException(
          new HandshakeException.Failure.Malformed(message, e.getMessage()), e);
    }
  }
}
