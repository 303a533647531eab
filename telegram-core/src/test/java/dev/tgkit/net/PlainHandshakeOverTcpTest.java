package dev.tgkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.crypto.RsaPrivateKey;
import dev.tgkit.mtproto.MessageIds;
import dev.tgkit.mtproto.PlainMessages;
import dev.tgkit.mtproto.auth.ClientHandshake;
import dev.tgkit.mtproto.auth.ServerHandshake;
import dev.tgkit.mtproto.transport.Framing;
import dev.tgkit.mtproto.transport.Inbound;
import dev.tgkit.mtproto.transport.ServerDecoder;
import dev.tgkit.mtproto.transport.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The auth-key exchange over real TCP on loopback, with real event loops: the client started from a
 * thread outside the loop, as callers will, and a minimal server that drives the sans-IO server
 * side from its own Netty handler. Proves the handlers work with a socket's chunking, threads and
 * timers, not only with {@code EmbeddedChannel}.
 */
class PlainHandshakeOverTcpTest {

  static {
    NettyLeaks.install();
  }

  private static final RsaPrivateKey KEY = RsaPrivateKey.generate(new Random(20251124));
  private static final ServerHandshake SERVER = new ServerHandshake(KEY);
  private static final ClientHandshake.Options OPTIONS =
      ClientHandshake.Options.of(List.of(KEY.publicKey())).withDcId(1);

  private static EventLoopGroup group;

  @BeforeAll
  static void startLoops() {
    group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
  }

  @AfterAll
  static void stopLoops() throws InterruptedException {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    assertThat(NettyLeaks.collect()).isEmpty();
  }

  @Test
  void createsAKeyOverTcpWithEveryFramingObfuscatedOrNot() throws Exception {
    for (Transport transport :
        List.of(
            Transport.plain(Framing.ABRIDGED),
            Transport.plain(Framing.FULL),
            Transport.obfuscated(Framing.PADDED_INTERMEDIATE))) {
      List<ServerHandshake.Accepted> accepted = new ArrayList<>();
      Channel server = serve(() -> new AnsweringServer(accepted, true));
      try {
        Channel client = connect(server, transport);

        ClientHandshake.Done done =
            PlainHandshake.start(
                    client,
                    OPTIONS,
                    new SplittableRandom(1),
                    Clock.systemUTC(),
                    Duration.ofSeconds(20))
                .get(30, TimeUnit.SECONDS);

        assertThat(accepted)
            .singleElement()
            .satisfies(
                a -> {
                  assertThat(a.authKey()).isEqualTo(done.authKey());
                  assertThat(a.firstSalt()).isEqualTo(done.firstSalt());
                });
        assertThat(client.isActive()).isTrue();
        assertThat(client.pipeline().get(PlainHandshake.NAME)).isNull();
        client.close().syncUninterruptibly();
      } finally {
        server.close().syncUninterruptibly();
      }
    }
  }

  @Test
  void timesOutAgainstASilentServer() throws Exception {
    Channel server = serve(() -> new AnsweringServer(new ArrayList<>(), false));
    try {
      Channel client = connect(server, Transport.plain(Framing.INTERMEDIATE));

      CompletableFuture<ClientHandshake.Done> done =
          PlainHandshake.start(
              client, OPTIONS, new SplittableRandom(2), Clock.systemUTC(), Duration.ofMillis(300));

      assertThatThrownBy(() -> done.get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(ConnectionException.TimedOut.class);
      client.closeFuture().await(5, TimeUnit.SECONDS);
      assertThat(client.isOpen()).isFalse();
    } finally {
      server.close().syncUninterruptibly();
    }
  }

  @Test
  void failsWhenTheServerHangsUp() throws Exception {
    Channel server =
        serve(
            () ->
                new ChannelInboundHandlerAdapter() {
                  @Override
                  public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    ((ByteBuf) msg).release();
                    ctx.close();
                  }
                });
    try {
      Channel client = connect(server, Transport.plain(Framing.INTERMEDIATE));

      CompletableFuture<ClientHandshake.Done> done =
          PlainHandshake.start(
              client, OPTIONS, new SplittableRandom(3), Clock.systemUTC(), Duration.ofSeconds(20));

      assertThatThrownBy(() -> done.get(10, TimeUnit.SECONDS))
          .cause()
          .isInstanceOf(ConnectionException.Closed.class);
    } finally {
      server.close().syncUninterruptibly();
    }
  }

