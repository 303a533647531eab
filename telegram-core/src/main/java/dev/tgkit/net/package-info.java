/**
 * The network layer: Netty channels that carry MTProto to Telegram's data centers.
 *
 * <p>Layer: {@code net}, the only layer of tgkit that does IO. It may use Netty and {@code
 * java.util.concurrent}, and builds on {@code mtproto}, {@code crypto} and {@code tl}; only {@code
 * client} uses it. Every protocol decision stays in the sans-IO layers below: the handlers here
 * only move bytes between a socket and the sans-IO codecs, so that what the protocol does can be
 * tested byte for byte without a network. See <a
 * href="https://core.telegram.org/mtproto/mtproto-transports">MTProto transports</a> for the wire
 * formats the codecs implement.
 *
 * <p>{@link dev.tgkit.net.ClientTransportHandlers} installs a client's transport into a channel
 * pipeline: {@link dev.tgkit.net.ClientTransportEncoder} frames outgoing payloads and {@link
 * dev.tgkit.net.ClientTransportDecoder} turns the server's bytes into {@link
 * dev.tgkit.mtproto.transport.Inbound} items. {@link dev.tgkit.net.PlainHandshake} then runs the
 * auth-key exchange over such a channel and removes itself. {@link
 * dev.tgkit.net.ConnectionException} is the family of connection-level failures (closed, transport
 * error, timed out).
 *
 * <p>{@link dev.tgkit.net.Dialer} opens every client connection, directly or through a {@link
 * dev.tgkit.net.Proxy} (SOCKS5, HTTP CONNECT or MTProxy).
 */
@NullMarked
package dev.tgkit.net;

import org.jspecify.annotations.NullMarked;
