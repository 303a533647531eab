package dev.tgkit.test;

import dev.tgkit.crypto.RsaPublicKey;
import dev.tgkit.tl.TlFunction;
import dev.tgkit.tl.TlObject;
import java.util.List;
import java.util.OptionalLong;

/**
 * One data center of the {@link EmbeddedTelegram}, as a test sees it: a loopback port, its own RSA
 * key, the auth keys clients created with it, what it received and executed, and the faults a test
 * may cause on it. As on Telegram, an auth key belongs to the data center it was <a
 * href="https://core.telegram.org/mtproto/auth_key">created with</a>, and any number of connections
 * and sessions may use it.
 */
public interface TestDataCenter {

  /** The data center's id, 1 for the first. */
  int id();

  /** The address it listens on. */
  String host();

  /** The port it listens on (the bound one, when an ephemeral port was asked for). */
  int port();

  /** The RSA public key clients must trust to create auth keys here. */
  RsaPublicKey publicKey();

  /**
   * The DC id each completed key exchange here named in {@code p_q_inner_data_dc}, in order; 0 for
   * an exchange that named none. Telegram asks for the id, plus 10000 on its test servers.
   */
  List<Integer> namedDcIds();

  /**
   * The DC field of the obfuscated init of each connection a key exchange completed on, in order:
   * what an MTProxy routes by (10000 + id for a test server); 0 where there was none.
   */
  List<Integer> initDcFields();

  /** How many auth-key exchanges completed here. */
  int exchanges();

  /** How many auth keys this data center knows. */
  int authKeys();

  /** The salt clients should use now. */
  long currentSalt();

  /**
   * Changes the salt at once (fault injection): clients then get {@code bad_server_salt} for
   * messages with a salt older than the previous one.
   */
  void rotateSalt();

  /** Client connections open now. */
  int connections();

  /**
   * Closes every client connection (fault injection: what a restarting server or a broken network
   * does). Auth keys and sessions survive, as on Telegram, so clients reconnect and resume.
   *
   * @return how many connections were closed
   */
  int dropConnections();

  /**
   * Sends {@code message} to every session that has an open connection, as Telegram pushes updates
   * (<a href="https://core.telegram.org/api/updates">updates</a>): on the connection that session
   * used last, at once.
   *
   * @return how many sessions it was queued for
   */
  int push(TlObject message);

  /**
   * Sends {@code message} to the sessions of auth key {@code authKeyId} that have an open
   * connection, as Telegram sends an account's updates to that account's clients only.
   *
   * @return how many sessions it was queued for (0 for a key this data center does not know)
   */
  int push(long authKeyId, TlObject message);

  /**
   * Encrypted messages received here whose body was a {@code msg_container}, whether or not the
   * session then accepted it: how much a client batches its requests.
   */
  int containersReceived();

  /**
   * How many {@code method} requests this data center executed, counted after {@code
   * invokeWithLayer}, {@code initConnection} and the other wrappers are unwrapped. A request a
   * {@link Faults fault} answered with an error or dropped before answering is not executed; a
   * delayed one is, on receipt. MTProto service messages ({@code ping}, {@code get_future_salts}...)
   * are not counted.
   */
  int executed(Class<? extends TlFunction<?>> method);

  /**
   * Marks auth key {@code authKeyId} as signed in as user {@code userId}, as a completed login
   * would: from then on its requests outside {@code help} and {@code auth} go to the {@link
   * Services} instead of getting 401 {@code AUTH_KEY_UNREGISTERED}.
   *
   * @throws IllegalArgumentException if this data center has no such key or the id is not positive
   */
  void authorize(long authKeyId, long userId);

  /** The user auth key {@code authKeyId} is signed in as, if it is. */
  OptionalLong userOf(long authKeyId);

  /** Successful {@code auth.exportAuthorization} calls made here. */
  int exportedAuthorizations();

  /** Successful {@code auth.importAuthorization} calls made here. */
  int importedAuthorizations();
}
