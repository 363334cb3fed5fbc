package org.blocklist.domain;

import static java.util.Objects.requireNonNull;

import com.ibm.icu.text.IDNA;
import java.util.EnumSet;
import java.util.Set;

/**
 * Turns one untrusted input into a canonical {@link DomainName}: size cap, ASCII whitespace trim,
 * URL reduction, IDNA (UTS #46) and syntax checks, IP-literal refusal. See the package
 * documentation for the exact rules. It does not consult the Public Suffix List or the protected
 * list: lookups may ask about any name ({@code com} included); requisitions go through {@link
 * RequisitionDomainValidator}.
 *
 * <p>Immutable and thread-safe (the ICU {@code IDNA} instance is immutable; each call has its own
 * {@code IDNA.Info}).
 */
public final class DomainCanonicalizer {
  /** Longest raw input in characters; longer input is refused before anything else. */
  public static final int MAX_INPUT_LENGTH = 2048;

  /** UTS #46 non-transitional, CheckBidi, CheckJoiners, UseSTD3ASCIIRules; CheckHyphens is on. */
  static final int IDNA_OPTIONS =
      IDNA.NONTRANSITIONAL_TO_ASCII | IDNA.CHECK_BIDI | IDNA.CHECK_CONTEXTJ | IDNA.USE_STD3_RULES;

  private static final Set<IDNA.Error> LENGTH_ERRORS =
      EnumSet.of(IDNA.Error.LABEL_TOO_LONG, IDNA.Error.DOMAIN_NAME_TOO_LONG);

  private final IDNA idna = IDNA.getUTS46Instance(IDNA_OPTIONS);

  public DomainCanonicalizer() {}

  /**
   * Canonicalises {@code input}.
   *
   * @throws DomainException if the input is refused; {@link DomainException#reason()} says why
   */
  public Canonical canonicalize(String input) throws DomainException {
    requireNonNull(input, "input");
    DomainName plain = plainAscii(input);
    if (plain != null) {
      return new Canonical(input, plain, false);
    }
    return canonicalizeWithIcu(input);
  }

  /**
   * The fast path for what resolvers mostly ask: a name of ASCII letters, digits, hyphens and dots
   * that is canonical once lower-cased, has no label with {@code --} in positions 3 and 4 (so no
   * A-label, which only ICU can check) and does not end in a number. UTS #46 maps such a name to
   * itself lower-cased and finds no error in it, so ICU is skipped; anything else (and every
   * refusal) takes {@link #canonicalizeWithIcu}. {@code DomainCanonicalizerFastPathTest} checks
   * that both paths agree.
   */
  public static DomainName plainAscii(String input) {
    String name = plainAsciiName(input);
    return name == null ? null : new DomainName(name);
  }

  /**
   * {@link #plainAscii} without building the {@link DomainName}: the canonical text, or null. For
   * the lookup path, where the name is only matched.
   */
  public static String plainAsciiName(String input) {
    int length = input.length();
    if (length == 0 || length > DomainName.MAX_LENGTH) {
      return null;
    }
    boolean upper = false;
    int labelStart = 0;
    for (int i = 0; i <= length; i++) {
      char c = i < length ? input.charAt(i) : '.';
      if (c == '.') {
        if (i - labelStart >= 4
            && input.charAt(labelStart + 2) == '-'
            && input.charAt(labelStart + 3) == '-') {
          return null;
        }
        labelStart = i + 1;
      } else if (c >= 'A' && c <= 'Z') {
        upper = true;
      } else if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '-') {
        return null;
      }
    }
    String name = upper ? input.toLowerCase(java.util.Locale.ROOT) : input;
    if (DomainName.check(name) != null || IpLiterals.endsInNumber(name)) {
      return null;
    }
    return name;
  }

  /** The full path: size cap, trim, URL reduction, UTS #46, IP-literal and syntax checks. */
  Canonical canonicalizeWithIcu(String input) throws DomainException {
    if (input.length() > MAX_INPUT_LENGTH) {
      throw new DomainException(
          RefusalReason.INPUT_TOO_LONG,
          input,
          "length: " + input.length() + " characters (expected: at most " + MAX_INPUT_LENGTH + ")");
    }
    String trimmed = trimAsciiWhitespace(input);
    if (trimmed.isEmpty()) {
      throw new DomainException(RefusalReason.EMPTY, input, "no name given");
    }
    UrlForms.Host host = UrlForms.reduce(input, trimmed);
    if (host.name().indexOf(':') >= 0) {
      if (UrlForms.looksLikeIpv6(host.name())) {
        throw UrlForms.ipLiteral(input);
      }
      throw new DomainException(
          RefusalReason.INVALID_NAME, input, "a ':' that is not before a port number");
    }
    String ascii = toAscii(input, host.name());
    if (IpLiterals.endsInNumber(ascii)) {
      throw new DomainException(
          RefusalReason.IP_LITERAL,
          input,
          "the last label of " + ascii + " is a number, so it is an IPv4 address form");
    }
    Problem problem = DomainName.check(ascii);
    if (problem != null) {
      throw new DomainException(problem.reason(), input, problem.detail());
    }
    return new Canonical(input, new DomainName(ascii), host.reduced());
  }

  /** UTS #46 ToASCII, then one trailing dot (the root) removed. */
  private String toAscii(String input, String name) throws DomainException {
    IDNA.Info info = new IDNA.Info();
    StringBuilder out = new StringBuilder(name.length() + 16);
    idna.nameToASCII(name, out, info);
    if (info.hasErrors()) {
      Set<IDNA.Error> errors = info.getErrors();
      RefusalReason reason = RefusalReason.INVALID_NAME;
      if (LENGTH_ERRORS.containsAll(errors)) {
        reason =
            errors.contains(IDNA.Error.LABEL_TOO_LONG)
                ? RefusalReason.LABEL_TOO_LONG
                : RefusalReason.TOO_LONG;
      }
      throw new DomainException(reason, input, IdnaErrors.describe(errors, name, idna));
    }
    int length = out.length();
    if (length > 0 && out.charAt(length - 1) == '.') {
      out.setLength(length - 1);
    }
    return out.toString();
  }

  /** Trims TAB, LF, VT, FF, CR and SPACE at both ends (not Unicode spaces, which IDNA refuses). */
  static String trimAsciiWhitespace(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isAsciiWhitespace(s.charAt(start))) {
      start++;
    }
    while (end > start && isAsciiWhitespace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  private static boolean isAsciiWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }
}
