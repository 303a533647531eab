package dev.tgkit.test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.ArrayList;
import java.util.List;

/**
 * Records the ByteBuf leaks Netty's detector finds, so tests can assert there are none instead of
 * hoping someone reads the log. Netty creates its detectors once, when the buffer classes
 * initialise, so the recorder is named by the {@code io.netty.customResourceLeakDetector} system
 * property the module's surefire configuration sets: every test class in the fork is covered,
 * whichever loaded Netty first.
 */
public final class NettyLeaks {

  private static final List<String> LEAKS = new ArrayList<>();
  private static volatile boolean recording;

  /** The detector Netty instantiates by name; public because Netty calls it reflectively. */
  public static final class Recorder<T> extends ResourceLeakDetector<T> {

    public Recorder(Class<?> resourceType, int samplingInterval) {
      super(resourceType, samplingInterval);
      recording = true;
    }

    /** The constructor Netty looks for first; without it, it logs an error and takes the other. */
    @SuppressWarnings("deprecation")
    public Recorder(Class<?> resourceType, int samplingInterval, long maxActive) {
      super(resourceType, samplingInterval, maxActive);
      recording = true;
    }

    @Override
    protected void reportTracedLeak(String resourceType, String records) {
      record(resourceType + records);
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
      record(resourceType);
    }
  }

  private NettyLeaks() {}

  /** Checks that the recorder is configured (the surefire configuration sets it). */
  public static void install() {
    if (!Recorder.class.getName().equals(System.getProperty("io.netty.customResourceLeakDetector"))) {
      throw new IllegalStateException(
          "run with -Dio.netty.customResourceLeakDetector=" + Recorder.class.getName());
    }
  }

  private static synchronized void record(String leak) {
    LEAKS.add(leak);
  }

  /**
   * Lets the garbage collector find unreleased buffers, makes the detector look (it only looks when
   * a new buffer is tracked) and returns what it found.
   */
  public static synchronized List<String> collect() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(20);
      ByteBuf probe = PooledByteBufAllocator.DEFAULT.directBuffer(1);
      probe.release();
    }
    if (!recording) {
      throw new IllegalStateException("Netty never created the recording leak detector");
    }
    List<String> found = List.copyOf(LEAKS);
    LEAKS.clear();
    return found;
  }
}
