package org.blocklist.feed;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.blocklist.log.Checkpoint;
import org.blocklist.log.CheckpointFormatException;
import org.blocklist.signing.NoteFormatException;
import org.blocklist.signing.NoteVerifierKey;
import org.blocklist.signing.SignatureException;
import org.blocklist.signing.SignedNote;

/**
 * The pinned verifier key ({@code --trust KEY}: a file holding the signed-note verifier key string,
 * {@code <origin>+<hint>+<base64 key>}, as {@code GET /v1/keys} gives it) and the checks of a
 * signed checkpoint against it.
 */
public final class Trust {
  /** Largest trust file read; a verifier key string is under 200 bytes. */
  public static final int MAX_FILE_BYTES = 4096;

  /** Largest checkpoint note accepted; ours are under 300 bytes. */
  public static final int MAX_NOTE_BYTES = 16 * 1024;

  private final NoteVerifierKey key;

  public Trust(NoteVerifierKey key) {
    this.key = requireNonNull(key, "key");
  }

  /** Reads the verifier key string from {@code file} (surrounding white space ignored). */
  public static Trust read(Path file) throws IOException {
    long size = Files.size(file);
    if (size > MAX_FILE_BYTES) {
      throw new IOException(
          "trust file " + file + ": " + size + " bytes (expected: a verifier key, at most 4096)");
    }
    String text = Files.readString(file, StandardCharsets.UTF_8).strip();
    try {
      return new Trust(NoteVerifierKey.parse(text));
    } catch (NoteFormatException e) {
      throw new IOException("trust file " + file + ": not a verifier key: " + e.getMessage(), e);
    }
  }

  public NoteVerifierKey key() {
    return key;
  }

  /** The log origin the key names; every checkpoint and manifest must carry it. */
  public String origin() {
    return key.name();
  }

  /**
   * The checkpoint of {@code note} if the note is well formed, signed by the pinned key and its
   * body names the key's origin.
   *
   * @throws FeedException {@code MALFORMED} for a note or body that cannot be read, {@code
   *     SIGNATURE} for one the key did not sign
   */
  public Checkpoint verify(String note) throws FeedException {
    requireNonNull(note, "note");
    if (note.length() > MAX_NOTE_BYTES) {
      throw new FeedException(
          FeedException.Reason.TOO_LARGE,
          "checkpoint: "
              + note.length()
              + " characters (expected: at most "
              + MAX_NOTE_BYTES
              + ")");
    }
    SignedNote signed;
    try {
      signed = SignedNote.parse(note);
    } catch (NoteFormatException e) {
      throw new FeedException(
          FeedException.Reason.MALFORMED, "checkpoint: not a signed note: " + e.getMessage(), e);
    }
    try {
      signed.verify(key);
    } catch (SignatureException e) {
      throw new FeedException(FeedException.Reason.SIGNATURE, "checkpoint: " + e.getMessage(), e);
    }
    Checkpoint checkpoint;
    try {
      checkpoint = Checkpoint.parseBody(signed.text());
    } catch (CheckpointFormatException e) {
      throw new FeedException(FeedException.Reason.MALFORMED, "checkpoint: " + e.getMessage(), e);
    }
    if (!checkpoint.origin().equals(key.name())) {
      throw new FeedException(
          FeedException.Reason.SIGNATURE,
          "checkpoint: origin "
              + checkpoint.origin()
              + " (expected: "
              + key.name()
              + ", the pinned key's)");
    }
    return checkpoint;
  }
}
