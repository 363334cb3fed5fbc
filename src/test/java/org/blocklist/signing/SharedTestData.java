package org.blocklist.signing;

import java.nio.file.Path;

/** The reference vectors of {@code ../shared/testdata}, located by {@code -Dblocklist.shared}. */
final class SharedTestData {

  private SharedTestData() {}

  static Path path(String first, String... more) {
    return Path.of(System.getProperty("blocklist.shared", "../shared"), "testdata")
        .resolve(Path.of(first, more));
  }
}
