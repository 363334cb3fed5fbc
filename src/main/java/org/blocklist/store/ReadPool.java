package org.blocklist.store;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.blocklist.ledger.StoreException;

/**
 * A bounded pool of threads for store reads, each with its own connection, so that reads never run
 * on an event loop and never wait behind the writer (WAL readers see the last commit). A full queue
 * fails the read at once with {@link RejectedExecutionException} (the API answers 503). A
 * connection whose read failed is closed, and the next read on that thread opens a new one (a
 * database restart costs the reads made while it is down).
 */
public final class ReadPool implements AutoCloseable {
  private final SqlDatabase db;
  private final ThreadPoolExecutor executor;
  private final ThreadLocal<Connection> connection = new ThreadLocal<>();
  private final java.util.Set<Thread> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final List<Connection> opened = new CopyOnWriteArrayList<>();

  /**
   * @param threads reader threads, each with its own connection
   * @param queue reads that may wait for a thread; more fail at once
   * @param factory makes the reader threads
   */
  public ReadPool(SqlDatabase db, int threads, int queue, ThreadFactory factory) {
    this.db = requireNonNull(db, "db");
    requireNonNull(factory, "factory");
    this.executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(queue),
            r -> {
              Thread t = factory.newThread(r);
              this.threads.add(t);
              return t;
            });
  }

  /** Runs read-only {@code work} on a pool thread's connection. */
  <T> CompletableFuture<T> read(SqlWork<T, RuntimeException> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    try {
      executor.execute(
          () -> {
            try {
              result.complete(readHere(work));
            } catch (StoreException | RuntimeException e) {
              result.completeExceptionally(e);
            }
          });
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(e);
    }
    return result;
  }

  /**
   * Runs {@code work} on the calling thread, which must be one of this pool's threads (for work
   * handed to {@link #executor()}, such as a cache loader).
   */
  <T> T readHere(SqlWork<T, RuntimeException> work) throws StoreException {
    if (!threads.contains(Thread.currentThread())) {
      throw new IllegalStateException("readHere called outside the read pool");
    }
    try {
      return db.read(connection(), work);
    } catch (StoreException e) {
      drop();
      throw e;
    }
  }

  /** Closes this thread's connection after a failure: the next read opens a new one. */
  private void drop() {
    Connection c = connection.get();
    if (c != null) {
      connection.remove();
      opened.remove(c);
      try {
        c.close();
      } catch (SQLException e) {
        // it failed already
      }
    }
  }

  /** The pool's threads, for blocking work that brings its own store access. */
  public Executor executor() {
    return executor;
  }

  private Connection connection() throws StoreException {
    Connection c = connection.get();
    if (c == null) {
      c = db.connectReader();
      connection.set(c);
      opened.add(c);
    }
    return c;
  }

  @Override
  public void close() throws InterruptedException {
    executor.shutdown();
    executor.awaitTermination(10, TimeUnit.SECONDS);
    for (Connection c : opened) {
      try {
        c.close();
      } catch (SQLException e) {
        // closing at shutdown: nothing is left to protect
      }
    }
  }
}
