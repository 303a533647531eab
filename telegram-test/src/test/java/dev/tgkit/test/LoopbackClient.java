package dev.tgkit.test;

import dev.tgkit.crypto.RsaPublicKey;
import dev.tgkit.mtproto.ClientSession;
import dev.tgkit.mtproto.Incoming;
import dev.tgkit.mtproto.MessageIds;
import dev.tgkit.mtproto.PlainMessages;
import dev.tgkit.mtproto.auth.ClientHandshake;
import dev.tgkit.mtproto.transport.ClientCodec;
import dev.tgkit.mtproto.transport.Framing;
import dev.tgkit.mtproto.transport.Inbound;
import dev.tgkit.mtproto.transport.Transport;
import dev.tgkit.test.internal.server.Outcome;
import dev.tgkit.tl.Bytes;
import dev.tgkit.tl.TlObject;
import dev.tgkit.tl.TlReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A blocking MTProto client over a plain {@link Socket}, made of the sans-IO client pieces of
 * telegram-core: the transport codec, {@link ClientHandshake} and {@link ClientSession}. It stands
 * in for the Netty sender so the server can be tested over real TCP on its own.
 */
final class LoopbackClient implements AutoCloseable {

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final ClientCodec codec;
  private final SplittableRandom random;
  private final MessageIds plainIds = new MessageIds(0);
  private final ArrayDeque<Inbound> received = new ArrayDeque<>();

  LoopbackClient(TestDataCenter dc, Transport transport, long seed) throws IOException {
    this.random = new SplittableRandom(seed);
    this.socket = new Socket(dc.host(), dc.port());
    socket.setSoTimeout(10_000);
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
    this.codec = transport.client(random);
  }

  /** Runs the auth-key exchange against the server's keys. */
  ClientHandshake.Done createAuthKey(List<RsaPublicKey> trusted) throws IOException {
    ClientHandshake.Options options = ClientHandshake.Options.of(trusted);
    var step1 = ClientHandshake.step1(options, random);
    var step2 = step1.next().step2(plainRoundTrip(step1.request()), random);
    var step3 = step2.next().step3(plainRoundTrip(step2.request()), random, nowSeconds());
    while (true) {
      ClientHandshake.Outcome outcome = step3.next().step4(plainRoundTrip(step3.request()));
      switch (outcome) {
        case ClientHandshake.Done done -> {
          return done;
        }
        case ClientHandshake.Retry retry -> step3 = retry.next().step3(random);
      }
    }
  }

  /** A new session on {@code done}'s key, as a second connection of the same client would open. */
  ClientSession session(ClientHandshake.Done done) {
    return new ClientSession(
        done.authKey(),
        done.firstSalt(),
        done.timeOffset() * 1000L,
        true,
        ClientSession.Limits.DEFAULT,
        new SplittableRandom(random.nextLong()));
  }

  /**
   * Sends {@code request} and returns its answer (an {@link Incoming.Answer} or {@link
   * Incoming.RpcErrorAnswer}), letting the session absorb service messages on the way.
   */
  Incoming invoke(ClientSession session, TlObject request) throws IOException {
    return invoke(session, request, new ArrayList<>());
  }

  /** Like {@link #invoke(ClientSession, TlObject)}, adding to {@code seen} all it unpacked, in order. */
  Incoming invoke(ClientSession session, TlObject request, List<Incoming> seen) throws IOException {
    long requestId = session.enqueue(request);
    while (true) {
      while (session.hasPending()) {
        byte[] packet = session.pack(System.currentTimeMillis());
        if (packet == null) {
          break;
        }
        send(packet);
      }
      Inbound inbound = read();
      if (!(inbound instanceof Inbound.Frame frame)) {
        throw new IOException("expected an encrypted message, got " + inbound);
      }
      for (Incoming incoming :
          session.unpack(frame.payload().toByteArray(), System.currentTimeMillis())) {
        seen.add(incoming);
        if (incoming instanceof Incoming.Answer a && a.requestId() == requestId) {
          return a;
        }
        if (incoming instanceof Incoming.RpcErrorAnswer e && e.requestId() == requestId) {
          return e;
        }
        if (incoming instanceof Incoming.Failed f && f.requestId() == requestId) {
          throw new IOException("request failed: " + f.reason());
        }
      }
    }
  }

  /** Writes raw bytes, bypassing the codec, to test what the server does with garbage. */
  void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** Writes one frame in the connection's transport. */
  void send(byte[] payload) throws IOException {
    out.write(codec.encoder().encode(payload));
    out.flush();
  }

  /** The next item from the server. */
  Inbound read() throws IOException {
    byte[] chunk = new byte[16 * 1024];
    while (received.isEmpty()) {
      int n = in.read(chunk);
      if (n < 0) {
        throw new EOFException("the server closed the connection");
      }
      for (Inbound item : codec.decoder().decode(Arrays.copyOf(chunk, n))) {
        received.add(item instanceof Inbound.Frame f ? withoutPadding(f) : item);
      }
    }
    return received.removeFirst();
  }

  /** Whether the server closed the connection (reads until end of stream or the timeout). */
  boolean closedByServer() throws IOException {
    try {
      while (true) {
        read();
      }
    } catch (EOFException | SocketException e) {
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    }
  }

  private byte[] plainRoundTrip(byte[] body) throws IOException {
    send(PlainMessages.pack(plainIds.nextClientId(System.currentTimeMillis()), body));
    Inbound inbound = read();
    if (!(inbound instanceof Inbound.Frame frame)) {
      throw new IOException("expected a plain message, got " + inbound);
    }
    return PlainMessages.unpack(frame.payload().toByteArray()).body();
  }

  /** Padded intermediate appends 0..15 random bytes that only the message itself delimits. */
  private Inbound.Frame withoutPadding(Inbound.Frame frame) {
    if (codec.encoder().framing() != Framing.PADDED_INTERMEDIATE) {
      return frame;
    }
    byte[] p = frame.payload().toByteArray();
    int whole;
    if (p.length >= PlainMessages.HEADER && new TlReader(p, 0, 8).readLong() == 0) {
      whole = PlainMessages.HEADER + new TlReader(p, 16, 4).readInt();
    } else {
      whole = p.length - (p.length - 24) % 16;
    }
    return new Inbound.Frame(Bytes.wrap(Arrays.copyOf(p, whole)), false);
  }

  private static int nowSeconds() {
    return (int) (System.currentTimeMillis() / 1000);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
