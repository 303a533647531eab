package dev.tgkit.mtproto.auth;

import dev.tgkit.crypto.Sha;
import dev.tgkit.tl.Int128;
import dev.tgkit.tl.Int256;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The client's {@code new_nonce} and everything the exchange derives from it: the only secret both
 * sides share before the auth key exists, so it authenticates the server's answers.
 *
 * <p>See <a
 * href="https://core.telegram.org/mtproto/auth_key">core.telegram.org/mtproto/auth_key</a>, steps 6
 * and 9. Never printed.
 */
final class NewNonce {

  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final byte[] bytes;

  private NewNonce(byte[] bytes) {
    this.bytes = bytes;
  }

  static NewNonce of(Int256 newNonce) {
    return new NewNonce(newNonce.toByteArray());
  }

  Int256 value() {
    return Int256.of(bytes);
  }

  /**
   * {@code new_nonce_hash} of {@code server_DH_params_fail}: the 128 lower-order bits of
   * SHA1(new_nonce), that is its last 16 bytes in wire order.
   */
  Int128 paramsFailHash() {
    return lower128(Sha.sha1(bytes));
  }

  /**
   * {@code new_nonce_hash1/2/3} of {@code dh_gen_ok/retry/fail}: the lower 128 bits of
   * SHA1(new_nonce + byte(number) + auth_key_aux_hash). The number differs per answer so that an
   * intruder cannot turn {@code dh_gen_ok} into {@code dh_gen_retry}.
   *
   * @param auxHash auth_key_aux_hash as {@code AuthKey.auxHash()} gives it (the first 8 bytes of
   *     SHA1(auth_key) read little-endian, so writing it back little-endian restores them)
   */
  Int128 answerHash(int number, long auxHash) {
    byte[] aux = new byte[8];
    LONG_LE.set(aux, 0, auxHash);
    return lower128(Sha.sha1(bytes, new byte[] {(byte) number}, aux));
  }

  /**
   * The first server salt: {@code substr(new_nonce, 0, 8) XOR substr(server_nonce, 0, 8)}, the 8
   * bytes read as the little-endian long the encrypted layer puts on the wire.
   */
  long firstSalt(Int128 serverNonce) {
    byte[] xor = Arrays.copyOf(bytes, 8);
    byte[] sn = serverNonce.toByteArray();
    for (int i = 0; i < 8; i++) {
      xor[i] ^= sn[i];
    }
    return (long) LONG_LE.get(xor, 0);
  }

  /** The temporary AES key and IV that protect the DH values (step 6). */
  TempAes tempAes(Int128 serverNonce) {
    return TempAes.derive(bytes, serverNonce.toByteArray());
  }

  private static Int128 lower128(byte[] sha1) {
    return Int128.of(sha1, sha1.length - Int128.SIZE);
  }

  @Override
  public String toString() {
    return "NewNonce[<redacted>]";
  }
}
