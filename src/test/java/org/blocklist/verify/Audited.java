package org.blocklist.verify;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.blocklist.feed.FeedHttp;
import org.blocklist.feed.Trust;
import org.blocklist.signing.NoteVerifierKey;
import org.blocklist.testing.Blocklist;

/**
 * A real server with a small history of every kind of requisition outcome, and an auditor's
 * verifier of it: the fixture of the verify tests. The history: version 1 blocks a, b; version 2
 * blocks c; a requisition rejected, one withdrawn; version 3 unblocks a; version 4 blocks d, e, f;
 * one requisition left pending.
 */
final class Audited implements AutoCloseable {
  final Blocklist bl;
  final Trust trust;
  private final ExecutorService fetcher = Executors.newSingleThreadExecutor();
  private final ExecutorService hasher = Executors.newFixedThreadPool(2);

  private Audited(Blocklist bl, Trust trust) {
    this.bl = bl;
    this.trust = trust;
  }

  static Audited start(Path data) throws Exception {
    Blocklist bl = Blocklist.start(data);
    bl.publish("block", "a.example", "b.example");
    bl.publish("block", "c.example");
    long rejected = bl.submit("block", "r.example");
    bl.server.post(
        "/v1/requisitions/" + rejected + "/reject", bl.prosecutor, "{\"reason\":\"no\"}");
    long withdrawn = bl.submit("block", "w.example");
    bl.server.post("/v1/requisitions/" + withdrawn + "/withdraw", bl.police, "{}");
    bl.publish("unblock", "a.example");
    bl.publish("block", "d.example", "e.example", "f.example");
    bl.submit("block", "p.example");
    return new Audited(bl, trustOf(bl));
  }

  /** The trust an auditor pins: the verifier key that {@code /v1/keys} gives. */
  static Trust trustOf(Blocklist bl) throws Exception {
    String key = Blocklist.json(bl.server.get("/v1/keys", null)).get("verifierKey").asText();
    return new Trust(NoteVerifierKey.parse(key));
  }

  URI server() {
    return bl.server.uri("/");
  }

  Verifier verifier(Trust trust, VerifyLimits limits, PrintStream progress) {
    return new Verifier(trust, limits, Clock.systemUTC(), progress, fetcher, hasher);
  }

  /** Verifies what {@code server} serves, with the auditor's token and the server's key. */
  Report verify(URI server) throws VerificationException {
    return verify(server, VerifyLimits.DEFAULT);
  }

  Report verify(URI server, VerifyLimits limits) throws VerificationException {
    return verifier(trust, limits, quiet())
        .verifyServer(new FeedHttp(server, bl.auditor), Optional.empty());
  }

  /** The message of the failure of verifying what {@code server} serves. */
  String failure(URI server) {
    return failure(server, VerifyLimits.DEFAULT);
  }

  String failure(URI server, VerifyLimits limits) {
    return message(() -> verify(server, limits));
  }

  /** The message of the failure of verifying what {@code server} serves, trusting {@code key}. */
  String failure(URI server, Trust key) {
    return message(
        () ->
            verifier(key, VerifyLimits.DEFAULT, quiet())
                .verifyServer(new FeedHttp(server, bl.auditor), Optional.empty()));
  }

  static String message(org.junit.jupiter.api.function.Executable verification) {
    VerificationException e = assertThrows(VerificationException.class, verification);
    assertTrue(!e.getMessage().isBlank());
    return e.getMessage();
  }

  static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }

  static void assertStartsWith(String expectedStart, String actual) {
    assertTrue(
        actual.startsWith(expectedStart),
        "expected a message starting with\n  " + expectedStart + "\nbut got\n  " + actual);
  }

  @Override
  public void close() {
    fetcher.shutdownNow();
    hasher.shutdownNow();
    bl.close();
  }
}
