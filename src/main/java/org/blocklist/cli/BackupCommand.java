package org.blocklist.cli;

import java.io.IOException;
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
import org.blocklist.store.Backup;
import org.blocklist.store.Database;
import org.blocklist.store.JdbcStore;

/**
 * {@code backup --data DIR --out FILE}: a consistent copy of the store while the service runs, then
 * the copy verified as the service verifies at start (tree, signatures with the key in DIR, audit
 * chain, rows), so a backup that would not serve is known at once, not at restore time. The signing
 * key is not in the copy: it is backed up apart (README, "Backups").
 */
final class BackupCommand {
  /** Key name used to verify an empty history, which has no manifest to name its origin. */
  private static final String EMPTY_HISTORY_ORIGIN = "empty-history";

  private BackupCommand() {}

  static int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
    Args a = new Args(args, Set.of("--data", "--out"));
    Path data = Path.of(a.required("--data"));
    Path backup = Path.of(a.required("--out"));
    Path file = data.resolve(Database.FILE_NAME);
    if (!Files.isRegularFile(file)) {
      err.println("blocklist: no store at " + file + " (is --data the service's data directory?)");
      return Main.FAILED;
    }
    if (!Files.isRegularFile(data.resolve(KeyFiles.PRIVATE_KEY_FILE))) {
      err.println(
          "blocklist: no signing key in " + data + ": the copy could not be verified, not copied");
      return Main.FAILED;
    }
    try {
      long bytes = Backup.copy(Database.existing(file), backup);
      ListState state = verify(data, backup);
      out.println(
          "backup "
              + backup
              + ": version "
              + state.version()
              + ", "
              + state.entryCount()
              + " entries, "
              + bytes
              + " bytes, verified with the signing key in "
              + data);
      return Main.OK;
    } catch (VerificationException e) {
      // A copy that would not serve must not be mistaken for a backup: the store itself is wrong.
      deleteQuietly(backup);
      err.println(
          "blocklist: the copy does not verify, so it was removed: "
              + e.getMessage()
              + " (the store in "
              + data
              + " has the same fault: the service would refuse to start on it)");
      return Main.FAILED;
    } catch (StoreException | KeyFileException | IOException e) {
      err.println("blocklist: backup failed: " + e.getMessage());
      return Main.FAILED;
    }
  }

  private static ListState verify(Path data, Path backup)
      throws StoreException, KeyFileException, VerificationException {
    KeyFiles.Loaded key = KeyFiles.loadOrCreate(data, new SecureRandom());
    try (JdbcStore copy = JdbcStore.open(Database.existing(backup))) {
      return copy.readHistory(
          history -> {
            List<StoredVersion> versions = history.versions();
            String origin =
                versions.isEmpty() ? EMPTY_HISTORY_ORIGIN : origin(versions.get(0).manifest());
            return LedgerVerifier.verify(history, LedgerKeys.of(origin, key.privateKey()));
          });
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // the message above already says the copy is not a backup
    }
  }

  private static String origin(String manifest) throws VerificationException {
    try {
      return Manifest.parse(manifest).origin();
    } catch (ManifestFormatException e) {
      throw new VerificationException("version 1: " + e.getMessage());
    }
  }
}
