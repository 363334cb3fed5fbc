package org.blocklist.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.blocklist.config.Config;
import org.blocklist.store.Database;
import org.blocklist.testing.Blocklist;
import org.blocklist.testing.TestServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, point 2: the requisition and principal rows are pinned by the audit events that
 * describe them, so a row edited with {@code sqlite3} is refused at start with a message naming the
 * table and the row, the value computed from the row and the value of the event. The expected
 * digests and event numbers are computed here from DESIGN.md's formats and the stored events, not
 * by the verifier's code.
 */
class StartupRowVerificationTest {
  private static final String REFUSED = "the stored history does not verify: ";

  @TempDir Path dir;
  private Path data;

  /**
   * Requisition 1 approved (version 1), 2 rejected, 3 withdrawn, 4 pending; officer-2 revoked. Each
   * requisition has the case reference {@code FCCU-2026-0042}, legal basis {@code ccp-39bis} and no
   * note.
   */
  @BeforeEach
  void history() throws Exception {
    data = dir.resolve("data");
    try (Blocklist bl = Blocklist.start(data)) {
      assertEquals(1, bl.publish("block", "alpha.example", "beta.example"));
      long rejected = bl.submit("block", "gamma.example");
      assertEquals(
          200,
          bl.server
              .post(
                  "/v1/requisitions/" + rejected + "/reject",
                  bl.prosecutor,
                  "{\"reason\":\"no evidence\"}")
              .statusCode());
      long withdrawn = bl.submit("block", "delta.example");
      assertEquals(
          200,
          bl.server
              .post("/v1/requisitions/" + withdrawn + "/withdraw", bl.police, "")
              .statusCode());
      assertEquals(4, bl.submit("unblock", "alpha.example"));
      assertEquals(200, bl.server.delete("/v1/principals/officer-2", bl.admin).statusCode());
    }
  }

  @Test
  void untouchedRows_restart() throws Exception {
    try (TestServer again = TestServer.start(data)) {
      assertEquals(1, again.service().state().version());
    }
  }

  // requisition_domains

  @Test
  void requisitionDomainsNameEdited_isRefused_withTheContentDigests() throws Exception {
    Map<String, String> submitted = event("requisition-submitted", "requisition", "1");
    String message =
        refusal(
            "UPDATE requisition_domains SET name = 'omega.example'"
                + " WHERE requisition = 1 AND position = 1");
    assertEquals(
        "requisitions row 1: case_reference, note and requisition_domains give content "
            + content("block", "ccp-39bis", "FCCU-2026-0042", "", "alpha.example", "omega.example")
            + " but the requisition-submitted event "
            + submitted.get("seq")
            + " says "
            + submitted.get("content"),
        message);
  }

  @Test
  void requisitionDomainsRowDeleted_isRefused_withTheCounts() throws Exception {
    Map<String, String> submitted = event("requisition-submitted", "requisition", "1");
    String message =
        refusal("DELETE FROM requisition_domains WHERE requisition = 1 AND position = 1");
    assertEquals(
        "requisitions row 1: requisition_domains gives domains 1 but the requisition-submitted"
            + " event "
            + submitted.get("seq")
            + " says domains 2",
        message);
  }

  @Test
  void requisitionDomainsRowWithoutRequisition_isRefused() throws Exception {
    String message =
        refusal(
            "INSERT INTO requisition_domains(requisition, position, name)"
                + " VALUES (9, 0, 'omega.example')");
    assertEquals(
        "requisition_domains row (requisition 9, position 0): no requisitions row 9", message);
  }

  // requisitions

  @Test
  void requisitionsCaseReferenceEdited_isRefused_withTheContentDigests() throws Exception {
    Map<String, String> submitted = event("requisition-submitted", "requisition", "3");
    String message =
        refusal("UPDATE requisitions SET case_reference = 'FCCU-2026-9999' WHERE id = 3");
    assertEquals(
        "requisitions row 3: case_reference, note and requisition_domains give content "
            + content("block", "ccp-39bis", "FCCU-2026-9999", "", "delta.example")
            + " but the requisition-submitted event "
            + submitted.get("seq")
            + " says "
            + submitted.get("content"),
        message);
  }

  @Test
  void requisitionsNoteAdded_isRefused_withTheContentDigests() throws Exception {
    Map<String, String> submitted = event("requisition-submitted", "requisition", "4");
    String message = refusal("UPDATE requisitions SET note = 'urgent' WHERE id = 4");
    assertEquals(
        "requisitions row 4: case_reference, note and requisition_domains give content "
            + content("unblock", "ccp-39bis", "FCCU-2026-0042", "urgent", "alpha.example")
            + " but the requisition-submitted event "
            + submitted.get("seq")
            + " says "
            + submitted.get("content"),
        message);
  }

