package dev.tgkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.crypto.AuthKey;
import dev.tgkit.crypto.Direction;
import dev.tgkit.mtproto.ClientSession;
import dev.tgkit.mtproto.EncryptedMessages;
import dev.tgkit.mtproto.RpcError;
import dev.tgkit.mtproto.ServerSession;
import dev.tgkit.mtproto.transport.Framing;
import dev.tgkit.mtproto.transport.Inbound;
import dev.tgkit.mtproto.transport.ServerDecoder;
import dev.tgkit.mtproto.transport.Transport;
import dev.tgkit.tl.Bytes;
import dev.tgkit.tl.MsgContainer;
import dev.tgkit.tl.TlObject;
import dev.tgkit.tl.TlReader;
import dev.tgkit.tl.api.UpdatesTooLong;
import dev.tgkit.tl.api.messages.DhConfig;
import dev.tgkit.tl.api.messages.DhConfigNotModified;
import dev.tgkit.tl.api.messages.GetDhConfig;
import dev.tgkit.tl.mtproto.PingDelayDisconnect;
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
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sender over real TCP against a server made of the sans-IO server pieces ({@link
 * ServerSession}, the transport's server side), with an auth key both already hold.
 */
class SenderOverTcpTest {

  private static final long SALT = 0x55AA55AA55AA55AAL;
  private static EventLoopGroup group;
  private static AuthKey key;

  private final AtomicInteger containers = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger pings = new AtomicInteger();
  private volatile int lastDisconnectDelay;
  /** Read and ignore everything, as a dead peer behind a live TCP connection would. */
  private volatile boolean silent;
  private final Map<Long, ServerSession> sessions = new ConcurrentHashMap<>();
  private final List<Channel> serverConnections = new CopyOnWriteArrayList<>();
  /** Close the connection (without answering) once this many requests arrived, once; 0 = never. */
  private volatile int dropAfter;
  private Channel server;

  @BeforeAll
  static void start() {
    NettyLeaks.install(); // before any buffer exists, so every leak is recorded
    group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    byte[] k = new byte[256];
    new Random(3).nextBytes(k);
    key = AuthKey.of(k);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    assertThat(NettyLeaks.collect()).isEmpty();
  }

  @BeforeEach
  void serve() throws InterruptedException {
    server = new ServerBootstrap()
        .group(group)
        .channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<>() {
          @Override
          protected void initChannel(Channel ch) {
            serverConnections.add(ch);
            ch.pipeline().addLast(new Answering());
          }
        })
        .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
  }

  @AfterEach
  void close() {
    server.close().syncUninterruptibly();
    serverConnections.forEach(Channel::close);
  }

  private Sender newSender(List<TlObject> updates) {
    ClientSession session = new ClientSession(key, SALT, 0, false, ClientSession.Limits.DEFAULT, new SplittableRandom(9));
    return new Sender(session, Clock.systemUTC(), updates::add);
  }

  private Channel connect() throws InterruptedException {
    return new Bootstrap()
        .group(group)
        .channel(NioSocketChannel.class)
        .handler(ClientTransportHandlers.initializer(
            Transport.plain(Framing.INTERMEDIATE), new SplittableRandom(4), 0, Transport.DEFAULT_MAX_FRAME_LENGTH))
        .connect(server.localAddress()).sync().channel();
  }

  private static int version(DhConfig answer) {
    return ((DhConfigNotModified) answer).random().get(0) & 0xFF | (((DhConfigNotModified) answer).random().get(1) & 0xFF) << 8;
  }

  @Test
  void tenThousandConcurrentRequestsFromAHundredThreadsEachGetTheirOwnAnswerInContainers() throws Exception {
    Sender sender = newSender(new ArrayList<>());
    sender.attach(connect());
    record Call(int version, CompletableFuture<DhConfig> answer) {}
    List<Call> calls = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(100);
    for (int t = 0; t < 100; t++) {
      int thread = t;
      Thread.ofVirtual().start(() -> {
        for (int i = 0; i < 100; i++) {
          int v = thread * 100 + i;
          calls.add(new Call(v, sender.invokeAsync(new GetDhConfig(v, 0))));
        }
        done.countDown();
      });
    }
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();

    CompletableFuture.allOf(calls.stream().map(Call::answer).toArray(CompletableFuture[]::new))
        .get(30, TimeUnit.SECONDS);

    assertThat(calls).hasSize(10_000);
    for (Call call : calls) {
      assertThat(version(call.answer().join())).isEqualTo(call.version());
    }
    assertThat(requests.get()).isEqualTo(10_000);
    assertThat(containers.get()).isPositive().isLessThan(10_000);
    assertThat(sender.pendingRequests()).isZero();
    sender.close();
  }

  @Test
  void anRpcErrorFailsOnlyItsRequestAsTheMatchingClass() throws Exception {
    Sender sender = newSender(new ArrayList<>());
    sender.attach(connect());
    CompletableFuture<DhConfig> fine = sender.invokeAsync(new GetDhConfig(1, 0));
    CompletableFuture<DhConfig> flooded = sender.invokeAsync(new GetDhConfig(0xFFFF, 0));

    assertThat(version(fine.get(10, TimeUnit.SECONDS))).isEqualTo(1);
    assertThatThrownBy(() -> flooded.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(RpcError.Flood.class, e -> assertThat(e.seconds()).isEqualTo(7));
    sender.close();
  }

  private int serverPort() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  @Test
  void requestsInFlightWhenTheConnectionDropsAreAnsweredOnceOnTheNextConnection() throws Exception {
    dropAfter = 500;
    Sender sender = newSender(new ArrayList<>());
    Channel first = connect();
    sender.attach(first);
    List<CompletableFuture<DhConfig>> futures = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      futures.add(sender.invokeAsync(new GetDhConfig(i, 0)));
    }
    assertThat(first.closeFuture().await(10, TimeUnit.SECONDS)).isTrue();
    long unanswered = futures.stream().filter(f -> !f.isDone()).count();
    assertThat(unanswered).isGreaterThanOrEqualTo(500); // the server answered none from the 500th on

    dropAfter = 0;
    sender.attach(connect());

    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    for (int i = 0; i < futures.size(); i++) {
      assertThat(version(futures.get(i).join())).isEqualTo(i);
    }
    assertThat(sender.pendingRequests()).isZero();
    sender.close();
  }

  @Test
  void aConnectionReconnectsByItselfAndEveryRequestIsAnsweredOnce() throws Exception {
    dropAfter = 300;
    Sender sender = newSender(new ArrayList<>());
    Connection connection = new Connection(sender,
        new Dialer(group, Transport.plain(Framing.ABRIDGED), java.time.Duration.ofSeconds(5), new SplittableRandom(11)),
        1, "127.0.0.1", serverPort(),
        new Backoff(java.time.Duration.ofMillis(20), java.time.Duration.ofMillis(200), 2.0, 0.2),
        new SplittableRandom(12));
    connection.start();
    List<CompletableFuture<DhConfig>> futures = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      futures.add(sender.invokeAsync(new GetDhConfig(i, 0)));
    }

    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

    for (int i = 0; i < futures.size(); i++) {
      assertThat(version(futures.get(i).join())).isEqualTo(i);
    }
    assertThat(connection.connects()).isEqualTo(2);
    connection.stop();
    sender.close();
  }

  @Test
  void pingsKeepAnIdleConnectionAndAskTheServerToDropItIfWeFallSilent() throws Exception {
    ClientSession session = new ClientSession(key, SALT, 0, false, ClientSession.Limits.DEFAULT, new SplittableRandom(9));
    Sender sender = new Sender(session, Clock.systemUTC(), u -> { }, java.time.Duration.ofMillis(100));
    Channel ch = connect();
    sender.attach(ch);

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (pings.get() < 5 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }

    assertThat(pings.get()).isGreaterThanOrEqualTo(5);
    assertThat(lastDisconnectDelay).isEqualTo(2); // 100 ms + at least 1 s of slack, rounded up
    assertThat(ch.isActive()).isTrue();
    assertThat(sender.pendingRequests()).isZero(); // pings are the sender's own, not callers'
    sender.close();
  }

  @Test
  void aConnectionThatFallsSilentIsTakenForDeadAndReplaced() throws Exception {
    silent = true;
    ClientSession session = new ClientSession(key, SALT, 0, false, ClientSession.Limits.DEFAULT, new SplittableRandom(9));
    Sender sender = new Sender(session, Clock.systemUTC(), u -> { }, java.time.Duration.ofMillis(100));
    Connection connection = new Connection(sender,
        new Dialer(group, Transport.plain(Framing.INTERMEDIATE), java.time.Duration.ofSeconds(5), new SplittableRandom(14)),
        1, "127.0.0.1", serverPort(),
        new Backoff(java.time.Duration.ofMillis(20), java.time.Duration.ofMillis(100), 2.0, 0.2),
        new SplittableRandom(13));
    connection.start();
    CompletableFuture<DhConfig> answer = sender.invokeAsync(new GetDhConfig(42, 0));

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (connection.connects() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(connection.connects()).isGreaterThanOrEqualTo(2);
    assertThat(answer).isNotDone();
    // The peer recovers as a restarted server would: its old connections go away.
    silent = false;
    serverConnections.forEach(Channel::close);

    assertThat(version(answer.get(10, TimeUnit.SECONDS))).isEqualTo(42);
    connection.stop();
    sender.close();
  }

  @Test
  void pushedUpdatesReachTheConsumer() throws Exception {
    List<TlObject> updates = new CopyOnWriteArrayList<>();
    Sender sender = newSender(updates);
    sender.attach(connect());
    sender.invokeAsync(new GetDhConfig(0xFFFE, 0)).get(10, TimeUnit.SECONDS); // the server pushes an update with it

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (updates.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(updates).containsExactly(new UpdatesTooLong());
    sender.close();
  }

  @Test
  void closingFailsWhatIsStillPending() {
    Sender sender = newSender(new ArrayList<>()); // never attached: requests wait in the queue
    CompletableFuture<DhConfig> waiting = sender.invokeAsync(new GetDhConfig(1, 0));

    sender.close();

    assertThat(waiting).isCompletedExceptionally();
    assertThatThrownBy(waiting::join).hasCauseInstanceOf(ConnectionException.Closed.class);
    assertThat(sender.invokeAsync(new GetDhConfig(2, 0))).isCompletedExceptionally();
  }

  /** Telegram's side, reduced to the sans-IO server pieces and a GetDhConfig service. */
  private final class Answering extends ChannelInboundHandlerAdapter {
    private final ServerDecoder decoder = Transport.detect(new SplittableRandom(8));
    private final List<Inbound.Frame> frames = new ArrayList<>();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf buf = (ByteBuf) msg;
      try {
        ByteBuffer nio = ByteBuffer.allocate(buf.readableBytes());
        buf.readBytes(nio);
        nio.flip();
        decoder.decode(nio, frames);
      } finally {
        buf.release();
      }
      for (Inbound.Frame frame : frames) {
        handle(ctx, frame.payload().toByteArray());
      }
      frames.clear();
    }

    private void handle(ChannelHandlerContext ctx, byte[] packet) {
      if (silent) {
        return;
      }
      long now = System.currentTimeMillis();
      EncryptedMessages.Decrypted m = EncryptedMessages.unpack(key, Direction.CLIENT_TO_SERVER, packet);
      ServerSession session = sessions.computeIfAbsent(m.sessionId(), id -> new ServerSession(key, id, new SplittableRandom(id)));
      if (m.body().peekInt() == MsgContainer.CONSTRUCTOR_ID) {
        containers.incrementAndGet();
      }
      for (ServerSession.ClientMessage request : session.unpack(m, m.salt() == SALT, SALT, now)) {
        TlReader r = request.reader();
        int constructor = r.readInt();
        if (constructor == PingDelayDisconnect.CONSTRUCTOR_ID) {
          pings.incrementAndGet();
          lastDisconnectDelay = PingDelayDisconnect.readBare(r).disconnectDelay();
        }
        if (constructor != GetDhConfig.CONSTRUCTOR_ID) {
          continue;
        }
        int count = requests.incrementAndGet();
        if (dropAfter > 0 && count >= dropAfter) {
          dropAfter = 0;
          ctx.close();
          return;
        }
        int version = GetDhConfig.readBare(r).version();
        if (version == 0xFFFF) {
          session.answerError(request.msgId(), 420, "FLOOD_WAIT_7");
          continue;
        }
        if (version == 0xFFFE) {
          session.push(new UpdatesTooLong());
        }
        session.answer(request.msgId(), new DhConfigNotModified(Bytes.of((byte) version, (byte) (version >> 8))));
      }
      byte[] reply;
      while ((reply = session.pack(SALT, now)) != null) {
        ctx.writeAndFlush(Unpooled.wrappedBuffer(decoder.encoder().encode(reply)));
      }
    }
  }
}
