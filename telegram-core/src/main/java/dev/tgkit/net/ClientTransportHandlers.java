package dev.tgkit.net;

import dev.tgkit.mtproto.transport.ClientCodec;
import dev.tgkit.mtproto.transport.Transport;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import java.util.random.RandomGenerator;

/**
 * Installs a client's <a href="https://core.telegram.org/mtproto/mtproto-transports">MTProto
 * transport</a> into a Netty channel pipeline: a {@link ClientTransportDecoder} and a {@link
 * ClientTransportEncoder} made from one fresh {@link ClientCodec}, so that the pipeline's other
 * handlers write MTProto payloads and read {@link dev.tgkit.mtproto.transport.Inbound} items.
 *
 * <pre>
 *   socket  &lt;--&gt;  [ DECODER_NAME | ENCODER_NAME ]  &lt;--&gt;  MTProto payloads / Inbound items
 * </pre>
 *
 * <p>Every connection needs new handlers: the codec's state (connection header, obfuscation key
 * stream, sequence numbers) belongs to one byte stream, and a reconnect starts a new one with a new
 * obfuscated init.
 */
public final class ClientTransportHandlers {

  /** Pipeline name of the {@link ClientTransportDecoder}. */
  public static final String DECODER_NAME = "tgkit.transport.decoder";

  /** Pipeline name of the {@link ClientTransportEncoder}. */
  public static final String ENCODER_NAME = "tgkit.transport.encoder";

  private ClientTransportHandlers() {}

  /**
   * Adds the transport's decoder and encoder at the end of {@code pipeline}, so handlers added
   * after them see payloads and items, not frame bytes.
   *
   * @param random source of the obfuscated init and of padded intermediate's padding: a
   *     cryptographically strong generator (a {@code SecureRandom}) outside tests; it is used on
   *     the channel's event loop
   * @param dcField what an obfuscated init carries for an MTProxy to route by (the DC id, negative
   *     for media DCs, see {@link dev.tgkit.mtproto.transport.Obfuscation#dcField}); 0 for none
   * @param maxFrameLength longest frame accepted from the server, in bytes; {@link
   *     Transport#DEFAULT_MAX_FRAME_LENGTH} suits Telegram
   * @throws IllegalArgumentException if {@code maxFrameLength} or {@code dcField} is out of range
   */
  public static void install(
      ChannelPipeline pipeline,
      Transport transport,
      RandomGenerator random,
      int dcField,
      int maxFrameLength) {
    ClientCodec codec = transport.client(random, dcField, maxFrameLength);
    pipeline.addLast(DECODER_NAME, new ClientTransportDecoder(codec.decoder()));
    pipeline.addLast(ENCODER_NAME, new ClientTransportEncoder(codec.encoder()));
  }

  /**
   * A channel initializer for a {@code Bootstrap} that {@linkplain #install installs} the transport
   * in each new channel. The initializer itself is shareable; every channel gets its own codec.
   * Channels may run on different event loops, so {@code random} must be safe to use from several
   * threads, as {@code SecureRandom} is.
   *
   * @throws IllegalArgumentException if {@code maxFrameLength} or {@code dcField} is out of range
   */
  public static ChannelInitializer<Channel> initializer(
      Transport transport, RandomGenerator random, int dcField, int maxFrameLength) {
    // Fail on bad arguments now, not later on an event loop when a connection opens. Checked by
    // hand: making a codec here would draw an obfuscated init for nothing.
    if (maxFrameLength < Transport.MIN_MAX_FRAME_LENGTH
        || maxFrameLength > Transport.MAX_MAX_FRAME_LENGTH) {
      throw new IllegalArgumentException(
          "the maximum frame length must be in ["
              + Transport.MIN_MAX_FRAME_LENGTH
              + ", "
              + Transport.MAX_MAX_FRAME_LENGTH
              + "], got "
              + maxFrameLength);
    }
    if (dcField < Short.MIN_VALUE || dcField > Short.MAX_VALUE) {
      throw new IllegalArgumentException("the DC field is a 16-bit value, got " + dcField);
    }
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(Channel ch) {
        install(ch.pipeline(), transport, random, dcField, maxFrameLength);
      }
    };
  }
}
