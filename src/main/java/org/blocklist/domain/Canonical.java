package org.blocklist.domain;

import static java.util.Objects.requireNonNull;

/**
 * The result of canonicalising one input.
 *
 * @param input the input exactly as given (untrimmed)
 * @param name the canonical name
 * @param reducedFromUrl whether the input was a URL or {@code host/path} or {@code host:port} form
 *     that was reduced to its host (the API response says so)
 */
public record Canonical(String input, DomainName name, boolean reducedFromUrl) {
  public Canonical {
    requireNonNull(input, "input");
    requireNonNull(name, "name");
  }
}
