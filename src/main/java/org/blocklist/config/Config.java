package org.blocklist.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The service configuration, as read from {@code config/blocklist.yaml} over the built-in defaults
 * ({@code default-config.yaml}) and then overridden by command-line flags.
 */
public record Config(
    String origin,
    Path data,
    Path protectedDomains,
    Http http,
    StopPage stopPage,
    Dns dns,
    Metrics metrics,
    Limits limits,
    Store store,
    Cluster cluster,
    Review review,
    Appeals appeals) {

  public Config {
    requireNonNull(origin, "origin");
    requireNonNull(data, "data");
    requireNonNull(protectedDomains, "protectedDomains");
    requireNonNull(http, "http");
    requireNonNull(stopPage, "stopPage");
    requireNonNull(dns, "dns");
    requireNonNull(metrics, "metrics");
    requireNonNull(limits, "limits");
    requireNonNull(store, "store");
    requireNonNull(cluster, "cluster");
    requireNonNull(review, "review");
    requireNonNull(appeals, "appeals");
  }

  /**
   * Where the ledger is stored: {@code sqlite} (the data directory) or {@code postgresql} ({@code
   * url}, {@code user}, the password in {@code passwordFile}, owner-only; empty for none).
   */
  public record Store(String kind, String url, String user, String passwordFile) {
    public static final String SQLITE = "sqlite";
    public static final String POSTGRESQL = "postgresql";

    public Store {
      requireNonNull(kind, "kind");
      requireNonNull(url, "url");
      requireNonNull(user, "user");
      requireNonNull(passwordFile, "passwordFile");
      if (!kind.equals(SQLITE) && !kind.equals(POSTGRESQL)) {
        throw new IllegalArgumentException(
            "store.kind: " + kind + " (expected: " + SQLITE + " or " + POSTGRESQL + ")");
      }
      if (kind.equals(POSTGRESQL) && !url.startsWith("jdbc:postgresql:")) {
        throw new IllegalArgumentException(
            "store.url: \""
                + url
                + "\" (expected with store.kind postgresql: jdbc:postgresql://host:port/database)");
      }
    }

    public boolean postgresql() {
      return kind.equals(POSTGRESQL);
    }
  }

  /**
   * Replicas on one PostgreSQL store: {@code advertise} is this replica's API URL as the others
   * reach it (writes sent to another replica are forwarded there); the writer is replaced {@code
   * failoverSeconds} after it is lost at the latest.
   */
  public record Cluster(String advertise, int failoverSeconds) {
    public Cluster {
      requireNonNull(advertise, "advertise");
      ConfigChecks.range("cluster.failoverSeconds", failoverSeconds, 2, 3600);
      if (!advertise.isEmpty()
          && !advertise.startsWith("http://")
          && !advertise.startsWith("https://")) {
        throw new IllegalArgumentException(
            "cluster.advertise: " + advertise + " (expected: an http:// or https:// URL)");
      }
    }
  }

  /**
   * Review and expiry (DESIGN.md, "Review, expiry, appeals and reports"): {@code days} after the
   * approval that added an entry or the renewal that last moved it, the entry falls due; the writer
   * looks for due entries every {@code checkSeconds} and removes at most {@code expiryBatch} of
   * them per version (then queues the next batch behind the work already waiting).
   */
  public record Review(int days, int checkSeconds, int expiryBatch) {
    public Review {
      ConfigChecks.range("review.days", days, 1, 36_500);
      ConfigChecks.range("review.checkSeconds", checkSeconds, 1, 86_400);
      ConfigChecks.range("review.expiryBatch", expiryBatch, 1, 1_000_000);
    }
  }

  /** Appeals: {@code perAddressPerHour} from one source address (an IPv6 /64), 0 = unlimited. */
  public record Appeals(int perAddressPerHour) {
    public Appeals {
      ConfigChecks.range("appeals.perAddressPerHour", perAddressPerHour, 0, 1_000_000);
    }
  }

  /**
   * The API listener. {@code tls}: HTTPS only when set; {@code allowPlainHttp}: serve plain HTTP on
   * a bind address that is not loopback (behind a TLS-terminating proxy), refused at start without
   * it.
   */
  public record Http(
      int port, String bind, int ioThreads, int blockingThreads, Tls tls, boolean allowPlainHttp) {
    public Http {
      requireNonNull(bind, "bind");
      requireNonNull(tls, "tls");
      ConfigChecks.port("http.port", port);
      ConfigChecks.range("http.ioThreads", ioThreads, 1, 64);
      ConfigChecks.range("http.blockingThreads", blockingThreads, 1, 64);
    }

    Http withPort(int newPort) {
      return new Http(newPort, bind, ioThreads, blockingThreads, tls, allowPlainHttp);
    }
  }

  /**
   * {@code http.tls}: PEM files; empty strings leave TLS off. {@code certificate} and {@code key}
   * are set together; {@code clientCa} (the CAs whose client certificates authenticate as the
   * principal named by their subject CN) only with them.
   */
  public record Tls(String certificate, String key, String clientCa) {
    public Tls {
      certificate = certificate == null ? "" : certificate;
      key = key == null ? "" : key;
      clientCa = clientCa == null ? "" : clientCa;
      if (certificate.isEmpty() != key.isEmpty()) {
        throw new IllegalArgumentException(
            "http.tls: certificate "
                + (certificate.isEmpty() ? "empty" : certificate)
                + ", key "
                + (key.isEmpty() ? "empty" : key)
                + " (expected: both set, or both empty)");
      }
      if (!clientCa.isEmpty() && certificate.isEmpty()) {
        throw new IllegalArgumentException(
            "http.tls.clientCa: "
                + clientCa
                + " without a certificate and key (expected: all set)");
      }
    }

    /** Whether the API speaks HTTPS only. */
    public boolean enabled() {
      return !certificate.isEmpty();
    }

    public Optional<Path> clientCaFile() {
      return clientCa.isEmpty() ? Optional.empty() : Optional.of(Path.of(clientCa));
    }
  }

  /**
   * The stop page listener. {@code requestsPerSecondPerAddress}: requests a second from one source
   * address (an IPv6 /64), a burst of 5 s, {@code 0} for unlimited.
   */
  public record StopPage(
      int port, String bind, String host, String contactPhone, int requestsPerSecondPerAddress) {
    public StopPage {
      requireNonNull(bind, "bind");
      requireNonNull(host, "host");
      requireNonNull(contactPhone, "contactPhone");
      ConfigChecks.port("stopPage.port", port);
      ConfigChecks.range(
          "stopPage.requestsPerSecondPerAddress", requestsPerSecondPerAddress, 0, 10_000_000);
    }
  }

  /**
   * The DNS listener (TCP and UDP on one port) serving the list as an RPZ zone. {@code transfers}:
   * who may transfer it, each as an ISP principal; empty lets only loopback clients transfer.
   * {@code queriesPerSecondPerAddress}: UDP queries a second from one source address (an IPv6 /64),
   * a burst of 5 s, {@code 0} for unlimited; {@code transfersPerAddress}: transfers streaming at
   * once to one source address.
   */
  public record Dns(
      int port,
      String bind,
      String zone,
      String action,
      @JsonProperty("notify") List<String> notifyTargets,
      List<Transfer> transfers,
      int queriesPerSecondPerAddress,
      int transfersPerAddress) {
    public Dns {
      requireNonNull(bind, "bind");
      requireNonNull(zone, "zone");
      requireNonNull(action, "action");
      ConfigChecks.port("dns.port", port);
      ConfigChecks.absoluteName("dns.zone", zone);
      if (!action.equals("nxdomain") && !action.equals("stoppage")) {
        throw new IllegalArgumentException(
            "dns.action: " + action + " (expected: nxdomain or stoppage)");
      }
      notifyTargets = List.copyOf(notifyTargets);
      for (int i = 0; i < notifyTargets.size(); i++) {
        ConfigChecks.endpoint("dns.notify[" + i + "]", notifyTargets.get(i));
      }
      transfers = List.copyOf(transfers);
      ConfigChecks.transfers("dns.transfers", transfers);
      ConfigChecks.range(
          "dns.queriesPerSecondPerAddress", queriesPerSecondPerAddress, 0, 10_000_000);
      ConfigChecks.range("dns.transfersPerAddress", transfersPerAddress, 1, 10_000);
    }

    Dns withPort(int newPort) {
      return new Dns(
          newPort,
          bind,
          zone,
          action,
          notifyTargets,
          transfers,
          queriesPerSecondPerAddress,
          transfersPerAddress);
    }
  }

  /**
   * One {@code dns.transfers} entry: the ISP principal {@code isp} may transfer the zone from
   * {@code addresses} (CIDR ranges), with {@code tsig} (a key), or both (then a transfer needs
   * both).
   */
  public record Transfer(String isp, List<String> addresses, Tsig tsig) {
    public Transfer {
      requireNonNull(isp, "isp");
      addresses = addresses == null ? List.of() : List.copyOf(addresses);
    }

    public Optional<Tsig> key() {
      return Optional.ofNullable(tsig);
    }
  }

  /** A TSIG key (RFC 8945): its name, algorithm ({@code hmac-sha256}) and base64 secret. */
  public record Tsig(String name, String algorithm, String secret) {
    public Tsig {
      requireNonNull(name, "name");
      algorithm = algorithm == null ? "hmac-sha256" : algorithm;
      requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
      return "Tsig[name=" + name + ", algorithm=" + algorithm + ", secret=(hidden)]";
    }
  }

  public record Metrics(String token) {
    public Metrics {
      requireNonNull(token, "token");
    }
  }

  public record Limits(
      int requisitionDomains,
      int lookupBatch,
      Map<String, Integer> requestsPerSecond,
      int requestsPerSecondPerAddress,
      int bodyBytes,
      int headerSeconds,
      int bodySeconds,
      int idleSeconds,
      int maxConnections,
      int connectionsPerAddress,
      int writeQueue,
      int blockingQueue) {
    public Limits {
      ConfigChecks.range("limits.requisitionDomains", requisitionDomains, 1, 10_000_000);
      ConfigChecks.range("limits.lookupBatch", lookupBatch, 1, 1_000_000);
      ConfigChecks.range(
          "limits.requestsPerSecondPerAddress", requestsPerSecondPerAddress, 0, 10_000_000);
      ConfigChecks.range("limits.bodyBytes", bodyBytes, 1024, 1 << 30);
      ConfigChecks.range("limits.headerSeconds", headerSeconds, 1, 3600);
      ConfigChecks.range("limits.bodySeconds", bodySeconds, 1, 3600);
      ConfigChecks.range("limits.idleSeconds", idleSeconds, 1, 86_400);
      ConfigChecks.range("limits.maxConnections", maxConnections, 1, 1_000_000);
      ConfigChecks.range("limits.connectionsPerAddress", connectionsPerAddress, 1, 1_000_000);
      ConfigChecks.range("limits.writeQueue", writeQueue, 1, 1_000_000);
      ConfigChecks.range("limits.blockingQueue", blockingQueue, 1, 1_000_000);
      requestsPerSecond = Map.copyOf(requestsPerSecond);
      requestsPerSecond.forEach(
          (role, rate) ->
              ConfigChecks.range("limits.requestsPerSecond." + role, rate, 0, 10_000_000));
    }

    /** Requests per second allowed to one principal of {@code role}; 0 means unlimited. */
    public int requestsPerSecond(String role) {
      return requestsPerSecond.getOrDefault(role, 0);
    }
  }

  public Config withData(Path newData) {
    return new Config(
        origin,
        newData,
        protectedDomains,
        http,
        stopPage,
        dns,
        metrics,
        limits,
        store,
        cluster,
        review,
        appeals);
  }

  public Config withPorts(Integer httpPort, Integer stopPort, Integer dnsPort) {
    Http h = httpPort == null ? http : http.withPort(httpPort);
    StopPage s =
        stopPort == null
            ? stopPage
            : new StopPage(
                stopPort,
                stopPage.bind(),
                stopPage.host(),
                stopPage.contactPhone(),
                stopPage.requestsPerSecondPerAddress());
    Dns d = dnsPort == null ? dns : dns.withPort(dnsPort);
    return new Config(
        origin, data, protectedDomains, h, s, d, metrics, limits, store, cluster, review, appeals);
  }
}
