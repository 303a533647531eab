/**
 * The TL runtime: how Telegram's Type Language is laid out in bytes.
 *
 * <p>Layer: lowest (depends on nothing of tgkit). {@link dev.tgkit.tl.TlReader} and {@link
 * dev.tgkit.tl.TlWriter} implement the binary serialization rules of <a
 * href="https://core.telegram.org/mtproto/serialize">core.telegram.org/mtproto/serialize</a>;
 * {@link dev.tgkit.tl.TlObject} and {@link dev.tgkit.tl.TlFunction} are what every generated
 * constructor and function implements. The few types TL cannot describe in a generatable way
 * ({@code gzip_packed}, {@code msg_container}, {@code rpc_result}, {@code msg_copy}, the bare
 * {@code vector} and {@code Bool}) are written by hand here. The generated API lives in
 * {@code dev.tgkit.tl.api..} (layer of {@code api.tl}) and {@code dev.tgkit.tl.mtproto}.
 *
 * <p>Sans-IO: bytes in, objects out; no sockets, threads or clocks.
 */
@NullMarked
package dev.tgkit.tl;

import org.jspecify.annotations.NullMarked;
