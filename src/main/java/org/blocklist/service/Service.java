package org.blocklist.service;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.util.HashedWheelTimer;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.blocklist.accountability.AppealQuota;
import org.blocklist.audit.AuditEvent;
import org.blocklist.audit.ChainHead;
import org.blocklist.audit.EventType;
import org.blocklist.auth.Authenticator;
import org.blocklist.cluster.Replication;
import org.blocklist.config.Config;
import org.blocklist.console.Console;
import org.blocklist.console.ConsoleContext;
import org.blocklist.dns.DnsServer;
import org.blocklist.domain.DomainCanonicalizer;
import org.blocklist.domain.ProtectedDomains;
import org.blocklist.domain.RequisitionDomainValidator;
import org.blocklist.http.ApiContext;
import org.blocklist.http.ApiServer;
import org.blocklist.isp.Delivery;
import org.blocklist.isp.IspStatus;
import org.blocklist.ledger.Desk;
import org.blocklist.ledger.Ledger;
import org.blocklist.ledger.LedgerKeys;
import org.blocklist.ledger.LedgerStore;
import org.blocklist.ledger.LedgerVerifier;
import org.blocklist.ledger.PublicFigures;
import org.blocklist.ledger.StoreException;
import org.blocklist.ledger.VerificationException;
import org.blocklist.requisition.RequisitionRules;
import org.blocklist.signing.KeyFileException;
import org.blocklist.signing.KeyFiles;
import org.blocklist.state.ListState;
import org.blocklist.stoppage.StopPageServer;
import org.blocklist.store.JdbcStore;
import org.blocklist.store.PostgresDatabase;
import org.blocklist.store.ReadPool;
import org.blocklist.store.SqlDatabase;
import org.blocklist.store.StoreAccountabilityRecords;
import org.blocklist.store.StoreRecords;
import org.blocklist.store.Stores;
import org.blocklist.store.WriterSession;
import org.blocklist.tls.TlsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running service: store, key, verified ledger, listeners. {@link #start} verifies the whole
 * stored history before it opens any port, and fails with {@link StartException} (whose message
 * says why) instead of serving an unverified list.
 */
public final class Service implements AutoCloseable {
  /** The lock file that keeps a second {@code serve} off the same data directory. */
  public static final String LOCK_FILE = "serve.lock";

  static final String ACTOR = "service";

  /** The stop page serves a few fixed pages: one event loop is plenty. */
  static final int STOP_PAGE_THREADS = 1;

  /**
   * The DNS listener answers SOA queries and streams transfers in slices of one message: one event
   * loop leaves the other core to the API.
   */
  static final int DNS_THREADS = 1;

  private static final Logger log = LoggerFactory.getLogger(Service.class);

  private final List<AutoCloseable> resources;
  private final Ledger ledger;
  private final LedgerKeys keys;
  private final ApiServer api;
  private final StopPageServer stop;
  private final DnsServer dns;
  private final PrometheusMeterRegistry registry;
  private final Desk desk;

  private Service(
      List<AutoCloseable> resources,
      Ledger ledger,
      LedgerKeys keys,
      ApiServer api,
      StopPageServer stop,
      DnsServer dns,
      PrometheusMeterRegistry registry,
      Desk desk) {
    this.resources = resources;
    this.ledger = ledger;
    this.keys = keys;
    this.api = api;
    this.stop = stop;
    this.dns = dns;
    this.registry = registry;
    this.desk = desk;
  }

  /** The writer's desk for reports, reviews, expiry and appeals (the console calls it too). */
  public Desk desk() {
    return desk;
  }

  /**
   * Starts on the system's time and threads: what {@code serve} runs. Tests and tools pass their
   * own with {@link #start(Config, Clock, SecureRandom, Ticker)}.
   */
  public static Service start(Config config, Clock clock, SecureRandom random)
      throws StartException {
    return start(config, clock, random, Ticker.systemTicker());
  }

  public static Service start(Config config, Clock clock, SecureRandom random, Ticker ticker)
      throws StartException {
    requireNonNull(config, "config");
    List<AutoCloseable> resources = new ArrayList<>();
    try {
      Config.Store storeConfig = config.store();
      SqlDatabase db =
          Stores.open(
              storeConfig.kind(),
              config.data(),
              storeConfig.url(),
              storeConfig.user(),
              storeConfig.passwordFile());
      resources.add(lock(config.data()));
      KeyFiles.Loaded key = KeyFiles.loadOrCreate(config.data(), random);
      LedgerKeys keys = LedgerKeys.of(config.origin(), key.privateKey());
      JdbcStore store = JdbcStore.open(db);
      resources.add(0, store);
      log.info("store {}", store.durability());
      if (db instanceof PostgresDatabase pg) {
        checkClusterKey(pg, keys, config.data());
      }
      long started = ticker.read();
      Verified verified =
          store.readHistory(
              history -> new Verified(LedgerVerifier.verify(history, keys), history.chainHead()));
      ListState state = verified.state();
      Map<String, Delivery> deliveries = store.readHistory(LedgerStore.History::deliveries);
      log.info(
          "verified version {} ({} entries) in {} ms",
          state.version(),
          state.entryCount(),
          (ticker.read() - started) / 1_000_000);
      DomainCanonicalizer canonicalizer = new DomainCanonicalizer();
      ProtectedDomains protectedDomains = protectedDomains(config, canonicalizer);
      PrometheusMeterRegistry registry = newRegistry();
      Config.Limits limits = config.limits();
      Ledger ledger =
          new Ledger(
              store,
              state,
              keys,
              new RequisitionRules(
                  new RequisitionDomainValidator(canonicalizer, protectedDomains),
                  limits.requisitionDomains()),
              limits.writeQueue(),
              clock,
              ticker,
              random,
              new DefaultThreadFactory("blocklist-writer", true),
              registry);
      resources.add(0, ledger);
      if (db instanceof PostgresDatabase) {
        ledger.replicate(verified.head(), config.cluster().failoverSeconds());
      }
      List<AuditEvent> startup = new ArrayList<>();
      if (key.created()) {
        startup.add(
            AuditEvent.of(
                EventType.KEY_CREATED,
                clock.instant(),
                ACTOR,
                "verifier-key",
                keys.verifierKey().encode()));
      }
      startup.add(
          AuditEvent.of(
              EventType.STARTUP_VERIFIED,
              clock.instant(),
              ACTOR,
              "version",
              state.version(),
              "root",
              state.root().hex(),
              "entries",
              state.entryCount()));
      join(ledger.record(startup));
      Gauge.builder("blocklist.version", ledger, l -> l.state().version())
          .description("Latest published version")
          .register(registry);
      Gauge.builder("blocklist.entries", ledger, l -> l.state().entryCount())
          .description("Entries in the latest version")
          .register(registry);
      if (db instanceof PostgresDatabase pg) {
        Replication replication =
            new Replication(
                pg,
                store,
                ledger,
                config.cluster().advertise(),
                config.cluster().failoverSeconds(),
                new DefaultThreadFactory("blocklist-replication", true),
                registry);
        resources.add(0, replication);
        replication.start();
        log.info("replica on {}: {}", pg.url(), ledger.role().code());
      }
      ReadPool reads =
          new ReadPool(
              db,
              config.http().blockingThreads(),
              limits.blockingQueue(),
              new DefaultThreadFactory("blocklist-reader", true));
      resources.add(0, reads);
      StoreRecords records = new StoreRecords(reads);
      Desk desk =
          new Desk(
              ledger,
              store.accountability(),
              new AppealQuota(config.appeals().perAddressPerHour(), ticker),
              config.review().days(),
              config.review().expiryBatch());
      StoreAccountabilityRecords accountability = new StoreAccountabilityRecords(reads);
      Authenticator authenticator =
          new Authenticator(
              hash -> {
                try {
                  return records.principalByTokenHash(hash);
                } catch (StoreException e) {
                  throw new IllegalStateException("principal lookup failed", e);
                }
              },
              name -> {
                try {
                  return records.activePrincipal(name);
                } catch (StoreException e) {
                  throw new IllegalStateException("principal lookup failed", e);
                }
              },
              reads.executor(),
              ticker);
      IspStatus ispStatus = new IspStatus(clock, deliveries);
      resources.add(0, flushEverySecond(ispStatus, ledger, registry));
      HashedWheelTimer timer =
          new HashedWheelTimer(new DefaultThreadFactory("blocklist-timer", true));
      resources.add(0, timer::stop);
      Console console =
          new Console(
              new ConsoleContext(
                  ledger,
                  keys,
                  records,
                  desk,
                  accountability,
                  authenticator,
                  ispStatus,
                  clock,
                  ticker,
                  random,
                  timer));
      ApiServer api =
          ApiServer.start(
              config,
              new ApiContext(
                  ledger,
                  keys,
                  records,
                  desk,
                  accountability,
                  authenticator,
                  ispStatus,
                  canonicalizer,
                  ticker,
                  timer,
                  reads.executor(),
                  registry),
              List.of(console));
      resources.add(0, api);
      LedgerBlockedHosts blockedHosts = new LedgerBlockedHosts(ledger::state, canonicalizer);
      StopPageServer stop =
          StopPageServer.start(
              config.stopPage().bind(),
              config.stopPage().port(),
              config.stopPage().contactPhone(),
              blockedHosts,
              config.stopPage().requestsPerSecondPerAddress(),
              ticker,
              STOP_PAGE_THREADS,
              new DeskAppeals(desk, blockedHosts),
              () ->
                  PublicFigures.of(ledger.state(), accountability)
                      .thenApply(PublicFigures.Figures::months));
      resources.add(0, stop);
      DnsServer dns =
          DnsServer.start(
              config.dns(),
              config.stopPage().host(),
              ledger::state,
              ispStatus,
              clock,
              ticker,
              registry,
              random,
              DNS_THREADS);
      resources.add(0, dns);
      // DNS NOTIFY is the writer's: every replica serves transfers, only the writer announces
      ledger.onPublish(
          published -> {
            if (ledger.role().writes()) {
              dns.published(published);
            }
          });
      resources.add(
          0,
          ReviewExpiry.schedule(
              desk, config.review().checkSeconds(), () -> ledger.role().writes()));
      return new Service(resources, ledger, keys, api, stop, dns, registry, desk);
    } catch (VerificationException e) {
      closeAll(resources);
      throw new StartException("the stored history does not verify: " + e.getMessage(), e);
    } catch (StoreException | KeyFileException | TlsException | IOException e) {
      closeAll(resources);
      throw new StartException(e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeAll(resources);
      throw new StartException("interrupted while starting", e);
    } catch (RuntimeException e) {
      closeAll(resources);
      throw new StartException("cannot start: " + e, e);
    }
  }

  /** The state verified at start and the chain head verified with it. */
  private record Verified(ListState state, ChainHead head) {}

  /**
   * Every replica of a shared store signs with the same key: the first one to start records its
   * verifier key in the store; any other key is refused before anything is served or written.
   */
  private static void checkClusterKey(PostgresDatabase pg, LedgerKeys keys, Path data)
      throws StoreException, StartException {
    String mine = keys.verifierKey().encode();
    String stored;
    try (WriterSession s = WriterSession.open(pg, 10, 60_000)) {
      stored = s.claimVerifierKey(mine);
    }
    if (!stored.equals(mine)) {
      throw new StartException(
          "this replica's signing key ("
              + mine
              + ") is not the one of the shared store ("
              + stored
              + "): copy "
              + KeyFiles.PRIVATE_KEY_FILE
              + " and "
              + KeyFiles.PUBLIC_KEY_FILE
              + " from a replica of this cluster into "
              + data.toAbsolutePath(),
          null);
    }
  }

  /** Waits for a start-up write; its failure is the start's. */
  private static void join(CompletableFuture<?> write) throws StoreException, InterruptedException {
    try {
      write.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof StoreException s) {
        throw s;
      }
      throw new IllegalStateException("start-up write failed", e.getCause());
    }
  }

  public int httpPort() {
    return api.port();
  }

  public int stopPort() {
    return stop.port();
  }

  /** The DNS port, TCP and UDP. */
  public int dnsPort() {
    return dns.port();
  }

  public ListState state() {
    return ledger.state();
  }

  public LedgerKeys keys() {
    return keys;
  }

  public Ledger ledger() {
    return ledger;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  @Override
  public void close() {
    closeAll(resources);
    registry.close();
  }

  /** Stores the ISP status changed in the last second, on the writer; a last flush at close. */
  private static AutoCloseable flushEverySecond(
      IspStatus status, Ledger ledger, MeterRegistry registry) {
    MultiGauge lag =
        MultiGauge.builder("blocklist.isp.behind")
            .description("Versions between the latest and the last one each ISP received")
            .register(registry);
    ScheduledThreadPoolExecutor scheduler =
        new ScheduledThreadPoolExecutor(1, new DefaultThreadFactory("blocklist-isp-status", true));
    Runnable flush =
        () -> {
          long latest = ledger.state().version();
          lag.register(
              status.all().entrySet().stream()
                  .map(
                      e ->
                          MultiGauge.Row.of(
                              Tags.of("isp", e.getKey()), latest - e.getValue().lastVersion()))
                  .toList(),
              true);
          Map<String, Delivery> batch = status.takeDirty();
          if (!batch.isEmpty()) {
            ledger
                .storeDeliveries(batch)
                .whenComplete(
                    (v, e) -> {
                      if (e != null) {
                        status.restoreDirty(batch);
                        log.warn("storing ISP status failed; will retry: {}", e.toString());
                      }
                    });
          }
        };
    scheduler.scheduleWithFixedDelay(
        flush,
        IspStatus.FLUSH_INTERVAL_MILLIS,
        IspStatus.FLUSH_INTERVAL_MILLIS,
        TimeUnit.MILLISECONDS);
    return () -> {
      scheduler.shutdown();
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
      flush.run();
    };
  }

  private static ProtectedDomains protectedDomains(Config config, DomainCanonicalizer c)
      throws IOException {
    if (!Files.exists(config.protectedDomains())) {
      log.warn("protected list {} not found: no name is protected", config.protectedDomains());
      return ProtectedDomains.none();
    }
    ProtectedDomains p = ProtectedDomains.load(config.protectedDomains(), c);
    log.info("{} protected names from {}", p.size(), config.protectedDomains());
    return p;
  }

  private static PrometheusMeterRegistry newRegistry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    return registry;
  }

  private static AutoCloseable lock(Path data) throws IOException, StartException {
    FileChannel channel =
        FileChannel.open(
            data.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      throw new StartException("another serve already uses " + data.toAbsolutePath(), null);
    }
    return channel;
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (AutoCloseable r : resources) {
      try {
        r.close();
      } catch (Exception e) {
        log.warn("closing {}: {}", r, e.toString());
      }
    }
    resources.clear();
  }
}
