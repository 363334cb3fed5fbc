package org.blocklist.dns;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.blocklist.isp.IspStatus;
import org.blocklist.rpz.TransferKind;
import org.blocklist.rpz.TransferListener;

/**
 * Records every transfer in the ISP status ({@code GET /v1/isps}, {@code via: "dns"}) and counts it
 * in {@code blocklist_dns_transfers_total{kind}}.
 */
final class IspTransfers implements TransferListener {
  static final String VIA = "dns";

  private final IspStatus status;
  private final Map<TransferKind, Counter> counters = new EnumMap<>(TransferKind.class);

  IspTransfers(IspStatus status, MeterRegistry registry) {
    this.status = requireNonNull(status, "status");
    for (TransferKind kind : TransferKind.values()) {
      counters.put(
          kind,
          Counter.builder("blocklist.dns.transfers")
              .description("Zone transfers served: axfr, ixfr, or current (the SOA alone)")
              .tag("kind", kind.name().toLowerCase(Locale.ROOT))
              .register(registry));
    }
  }

  @Override
  public void served(Optional<String> isp, long version, TransferKind kind) {
    counters.get(kind).increment();
    isp.ifPresent(name -> status.record(name, version, VIA));
  }
}
