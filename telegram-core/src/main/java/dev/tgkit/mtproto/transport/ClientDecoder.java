package dev.tgkit.mtproto.transport;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Takes what a server sends off the byte stream: {@link Inbound.Frame}s (MTProto payloads), {@link
 * Inbound.QuickAck}s and {@link Inbound.TransportError}s, decrypting first under obfuscation.
 * Servers send no connection header, so the first byte already belongs to a frame.
 *
 * <p>Offer it bytes in whatever chunks they arrive; it consumes every byte, keeps at most one
 * unfinished frame (never more than the maximum frame length plus its header), and emits items in
 * stream order once they are whole. Lengths are checked before the payload is allocated. After a
 * {@link TransportException} the stream cannot be resynchronised: the decoder refuses further input
 * and the connection must be dropped.
 *
 * <p>Stateful; one per connection, used from one thread at a time.
 */
public final class ClientDecoder {

  private final FrameReader reader;
  private @Nullable TransportException failure;

  ClientDecoder(FrameReader reader) {
    this.reader = reader;
  }

  /**
   * Consumes every remaining byte of {@code in} and appends each item completed by them to {@code
   * out}, in order. Nothing is appended for a partial frame; it completes on a later call.
   *
   * @throws TransportException if the bytes are not a valid frame; items completed before the fault
   *     are in {@code out}
   * @throws IllegalStateException if an earlier call failed
   */
  public void decode(ByteBuffer in, List<? super Inbound> out) {
    if (failure != null) {
      throw new IllegalStateException(
          "the stream failed earlier: " + failure.getMessage(), failure);
    }
    try {
      reader.read(in, out);
    } catch (TransportException e) {
      failure = e;
      throw e;
    }
  }

  /** Consumes all of {@code bytes} and returns the items they completed. */
  public List<Inbound> decode(byte[] bytes) {
    List<Inbound> out = new ArrayList<>();
    decode(ByteBuffer.wrap(bytes), out);
    return out;
  }

  /**
   * Tells the decoder the connection was closed.
   *
   * @throws TransportException.Truncated if the stream ended inside a frame
   */
  public void endOfStream() {
    int buffered = reader.buffered();
    if (failure == null && buffered > 0) {
      failure = new TransportException.Truncated(buffered);
      throw failure;
    }
  }

  /** Bytes of an unfinished frame held, header included; 0 between frames. */
  public int buffered() {
    return reader.buffered();
  }
}
