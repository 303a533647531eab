package dev.tgkit.net;

import dev.tgkit.crypto.AuthKey;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where a {@link DcPool} finds each data center's address and auth key, and keeps the keys it
 * makes: the client's session. {@code net} may not see {@code session}, so the pool asks through
 * this.
 */
public interface DcKeys {

  /** A data center's address and, once one was made, the auth key this client holds there. */
  record Endpoint(int dcId, String host, int port, @Nullable AuthKey authKey) {}

  /** Data center {@code dcId}'s address and key; null if no address is known for it. */
  @Nullable Endpoint endpoint(int dcId);

  /** The data centers whose address is known, for a message that says which are. */
  List<Integer> known();

  /**
   * Keeps {@code key} for the data center {@code at} describes (added back if it was dropped
   * meanwhile), durably, before it is used: a crash must not lose a key the server already knows.
   *
   * @throws RuntimeException if it could not be kept; the key is then not used
   */
  void saveKey(Endpoint at, AuthKey key);

  /** Forgets {@code key} for {@code dcId}, if that is still the one held: the server no longer knows it. */
  void forgetKey(int dcId, AuthKey key);
}
