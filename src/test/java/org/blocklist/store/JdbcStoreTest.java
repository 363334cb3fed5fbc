package org.blocklist.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.blocklist.audit.AuditEvent;
import org.blocklist.audit.ChainHead;
import org.blocklist.audit.ChainedEvent;
import org.blocklist.audit.EventType;
import org.blocklist.domain.DomainName;
import org.blocklist.isp.Delivery;
import org.blocklist.ledger.ChainMovedException;
import org.blocklist.ledger.StoreException;
import org.blocklist.ledger.StoredVersion;
import org.blocklist.log.Hash;
import org.blocklist.principal.Principal;
import org.blocklist.principal.Role;
import org.blocklist.requisition.Action;
import org.blocklist.requisition.LegalBasis;
import org.blocklist.requisition.Requisition;
import org.blocklist.requisition.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer's store on a real SQLite file, its rows checked with plain SQL of our own: each write
 * commits all it was given or nothing, the audit chain is checked at every append (DESIGN.md,
 * "Audit events"), and the history is read in one consistent read.
 */
class JdbcStoreTest {
  private static final Instant T0 = Instant.parse("2026-11-22T06:30:00Z");
  private static final Principal OFFICER = new Principal("officer-1", Role.POLICE);
  private static final Principal MAGISTRATE = new Principal("magistrate-1", Role.PROSECUTOR);

  @TempDir Path dir;

  private Database db;
  private JdbcStore store;

  /** A connection of the test's own, as an operator's {@code sqlite3} would open it. */
  private Connection sql;

  @BeforeEach
  void open() throws Exception {
    db = Database.open(dir.resolve("data"));
    store = JdbcStore.open(db);
    sql = DriverManager.getConnection("jdbc:sqlite:" + db.file());
  }

  @AfterEach
  void close() throws Exception {
    sql.close();
    store.close();
  }

  // --- helpers ---------------------------------------------------------------------------------

