package dev.tgkit.net;

import dev.tgkit.mtproto.transport.ClientDecoder;
import dev.tgkit.mtproto.transport.Inbound;
import dev.tgkit.mtproto.transport.TransportException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbound half of a client's <a
 * href="https://core.telegram.org/mtproto/mtproto-transports">MTProto transport</a>: feeds every
 * {@link ByteBuf} the socket delivers to the sans-IO {@link ClientDecoder} and fires what it
 * completes, one {@link Inbound} item per {@code channelRead}, in stream order.
 *
 * <pre>
 *   from the socket, in any chunks               fired downstream
 *   +-----+---------+-----+--------+--------+    Inbound.Frame(payload)
 *   | len | payload | len | ack    | len|err|    Inbound.QuickAck(token)
 *   +-----+---------+-----+--------+--------+    Inbound.TransportError(code)
 * </pre>
 *
 * <p>Not a {@code ByteToMessageDecoder}: the sans-IO decoder consumes every byte it is offered and
 * keeps the one unfinished frame itself, checking the announced length against the maximum before
 * allocating it, so a cumulation buffer here would only copy the bytes twice. Each buffer is
 * released once read.
 *
 * <p>Bytes that are no valid frame raise a {@link TransportException}. Frames carry no markers to
 * resynchronise on, so the connection is over: the items completed before the fault are fired, then
 * the exception, then the channel is closed, with one WARN line naming the exception (never the
 * bytes). Whatever arrives before the close takes effect is dropped. A connection that ends inside
 * a frame fires {@link TransportException.Truncated} the same way.
 *
 * <p>Stateful like the decoder it wraps: one per channel, never {@code @Sharable}.
 */
public final class ClientTransportDecoder extends ChannelInboundHandlerAdapter {

  private static final Logger log = LoggerFactory.getLogger(ClientTransportDecoder.class);

  private final ClientDecoder decoder;
  private final List<Inbound> completed = new ArrayList<>();
  private boolean failed;

  /** Wraps {@code decoder}, which must belong to this channel alone. */
  public ClientTransportDecoder(ClientDecoder decoder) {
    this.decoder = decoder;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf buf)) {
      ctx.fireChannelRead(msg);
      return;
    }
    TransportException fault = null;
    try {
      if (failed) {
        return;
      }
      try {
        if (buf.nioBufferCount() == 1) {
          decoder.decode(buf.nioBuffer(), completed);
        } else {
          for (ByteBuffer part : buf.nioBuffers()) {
            decoder.decode(part, completed);
          }
        }
      } catch (TransportException e) {
        fault = e;
      }
    } finally {
      buf.release();
    }
    fireCompleted(ctx);
    if (fault != null) {
      fail(ctx, fault);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (!failed) {
      try {
        decoder.endOfStream();
      } catch (TransportException e) {
        fail(ctx, e);
      }
    }
    super.channelInactive(ctx);
  }

  private void fireCompleted(ChannelHandlerContext ctx) {
    if (completed.isEmpty()) {
      return;
    }
    // Copied first: a handler downstream may close the channel or read again re-entrantly.
    List<Inbound> items = List.copyOf(completed);
    completed.clear();
    for (Inbound item : items) {
      ctx.fireChannelRead(item);
    }
  }

  private void fail(ChannelHandlerContext ctx, TransportException e) {
    failed = true;
    log.warn("Closing {}: MTProto transport failure: {}", ctx.channel(), e.toString());
    ctx.fireExceptionCaught(e);
    ctx.close();
  }
}
