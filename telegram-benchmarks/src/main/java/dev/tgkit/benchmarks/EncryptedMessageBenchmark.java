package dev.tgkit.benchmarks;

import dev.tgkit.crypto.AuthKey;
import dev.tgkit.crypto.Direction;
import dev.tgkit.mtproto.EncryptedMessages;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One 512 KiB message (a file part) through the encrypted layer: header, padding, msg_key
 * (SHA-256), key derivation and AES-IGE. {@code unpack} decrypts in place, so each op first
 * copies the packet (a 512 KiB arraycopy, small beside the cipher).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EncryptedMessageBenchmark {

  private static final int SIZE = 512 * 1024;

  private AuthKey key;
  private byte[] body;
  private byte[] packet;
  private byte[] scratch;
  private SplittableRandom random;

  @Setup
  public void setUp() {
    random = new SplittableRandom(1);
    byte[] k = new byte[256];
    random.nextBytes(k);
    key = AuthKey.of(k);
    body = new byte[SIZE];
    random.nextBytes(body);
    packet = EncryptedMessages.pack(key, Direction.SERVER_TO_CLIENT, 1, 2, 0x51e7a71100000001L, 1, body, random);
    scratch = new byte[packet.length];
  }

  @Benchmark
  public byte[] encryptAndPack() {
    return EncryptedMessages.pack(key, Direction.CLIENT_TO_SERVER, 1, 2, 0x51e7a71100000004L, 1, body, random);
  }

  @Benchmark
  public int unpackAndDecrypt() {
    System.arraycopy(packet, 0, scratch, 0, packet.length);
    return EncryptedMessages.unpack(key, Direction.SERVER_TO_CLIENT, scratch).bodyLength();
  }
}
