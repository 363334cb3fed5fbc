package org.blocklist.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.blocklist.log.Manifest;

/**
 * Recomputes the public figures of {@code /v1/transparency} (DESIGN.md: "every count that the
 * signed manifests fix is recomputed by verify") from what was verified, on its own: from the
 * manifests, per month (UTC) of their {@code published} time, the versions, the blocks and unblocks
 * (by {@code action}), the names added and removed, and the entries after the month's last version
 * (carried over a month without one); from the audit chain that the manifests anchor, the reports
 * ({@code report-submitted}), the appeals received and answered ({@code appeal-received}, {@code
 * appeal-answered}) by the month of the event, and the expiries: the names removed by versions
 * whose requisition was submitted with {@code legal-basis review-expired}. Every served figure of
 * every month must equal the recount, and every month with something to count must be served.
 */
final class TransparencyCheck {
  /** The figures of a month, in the order of {@link #FIELDS}. */
  static final List<String> FIELDS =
      List.of(
          "versions",
          "blocks",
          "unblocks",
          "added",
          "removed",
          "entries",
          "reports",
          "appealsReceived",
          "appealsAnswered",
          "expiries");

  private final Map<String, long[]> byEvent = new TreeMap<>();
  private final Set<Long> expiryRequisitions = new HashSet<>();

  /** Takes note of one verified audit event. */
  void event(ServedEvent e) {
    EventText t = EventText.parse(e.text());
    switch (t.type()) {
      case "report-submitted" -> month(t, 6);
      case "appeal-received" -> month(t, 7);
      case "appeal-answered" -> month(t, 8);
      case "requisition-submitted" -> {
        if ("review-expired".equals(t.text("legal-basis"))) {
          expiryRequisitions.add(t.number("requisition"));
        }
      }
      default -> {
        // chained and counted elsewhere
      }
    }
  }

  private void month(EventText t, int field) {
    byEvent.computeIfAbsent(month(Instant.parse(t.text("time"))), k -> new long[10])[field]++;
  }

  /** The recount, by month. */
  Map<String, long[]> recount(List<Manifest> manifests) {
    TreeMap<String, long[]> out = new TreeMap<>();
    byEvent.forEach((m, f) -> out.put(m, f.clone()));
    for (Manifest m : manifests) {
      long[] f = out.computeIfAbsent(month(m.published()), k -> new long[10]);
      f[0]++;
      f[Manifest.BLOCK.equals(m.action()) ? 1 : 2]++;
      f[3] += m.added();
      f[4] += m.removed();
      if (expiryRequisitions.contains(m.requisition())) {
        f[9] += m.removed();
      }
    }
    long entries = 0;
    int next = 0;
    for (Map.Entry<String, long[]> e : out.entrySet()) {
      while (next < manifests.size() && month(manifests.get(next).published()).equals(e.getKey())) {
        entries = manifests.get(next).entries();
        next++;
      }
      e.getValue()[5] = entries;
    }
    return out;
  }

  /**
   * Compares {@code served} (the body of {@code /v1/transparency}) with the recount; returns the
   * report's line.
   */
  String compare(List<Manifest> manifests, byte[] served) throws VerificationException {
    JsonNode body;
    try {
      body = new ObjectMapper().readTree(served);
    } catch (IOException e) {
      throw new VerificationException("transparency: not JSON", e);
    }
    JsonNode version = body == null ? null : body.get("version");
    JsonNode months = body == null ? null : body.get("months");
    if (version == null || !version.canConvertToLong() || months == null || !months.isArray()) {
      throw new VerificationException(
          "transparency: not {\"version\":N,\"months\":[...]} as /v1/transparency serves it");
    }
    if (version.asLong() != manifests.size()) {
      return "not compared: served for version "
          + version.asLong()
          + ", verified "
          + manifests.size()
          + " (published meanwhile; run again)";
    }
    Map<String, long[]> recount = recount(manifests);
    Map<String, long[]> seen = new TreeMap<>();
    long carried = 0;
    for (JsonNode month : months) {
      String name = month.path("month").asText("");
      long[] expected = recount.get(name);
      if (expected == null) {
        expected = new long[10];
        expected[5] = carried;
      }
      carried = expected[5];
      for (int i = 0; i < FIELDS.size(); i++) {
        JsonNode v = month.get(FIELDS.get(i));
        long servedValue = v == null || !v.canConvertToLong() ? -1 : v.asLong();
        if (servedValue != expected[i]) {
          throw VerificationException.mismatch(
              "transparency " + name,
              FIELDS.get(i),
              v == null ? "none" : v.asText(),
              "/v1/transparency",
              expected[i],
              i < 6 || i == 9
                  ? "recounted from the signed manifests"
                  : "recounted from the audit chain");
        }
      }
      seen.put(name, expected);
    }
    for (String name : recount.keySet()) {
      if (!seen.containsKey(name)) {
        throw new VerificationException(
            "transparency "
                + name
                + ": missing from /v1/transparency, but the verified history"
                + " has figures for it");
      }
    }
    return months.size()
        + " months, every figure equal to the recount from the signed manifests (versions, blocks,"
        + " unblocks, added, removed, entries, expiries) and the audit chain (reports, appeals"
        + " received and answered, expiries' legal basis)";
  }

  static String month(Instant time) {
    String t = time.toString();
    return t.substring(0, 7);
  }
}
