/**
 * MTProto 2.0 without IO: plain and encrypted messages, message ids and sequence numbers, and
 * the session state machines of both sides ({@link dev.tgkit.mtproto.ClientSession}, {@link
 * dev.tgkit.mtproto.ServerSession}) that pack requests into containers, check every incoming
 * message as the <a href="https://core.telegram.org/mtproto/security_guidelines">security
 * guidelines</a> demand, and turn service messages into typed results.
 *
 * <p>Layer: above {@code tl} and {@code crypto}, below {@code net}. Sans-IO: bytes, time (as
 * milliseconds since the epoch) and randomness come in as arguments; bytes and results go out.
 * The transports are in {@code dev.tgkit.mtproto.transport}, the auth-key exchange in {@code
 * dev.tgkit.mtproto.auth}.
 */
@NullMarked
package dev.tgkit.mtproto;

import org.jspecify.annotations.NullMarked;
