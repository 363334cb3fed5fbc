package org.blocklist.signing;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Set;

/**
 * The signing key files of a data directory: {@value #PRIVATE_KEY_FILE} (PKCS#8 PEM, mode 0600) and
 * {@value #PUBLIC_KEY_FILE} (SubjectPublicKeyInfo PEM, mode 0644).
 *
 * <p>{@link #loadOrCreate} generates the key on first start. Each file is written to a temporary
 * file of the same directory, created with its final permissions (so the secret is never readable
 * by others, not even for a moment), synced, and atomically renamed; then the directory is synced.
 * It assumes one process per data directory.
 */
public final class KeyFiles {
  public static final String PRIVATE_KEY_FILE = "signing-key.pem";
  public static final String PUBLIC_KEY_FILE = "signing-key.pub.pem";

  static final Set<PosixFilePermission> PRIVATE_PERMISSIONS =
      PosixFilePermissions.fromString("rw-------");
  static final Set<PosixFilePermission> PUBLIC_PERMISSIONS =
      PosixFilePermissions.fromString("rw-r--r--");

  private static final Set<PosixFilePermission> GROUP_OR_OTHERS =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  /** The private key and whether this call generated it. */
  public record Loaded(Ed25519PrivateKey privateKey, boolean created) {
    public Loaded {
      requireNonNull(privateKey, "privateKey");
    }
  }

  private KeyFiles() {}

  /**
   * Loads the key of {@code dataDir}, or generates it with {@code random} and writes both files if
   * neither exists. A missing public key file is written again from the private key.
   *
   * @throws KeyFileException if the private key file is accessible to group or others, is not a
   *     PKCS#8 Ed25519 PEM, its public key is small order, the public key file does not match it,
   *     only the public key file exists, or the files cannot be read or written
   */
  public static Loaded loadOrCreate(Path dataDir, SecureRandom random) throws KeyFileException {
    requireNonNull(dataDir, "dataDir");
    requireNonNull(random, "random");
    Path privateFile = dataDir.resolve(PRIVATE_KEY_FILE);
    Path publicFile = dataDir.resolve(PUBLIC_KEY_FILE);
    try {
      Files.createDirectories(dataDir);
      if (Files.exists(privateFile, LinkOption.NOFOLLOW_LINKS)) {
        Ed25519PrivateKey key = load(privateFile);
        if (Files.exists(publicFile, LinkOption.NOFOLLOW_LINKS)) {
          checkPublic(publicFile, key, privateFile);
        } else {
          write(publicFile, key.publicKey().pem(), PUBLIC_PERMISSIONS);
        }
        return new Loaded(key, false);
      }
      if (Files.exists(publicFile, LinkOption.NOFOLLOW_LINKS)) {
        throw new KeyFileException(
            publicFile
                + " exists but "
                + privateFile
                + " does not: restore the private key, or remove the public key file to"
                + " generate a new key");
      }
      Ed25519PrivateKey key = Ed25519PrivateKey.generate(random);
      write(privateFile, key.pkcs8Pem(), PRIVATE_PERMISSIONS);
      write(publicFile, key.publicKey().pem(), PUBLIC_PERMISSIONS);
      return new Loaded(key, true);
    } catch (IOException e) {
      throw new KeyFileException("signing key files in " + dataDir + ": " + e, e);
    } catch (UnsupportedOperationException e) {
      throw new KeyFileException(
          "signing key files in " + dataDir + ": the file system has no POSIX permissions", e);
    }
  }

  private static Ed25519PrivateKey load(Path privateFile) throws IOException, KeyFileException {
    if (!Files.isRegularFile(privateFile, LinkOption.NOFOLLOW_LINKS)) {
      throw new KeyFileException(privateFile + ": not a regular file");
    }
    Set<PosixFilePermission> permissions =
        Files.getPosixFilePermissions(privateFile, LinkOption.NOFOLLOW_LINKS);
    Set<PosixFilePermission> tooOpen = EnumSet.noneOf(PosixFilePermission.class);
    tooOpen.addAll(permissions);
    tooOpen.retainAll(GROUP_OR_OTHERS);
    if (!tooOpen.isEmpty()) {
      throw new KeyFileException(
          privateFile
              + ": permissions "
              + PosixFilePermissions.toString(permissions)
              + " (expected: rw-------, no access for group or others; chmod 600 it)");
    }
    try {
      return Ed25519PrivateKey.fromPkcs8Pem(read(privateFile));
    } catch (InvalidKeyException e) {
      throw new KeyFileException(
          privateFile + ": not a PKCS#8 PEM Ed25519 private key: " + e.getMessage(), e);
    }
  }

  private static void checkPublic(Path publicFile, Ed25519PrivateKey key, Path privateFile)
      throws IOException, KeyFileException {
    Ed25519PublicKey publicKey;
    try {
      publicKey = Ed25519PublicKey.fromPem(read(publicFile));
    } catch (InvalidKeyException e) {
      throw new KeyFileException(
          publicFile + ": not a PEM Ed25519 public key: " + e.getMessage(), e);
    }
    if (!publicKey.equals(key.publicKey())) {
      throw new KeyFileException(
          publicFile
              + ": public key "
              + publicKey
              + " does not match "
              + privateFile
              + " (expected: "
              + key.publicKey()
              + ")");
    }
  }

  private static String read(Path file) throws IOException, KeyFileException {
    long size = Files.size(file);
    if (size > Pem.MAX_LENGTH) {
      throw new KeyFileException(
          file + ": size " + size + " bytes (expected: <= " + Pem.MAX_LENGTH + ")");
    }
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (CharacterCodingException e) {
      throw new KeyFileException(file + ": not a PEM file (it has non-ASCII bytes)", e);
    }
  }

  private static void write(Path file, String content, Set<PosixFilePermission> permissions)
      throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Path temp =
        Files.createTempFile(
            dir,
            "." + file.getFileName(),
            ".tmp",
            PosixFilePermissions.asFileAttribute(permissions));
    try {
      // Created with the permissions, which the umask may reduce: set them exactly.
      Files.setPosixFilePermissions(temp, permissions);
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.US_ASCII));
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        channel.force(true);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
    try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
      directory.force(true);
    }
  }
}
