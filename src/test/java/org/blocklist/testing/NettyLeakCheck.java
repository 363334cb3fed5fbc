package org.blocklist.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty reports a leaked buffer. Registered for every test through {@code
 * META-INF/services} (JUnit extension auto-detection); installs, before any buffer exists, a
 * leak-detector factory whose detectors record each "LEAK:" report. After each class it collects
 * garbage and touches the allocator so that pending reports surface, then fails on any.
 */
public final class NettyLeakCheck implements AfterAllCallback {
  private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

  static {
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    List<String> found = drain();
    if (!found.isEmpty()) {
      throw new AssertionError(
          "Netty LEAK: "
              + found.size()
              + " leak(s) in "
              + context.getDisplayName()
              + ":\n"
              + String.join("\n", found));
    }
  }

  /** Collects garbage, lets the detectors poll, and returns (and forgets) the leaks reported. */
  static List<String> drain() {
    for (int i = 0; i < 3; i++) {
      System.gc();
      ByteBuf probe = PooledByteBufAllocator.DEFAULT.buffer(16);
      probe.release();
    }
    List<String> found = List.copyOf(LEAKS);
    LEAKS.removeAll(found);
    return found;
  }

  private static final class RecordingFactory extends ResourceLeakDetectorFactory {
    @Override
    public <T> ResourceLeakDetector<T> newResourceLeakDetector(
        Class<T> resource, int samplingInterval, long maxActive) {
      ResourceLeakDetector<T> detector = new ResourceLeakDetector<>(resource, samplingInterval);
      detector.setLeakListener((type, records) -> LEAKS.add(type + ": " + records));
      return detector;
    }
  }
}