  /** The server's side of one connection: the sans-IO decoder and handshake in a Netty handler. */
  private static final class AnsweringServer extends ChannelInboundHandlerAdapter {
    private final List<ServerHandshake.Accepted> accepted;
    private final boolean answers;
    private final ServerDecoder decoder = Transport.detect(new SplittableRandom(7));
    private final MessageIds ids = new MessageIds(0);
    private final SplittableRandom random = new SplittableRandom(8);
    private ServerHandshake.@Nullable PqSent pqSent;
    private ServerHandshake.@Nullable DhParamsSent dhSent;

    AnsweringServer(List<ServerHandshake.Accepted> accepted, boolean answers) {
      this.accepted = accepted;
      this.answers = answers;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf buf = (ByteBuf) msg;
      List<Inbound.Frame> frames = new ArrayList<>();
      try {
        decoder.decode(buf.nioBuffer(), frames);
      } finally {
        buf.release();
      }
      if (!answers) {
        return;
      }
      for (Inbound.Frame frame : frames) {
        byte[] packet = frame.payload().toByteArray();
        int length = (int) LittleEndianInt.read(packet, 16);
        PlainMessages.Plain request =
            PlainMessages.unpack(Arrays.copyOf(packet, PlainMessages.HEADER + length));
        long now = System.currentTimeMillis();
        byte[] response;
        if (pqSent == null) {
          var reply = SERVER.answerReqPq(request.body(), random);
          pqSent = reply.next();
          response = reply.response();
        } else if (dhSent == null) {
          var reply = pqSent.answerReqDhParams(request.body(), random, (int) (now / 1000));
          dhSent = reply.next();
          response = reply.response();
        } else {
          var outcome = dhSent.answerSetClientDhParams(request.body(), id -> false);
          synchronized (accepted) {
            accepted.add((ServerHandshake.Accepted) outcome);
          }
          response = outcome.response();
        }
        byte[] out =
            decoder.encoder().encode(PlainMessages.pack(ids.nextServerAnswerId(now), response));
        ctx.writeAndFlush(Unpooled.wrappedBuffer(out));
      }
    }
  }

  /** Reads the little-endian int at an offset, unsigned. */
  private static final class LittleEndianInt {
    static long read(byte[] b, int at) {
      return (b[at] & 0xffL)
          | (b[at + 1] & 0xffL) << 8
          | (b[at + 2] & 0xffL) << 16
          | (b[at + 3] & 0xffL) << 24;
    }
  }

  private interface HandlerFactory {
    ChannelInboundHandlerAdapter create();
  }

  private static Channel serve(HandlerFactory handlers) throws InterruptedException {
    return new ServerBootstrap()
        .group(group)
        .channel(NioServerSocketChannel.class)
        .childHandler(
            new ChannelInitializer<>() {
              @Override
              protected void initChannel(Channel ch) {
                ch.pipeline().addLast(handlers.create());
              }
            })
        .bind(new InetSocketAddress("127.0.0.1", 0))
        .sync()
        .channel();
  }

  private static Channel connect(Channel server, Transport transport) throws InterruptedException {
    return new Bootstrap()
        .group(group)
        .channel(NioSocketChannel.class)
        .handler(
            ClientTransportHandlers.initializer(
                transport, new SplittableRandom(4), 0, Transport.DEFAULT_MAX_FRAME_LENGTH))
        .connect(server.localAddress())
        .sync()
        .channel();
  }
}