  /** Every row of {@code query}, columns joined by {@code |}, null as {@code NULL}. */
  private List<String> rows(String query) throws SQLException {
    try (Statement s = sql.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      int columns = rs.getMetaData().getColumnCount();
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        StringJoiner row = new StringJoiner("|");
        for (int i = 1; i <= columns; i++) {
          String v = rs.getString(i);
          row.add(v == null ? "NULL" : v);
        }
        out.add(row.toString());
      }
      return out;
    }
  }

  private long count(String table) throws SQLException {
    return Long.parseLong(rows("SELECT COUNT(*) FROM " + table).get(0));
  }

  /** A snapshot of every table, to show that a failed write left nothing. */
  private List<List<String>> everything() throws SQLException {
    List<List<String>> out = new ArrayList<>();
    for (String table :
        List.of(
            "events ORDER BY seq",
            "requisitions ORDER BY id",
            "requisition_domains ORDER BY requisition, position",
            "entries ORDER BY name, added",
            "versions ORDER BY version",
            "principals ORDER BY name",
            "isp_status ORDER BY name")) {
      out.add(rows("SELECT * FROM " + table));
    }
    return out;
  }

  private static AuditEvent event(EventType type, long requisition) {
    return AuditEvent.of(type, T0, "officer-1", "requisition", requisition);
  }

  private List<ChainedEvent> chained(AuditEvent... events) throws StoreException {
    return store.chainHead().chain(List.of(events));
  }

  private static Requisition pending(long id, Action action, String... names) {
    List<DomainName> domains = new ArrayList<>();
    for (String n : names) {
      domains.add(new DomainName(n));
    }
    return new Requisition(
        id,
        action,
        domains,
        LegalBasis.CCP_39BIS,
        "PV " + id + "/2026",
        "note " + id,
        OFFICER.name(),
        T0.plusSeconds(id),
        Status.PENDING,
        null,
        null,
        null,
        null);
  }

  private static Requisition approved(Requisition r, long version) {
    return r.decide(Status.APPROVED, MAGISTRATE.name(), T0.plusSeconds(600), "ok", version);
  }

  private static StoredVersion version(long n) {
    return new StoredVersion(n, "manifest of version " + n + "\n", "checkpoint of " + n + "\n");
  }

  private void insert(Requisition r) throws Exception {
    store.insertRequisition(r, chained(event(EventType.REQUISITION_SUBMITTED, r.id())));
  }

  /** Inserts and publishes {@code r} as {@code version}. */
  private void publish(Requisition r, long version, List<String> added, List<String> removed)
      throws Exception {
    insert(r);
    store.publish(
        approved(r, version),
        version(version),
        added,
        removed,
        chained(event(EventType.REQUISITION_APPROVED, r.id())));
  }

  private static String sha256Hex(byte[]... parts) throws Exception {
    MessageDigest d = MessageDigest.getInstance("SHA-256");
    for (byte[] p : parts) {
      d.update(p);
    }
    return HexFormat.of().formatHex(d.digest());
  }

  // --- durability ------------------------------------------------------------------------------

  @Test
  void durability_ofTheStoresConnection_isWalWithFullSynchronousCommits() throws Exception {
    assertEquals(db.file() + ": journal_mode=wal synchronous=2", store.durability());
    // WAL is a property of the file: any connection, ours included, sees it.
    assertEquals(List.of("wal"), rows("PRAGMA journal_mode"));
  }

  // --- the audit chain -------------------------------------------------------------------------

  @Test
  void chainHead_ofANewStore_isEmpty() throws Exception {
    assertEquals(ChainHead.EMPTY, store.chainHead());
  }

  @Test
  void appendEvents_chainedFromTheStoredHead_areStoredWithTheirTextAndHexChainHash()
      throws Exception {
    store.appendEvents(
        chained(
            AuditEvent.of(EventType.KEY_CREATED, T0, "system"),
            AuditEvent.of(EventType.STARTUP_VERIFIED, T0, "system")));
    store.appendEvents(chained(AuditEvent.of(EventType.STARTUP_VERIFIED, T0, "system")));

    List<String> seqs = rows("SELECT seq FROM events ORDER BY seq");
    assertEquals(List.of("1", "2", "3"), seqs);
    byte[] previous = new byte[32];
    String lastHex = null;
    for (String seq : seqs) {
      String text = rows("SELECT event FROM events WHERE seq = " + seq).get(0);
      assertTrue(text.startsWith("blocklist-audit/v1\nseq " + seq + "\n"), text);
      String expected = sha256Hex(previous, text.getBytes(UTF_8));
      assertEquals(List.of(expected), rows("SELECT hash FROM events WHERE seq = " + seq));
      previous = HexFormat.of().parseHex(expected);
      lastHex = expected;
    }
    assertEquals(new ChainHead(3, Hash.fromHex(lastHex)), store.chainHead());
  }

  @Test
  void appendEvents_chainedFromAStaleHead_throwsChainMoved_andWritesNothing() throws Exception {
    List<ChainedEvent> fromEmpty =
        ChainHead.EMPTY.chain(List.of(AuditEvent.of(EventType.KEY_CREATED, T0, "system")));
    store.appendEvents(
        ChainHead.EMPTY.chain(List.of(AuditEvent.of(EventType.KEY_CREATED, T0, "cli"))));
    List<List<String>> before = everything();
    assertThrows(ChainMovedException.class, () -> store.appendEvents(fromEmpty));
    assertEquals(before, everything());
  }

  @Test
  void appendEvents_withTheNextSeqButAnotherPreviousHash_throwsChainMoved() throws Exception {
    store.appendEvents(chained(AuditEvent.of(EventType.KEY_CREATED, T0, "system")));
    ChainHead forged = new ChainHead(1, Hash.ZERO);
    List<ChainedEvent> events =
        forged.chain(List.of(AuditEvent.of(EventType.STARTUP_VERIFIED, T0, "system")));
    assertThrows(ChainMovedException.class, () -> store.appendEvents(events));
    assertEquals(1, count("events"));
  }

  @Test
  void appendEvents_chainedFromAHeadBeyondTheStoredOne_throwsChainMoved() throws Exception {
    List<ChainedEvent> gap =
        new ChainHead(4, Hash.ZERO)
            .chain(List.of(AuditEvent.of(EventType.STARTUP_VERIFIED, T0, "system")));
    assertThrows(ChainMovedException.class, () -> store.appendEvents(gap));
    assertEquals(0, count("events"));
  }

  @Test
  void appendEvents_ofNothing_changesNothing() throws Exception {
    store.appendEvents(List.of());
    assertEquals(ChainHead.EMPTY, store.chainHead());
  }

  @Test
  void insertRequisition_chainedFromAStaleHead_writesNeitherItsRowsNorItsEvent() throws Exception {
    List<ChainedEvent> stale = chained(event(EventType.REQUISITION_SUBMITTED, 1));
    store.appendEvents(chained(AuditEvent.of(EventType.PRINCIPAL_ADDED, T0, "cli")));
    List<List<String>> before = everything();
    assertThrows(
        ChainMovedException.class,
        () -> store.insertRequisition(pending(1, Action.BLOCK, "a.example"), stale));
    assertEquals(before, everything());
    assertEquals(0, count("requisitions"));
    assertEquals(0, count("requisition_domains"));
  }

  @Test
  void publish_chainedFromAStaleHead_writesNoneOfTheVersion() throws Exception {
    Requisition r = pending(1, Action.BLOCK, "a.example");
    insert(r);
    List<ChainedEvent> stale = chained(event(EventType.REQUISITION_APPROVED, 1));
    store.appendEvents(chained(AuditEvent.of(EventType.PRINCIPAL_ADDED, T0, "cli")));
    List<List<String>> before = everything();
    assertThrows(
        ChainMovedException.class,
        () -> store.publish(approved(r, 1), version(1), List.of("a.example"), List.of(), stale));
    assertEquals(before, everything());
    assertEquals(Optional.of(r), store.requisition(1));
  }

  @Test
  void addPrincipal_chainedFromAStaleHead_writesNoPrincipal() throws Exception {
    List<ChainedEvent> stale = chained(AuditEvent.of(EventType.PRINCIPAL_ADDED, T0, "admin"));
    store.appendEvents(chained(AuditEvent.of(EventType.KEY_CREATED, T0, "system")));
    assertThrows(
        ChainMovedException.class,
        () -> store.addPrincipal(OFFICER, Hash.sha256(new byte[] {1}), T0, stale));
    assertFalse(store.principalExists(OFFICER.name()));
    assertEquals(0, count("principals"));
    assertEquals(1, count("events"));
  }

  // --- publish ---------------------------------------------------------------------------------

  @Test
  void publish_storesVersionEntriesDecisionAndEvents_inOneWrite() throws Exception {
    Requisition r = pending(1, Action.BLOCK, "b.example", "a.example");
    insert(r);
    List<ChainedEvent> events =
        chained(
            event(EventType.REQUISITION_APPROVED, 1),
            AuditEvent.of(EventType.VERSION_PUBLISHED, T0, "magistrate-1", "version", 1));
    store.publish(approved(r, 1), version(1), List.of("a.example", "b.example"), List.of(), events);

    assertEquals(
        List.of("1|manifest of version 1\n|checkpoint of 1\n"),
        rows("SELECT version, manifest, checkpoint FROM versions"));
    assertEquals(
        List.of("a.example|1|NULL", "b.example|1|NULL"),
        rows("SELECT name, added, removed FROM entries ORDER BY name"));
    assertEquals(
        List.of("approved|magistrate-1|2026-11-22T06:40:00Z|ok|1"),
        rows("SELECT status, decider, decided, decision_note, version FROM requisitions"));
    assertEquals(List.of("1", "2", "3"), rows("SELECT seq FROM events ORDER BY seq"));
    assertEquals(ChainHead.of(events.get(1)), store.chainHead());
    assertEquals(Optional.of(approved(r, 1)), store.requisition(1));
  }

  @Test
  void publish_unblockThenBlockAgain_closesTheEntryRowAndOpensANewOne() throws Exception {
    publish(
        pending(1, Action.BLOCK, "a.example", "b.example"),
        1,
        List.of("a.example", "b.example"),
        List.of());
    publish(pending(2, Action.UNBLOCK, "a.example"), 2, List.of(), List.of("a.example"));
    publish(pending(3, Action.BLOCK, "a.example"), 3, List.of("a.example"), List.of());
    assertEquals(
        List.of("a.example|1|2", "a.example|3|NULL", "b.example|1|NULL"),
        rows("SELECT name, added, removed FROM entries ORDER BY name, added"));
  }

  @Test
  void publish_removingAnEntryThatIsNotListed_leavesNoneOfTheWrite() throws Exception {
    publish(
        pending(1, Action.BLOCK, "a.example", "b.example"),
        1,
        List.of("a.example", "b.example"),
        List.of());
    Requisition r = pending(2, Action.UNBLOCK, "b.example", "never.example");
    insert(r);
    ChainHead head = store.chainHead();
    List<List<String>> before = everything();

    // b.example is removed first, then never.example fails: the removal of b must not survive.
    StoreException e =
        assertThrows(
            StoreException.class,
            () ->
                store.publish(
                    approved(r, 2),
                    version(2),
                    List.of("c.example"),
                    List.of("b.example", "never.example"),
                    chained(event(EventType.REQUISITION_APPROVED, 2))));
    assertTrue(e.getMessage().contains("never.example"), e.getMessage());

    assertEquals(before, everything());
    assertEquals(List.of("1"), rows("SELECT version FROM versions"));
    assertEquals(
        List.of("a.example|1|NULL", "b.example|1|NULL"),
        rows("SELECT name, added, removed FROM entries ORDER BY name"));
    assertEquals(List.of("pending"), rows("SELECT status FROM requisitions WHERE id = 2"));
    assertEquals(head, store.chainHead());

    // Nothing is left half-done: the same version can still be published correctly.
    store.publish(
        approved(r, 2),
        version(2),
        List.of(),
        List.of("b.example"),
        chained(event(EventType.REQUISITION_APPROVED, 2)));
    assertEquals(List.of("1", "2"), rows("SELECT version FROM versions ORDER BY version"));
  }

  @Test
  void publish_ofAVersionAlreadyStored_leavesNoneOfTheWrite() throws Exception {
    publish(pending(1, Action.BLOCK, "a.example"), 1, List.of("a.example"), List.of());
    Requisition r = pending(2, Action.BLOCK, "b.example");
    insert(r);
    List<List<String>> before = everything();
    assertThrows(
        StoreException.class,
        () ->
            store.publish(
                approved(r, 1),
                version(1),
                List.of("b.example"),
                List.of(),
                chained(event(EventType.REQUISITION_APPROVED, 2))));
    assertEquals(before, everything());
  }

  @Test
  void publish_addingAnEntryAlreadyListedInThatVersion_leavesNoneOfTheWrite() throws Exception {
    Requisition r = pending(1, Action.BLOCK, "a.example");
    insert(r);
    List<List<String>> before = everything();
    assertThrows(
        StoreException.class,
        () ->
            store.publish(
                approved(r, 1),
                version(1),
                List.of("a.example", "a.example"),
                List.of(),
                chained(event(EventType.REQUISITION_APPROVED, 1))));
    assertEquals(before, everything());
  }

  // --- requisitions ----------------------------------------------------------------------------

  @Test
  void insertRequisition_thenRequisition_roundTripsEveryField() throws Exception {
    Requisition r =
        new Requisition(
            4,
            Action.UNBLOCK,
            List.of(
                new DomainName("zz.example"),
                new DomainName("a.example"),
                new DomainName("xn--fa-hia.de")),
            LegalBasis.COURT_DECISION,
            "AR 2026/77",
            "Signalé deux fois\n\tpar la hotline — 🚫",
            OFFICER.name(),
            T0,
            Status.PENDING,
            null,
            null,
            null,
            null);
    insert(r);
    assertEquals(Optional.of(r), store.requisition(4));
    assertEquals(4, store.lastRequisitionId());
    assertEquals(
        List.of(
            "4|unblock|court-decision|AR 2026/77|officer-1|2026-11-22T06:30:00Z|pending"
                + "|NULL|NULL|NULL|NULL"),
        rows(
            "SELECT id, action, legal_basis, case_reference, submitter, submitted, status,"
                + " decider, decided, decision_note, version FROM requisitions"));
    assertEquals(
        List.of("Signalé deux fois\n\tpar la hotline — 🚫"), rows("SELECT note FROM requisitions"));
    assertEquals(
        List.of("4|0|zz.example", "4|1|a.example", "4|2|xn--fa-hia.de"),
        rows("SELECT requisition, position, name FROM requisition_domains ORDER BY position"));
  }

  @Test
  void insertRequisition_withoutNote_storesNull() throws Exception {
    Requisition r =
        new Requisition(
            1,
            Action.BLOCK,
            List.of(new DomainName("a.example")),
            LegalBasis.ECOMMERCE_LAW_2003,
            "PV 1",
            null,
            OFFICER.name(),
            T0,
            Status.PENDING,
            null,
            null,
            null,
            null);
    insert(r);
    assertEquals(List.of("NULL"), rows("SELECT note FROM requisitions"));
    assertEquals(Optional.of(r), store.requisition(1));
  }

  @Test
  void insertRequisition_submittedWithAFraction_isStoredInWholeSeconds() throws Exception {
    Requisition r =
        new Requisition(
            1,
            Action.BLOCK,
            List.of(new DomainName("a.example")),
            LegalBasis.CCP_39BIS,
            "PV 1",
            null,
            OFFICER.name(),
            Instant.parse("2026-11-22T06:30:00.750Z"),
            Status.PENDING,
            null,
            null,
            null,
            null);
    insert(r);
    assertEquals(List.of("2026-11-22T06:30:00Z"), rows("SELECT submitted FROM requisitions"));
    assertEquals(T0, store.requisition(1).orElseThrow().submitted());
  }

  @Test
  void requisition_unknownId_isEmpty_andLastIdOfANewStoreIsZero() throws Exception {
    assertEquals(Optional.empty(), store.requisition(1));
    assertEquals(0, store.lastRequisitionId());
  }

  @Test
  void insertRequisition_withAnIdAlreadyStored_writesNeitherRowsNorEvents() throws Exception {
    insert(pending(1, Action.BLOCK, "a.example"));
    List<List<String>> before = everything();
    assertThrows(StoreException.class, () -> insert(pending(1, Action.BLOCK, "b.example")));
    assertEquals(before, everything());
  }

  @Test
  void decide_rejection_isStoredWithoutVersion_andRoundTrips() throws Exception {
    Requisition r = pending(1, Action.BLOCK, "a.example");
    insert(r);
    Requisition rejected =
        r.decide(Status.REJECTED, MAGISTRATE.name(), T0.plusSeconds(60), "no basis", null);
    store.decide(rejected, chained(event(EventType.REQUISITION_REJECTED, 1)));
    assertEquals(Optional.of(rejected), store.requisition(1));
    assertEquals(
        List.of("rejected|magistrate-1|2026-11-22T06:31:00Z|no basis|NULL"),
        rows("SELECT status, decider, decided, decision_note, version FROM requisitions"));
    assertEquals(2, count("events"));
  }

  @Test
  void decide_ofAnUnknownRequisition_writesNoEvent() throws Exception {
    Requisition ghost =
        pending(9, Action.BLOCK, "a.example")
            .decide(Status.WITHDRAWN, OFFICER.name(), T0, null, null);
    assertThrows(
        StoreException.class,
        () -> store.decide(ghost, chained(event(EventType.REQUISITION_WITHDRAWN, 9))));
    assertEquals(0, count("events"));
    assertEquals(0, count("requisitions"));
  }

  // --- principals ------------------------------------------------------------------------------

  @Test
  void addPrincipal_existsAndIsActive_withTheHexTokenHashStored() throws Exception {
    Hash tokenHash = Hash.sha256("token-text".getBytes(UTF_8));
    store.addPrincipal(
        OFFICER,
        tokenHash,
        T0,
        chained(AuditEvent.of(EventType.PRINCIPAL_ADDED, T0, "admin", "name", "officer-1")));
    assertTrue(store.principalExists("officer-1"));
    assertEquals(Optional.of(OFFICER), store.activePrincipal("officer-1"));
    assertEquals(
        List.of(
            "officer-1|police|"
                + sha256Hex("token-text".getBytes(UTF_8))
                + "|2026-11-22T06:30:00Z|NULL"),
        rows("SELECT name, role, token_sha256, created, revoked FROM principals"));
    assertEquals(1, count("events"));
  }

  @Test
  void principal_neverAdded_neitherExistsNorIsActive() throws Exception {
    assertFalse(store.principalExists("nobody"));
    assertEquals(Optional.empty(), store.activePrincipal("nobody"));
  }

  @Test
  void revokePrincipal_keepsTheRowAndName_butItIsNoLongerActive() throws Exception {
    store.addPrincipal(
        OFFICER,
        Hash.sha256(new byte[] {1}),
        T0,
        chained(AuditEvent.of(EventType.PRINCIPAL_ADDED, T0, "admin")));
    store.revokePrincipal(
        "officer-1",
        T0.plusSeconds(3600),
        chained(AuditEvent.of(EventType.PRINCIPAL_REVOKED, T0, "admin")));
    assertTrue(store.principalExists("officer-1"));
    assertEquals(Optional.empty(), store.activePrincipal("officer-1"));
    assertEquals(
        List.of("officer-1|2026-11-22T07:30:00Z"), rows("SELECT name, revoked FROM principals"));
    assertEquals(2, count("events"));
  }

  @Test
  void revokePrincipal_alreadyRevokedOrUnknown_failsAndWritesNoEvent() throws Exception {
    store.addPrincipal(
        OFFICER,
        Hash.sha256(new byte[] {1}),
        T0,
        chained(AuditEvent.of(EventType.PRINCIPAL_ADDED, T0, "admin")));
    store.revokePrincipal(
        "officer-1", T0, chained(AuditEvent.of(EventType.PRINCIPAL_REVOKED, T0, "admin")));
    List<List<String>> before = everything();
    assertThrows(
        StoreException.class,
        () ->
            store.revokePrincipal(
                "officer-1",
                T0.plusSeconds(1),
                chained(AuditEvent.of(EventType.PRINCIPAL_REVOKED, T0, "admin"))));
    assertThrows(
        StoreException.class,
        () ->
            store.revokePrincipal(
                "nobody", T0, chained(AuditEvent.of(EventType.PRINCIPAL_REVOKED, T0, "admin"))));
    assertEquals(before, everything());
  }

  @Test
  void addPrincipal_existingNameEvenIfRevoked_failsAndWritesNothing() throws Exception {
    store.addPrincipal(
        OFFICER,
        Hash.sha256(new byte[] {1}),
        T0,
        chained(AuditEvent.of(EventType.PRINCIPAL_ADDED, T0, "admin")));
    store.revokePrincipal(
        "officer-1", T0, chained(AuditEvent.of(EventType.PRINCIPAL_REVOKED, T0, "admin")));
    List<List<String>> before = everything();
    assertThrows(
        StoreException.class,
        () ->
            store.addPrincipal(
                new Principal("officer-1", Role.AUDITOR),
                Hash.sha256(new byte[] {2}),
                T0,
                chained(AuditEvent.of(EventType.PRINCIPAL_ADDED, T0, "admin"))));
    assertEquals(before, everything());
  }

  @Test
  void addPrincipal_withATokenHashAlreadyStored_failsAndWritesNothing() throws Exception {
    Hash shared = Hash.sha256(new byte[] {7});
    store.addPrincipal(
        OFFICER, shared, T0, chained(AuditEvent.of(EventType.PRINCIPAL_ADDED, T0, "admin")));
    List<List<String>> before = everything();
    assertThrows(
        StoreException.class,
        () ->
            store.addPrincipal(
                MAGISTRATE,
                shared,
                T0,
                chained(AuditEvent.of(EventType.PRINCIPAL_ADDED, T0, "admin"))));
    assertEquals(before, everything());
  }

  // --- ISP deliveries --------------------------------------------------------------------------

  @Test
  void storeDeliveries_insertsThenUpdatesInPlace() throws Exception {
    store.storeDeliveries(Map.of("isp-a", new Delivery(3, T0, "http")));
    Map<String, Delivery> second = new LinkedHashMap<>();
    second.put("isp-a", new Delivery(5, T0.plusSeconds(30), "dns"));
    second.put("isp-b", new Delivery(0, T0.plusSeconds(31), "http"));
    store.storeDeliveries(second);
    assertEquals(
        List.of("isp-a|5|2026-11-22T06:30:30Z|dns", "isp-b|0|2026-11-22T06:30:31Z|http"),
        rows("SELECT name, last_version, last_seen, via FROM isp_status ORDER BY name"));
    assertEquals(second, store.readHistory(h -> h.deliveries()));
  }

  @Test
  void storeDeliveries_ofNothing_changesNothing_andWritesNoEvent() throws Exception {
    store.storeDeliveries(Map.of("isp-a", new Delivery(3, T0, "http")));
    store.storeDeliveries(Map.of());
    assertEquals(1, count("isp_status"));
    assertEquals(0, count("events"));
  }

  // --- reading the history ---------------------------------------------------------------------

  @Test
  void readHistory_givesVersionsEntriesAndEventsInOrder() throws Exception {
    publish(
        pending(1, Action.BLOCK, "b.example", "a.example"),
        1,
        List.of("a.example", "b.example"),
        List.of());
    publish(pending(2, Action.UNBLOCK, "a.example"), 2, List.of(), List.of("a.example"));
    List<String> entries = new ArrayList<>();
    List<Long> seqs = new ArrayList<>();
    List<StoredVersion> versions =
        store.readHistory(
            h -> {
              h.entries((name, added, removed) -> entries.add(name + " " + added + " " + removed));
              h.<RuntimeException>events(e -> seqs.add(e.seq()));
              return h.versions();
            });
    assertEquals(List.of(version(1), version(2)), versions);
    assertEquals(List.of("a.example 1 2", "b.example 1 0"), entries);
    assertEquals(List.of(1L, 2L, 3L, 4L), seqs);
  }

  @Test
  void readHistory_isOneConsistentRead_aCommitFromElsewhereDuringItIsNotSeen() throws Exception {
    publish(pending(1, Action.BLOCK, "a.example"), 1, List.of("a.example"), List.of());
    ChainHead head = store.chainHead();
    ChainedEvent next = head.chain(List.of(event(EventType.STARTUP_VERIFIED, 1))).get(0);
    boolean[] otherCommitted = {false};
    List<String> entries = new ArrayList<>();
    List<Long> seqs = new ArrayList<>();

    List<StoredVersion> versions =
        store.readHistory(
            h -> {
              List<StoredVersion> seen = h.versions();
              // Another process writes a version, an entry and an event between two reads. Either
              // the store keeps it out while the history is read, or the read does not see it.
              try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + db.file());
                  Statement s = other.createStatement()) {
                s.execute("PRAGMA busy_timeout = 0");
                s.execute("BEGIN IMMEDIATE");
                s.execute("INSERT INTO versions VALUES (2, 'manifest 2', 'checkpoint 2')");
                s.execute("INSERT INTO entries(name, added) VALUES ('b.example', 2)");
                try (PreparedStatement p =
                    other.prepareStatement("INSERT INTO events VALUES (?, ?, ?)")) {
                  p.setLong(1, next.seq());
                  p.setString(2, next.text());
                  p.setString(3, next.hash().hex());
                  p.executeUpdate();
                }
                s.execute("COMMIT");
                otherCommitted[0] = true;
              } catch (SQLException busy) {
                otherCommitted[0] = false;
              }
              h.entries((name, added, removed) -> entries.add(name));
              h.<RuntimeException>events(e -> seqs.add(e.seq()));
              return seen;
            });

    assertEquals(List.of(version(1)), versions);
    assertEquals(List.of("a.example"), entries);
    assertEquals(List.of(1L, 2L), seqs);
    // Afterwards, what the other process committed (if it could) is there.
    assertEquals(otherCommitted[0] ? 2 : 1, count("versions"));
    assertEquals(otherCommitted[0] ? 2 : 1, store.readHistory(h -> h.versions()).size());
  }
}
