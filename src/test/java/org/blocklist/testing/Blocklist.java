package org.blocklist.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Ticker;
import java.net.http.HttpResponse;
import org.blocklist.principal.Role;

/**
 * A server with one principal per role and the steps most tests repeat: submit, approve, read JSON.
 */
public final class Blocklist implements AutoCloseable {
  public static final ObjectMapper JSON = new ObjectMapper();

  public final TestServer server;
  public final String police;
  public final String police2;
  public final String prosecutor;
  public final String isp;
  public final String auditor;
  public final String admin;

  private Blocklist(TestServer server, Blocklist tokens) {
    this.server = server;
    this.police = tokens.police;
    this.police2 = tokens.police2;
    this.prosecutor = tokens.prosecutor;
    this.isp = tokens.isp;
    this.auditor = tokens.auditor;
    this.admin = tokens.admin;
  }

  /** A new server on the data of a closed one, with the same principals. */
  public static Blocklist restart(Blocklist closed) throws Exception {
    return new Blocklist(TestServer.start(closed.server.data()), closed);
  }

  private Blocklist(TestServer server) throws Exception {
    this.server = server;
    this.police = server.addPrincipal("officer-1", Role.POLICE);
    this.police2 = server.addPrincipal("officer-2", Role.POLICE);
    this.prosecutor = server.addPrincipal("magistrate-1", Role.PROSECUTOR);
    this.isp = server.addPrincipal("isp-a", Role.ISP);
    this.auditor = server.addPrincipal("auditor-1", Role.AUDITOR);
    this.admin = server.addPrincipal("admin-1", Role.ADMIN);
  }

  public static Blocklist start(java.nio.file.Path data) throws Exception {
    return new Blocklist(TestServer.start(data));
  }

  public static Blocklist start(java.nio.file.Path data, String yaml) throws Exception {
    return new Blocklist(TestServer.start(data, yaml));
  }

  /** A server whose service reads its time from {@code ticker} (rate limits, caches). */
  public static Blocklist start(java.nio.file.Path data, String yaml, Ticker ticker)
      throws Exception {
    return new Blocklist(TestServer.start(data, yaml, ticker));
  }

  /** A server whose service reads the wall clock from {@code clock} (a test moves it). */
  public static Blocklist start(java.nio.file.Path data, String yaml, java.time.Clock clock)
      throws Exception {
    return new Blocklist(TestServer.start(data, yaml, clock));
  }

  /** The DNS port (TCP and UDP) of the running service. */
  public int dnsPort() {
    return server.service().dnsPort();
  }

  public static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  /** Submits a requisition and returns its id; fails the test unless 201. */
  public long submit(String action, String... domains) throws Exception {
    HttpResponse<String> r = server.post("/v1/requisitions", police, body(action, domains));
    assertEquals(201, r.statusCode(), r.body());
    return json(r).get("id").asLong();
  }

  /** Submits and approves; returns the version produced. */
  public long publish(String action, String... domains) throws Exception {
    long id = submit(action, domains);
    HttpResponse<String> r = server.post("/v1/requisitions/" + id + "/approve", prosecutor, "{}");
    assertEquals(200, r.statusCode(), r.body());
    return json(r).get("version").asLong();
  }

  public static String body(String action, String... domains) throws Exception {
    return JSON.writeValueAsString(
        java.util.Map.of(
            "action",
            action,
            "domains",
            java.util.List.of(domains),
            "legalBasis",
            "ccp-39bis",
            "caseReference",
            "FCCU-2026-0042"));
  }

  @Override
  public void close() {
    server.close();
  }
}
