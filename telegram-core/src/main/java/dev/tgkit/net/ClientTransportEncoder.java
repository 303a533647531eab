package dev.tgkit.net;

import dev.tgkit.mtproto.transport.ClientEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;

/**
 * The outbound half of a client's <a
 * href="https://core.telegram.org/mtproto/mtproto-transports">MTProto transport</a>: frames each
 * MTProto payload written to the channel with the sans-IO {@link ClientEncoder} and passes the
 * frame bytes on towards the socket.
 *
 * <pre>
 *   write(payload)                         to the socket
 *   +---------------+                      +--------+-----+---------------+-----+
 *   | MTProto msg   |  ---- encode --->    | header | len | MTProto msg   | ... |
 *   +---------------+                      +--------+-----+---------------+-----+
 *                                           first frame only; everything after the
 *                                           first 56 bytes encrypted under obfuscation
 * </pre>
 *
 * <p>Accepts a {@link ByteBuf} (its readable bytes, released here), a {@code byte[]} (not
 * modified), or an {@link OutboundFrame} to ask for a quick ack. Anything else, or a payload the
 * framing cannot carry (empty, unaligned, a quick ack on the full transport), fails that write's
 * promise with an {@link IllegalArgumentException} and leaves the stream untouched.
 *
 * <p><b>Not {@code @Sharable}</b>, unlike the stateless encoders CONVENTIONS.md asks for: an
 * MTProto transport is stateful per connection. The connection header goes out once, before the
 * first frame; the obfuscation key stream (AES-256-CTR) advances with every byte; the full
 * transport numbers frames 0, 1, 2... So each channel needs its own instance, and frames must be
 * encoded in the order they are written, which Netty guarantees by calling {@link #write} on the
 * channel's event loop in order.
 */
public final class ClientTransportEncoder extends ChannelOutboundHandlerAdapter {

  private final ClientEncoder encoder;

  /** Wraps {@code encoder}, which must belong to this channel alone. */
  public ClientTransportEncoder(ClientEncoder encoder) {
    this.encoder = encoder;
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    byte[] frame;
    try {
      frame =
          switch (msg) {
            case ByteBuf buf -> {
              byte[] payload = ByteBufUtil.getBytes(buf);
              yield encoder.encode(payload, 0, payload.length, false);
            }
            case byte[] payload -> encoder.encode(payload, 0, payload.length, false);
            case OutboundFrame f -> {
              byte[] payload = f.payload().toByteArray();
              yield encoder.encode(payload, 0, payload.length, f.quickAck());
            }
            default ->
                throw new IllegalArgumentException(
                    "the MTProto transport writes ByteBuf, byte[] or OutboundFrame payloads, not "
                        + msg.getClass().getName());
          };
    } catch (RuntimeException e) {
      promise.setFailure(e);
      return;
    } finally {
      ReferenceCountUtil.release(msg);
    }
    ctx.write(Unpooled.wrappedBuffer(frame), promise);
  }
}
