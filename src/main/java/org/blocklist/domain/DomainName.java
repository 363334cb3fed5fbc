package org.blocklist.domain;

import static java.util.Objects.requireNonNull;

/**
 * A canonical entry name: lower-case LDH ASCII (IDN labels as A-labels), no trailing dot, 1 to
 * {@value #MAX_LENGTH} octets, labels of 1 to {@value #MAX_LABEL_LENGTH} octets that neither start
 * nor end with a hyphen.
 *
 * <p>The constructor checks this syntax only (it is cheap enough to run on every stored entry); it
 * does not run IDNA. Names from users must go through {@link DomainCanonicalizer}.
 */
public record DomainName(String value) implements Comparable<DomainName> {
  /** Longest name in octets (RFC 1034 section 3.1, without the trailing dot). */
  public static final int MAX_LENGTH = 253;

  /** Longest label in octets (RFC 1034 section 3.1). */
  public static final int MAX_LABEL_LENGTH = 63;

  /**
   * @throws IllegalArgumentException if {@code value} is not in canonical form
   */
  public DomainName {
    requireNonNull(value, "value");
    Problem problem = check(value);
    if (problem != null) {
      throw new IllegalArgumentException(
          "domain name: " + InputText.quote(value) + " (" + problem.detail() + ")");
    }
  }

  /** Byte order of the ASCII text, the order of the snapshot text. */
  @Override
  public int compareTo(DomainName o) {
    return value.compareTo(o.value);
  }

  /**
   * Whether this name is {@code ancestor} or lies below it, on a label boundary: {@code
   * a.b.example} is below {@code b.example}, {@code notb.example} is not.
   */
  public boolean isSameOrSubdomainOf(DomainName ancestor) {
    String a = ancestor.value;
    if (value.length() == a.length()) {
      return value.equals(a);
    }
    return value.length() > a.length()
        && value.endsWith(a)
        && value.charAt(value.length() - a.length() - 1) == '.';
  }

  /** The name without its first label, or {@code null} for a single label. */
  public DomainName parent() {
    int dot = value.indexOf('.');
    return dot < 0 ? null : new DomainName(value.substring(dot + 1));
  }

  @Override
  public String toString() {
    return value;
  }

  /** The first problem that keeps {@code value} from being canonical, or {@code null}. */
  static Problem check(String value) {
    if (value.isEmpty()) {
      return new Problem(RefusalReason.INVALID_NAME, "empty name");
    }
    int start = 0;
    while (true) {
      int dot = value.indexOf('.', start);
      int end = dot < 0 ? value.length() : dot;
      Problem problem = checkLabel(value, start, end);
      if (problem != null) {
        return problem;
      }
      if (dot < 0) {
        break;
      }
      start = dot + 1;
    }
    if (value.length() > MAX_LENGTH) {
      return new Problem(
          RefusalReason.TOO_LONG,
          "length: " + value.length() + " octets (expected: at most " + MAX_LENGTH + ")");
    }
    return null;
  }

  private static Problem checkLabel(String value, int start, int end) {
    int length = end - start;
    if (length == 0) {
      return new Problem(RefusalReason.INVALID_NAME, "empty label at index " + start);
    }
    if (length > MAX_LABEL_LENGTH) {
      return new Problem(
          RefusalReason.LABEL_TOO_LONG,
          "label length: "
              + length
              + " octets at index "
              + start
              + " (expected: at most "
              + MAX_LABEL_LENGTH
              + ")");
    }
    for (int i = start; i < end; i++) {
      char c = value.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
        return new Problem(
            RefusalReason.INVALID_NAME,
            "character: "
                + InputText.quote(String.valueOf(c))
                + " at index "
                + i
                + " (expected: a-z, 0-9, '-' or '.')");
      }
    }
    if (value.charAt(start) == '-' || value.charAt(end - 1) == '-') {
      return new Problem(
          RefusalReason.INVALID_NAME, "label at index " + start + " starts or ends with a hyphen");
    }
    return null;
  }
}
