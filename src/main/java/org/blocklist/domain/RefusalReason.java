package org.blocklist.domain;

import java.util.Locale;

/**
 * Why an input is refused. {@link #code()} is the stable snake_case string used in API errors (the
 * {@code reason} of each detail of a 400 {@code invalid_domains}); never rename a constant.
 */
public enum RefusalReason {
  EMPTY("The input is empty or holds only whitespace."),
  INVALID_NAME(
      "The input is not a host name after normalisation (bad characters, an empty label,"
          + " a hyphen in the wrong place, a failed IDNA check, or a URL that is not http or"
          + " https)."),
  IP_LITERAL(
      "The input is an IP address literal, or a name whose last label is a number, not a"
          + " domain name."),
  TOO_LONG("The domain name is longer than 253 octets."),
  LABEL_TOO_LONG("A label of the domain name is longer than 63 octets."),
  PUBLIC_SUFFIX(
      "The domain name is a public suffix or a top-level domain: blocking it would block every"
          + " name registered under it."),
  PROTECTED(
      "The domain name is, contains or lies under a name on the operator's protected list,"
          + " which no requisition may block."),
  DUPLICATE("The domain name already appears earlier in the same requisition."),
  INPUT_TOO_LONG("The input is longer than 2048 characters.");

  private final String description;

  RefusalReason(String description) {
    this.description = description;
  }

  /** The stable snake_case code, e.g. {@code "public_suffix"}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** A clear English sentence for humans. */
  public String describe() {
    return description;
  }
}
