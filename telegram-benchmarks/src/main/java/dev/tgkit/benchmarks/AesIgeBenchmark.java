package dev.tgkit.benchmarks;

import dev.tgkit.crypto.AesIge;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * AES-256-IGE in place, as the encrypted layer uses it. Throughput in MB/s is ops/s times the
 * size; compare with {@code openssl speed -evp aes-256-cbc} (CBC has IGE's serial dependency).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AesIgeBenchmark {

  @Param({"1024", "524288"})
  int size;

  private AesIge aes;
  private byte[] iv;
  private byte[] data;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(1);
    byte[] key = new byte[32];
    random.nextBytes(key);
    iv = new byte[32];
    random.nextBytes(iv);
    data = new byte[size];
    random.nextBytes(data);
    aes = new AesIge(key);
  }

  @Benchmark
  public byte[] encrypt() {
    aes.encrypt(iv, data, 0, data.length);
    return data;
  }

  @Benchmark
  public byte[] decrypt() {
    aes.decrypt(iv, data, 0, data.length);
    return data;
  }
}