  @Test
  void requisitionsActionEdited_isRefused() throws Exception {
    Map<String, String> submitted = event("requisition-submitted", "requisition", "4");
    String message = refusal("UPDATE requisitions SET action = 'block' WHERE id = 4");
    assertEquals(
        "requisitions row 4: action block but the requisition-submitted event "
            + submitted.get("seq")
            + " says unblock",
        message);
  }

  @Test
  void requisitionsLegalBasisEdited_isRefused() throws Exception {
    Map<String, String> submitted = event("requisition-submitted", "requisition", "2");
    String message = refusal("UPDATE requisitions SET legal_basis = 'court-decision' WHERE id = 2");
    assertEquals(
        "requisitions row 2: legal_basis court-decision but the requisition-submitted event "
            + submitted.get("seq")
            + " says ccp-39bis",
        message);
  }

  @Test
  void requisitionsSubmitterEdited_isRefused() throws Exception {
    Map<String, String> submitted = event("requisition-submitted", "requisition", "1");
    String message = refusal("UPDATE requisitions SET submitter = 'officer-2' WHERE id = 1");
    assertEquals(
        "requisitions row 1: submitter officer-2 but the requisition-submitted event "
            + submitted.get("seq")
            + " says officer-1",
        message);
  }

  @Test
  void requisitionsSubmittedTimeEdited_isRefused() throws Exception {
    Map<String, String> submitted = event("requisition-submitted", "requisition", "1");
    String message =
        refusal("UPDATE requisitions SET submitted = '2020-01-01T00:00:00Z' WHERE id = 1");
    assertEquals(
        "requisitions row 1: submitted 2020-01-01T00:00:00Z but the requisition-submitted event "
            + submitted.get("seq")
            + " says "
            + submitted.get("time"),
        message);
  }

  @Test
  void requisitionsDeciderEdited_isRefused() throws Exception {
    Map<String, String> approved = event("requisition-approved", "requisition", "1");
    String message = refusal("UPDATE requisitions SET decider = 'magistrate-2' WHERE id = 1");
    assertEquals(
        "requisitions row 1: decider magistrate-2 but the requisition-approved event "
            + approved.get("seq")
            + " says magistrate-1",
        message);
  }

  @Test
  void requisitionsDecidedTimeEdited_isRefused() throws Exception {
    Map<String, String> rejected = event("requisition-rejected", "requisition", "2");
    String message =
        refusal("UPDATE requisitions SET decided = '2020-01-01T00:00:00Z' WHERE id = 2");
    assertEquals(
        "requisitions row 2: decided 2020-01-01T00:00:00Z but the requisition-rejected event "
            + rejected.get("seq")
            + " says "
            + rejected.get("time"),
        message);
  }

  @Test
  void requisitionsRejectionTurnedIntoWithdrawal_isRefused() throws Exception {
    Map<String, String> rejected = event("requisition-rejected", "requisition", "2");
    String message = refusal("UPDATE requisitions SET status = 'withdrawn' WHERE id = 2");
    assertEquals(
        "requisitions row 2: status withdrawn but the requisition-rejected event "
            + rejected.get("seq")
            + " says rejected",
        message);
  }

  @Test
  void requisitionsPendingMarkedApproved_isRefused() throws Exception {
    String message =
        refusal(
            "UPDATE requisitions SET status = 'approved', decider = 'magistrate-1',"
                + " decided = submitted, version = 1 WHERE id = 4");
    assertEquals(
        "requisitions row 4: status approved but no decision event is in the audit chain", message);
  }

  @Test
  void requisitionsApprovalMadePending_isRefused() throws Exception {
    Map<String, String> approved = event("requisition-approved", "requisition", "1");
    String message =
        refusal(
            "UPDATE requisitions SET status = 'pending', decider = NULL, decided = NULL,"
                + " decision_note = NULL, version = NULL WHERE id = 1");
    assertEquals(
        "requisitions row 1: status pending but the requisition-approved event "
            + approved.get("seq")
            + " says approved",
        message);
  }

  @Test
  void requisitionsVersionEdited_isRefused() throws Exception {
    Map<String, String> withdrawn = event("requisition-withdrawn", "requisition", "3");
    String message = refusal("UPDATE requisitions SET version = 1 WHERE id = 3");
    assertEquals(
        "requisitions row 3: version 1 but the requisition-withdrawn event "
            + withdrawn.get("seq")
            + " says none",
        message);
  }

