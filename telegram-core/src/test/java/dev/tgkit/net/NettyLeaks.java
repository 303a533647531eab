package dev.tgkit.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Records the ByteBuf leaks Netty's detector finds, so tests can assert there are none instead of
 * hoping someone reads the log. Must be touched before any ByteBuf class is loaded: Netty creates
 * its detectors once, when the buffer classes initialise.
 */
final class NettyLeaks {

  private static final List<String> LEAKS = new ArrayList<>();
  private static volatile boolean recording;

  static {
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(
        new ResourceLeakDetectorFactory() {
          @Override
          @SuppressWarnings("deprecation")
          public <T> ResourceLeakDetector<T> newResourceLeakDetector(
              Class<T> resource, int samplingInterval, long maxActive) {
            recording = true;
            return new ResourceLeakDetector<>(resource, samplingInterval) {
              @Override
              protected void reportTracedLeak(String resourceType, String records) {
                record(resourceType + records);
              }

              @Override
              protected void reportUntracedLeak(String resourceType) {
                record(resourceType);
              }
            };
          }
        });
  }

  private NettyLeaks() {}

  /** Installs the recording detector (by loading this class). */
  static void install() {}

  private static synchronized void record(String leak) {
    LEAKS.add(leak);
  }

  /**
   * Lets the garbage collector find unreleased buffers, makes the detector look (it only looks when
   * a new buffer is tracked) and returns what it found.
   */
  static synchronized List<String> collect() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(20);
      ByteBuf probe = PooledByteBufAllocator.DEFAULT.directBuffer(1);
      probe.release();
    }
    if (!recording) {
      throw new IllegalStateException(
          "Netty's leak detector was created before NettyLeaks.install(); load it first");
    }
    List<String> found = List.copyOf(LEAKS);
    LEAKS.clear();
    return found;
  }
}
