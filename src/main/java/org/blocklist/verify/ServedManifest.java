package org.blocklist.verify;

import static java.util.Objects.requireNonNull;

/** One manifest as a source serves it: the version it is listed under and its text. */
record ServedManifest(long version, String text) {
  ServedManifest {
    requireNonNull(text, "text");
  }
}