  @Test
  void requisitionsRowDeleted_isRefused() throws Exception {
    Map<String, String> submitted = event("requisition-submitted", "requisition", "4");
    String message =
        refusal(
            "DELETE FROM requisition_domains WHERE requisition = 4;"
                + " DELETE FROM requisitions WHERE id = 4");
    assertEquals(
        "requisitions row 4: missing, but the requisition-submitted event "
            + submitted.get("seq")
            + " submitted it",
        message);
  }

  @Test
  void requisitionsRowInserted_isRefused() throws Exception {
    String message =
        refusal(
            "INSERT INTO requisitions(id, action, legal_basis, case_reference, submitter,"
                + " submitted, status) SELECT 5, action, legal_basis, case_reference, submitter,"
                + " submitted, 'pending' FROM requisitions WHERE id = 4");
    assertEquals("requisitions row 5: no requisition-submitted event in the audit chain", message);
  }

  @Test
  void versionsTruncated_withTheirApprovalKept_isRefused() throws Exception {
    Map<String, String> approved = event("requisition-approved", "requisition", "1");
    String message =
        refusal("DELETE FROM entries WHERE added = 1; DELETE FROM versions WHERE version = 1");
    assertEquals(
        "audit chain: event "
            + approved.get("seq")
            + " approves requisition 1 as version 1, which the log does not hold (latest: 0)",
        message);
  }

  // principals

  @Test
  void principalsRoleEdited_isRefused() throws Exception {
    Map<String, String> added = event("principal-added", "principal", "officer-1");
    String message = refusal("UPDATE principals SET role = 'prosecutor' WHERE name = 'officer-1'");
    assertEquals(
        "principals row officer-1: role prosecutor but the principal-added event "
            + added.get("seq")
            + " says police",
        message);
  }

  @Test
  void principalsCreatedEdited_isRefused() throws Exception {
    Map<String, String> added = event("principal-added", "principal", "auditor-1");
    String message =
        refusal("UPDATE principals SET created = '2020-01-01T00:00:00Z' WHERE name = 'auditor-1'");
    assertEquals(
        "principals row auditor-1: created 2020-01-01T00:00:00Z but the principal-added event "
            + added.get("seq")
            + " says "
            + added.get("time"),
        message);
  }

  @Test
  void principalsRevocationUndone_isRefused() throws Exception {
    Map<String, String> revoked = event("principal-revoked", "principal", "officer-2");
    String message = refusal("UPDATE principals SET revoked = NULL WHERE name = 'officer-2'");
    assertEquals(
        "principals row officer-2: revoked none but the principal-revoked event "
            + revoked.get("seq")
            + " says "
            + revoked.get("time"),
        message);
  }

  @Test
  void principalsRevocationAdded_isRefused() throws Exception {
    String message =
        refusal(
            "UPDATE principals SET revoked = '2020-01-01T00:00:00Z' WHERE name = 'magistrate-1'");
    assertEquals(
        "principals row magistrate-1: revoked 2020-01-01T00:00:00Z but no principal-revoked event"
            + " is in the audit chain",
        message);
  }

  @Test
  void principalsRowInserted_isRefused() throws Exception {
    String message =
        refusal(
            "INSERT INTO principals(name, role, token_sha256, created) VALUES ('intruder',"
                + " 'admin', '"
                + "00".repeat(32)
                + "', '2020-01-01T00:00:00Z')");
    assertEquals("principals row intruder: no principal-added event in the audit chain", message);
  }

  @Test
  void principalsRowDeleted_isRefused() throws Exception {
    Map<String, String> added = event("principal-added", "principal", "isp-a");
    String message = refusal("DELETE FROM principals WHERE name = 'isp-a'");
    assertEquals(
        "principals row isp-a: missing, but the principal-added event "
            + added.get("seq")
            + " added it",
        message);
  }

  // the events themselves: those after the last approval are anchored by no signature, so an edit
  // there can be rehashed; each row still needs exactly one event of each kind, in order

  @Test
  void auditChainSecondSubmissionOfARequisition_isRefused() throws Exception {
    Map<String, String> first = event("requisition-submitted", "requisition", "2");
    Map<String, String> second = event("requisition-submitted", "requisition", "3");
    String message =
        refusalRehashed(
            "UPDATE events SET event = replace(event, char(10) || 'requisition 3' || char(10),"
                + " char(10) || 'requisition 2' || char(10)) WHERE seq = "
                + second.get("seq"));
    assertEquals(
        "audit chain: event "
            + second.get("seq")
            + " submits requisition 2 again (first: event "
            + first.get("seq")
            + ")",
        message);
  }

