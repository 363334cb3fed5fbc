package org.blocklist.sync;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import org.blocklist.log.Hash;

/**
 * The file the resolvers read ({@code --out}, or a file named after the format in the state
 * directory), written atomically ({@link AtomicFiles}) in its {@link OutputFormat}, mode 0640.
 */
final class Output {
  private final OutputFormat format;
  private final Path file;
  private final RpzFile rpz;

  Output(OutputFormat format, Path file, String zone) {
    this(format, file, zone, RpzFile.NXDOMAIN);
  }

  /** With the RPZ {@code action} of the {@code rpz} format ({@link RpzFile#checkAction}). */
  Output(OutputFormat format, Path file, String zone, String action) {
    this.format = requireNonNull(format, "format");
    this.file = requireNonNull(file, "file");
    this.rpz = new RpzFile(zone, action);
  }

  Path file() {
    return file;
  }

  OutputFormat format() {
    return format;
  }

  /**
   * Replaces the file with {@code state}'s list; returns the number of records left out. In the
   * text format the output is a hard link to {@code snapshotFile}, the state directory's list file
   * of the same version (already written and synced), when both are on one file system: the list is
   * then written once per version, not twice.
   */
  int write(TrustedState state, Path snapshotFile) throws IOException {
    if (format == OutputFormat.TEXT && AtomicFiles.link(file, snapshotFile)) {
      return 0;
    }
    return write(state);
  }

  /** Replaces the file with {@code state}'s list; returns the number of records left out. */
  int write(TrustedState state) throws IOException {
    int[] skipped = new int[1];
    AtomicFiles.write(file, AtomicFiles.SHARED, out -> skipped[0] = render(state, out));
    return skipped[0];
  }

  /** Whether the file holds exactly what {@link #write} would write for {@code state}. */
  boolean isCurrent(TrustedState state) throws IOException {
    MessageDigest rendered = Hash.newDigest();
    try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), rendered)) {
      render(state, out);
    }
    MessageDigest existing = Hash.newDigest();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        existing.update(buffer, 0, n);
      }
    } catch (NoSuchFileException e) {
      return false;
    }
    return MessageDigest.isEqual(rendered.digest(), existing.digest());
  }

  private int render(TrustedState state, OutputStream out) throws IOException {
    switch (format) {
      case TEXT -> state.list().writeSnapshot(out);
      case RPZ -> {
        return rpz.write(state, out);
      }
      case UNBOUND -> {
        header(state, out);
        out.write("server:\n".getBytes(StandardCharsets.US_ASCII));
        for (String name : state.list()) {
          out.write(
              ("local-zone: \"" + name + ".\" always_nxdomain\n")
                  .getBytes(StandardCharsets.US_ASCII));
        }
      }
      case HOSTS -> {
        header(state, out);
        for (String name : state.list()) {
          out.write(("0.0.0.0 " + name + "\n").getBytes(StandardCharsets.US_ASCII));
        }
      }
    }
    return 0;
  }

  private static void header(TrustedState state, OutputStream out) throws IOException {
    String text =
        "# blocklist version "
            + state.version()
            + ", "
            + state.list().size()
            + " entries, list sha256 "
            + state.listDigest()
            + "\n";
    out.write(text.getBytes(StandardCharsets.US_ASCII));
  }
}
