/**
 * Creating an authorization key: the Diffie-Hellman exchange of <a
 * href="https://core.telegram.org/mtproto/auth_key">core.telegram.org/mtproto/auth_key</a>, for the
 * client ({@link dev.tgkit.mtproto.auth.ClientHandshake}) and for a server ({@link
 * dev.tgkit.mtproto.auth.ServerHandshake}, which the embedded Telegram drives).
 *
 * <p>Layer: {@code mtproto} (sans-IO); uses {@code tl} (the generated {@code dev.tgkit.tl.mtproto}
 * constructors) and {@code crypto}. Each step is a pure function: the previous message's TL body,
 * randomness (bytes, or a {@link java.util.random.RandomGenerator} that the convenience overloads
 * draw from) and the time (unixtime seconds) in; the next message's TL body and the next state out.
 * The plain-message envelope ({@code auth_key_id = 0}, {@code msg_id}, length) and the transport
 * framing belong to other layers, so the same steps replay recorded exchanges byte for byte.
 *
 * <p>Every check the specification and the <a
 * href="https://core.telegram.org/mtproto/security_guidelines">security guidelines</a> ask for
 * fails with a {@link dev.tgkit.mtproto.auth.HandshakeException} whose {@link
 * dev.tgkit.mtproto.auth.HandshakeException.Failure} says which check it was.
 */
@NullMarked
package dev.tgkit.mtproto.auth;

import org.jspecify.annotations.NullMarked;
