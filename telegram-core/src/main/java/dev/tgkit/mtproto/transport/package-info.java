/**
 * MTProto transport framing, <a href="https://core.telegram.org/mtproto/mtproto-transports">
 * core.telegram.org/mtproto/mtproto-transports</a>: how MTProto payloads are cut into frames on a
 * byte stream (abridged, intermediate, padded intermediate, full), and the obfuscation layer that
 * hides them under AES-256-CTR (with or without an MTProxy secret).
 *
 * <p>Both sides are here: a client's {@link dev.tgkit.mtproto.transport.ClientCodec}, and a
 * server's {@link dev.tgkit.mtproto.transport.ServerDecoder} that recognises which transport a new
 * connection speaks from its first bytes and then hands out the matching {@link
 * dev.tgkit.mtproto.transport.ServerEncoder}. {@link dev.tgkit.mtproto.transport.Transport} is the
 * closed family of transports a connection can use.
 *
 * <p>Layer: {@code mtproto}, below the encrypted message layer and above {@code crypto}. Sans-IO:
 * decoders are offered bytes in whatever chunks the network delivers and give back complete frames;
 * encoders turn a payload into the bytes to write. Randomness (obfuscation init, padding) is passed
 * in as a {@link java.util.random.RandomGenerator}; nothing here opens sockets, spawns threads or
 * reads clocks. The Netty handlers in {@code dev.tgkit.net} only add IO around these.
 */
@NullMarked
package dev.tgkit.mtproto.transport;

import org.jspecify.annotations.NullMarked;
