package org.blocklist.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {
  @TempDir Path dir;

  private final SecureRandom random = new SecureRandom();

  private Path privateFile() {
    return dir.resolve(KeyFiles.PRIVATE_KEY_FILE);
  }

  private Path publicFile() {
    return dir.resolve(KeyFiles.PUBLIC_KEY_FILE);
  }

  @Test
  void loadOrCreate_firstCall_createsPrivateFileReadableByOwnerOnly() throws Exception {
    KeyFiles.Loaded loaded = KeyFiles.loadOrCreate(dir, random);

    assertTrue(loaded.created());
    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(privateFile())));
    assertEquals(
        "rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(publicFile())));
    assertEquals(loaded.privateKey().pkcs8Pem(), Files.readString(privateFile()));
    assertEquals(loaded.privateKey().publicKey().pem(), Files.readString(publicFile()));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(
          List.of(privateFile(), publicFile()),
          files.sorted().toList(),
          "no temporary file is left");
    }
  }

  @Test
  void loadOrCreate_secondCall_loadsTheSameKey() throws Exception {
    KeyFiles.Loaded first = KeyFiles.loadOrCreate(dir, random);
    KeyFiles.Loaded second = KeyFiles.loadOrCreate(dir, random);

    assertFalse(second.created());
    assertEquals(first.privateKey().publicKey(), second.privateKey().publicKey());
    byte[] message = {1, 2, 3};
    assertEquals(first.privateKey().sign(message), second.privateKey().sign(message));
  }

  @Test
  void loadOrCreate_missingDataDirectory_isCreated() throws Exception {
    Path nested = dir.resolve("a").resolve("b");
    assertTrue(KeyFiles.loadOrCreate(nested, random).created());
    assertTrue(Files.exists(nested.resolve(KeyFiles.PRIVATE_KEY_FILE)));
  }

  @Test
  void loadOrCreate_privateFileReadableByOthers_isRefused() throws Exception {
    KeyFiles.loadOrCreate(dir, random);
    Files.setPosixFilePermissions(privateFile(), PosixFilePermissions.fromString("rw-r--r--"));

    KeyFileException e =
        assertThrows(KeyFileException.class, () -> KeyFiles.loadOrCreate(dir, random));
    assertTrue(e.getMessage().contains(privateFile().toString()), e.getMessage());
    assertTrue(e.getMessage().contains("rw-r--r--"), e.getMessage());
  }

  @Test
  void loadOrCreate_privateFileWritableByGroup_isRefused() throws Exception {
    KeyFiles.loadOrCreate(dir, random);
    Files.setPosixFilePermissions(privateFile(), PosixFilePermissions.fromString("rw--w----"));

    assertThrows(KeyFileException.class, () -> KeyFiles.loadOrCreate(dir, random));
  }

  @Test
  void loadOrCreate_publicFileOfAnotherKey_isRefused() throws Exception {
    KeyFiles.loadOrCreate(dir, random);
    Files.writeString(publicFile(), Ed25519PrivateKey.generate(random).publicKey().pem());

    KeyFileException e =
        assertThrows(KeyFileException.class, () -> KeyFiles.loadOrCreate(dir, random));
    assertTrue(e.getMessage().contains("does not match"), e.getMessage());
    assertTrue(e.getMessage().contains(publicFile().toString()), e.getMessage());
  }

  @Test
  void loadOrCreate_garbagePrivateFile_isRefusedNamingTheFile() throws Exception {
    KeyFiles.loadOrCreate(dir, random);
    Files.writeString(privateFile(), "this is not a key\n");

    KeyFileException e =
        assertThrows(KeyFileException.class, () -> KeyFiles.loadOrCreate(dir, random));
    assertTrue(e.getMessage().startsWith(privateFile() + ": not a PKCS#8 PEM"), e.getMessage());
  }

  @Test
  void loadOrCreate_binaryGarbagePrivateFile_isRefusedNamingTheFile() throws Exception {
    KeyFiles.loadOrCreate(dir, random);
    Files.write(privateFile(), new byte[] {(byte) 0xff, 0x00, (byte) 0x80});

    KeyFileException e =
        assertThrows(KeyFileException.class, () -> KeyFiles.loadOrCreate(dir, random));
    assertTrue(e.getMessage().startsWith(privateFile().toString()), e.getMessage());
  }

  @Test
  void loadOrCreate_publicKeyInPrivateFile_isRefused() throws Exception {
    KeyFiles.Loaded loaded = KeyFiles.loadOrCreate(dir, random);
    Files.writeString(privateFile(), loaded.privateKey().publicKey().pem());

    assertThrows(KeyFileException.class, () -> KeyFiles.loadOrCreate(dir, random));
  }

  @Test
  void loadOrCreate_garbagePublicFile_isRefusedNamingTheFile() throws Exception {
    KeyFiles.loadOrCreate(dir, random);
    Files.writeString(publicFile(), "garbage\n");

    KeyFileException e =
        assertThrows(KeyFileException.class, () -> KeyFiles.loadOrCreate(dir, random));
    assertTrue(e.getMessage().startsWith(publicFile().toString()), e.getMessage());
  }

  @Test
  void loadOrCreate_missingPublicFile_isWrittenAgainFromThePrivateKey() throws Exception {
    KeyFiles.Loaded first = KeyFiles.loadOrCreate(dir, random);
    Files.delete(publicFile());

    KeyFiles.Loaded second = KeyFiles.loadOrCreate(dir, random);

    assertFalse(second.created());
    assertEquals(first.privateKey().publicKey().pem(), Files.readString(publicFile()));
  }

  @Test
  void loadOrCreate_onlyPublicFile_isRefused() throws Exception {
    KeyFiles.loadOrCreate(dir, random);
    Files.delete(privateFile());

    KeyFileException e =
        assertThrows(KeyFileException.class, () -> KeyFiles.loadOrCreate(dir, random));
    assertTrue(e.getMessage().contains("does not"), e.getMessage());
    assertFalse(Files.exists(privateFile()), "no new key replaces the lost one");
  }
}