  @Test
  void auditChainDecisionOfAnUnsubmittedRequisition_isRefused() throws Exception {
    Map<String, String> rejected = event("requisition-rejected", "requisition", "2");
    String message =
        refusalRehashed(
            "UPDATE events SET event = replace(event, char(10) || 'requisition 2' || char(10),"
                + " char(10) || 'requisition 9' || char(10)) WHERE seq = "
                + rejected.get("seq"));
    assertEquals(
        "audit chain: event "
            + rejected.get("seq")
            + " decides requisition 9, which no earlier event submitted",
        message);
  }

  @Test
  void auditChainPrincipalAddedTwice_isRefused() throws Exception {
    Map<String, String> added = event("principal-added", "principal", "officer-2");
    Map<String, String> revoked = event("principal-revoked", "principal", "officer-2");
    String message =
        refusalRehashed(
            "UPDATE events SET event = replace(event, 'type principal-revoked', 'type"
                + " principal-added') || 'role police' || char(10) WHERE seq = "
                + revoked.get("seq"));
    assertEquals(
        "audit chain: event "
            + revoked.get("seq")
            + " adds principal officer-2 again (first: event "
            + added.get("seq")
            + ")",
        message);
  }

  /** {@link #refusal} after recomputing every chain hash, as whoever edits the events would. */
  private String refusalRehashed(String sql) throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      assertTrue(s.executeUpdate(sql) > 0, "the edit changed a row: " + sql);
      byte[] h = new byte[32];
      Map<Long, String> hashes = new LinkedHashMap<>();
      try (ResultSet rs = s.executeQuery("SELECT seq, event FROM events ORDER BY seq")) {
        while (rs.next()) {
          MessageDigest sha = MessageDigest.getInstance("SHA-256");
          sha.update(h);
          h = sha.digest(rs.getString(2).getBytes(StandardCharsets.UTF_8));
          hashes.put(rs.getLong(1), HexFormat.of().formatHex(h));
        }
      }
      for (Map.Entry<Long, String> e : hashes.entrySet()) {
        s.executeUpdate(
            "UPDATE events SET hash = '" + e.getValue() + "' WHERE seq = " + e.getKey());
      }
    }
    return startRefused();
  }

  /** Runs {@code sql} (statements separated by ";") on the store and returns why start refuses. */
  private String refusal(String sql) throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      for (String statement : sql.split(";")) {
        assertTrue(s.executeUpdate(statement) > 0, "the edit changed a row: " + statement);
      }
    }
    return startRefused();
  }

  /** Why the service refuses to start on the store as it is now. */
  private String startRefused() throws Exception {
    Config config = TestServer.config(data, TestServer.DEFAULT_YAML);
    StartException e =
        assertThrows(
            StartException.class,
            () -> Service.start(config, Clock.systemUTC(), new SecureRandom()).close());
    assertTrue(e.getMessage().startsWith(REFUSED), e.getMessage());
    return e.getMessage().substring(REFUSED.length());
  }

  /**
   * The lines of the only stored event of {@code type} whose field {@code key} is {@code value},
   * keyed by their first word ({@code seq}, {@code time}, ...).
   */
  private Map<String, String> event(String type, String key, String value) throws Exception {
    Map<String, String> found = null;
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT event FROM events ORDER BY seq")) {
      while (rs.next()) {
        String text = rs.getString(1);
        if (text.contains("\ntype " + type + "\n")
            && text.contains("\n" + key + " " + value + "\n")) {
          assertEquals(null, found, "one " + type + " event of " + key + " " + value);
          found = new LinkedHashMap<>();
          for (String line : text.split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0) {
              found.put(line.substring(0, space), line.substring(space + 1));
            }
          }
        }
      }
    }
    assertTrue(found != null, "no " + type + " event of " + key + " " + value);
    return found;
  }

  /** The content digest of DESIGN.md's requisition-submitted event, from its definition. */
  private static String content(
      String action, String legalBasis, String caseReference, String note, String... domains)
      throws Exception {
    StringBuilder b = new StringBuilder();
    b.append("action ").append(action).append('\n');
    b.append("legal-basis ").append(legalBasis).append('\n');
    b.append("case-reference ").append(caseReference).append('\n');
    b.append("note ").append(note).append('\n');
    for (String d : domains) {
      b.append("domain ").append(d).append('\n');
    }
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256")
                .digest(b.toString().getBytes(StandardCharsets.UTF_8)));
  }

  private Connection connect() throws Exception {
    return DriverManager.getConnection("jdbc:sqlite:" + data.resolve(Database.FILE_NAME));
  }
}
