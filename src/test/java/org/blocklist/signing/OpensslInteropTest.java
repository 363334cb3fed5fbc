package org.blocklist.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our key files and signatures, checked by OpenSSL ({@code /usr/bin/openssl}, 3.x). */
class OpensslInteropTest {
  private static final String OPENSSL = "/usr/bin/openssl";

  @TempDir Path dir;

  private Ed25519PrivateKey key;
  private Path message;
  private Path signature;

  @BeforeEach
  void writeKeyMessageAndSignature() throws Exception {
    key = KeyFiles.loadOrCreate(dir, new SecureRandom()).privateKey();
    byte[] text =
        "example.com/log\n42\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"
            .getBytes(StandardCharsets.UTF_8);
    message = Files.write(dir.resolve("msg"), text);
    signature = Files.write(dir.resolve("sig"), key.sign(text).toByteArray());
  }

  @Test
  void pkeyutlVerify_ourSignature_succeeds() throws Exception {
    Result result = verify();
    assertEquals(0, result.exit(), result.output());
    assertTrue(result.output().contains("Signature Verified Successfully"), result.output());
  }

  @Test
  void pkeyutlVerify_flippedSignatureByte_fails() throws Exception {
    byte[] bytes = Files.readAllBytes(signature);
    bytes[10] ^= 0x01;
    Files.write(signature, bytes);
    Result result = verify();
    assertNotEquals(0, result.exit(), result.output());
    assertTrue(result.output().contains("Signature Verification Failure"), result.output());
  }

  @Test
  void pkeyutlVerify_flippedMessageByte_fails() throws Exception {
    byte[] bytes = Files.readAllBytes(message);
    bytes[0] ^= 0x01;
    Files.write(message, bytes);
    assertNotEquals(0, verify().exit());
  }

  @Test
  void pkey_ourPrivateKeyPem_isAccepted() throws Exception {
    Result result =
        run(OPENSSL, "pkey", "-in", dir.resolve(KeyFiles.PRIVATE_KEY_FILE).toString(), "-noout");
    assertEquals(0, result.exit(), result.output());
  }

  @Test
  void pkeyPubout_ourPrivateKey_givesOurPublicKeyFile() throws Exception {
    Result result =
        run(OPENSSL, "pkey", "-in", dir.resolve(KeyFiles.PRIVATE_KEY_FILE).toString(), "-pubout");
    assertEquals(0, result.exit(), result.output());
    assertEquals(Files.readString(dir.resolve(KeyFiles.PUBLIC_KEY_FILE)), result.output());
  }

  @Test
  void pkeyutlSign_withOurPrivateKey_givesOurSignature() throws Exception {
    Path out = dir.resolve("openssl.sig");
    Result result =
        run(
            OPENSSL,
            "pkeyutl",
            "-sign",
            "-inkey",
            dir.resolve(KeyFiles.PRIVATE_KEY_FILE).toString(),
            "-rawin",
            "-in",
            message.toString(),
            "-out",
            out.toString());
    assertEquals(0, result.exit(), result.output());
    assertEquals(
        Signature.of(Files.readAllBytes(signature)), Signature.of(Files.readAllBytes(out)));
  }

  @Test
  void fromPkcs8Pem_keyGeneratedByOpenssl_signsLikeOpenssl() throws Exception {
    Path pem = dir.resolve("openssl.pem");
    assertEquals(
        0, run(OPENSSL, "genpkey", "-algorithm", "ed25519", "-out", pem.toString()).exit());
    Ed25519PrivateKey theirs = Ed25519PrivateKey.fromPkcs8Pem(Files.readString(pem));
    Result pub = run(OPENSSL, "pkey", "-in", pem.toString(), "-pubout");
    assertEquals(theirs.publicKey(), Ed25519PublicKey.fromPem(pub.output()));
    Path out = dir.resolve("openssl.sig");
    assertEquals(
        0,
        run(
                OPENSSL,
                "pkeyutl",
                "-sign",
                "-inkey",
                pem.toString(),
                "-rawin",
                "-in",
                message.toString(),
                "-out",
                out.toString())
            .exit());
    assertEquals(theirs.sign(Files.readAllBytes(message)), Signature.of(Files.readAllBytes(out)));
  }

  private Result verify() throws IOException, InterruptedException {
    return run(
        OPENSSL,
        "pkeyutl",
        "-verify",
        "-pubin",
        "-inkey",
        dir.resolve(KeyFiles.PUBLIC_KEY_FILE).toString(),
        "-rawin",
        "-in",
        message.toString(),
        "-sigfile",
        signature.toString());
  }

  record Result(int exit, String output) {}

  private static Result run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "openssl did not finish");
    return new Result(process.exitValue(), output);
  }
}
