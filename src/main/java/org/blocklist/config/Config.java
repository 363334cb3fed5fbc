package org.blocklist.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
    Limits limits) {

  public Config {
    requireNonNull(origin, "origin");
    requireNonNull(data, "data");
    requireNonNull(protectedDomains, "protectedDomains");
    requireNonNull(http, "http");
    requireNonNull(stopPage, "stopPage");
    requireNonNull(dns, "dns");
    requireNonNull(metrics, "metrics");
    requireNonNull(limits, "limits");
  }

  public record Http(int port, String bind, int ioThreads, int blockingThreads) {
    public Http {
      requireNonNull(bind, "bind");
      ConfigChecks.port("http.port", port);
      ConfigChecks.range("http.ioThreads", ioThreads, 1, 64);
      ConfigChecks.range("http.blockingThreads", blockingThreads, 1, 64);
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

  public record Dns(
      int port,
      String zone,
      String action,
      @JsonProperty("notify") List<String> notifyTargets,
      List<Map<String, Object>> transfers) {
    public Dns {
      requireNonNull(zone, "zone");
      requireNonNull(action, "action");
      ConfigChecks.port("dns.port", port);
      if (!action.equals("nxdomain") && !action.equals("stoppage")) {
        throw new IllegalArgumentException(
            "dns.action: " + action + " (expected: nxdomain or stoppage)");
      }
      notifyTargets = List.copyOf(notifyTargets);
      transfers = List.copyOf(transfers);
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
    return new Config(origin, newData, protectedDomains, http, stopPage, dns, metrics, limits);
  }

  public Config withPorts(Integer httpPort, Integer stopPort, Integer dnsPort) {
    Http h =
        httpPort == null
            ? http
            : new Http(httpPort, http.bind(), http.ioThreads(), http.blockingThreads());
    StopPage s =
        stopPort == null
            ? stopPage
            : new StopPage(
                stopPort,
                stopPage.bind(),
                stopPage.host(),
                stopPage.contactPhone(),
                stopPage.requestsPerSecondPerAddress());
    Dns d =
        dnsPort == null
            ? dns
            : new Dns(dnsPort, dns.zone(), dns.action(), dns.notifyTargets(), dns.transfers());
    return new Config(origin, data, protectedDomains, h, s, d, metrics, limits);
  }
}
