package org.blocklist.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.blocklist.feed.FeedHttp;
import org.blocklist.feed.Trust;
import org.blocklist.verify.Report;
import org.blocklist.verify.VerificationException;
import org.blocklist.verify.Verifier;
import org.blocklist.verify.VerifyLimits;

/**
 * {@code verify --server URL --token TOKEN --trust KEY [--archive DIR]} and {@code verify --archive
 * DIR --trust KEY} (offline): the auditor's check of the whole history. Prints the report on stdout
 * and exits 0, or names the first thing that does not verify and exits 1; progress goes to stderr.
 */
final class VerifyCommand {
  private static final Set<String> OPTIONS = Set.of("--server", "--token", "--trust", "--archive");

  private VerifyCommand() {}

  static int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
    Args a = new Args(args, OPTIONS);
    Path trustFile = Path.of(a.required("--trust"));
    String server = a.get("--server");
    Optional<Path> archive = Optional.ofNullable(a.get("--archive")).map(Path::of);
    FeedHttp http = null;
    if (server == null) {
      if (archive.isEmpty()) {
        throw new UsageException("verify needs --server URL --token TOKEN, or --archive DIR");
      }
      if (a.get("--token") != null) {
        throw new UsageException("--token is for --server; an archive is verified offline");
      }
    } else {
      http = http(server, a.required("--token"));
    }
    Trust trust;
    try {
      trust = Trust.read(trustFile);
    } catch (IOException e) {
      err.println("blocklist verify: " + e.getMessage());
      return Main.FAILED;
    }
    ThreadPoolExecutor fetcher = pool("blocklist-verify-fetch", 1);
    ThreadPoolExecutor hasher = pool("blocklist-verify-hash", 2);
    try {
      Verifier verifier =
          new Verifier(trust, VerifyLimits.DEFAULT, Clock.systemUTC(), err, fetcher, hasher);
      Report report =
          http == null
              ? verifier.verifyArchive(archive.get())
              : verifier.verifyServer(http, archive);
      out.print(report.text());
      if (http != null) {
        archive.ifPresent(dir -> out.println("archive: " + dir));
      }
      return Main.OK;
    } catch (VerificationException e) {
      String what = e.unreadable() ? "could not read the history: " : "does not verify: ";
      out.println("NOT VERIFIED: " + what + e.getMessage());
      err.println("blocklist verify: " + what + e.getMessage());
      return Main.FAILED;
    } finally {
      fetcher.shutdownNow();
      hasher.shutdownNow();
    }
  }

  private static FeedHttp http(String server, String token) throws UsageException {
    try {
      return new FeedHttp(URI.create(server), token);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--server: " + server + " (expected: an http:// or https:// URL)");
    }
  }

  /** {@code threads} daemon threads named {@code name-N}: the verifier's only threads. */
  private static ThreadPoolExecutor pool(String name, int threads) {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory factory =
        r -> {
          Thread t = new Thread(r, name + "-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    return new ThreadPoolExecutor(
        threads, threads, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
  }
}
