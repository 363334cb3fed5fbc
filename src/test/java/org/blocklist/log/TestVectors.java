package org.blocklist.log;

import java.nio.file.Path;

/** Where the shared third-party test vectors are (see /work/shared/testdata/README.md). */
final class TestVectors {
  private TestVectors() {}

  static Path testdata() {
    return Path.of(System.getProperty("blocklist.shared", "../shared"), "testdata");
  }
}
