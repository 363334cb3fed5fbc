package org.blocklist.domain;

import static java.util.Objects.requireNonNull;

import com.google.common.net.InternetDomainName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The validation gate for the domains of a requisition (block and unblock alike). Each input is, in
 * this order:
 *
 * <ol>
 *   <li>canonicalised by {@link DomainCanonicalizer} (any refusal it makes);
 *   <li>refused as {@link RefusalReason#PUBLIC_SUFFIX} if it is a single label (a top-level domain
 *       or a name like {@code localhost}) or a public suffix of the Public Suffix List, ICANN or
 *       private section (Guava's {@link InternetDomainName#isPublicSuffix()}: {@code com}, {@code
 *       co.uk}, {@code github.io}, {@code blogspot.com}); names under a public suffix ({@code
 *       foo.github.io}) pass. A name Guava cannot parse (a last label starting with a digit, like
 *       {@code example.1a}, which no top-level domain does) is refused as {@link
 *       RefusalReason#INVALID_NAME};
 *   <li>refused as {@link RefusalReason#PROTECTED} if it conflicts with the {@link
 *       ProtectedDomains};
 *   <li>refused as {@link RefusalReason#DUPLICATE} if the same canonical name was already accepted
 *       earlier in the same list ({@code Example.com} then {@code http://example.com/}).
 * </ol>
 *
 * <p>The size cap of a requisition is the caller's business. Immutable and thread-safe.
 */
public final class RequisitionDomainValidator {
  private final DomainCanonicalizer canonicalizer;
  private final ProtectedDomains protectedDomains;

  public RequisitionDomainValidator(
      DomainCanonicalizer canonicalizer, ProtectedDomains protectedDomains) {
    this.canonicalizer = requireNonNull(canonicalizer, "canonicalizer");
    this.protectedDomains = requireNonNull(protectedDomains, "protectedDomains");
  }

  /**
   * Validates every input; never throws for bad names. A {@code null} element is refused as {@link
   * RefusalReason#EMPTY} with the input {@code ""}.
   */
  public Validation validate(List<String> inputs) {
    requireNonNull(inputs, "inputs");
    List<Canonical> accepted = new ArrayList<>();
    List<Refusal> refused = new ArrayList<>();
    Set<DomainName> seen = new HashSet<>();
    for (String input : inputs) {
      if (input == null) {
        refused.add(refusal("", RefusalReason.EMPTY, "null element"));
        continue;
      }
      Canonical canonical;
      try {
        canonical = canonicalizer.canonicalize(input);
      } catch (DomainException e) {
        refused.add(new Refusal(input, e.reason(), e.detail()));
        continue;
      }
      Refusal refusal = check(input, canonical.name(), seen);
      if (refusal != null) {
        refused.add(refusal);
      } else {
        seen.add(canonical.name());
        accepted.add(canonical);
      }
    }
    return new Validation(accepted, refused);
  }

  private Refusal check(String input, DomainName name, Set<DomainName> seen) {
    if (name.parent() == null) {
      return refusal(
          input,
          RefusalReason.PUBLIC_SUFFIX,
          name + " is a single label (a top-level domain or a local name)");
    }
    InternetDomainName parsed;
    try {
      parsed = InternetDomainName.from(name.value());
    } catch (IllegalArgumentException e) {
      return refusal(
          input,
          RefusalReason.INVALID_NAME,
          name + " is not a valid host name for the Public Suffix List: " + e.getMessage());
    }
    if (parsed.isPublicSuffix()) {
      return refusal(
          input,
          RefusalReason.PUBLIC_SUFFIX,
          name + " is on the Public Suffix List (ICANN or private section)");
    }
    Optional<DomainName> conflict = protectedDomains.conflict(name);
    if (conflict.isPresent()) {
      DomainName p = conflict.get();
      String relation =
          p.equals(name) ? "is" : name.isSameOrSubdomainOf(p) ? "lies under" : "contains";
      return refusal(
          input, RefusalReason.PROTECTED, name + " " + relation + " the protected name " + p);
    }
    if (seen.contains(name)) {
      return refusal(
          input, RefusalReason.DUPLICATE, name + " appears earlier in the same requisition");
    }
    return null;
  }

  private static Refusal refusal(String input, RefusalReason reason, String detail) {
    return new Refusal(input, reason, detail);
  }
}
