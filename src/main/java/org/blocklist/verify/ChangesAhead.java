package org.blocklist.verify;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Fetches versions' changes a few versions ahead of the replay, on {@code fetcher} (one thread, so
 * in order), so the replay of version N overlaps the fetch of N+1..N+{@code depth}. At most {@code
 * depth} answers are held at once. {@link #close} stops fetching what has not started.
 */
final class ChangesAhead implements AutoCloseable {
  private record Fetch(long version, CompletableFuture<byte[]> body) {}

  private final Source source;
  private final Executor fetcher;
  private final int depth;
  private final long last;
  private final ArrayDeque<Fetch> ahead = new ArrayDeque<>();
  private long requested;
  private volatile boolean closed;

  /** Will hand out versions 1 to {@code last}, in order. */
  ChangesAhead(Source source, Executor fetcher, int depth, long last) {
    this.source = requireNonNull(source, "source");
    this.fetcher = requireNonNull(fetcher, "fetcher");
    if (depth < 1) {
      throw new IllegalArgumentException("depth: " + depth + " (expected: at least 1)");
    }
    this.depth = depth;
    this.last = last;
  }

  /** The served changes of {@code version}, the version after the one taken before. */
  byte[] take(long version) throws VerificationException {
    while (ahead.size() < depth && requested < last) {
      long v = ++requested;
      ahead.add(new Fetch(v, CompletableFuture.supplyAsync(() -> fetch(v), fetcher)));
    }
    Fetch f = ahead.remove();
    if (f.version != version) {
      throw new IllegalStateException("version " + version + " taken out of order");
    }
    try {
      return f.body.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof Failed failed) {
        throw failed.failure;
      }
      throw e;
    }
  }

  @Override
  public void close() {
    closed = true;
  }

  private byte[] fetch(long version) {
    if (closed) {
      throw new Failed(
          new VerificationException(VerificationException.version(version) + ": not fetched"));
    }
    try {
      return source.changes(version);
    } catch (VerificationException e) {
      throw new Failed(e);
    }
  }

  /** Carries a checked failure out of the fetcher. */
  private static final class Failed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient VerificationException failure;

    Failed(VerificationException failure) {
      super(failure.getMessage(), failure, false, false);
      this.failure = failure;
    }
  }
}
