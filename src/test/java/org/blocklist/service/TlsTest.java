package org.blocklist.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.blocklist.config.Config;
import org.blocklist.config.ConfigException;
import org.blocklist.config.ConfigLoader;
import org.blocklist.ledger.Principals;
import org.blocklist.principal.Role;
import org.blocklist.testing.Binaries;
import org.blocklist.testing.FreePort;
import org.blocklist.testing.Poll;
import org.blocklist.testing.TestServer;
import org.blocklist.tls.DevCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, TLS: the real server with {@code http.tls} set (certificates from {@code cert dev}'s
 * {@link DevCertificates}) against independent clients: the JDK {@link HttpClient} with its own
 * trust and key stores read from the PEM files, {@code curl} and {@code openssl s_client}. The
 * oracles are DESIGN.md ("HTTPS only (TLS 1.2/1.3)", "client certificates whose subject CN is a
 * principal's name authenticate as that principal", 401, 403) and RFC 8996 (no TLS 1.1).
 */
class TlsTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @TempDir static Path dir;

  private static Path certs;
  private static TestServer server;
  private static String policeToken;

  @BeforeAll
  static void start() throws Exception {
    certs = dir.resolve("certs");
    DevCertificates dev = new DevCertificates(Clock.systemUTC(), new SecureRandom());
    dev.write(certs, List.of("isp-a", "isp-b", "isp-revoked", "nobody"), 30);
    // Signed by the same CA, but valid for one day a year ago.
    new DevCertificates(
            Clock.fixed(Clock.systemUTC().instant().minus(Duration.ofDays(365)), ZoneOffset.UTC),
            new SecureRandom())
        .write(certs, List.of("isp-expired"), 1);
    new DevCertificates(Clock.systemUTC(), new SecureRandom())
        .write(dir.resolve("other-ca"), List.of("isp-a"), 30);
    server =
        TestServer.start(
            dir.resolve("data"),
            "http: { port: 0, tls: { certificate: "
                + certs.resolve(DevCertificates.SERVER)
                + ", key: "
                + certs.resolve(DevCertificates.SERVER_KEY)
                + ", clientCa: "
                + certs.resolve(DevCertificates.CA)
                + " } }\n"
                + "stopPage: { port: 0, requestsPerSecondPerAddress: 0 }\n"
                + "dns: { port: 0, queriesPerSecondPerAddress: 0 }\n"
                + "limits:\n"
                + "  requestsPerSecond: { police: 0, prosecutor: 0, auditor: 0, admin: 0, isp: 2 }\n"
                + "  requestsPerSecondPerAddress: 0\n");
    for (String isp : List.of("isp-a", "isp-b", "isp-revoked", "isp-expired")) {
      server.addPrincipal(isp, Role.ISP);
    }
    policeToken = server.addPrincipal("officer-1", Role.POLICE);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void jdkClient_isServedOverTls13_andOverTls12() throws Exception {
    HttpResponse<String> r = send(client(null, null), "/healthz", null);
    assertEquals(200, r.statusCode());
    assertEquals("TLSv1.3", r.sslSession().orElseThrow().getProtocol());
    HttpResponse<String> r12 = send(client(null, "TLSv1.2"), "/healthz", null);
    assertEquals(200, r12.statusCode());
    assertEquals("TLSv1.2", r12.sslSession().orElseThrow().getProtocol());
  }

  @Test
  void plainHttp_onTheTlsPort_isNeverAnswered() throws Exception {
    try (Socket s = new Socket("127.0.0.1", port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(
          "GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      byte[] answer = s.getInputStream().readAllBytes();
      assertFalse(
          new String(answer, StandardCharsets.ISO_8859_1).contains("HTTP/1"),
          "no HTTP answer over a plain connection to the TLS port");
    }
  }

  @Test
  void opensslTls11_isRefused_whileTls12AndTls13Work() throws Exception {
    Path openssl = Binaries.require("openssl");
    // Control: this openssl can speak TLS 1.1 when a server allows it, so a failure below is the
    // server's refusal, not the client's own policy.
    int controlPort = FreePort.tcpAndUdp();
    Process control =
        new ProcessBuilder(
                openssl.toString(),
                "s_server",
                "-accept",
                "127.0.0.1:" + controlPort,
                "-naccept",
                "1",
                "-tls1_1",
                "-cipher",
                "DEFAULT@SECLEVEL=0",
                "-cert",
                certs.resolve(DevCertificates.SERVER).toString(),
                "-key",
                certs.resolve(DevCertificates.SERVER_KEY).toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("s_server.out").toFile())
            .start();
    try {
      String controlOut =
          Poll.until(
              TIMEOUT,
              () -> "openssl s_server -tls1_1 did not accept TLS 1.1",
              () -> {
                Binaries.Run r = sClient(openssl, controlPort, "-tls1_1");
                return r.stdout().contains("Protocol  : TLSv1.1")
                    ? Optional.of(r.stdout())
                    : Optional.empty();
              });
      assertTrue(controlOut.contains("Cipher    : "), controlOut);
    } finally {
      control.destroy();
      control.waitFor();
    }

    Binaries.Run tls11 = sClient(openssl, port(), "-tls1_1");
    assertTrue(tls11.status() != 0, "TLS 1.1 handshake must fail:\n" + tls11.stdout());
    assertTrue(
        (tls11.stdout() + tls11.stderr()).contains("alert protocol version"),
        "the server answers TLS 1.1 with a protocol_version alert:\n"
            + tls11.stdout()
            + tls11.stderr());
    assertFalse(tls11.stdout().contains("Cipher is TLS"), tls11.stdout());

    Binaries.Run tls12 = sClient(openssl, port(), "-tls1_2");
    assertEquals(0, tls12.status(), tls12.stdout() + tls12.stderr());
    assertTrue(tls12.stdout().contains("Protocol  : TLSv1.2"), tls12.stdout());
    assertTrue(tls12.stdout().contains("Verify return code: 0 (ok)"), tls12.stdout());

    Binaries.Run tls13 = sClient(openssl, port(), "-tls1_3");
    assertEquals(0, tls13.status(), tls13.stdout() + tls13.stderr());
    assertTrue(tls13.stdout().contains("New, TLSv1.3"), tls13.stdout());
    assertTrue(tls13.stdout().contains("Verify return code: 0 (ok)"), tls13.stdout());
  }

  @Test
  void curl_withAClientCertificate_isItsPrincipal_andWithoutOne_needsAToken() throws Exception {
    Path curl = Binaries.require("curl");
    List<String> base =
        List.of(
            curl.toString(),
            "-sS",
            "--cacert",
            certs.resolve(DevCertificates.CA).toString(),
            "-w",
            "\\n%{http_code}");
    List<String> withCert = new ArrayList<>(base);
    withCert.addAll(
        List.of(
            "--cert",
            certs.resolve(DevCertificates.clientFile("isp-b")).toString(),
            "--key",
            certs.resolve(DevCertificates.clientKeyFile("isp-b")).toString(),
            "https://localhost:" + port() + "/v1/lookup?domain=www.example.com"));
    String out = Binaries.output(30, withCert);
    assertTrue(out.endsWith("\n200"), out);
    assertTrue(out.contains("\"blocked\":false"), out);

    List<String> noCert = new ArrayList<>(base);
    noCert.add("https://localhost:" + port() + "/v1/lookup?domain=www.example.com");
    String refused = Binaries.output(30, noCert);
    assertTrue(refused.endsWith("\n401"), refused);
    assertTrue(refused.contains("\"error\":\"unauthorized\""), refused);
  }

  @Test
  void clientCertificate_authenticatesAsItsPrincipal_underItsRole() throws Exception {
    HttpClient ispA = client("isp-a", null);
    HttpResponse<String> snapshot = send(ispA, "/v1/snapshot", null);
    assertEquals(200, snapshot.statusCode(), snapshot.body());
    assertEquals("0", snapshot.headers().firstValue("Blocklist-Version").orElseThrow());
    // isp may not read requisitions (DESIGN.md route table): 403, not 401
    HttpResponse<String> requisitions = send(ispA, "/v1/requisitions", null);
    assertEquals(403, requisitions.statusCode(), requisitions.body());
    assertTrue(requisitions.body().contains("\"error\":\"forbidden\""), requisitions.body());
    // A token on the same connection is judged alone: police may read requisitions.
    HttpResponse<String> asPolice = send(ispA, "/v1/requisitions", policeToken);
    assertEquals(200, asPolice.statusCode(), asPolice.body());
    // A token that is not valid is not rescued by the certificate.
    assertEquals(401, send(ispA, "/v1/snapshot", "not-a-token").statusCode());
  }

  @Test
  void clientCertificate_ofAnUnknownName_is401() throws Exception {
    HttpResponse<String> r = send(client("nobody", null), "/v1/snapshot", null);
    assertEquals(401, r.statusCode(), r.body());
    assertTrue(r.body().startsWith("{\"error\":\"unauthorized\""), r.body());
    assertFalse(r.body().contains("Exception"), r.body());
  }

  @Test
  void clientCertificate_ofARevokedPrincipal_is401_withinAboutASecond() throws Exception {
    HttpClient revoked = client("isp-revoked", null);
    assertEquals(200, send(revoked, "/v1/checkpoint", null).statusCode());
    assertEquals(200, send(revoked, "/v1/snapshot", null).statusCode());
    try (var store = TestServer.openStore(server.config())) {
      Principals.revoke(store, "isp-revoked", "cli:test", Clock.systemUTC().instant());
    }
    HttpResponse<String> r =
        Poll.until(
            TIMEOUT,
            () -> "the revoked principal's certificate was still accepted",
            () -> {
              HttpResponse<String> x = send(revoked, "/v1/snapshot", null);
              return x.statusCode() == 401 ? Optional.of(x) : Optional.empty();
            });
    assertTrue(r.body().contains("\"error\":\"unauthorized\""), r.body());
  }

  @Test
  void clientCertificate_expired_orOfAnotherCa_failsTheHandshake() throws Exception {
    assertThrows(IOException.class, () -> send(client("isp-expired", null), "/healthz", null));
    assertThrows(
        IOException.class,
        () -> send(client(dir.resolve("other-ca"), "isp-a", null), "/healthz", null));
    // The same route without a certificate is served: the refusal was the certificate's.
    assertEquals(200, send(client(null, null), "/healthz", null).statusCode());
  }

  @Test
  void clientCertificate_isRateLimitedAsItsPrincipal() throws Exception {
    // isp: 2 requests/s, a burst of 5 s: at most about 10 in a quick row, then 429
    HttpClient ispB = client("isp-b", null);
    int ok = 0;
    int limited = 0;
    for (int i = 0; i < 40 && limited == 0; i++) {
      int status = send(ispB, "/v1/lookup?domain=example.org", null).statusCode();
      if (status == 200) {
        ok++;
      } else if (status == 429) {
        limited++;
      }
    }
    assertTrue(ok >= 1, "served at first");
    assertEquals(1, limited, "then 429 after " + ok + " answers");
  }

  @Test
  void stopPage_staysPlainHttp() throws Exception {
    HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<String> r =
        plain.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.service().stopPort() + "/"))
                .timeout(TIMEOUT)
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertEquals(404, r.statusCode(), "a host that is not blocked: 404 over plain HTTP");
  }

  @Test
  void plainHttp_onANonLoopbackBind_isRefusedAtStart_unlessAllowed() throws Exception {
    String yaml = "http: { port: 0, bind: 0.0.0.0 }\nstopPage: { port: 0 }\ndns: { port: 0 }\n";
    Config refused = TestServer.config(dir.resolve("plain"), yaml);
    StartException e =
        assertThrows(
            StartException.class,
            () -> Service.start(refused, Clock.systemUTC(), new SecureRandom()).close());
    assertTrue(
        e.getMessage().contains("http.bind 0.0.0.0 is not a loopback address"), e.getMessage());
    assertTrue(e.getMessage().contains("http.allowPlainHttp"), e.getMessage());
    Config allowed =
        TestServer.config(
            dir.resolve("plain"),
            "http: { port: 0, bind: 0.0.0.0, allowPlainHttp: true }\n"
                + "stopPage: { port: 0 }\ndns: { port: 0 }\n");
    try (Service s = Service.start(allowed, Clock.systemUTC(), new SecureRandom())) {
      assertTrue(s.httpPort() > 0);
    }
  }

  @Test
  void tlsConfiguration_incomplete_orUnreadable_isRefusedNamingTheKey() throws Exception {
    Path f = dir.resolve("half.yaml");
    Files.writeString(f, "http: { tls: { certificate: server.pem } }\n");
    ConfigException half = assertThrows(ConfigException.class, () -> new ConfigLoader().load(f));
    assertTrue(
        half.getMessage().contains("http.tls: certificate server.pem, key empty"),
        half.getMessage());
    Files.writeString(f, "http: { tls: { clientCa: ca.pem } }\n");
    ConfigException ca = assertThrows(ConfigException.class, () -> new ConfigLoader().load(f));
    assertTrue(ca.getMessage().contains("http.tls.clientCa: ca.pem"), ca.getMessage());

    Path notPem = dir.resolve("not.pem");
    Files.writeString(notPem, "not a certificate\n");
    Config bad =
        TestServer.config(
            dir.resolve("bad-pem"),
            "http: { port: 0, tls: { certificate: "
                + notPem
                + ", key: "
                + certs.resolve(DevCertificates.SERVER_KEY)
                + " } }\nstopPage: { port: 0 }\ndns: { port: 0 }\n");
    StartException e =
        assertThrows(
            StartException.class,
            () -> Service.start(bad, Clock.systemUTC(), new SecureRandom()).close());
    assertTrue(
        e.getMessage().startsWith("http.tls: cannot use certificate " + notPem), e.getMessage());
    Config missing =
        TestServer.config(
            dir.resolve("bad-pem"),
            "http: { port: 0, tls: { certificate: /nonexistent/server.pem, key: /nonexistent/key.pem } }\n"
                + "stopPage: { port: 0 }\ndns: { port: 0 }\n");
    StartException m =
        assertThrows(
            StartException.class,
            () -> Service.start(missing, Clock.systemUTC(), new SecureRandom()).close());
    assertEquals(
        "http.tls.certificate: /nonexistent/server.pem is not a readable file", m.getMessage());
  }

  private static int port() {
    return server.service().httpPort();
  }

  private static Binaries.Run sClient(Path openssl, int port, String protocol) throws Exception {
    Path in = dir.resolve("s_client.in");
    Files.writeString(in, "");
    Path out = Files.createTempFile(dir, "s_client", ".out");
    Path err = Files.createTempFile(dir, "s_client", ".err");
    Process p =
        new ProcessBuilder(
                openssl.toString(),
                "s_client",
                "-connect",
                "127.0.0.1:" + port,
                protocol,
                "-cipher",
                "DEFAULT@SECLEVEL=0",
                "-CAfile",
                certs.resolve(DevCertificates.CA).toString(),
                "-verify_return_error")
            .redirectInput(in.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
    }
    return new Binaries.Run(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static HttpResponse<String> send(HttpClient client, String path, String token)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("https://localhost:" + port() + path)).timeout(TIMEOUT);
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static HttpClient client(String principal, String protocol) throws Exception {
    return client(certs, principal, protocol);
  }

  /**
   * A JDK client trusting {@code ca.pem} of {@link #certs}, presenting {@code principal}'s
   * certificate from {@code from} (none if null), limited to {@code protocol} if given.
   */
  private static HttpClient client(Path from, String principal, String protocol) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", certificate(certs.resolve(DevCertificates.CA)));
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    KeyManagerFactory kmf = null;
    if (principal != null) {
      char[] password = "test".toCharArray();
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry(
          principal,
          privateKey(from.resolve(DevCertificates.clientKeyFile(principal))),
          password,
          new Certificate[] {certificate(from.resolve(DevCertificates.clientFile(principal)))});
      kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, password);
    }
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .sslContext(ssl)
            .connectTimeout(TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1);
    if (protocol != null) {
      SSLParameters params = ssl.getDefaultSSLParameters();
      params.setProtocols(new String[] {protocol});
      b.sslParameters(params);
    }
    return b.build();
  }

  private static Certificate certificate(Path pem) throws Exception {
    try (InputStream in = Files.newInputStream(pem)) {
      return CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private static PrivateKey privateKey(Path pem) throws Exception {
    String text = Files.readString(pem, StandardCharsets.US_ASCII);
    assertTrue(text.startsWith("-----BEGIN PRIVATE KEY-----"), pem + " is PKCS#8 PEM");
    String base64 =
        text.replace("-----BEGIN PRIVATE KEY-----", "")
            .replace("-----END PRIVATE KEY-----", "")
            .replaceAll("\\s", "");
    return KeyFactory.getInstance("EC")
        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(base64)));
  }
}
