package org.blocklist.verify;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.blocklist.log.Hash;

/**
 * Checks each replayed version's list against its manifest's {@code list} line, hashing on {@code
 * executor} while the replay goes on: at most {@code inFlight} lists wait at once (each an {@link
 * ReplayedList} that shares most of its chunks with the next), and results are checked in version
 * order, so the failure reported is the earliest one.
 */
final class ListDigests {
  private record Pending(long version, Hash expected, CompletableFuture<Hash> digest) {}

  private final Executor executor;
  private final int inFlight;
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();

  ListDigests(Executor executor, int inFlight) {
    this.executor = requireNonNull(executor, "executor");
    if (inFlight < 1) {
      throw new IllegalArgumentException("inFlight: " + inFlight + " (expected: at least 1)");
    }
    this.inFlight = inFlight;
  }

  /** Queues the check that {@code list} hashes to {@code expected}, the list of {@code version}. */
  void check(long version, Hash expected, ReplayedList list) throws VerificationException {
    requireNonNull(expected, "expected");
    requireNonNull(list, "list");
    while (pending.size() >= inFlight) {
      checkOldest();
    }
    pending.add(
        new Pending(version, expected, CompletableFuture.supplyAsync(list::digest, executor)));
  }

  /** Waits for every queued check, in version order; throws the first that fails. */
  void finish() throws VerificationException {
    while (!pending.isEmpty()) {
      checkOldest();
    }
  }

  private void checkOldest() throws VerificationException {
    Pending p = pending.remove();
    Hash computed;
    try {
      computed = p.digest.join();
    } catch (CompletionException e) {
      pending.clear();
      throw new VerificationException(
          VerificationException.version(p.version) + ": list: could not be hashed", e.getCause());
    }
    if (!computed.equals(p.expected)) {
      pending.clear();
      throw VerificationException.mismatch(
          VerificationException.version(p.version),
          "list",
          p.expected.hex(),
          "the signed manifest",
          computed.hex(),
          "SHA-256 of the replayed list's snapshot text");
    }
  }
}
