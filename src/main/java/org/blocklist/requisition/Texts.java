package org.blocklist.requisition;

import java.util.ArrayList;
import java.util.List;
import org.blocklist.domain.DomainName;
import org.blocklist.log.Hash;

/** Free-text checks and the content digest that the audit chain keeps of each requisition. */
public final class Texts {
  private Texts() {}

  /** Refuses control characters and over-long text; {@code null} passes when optional. */
  public static String check(String field, String text, int max, boolean required)
      throws RequisitionException {
    if (text == null || text.isBlank()) {
      if (required) {
        throw new RequisitionException(Problem.INVALID_REQUEST, field + ": missing or empty");
      }
      return null;
    }
    if (text.length() > max) {
      throw new RequisitionException(
          Problem.INVALID_REQUEST,
          field + ": " + text.length() + " characters (expected: at most " + max + ")");
    }
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (Character.isISOControl(ch) && ch != '\n' && ch != '\t') {
        throw new RequisitionException(
            Problem.INVALID_REQUEST,
            field
                + ": control character U+"
                + String.format(java.util.Locale.ROOT, "%04X", (int) ch)
                + " at "
                + i);
      }
    }
    return text;
  }

  /**
   * SHA-256 of what was asked: action, legal basis, case reference, note and names, one per line
   * (free text escaped so that it stays on its line). The submission event carries it, so the chain
   * pins each requisition's content without naming any domain.
   */
  public static Hash contentDigest(Requisition r) {
    List<String> names = new ArrayList<>(r.domains().size());
    for (DomainName d : r.domains()) {
      names.add(d.value());
    }
    return contentDigest(
        r.action().code(), r.legalBasis().code(), r.caseReference(), r.note(), names);
  }

  /**
   * The same digest over the text of stored columns, as they are: start-up verification recomputes
   * it from the rows, so an edited row shows as a different digest rather than as a parse failure.
   */
  public static Hash contentDigest(
      String action, String legalBasis, String caseReference, String note, List<String> domains) {
    StringBuilder b = new StringBuilder();
    b.append("action ").append(action).append('\n');
    b.append("legal-basis ").append(legalBasis).append('\n');
    b.append("case-reference ").append(escape(caseReference)).append('\n');
    b.append("note ").append(note == null ? "" : escape(note)).append('\n');
    for (String d : domains) {
      b.append("domain ").append(d).append('\n');
    }
    return Hash.sha256(b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static String escape(String text) {
    return text.replace("\\", "\\\\").replace("\n", "\\n");
  }
}
