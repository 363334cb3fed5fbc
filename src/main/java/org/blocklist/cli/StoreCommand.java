package org.blocklist.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Set;
import org.blocklist.ledger.LedgerKeys;
import org.blocklist.ledger.LedgerVerifier;
import org.blocklist.ledger.StoreException;
import org.blocklist.ledger.StoredVersion;
import org.blocklist.ledger.VerificationException;
import org.blocklist.log.Manifest;
import org.blocklist.log.ManifestFormatException;
import org.blocklist.signing.KeyFileException;
import org.blocklist.signing.KeyFiles;
import org.blocklist.state.ListState;
import org.blocklist.store.Database;
import org.blocklist.store.JdbcStore;
import org.blocklist.store.PostgresDatabase;
import org.blocklist.store.StoreCopy;
import org.blocklist.store.WriterSession;

/**
 * {@code store copy --from DIR --to JDBC-URL [--user USER] [--password-file FILE]}: verifies the
 * SQLite history of data directory DIR with its key, copies every row into an empty PostgreSQL
 * database in one transaction, records the key as the cluster's, and verifies the copy as a replica
 * does at start: the same version and tree root, or exit 1. The service must be stopped (the copy
 * is of one snapshot; later writes to DIR would not be in it).
 */
final class StoreCommand {
  private StoreCommand() {}

  static int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
    if (args.isEmpty() || !args.get(0).equals("copy")) {
      throw new UsageException("store needs copy");
    }
    Args a =
        new Args(
            args.subList(1, args.size()), Set.of("--from", "--to", "--user", "--password-file"));
    Path from = Path.of(a.required("--from"));
    String to = a.required("--to");
    String user = (a.get("--user") != null) ? a.get("--user") : System.getProperty("user.name", "");
    Path password = (a.get("--password-file") != null) ? Path.of(a.get("--password-file")) : null;
    try {
      if (!Files.isRegularFile(from.resolve(KeyFiles.PRIVATE_KEY_FILE))) {
        err.println("blocklist: no signing key in " + from + " (expected: a data directory)");
        return Main.FAILED;
      }
      Database source = Database.existing(from.resolve(Database.FILE_NAME));
      ListState verified;
      LedgerKeys keys;
      try (JdbcStore s = JdbcStore.open(source)) {
        keys =
            LedgerKeys.of(origin(s), KeyFiles.loadOrCreate(from, new SecureRandom()).privateKey());
        verified = s.readHistory(h -> LedgerVerifier.verify(h, keys));
      }
      out.println(
          "source "
              + from
              + " verifies: version "
              + verified.version()
              + ", root "
              + verified.root().hex());
      PostgresDatabase target = PostgresDatabase.open(to, user, password);
      List<String> copied = StoreCopy.copy(source, target);
      out.println("copied: " + String.join(", ", copied));
      try (WriterSession session = WriterSession.open(target, 30, 60_000)) {
        String key = session.claimVerifierKey(keys.verifierKey().encode());
        if (!key.equals(keys.verifierKey().encode())) {
          err.println("blocklist: the target already names another verifier key: " + key);
          return Main.FAILED;
        }
      }
      ListState copy;
      try (JdbcStore t = JdbcStore.open(target)) {
        copy = t.readHistory(h -> LedgerVerifier.verify(h, keys));
      }
      if (copy.version() != verified.version() || !copy.root().equals(verified.root())) {
        err.println(
            "blocklist: the copy verifies to version "
                + copy.version()
                + " root "
                + copy.root().hex()
                + ", not the source's");
        return Main.FAILED;
      }
      out.println(
          "the copy in "
              + to
              + " verifies: version "
              + copy.version()
              + ", root "
              + copy.root().hex());
      return Main.OK;
    } catch (VerificationException e) {
      err.println("blocklist: does not verify: " + e.getMessage());
      return Main.FAILED;
    } catch (StoreException | KeyFileException e) {
      err.println("blocklist: " + e.getMessage());
      return Main.FAILED;
    }
  }

  /** The origin of the stored log (its first manifest's), or the default for an empty one. */
  private static String origin(JdbcStore s) throws StoreException {
    List<StoredVersion> first = s.tail(0, Long.MAX_VALUE, 1).versions();
    if (first.isEmpty()) {
      return "blocklist.example/log";
    }
    try {
      return Manifest.parse(first.get(0).manifest()).origin();
    } catch (ManifestFormatException e) {
      throw new StoreException("version 1: manifest does not parse: " + e.getMessage(), e);
    }
  }
}
