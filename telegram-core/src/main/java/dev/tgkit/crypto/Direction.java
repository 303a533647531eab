package dev.tgkit.crypto;

/**
 * Which way a message travels. MTProto 2.0 takes the key material for {@code msg_key} and the AES
 * key/IV from different parts of the auth key in each direction (the offset {@code x}), so a
 * message reflected back at its sender never decrypts (<a
 * href="https://core.telegram.org/mtproto/description#defining-aes-key-and-initialization-vector">
 * defining AES key and initialization vector</a>).
 */
public enum Direction {
  /** Client to server: {@code x = 0}. */
  CLIENT_TO_SERVER(0),
  /** Server to client: {@code x = 8}. */
  SERVER_TO_CLIENT(8);

  private final int x;

  Direction(int x) {
    this.x = x;
  }

  /** The offset {@code x} of the specification's formulas: 0 or 8. */
  public int x() {
    return x;
  }
}
