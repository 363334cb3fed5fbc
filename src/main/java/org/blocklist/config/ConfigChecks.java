package org.blocklist.config;

final class ConfigChecks {
  private ConfigChecks() {}

  static void port(String key, int port) {
    range(key, port, 0, 65_535);
  }

  static void range(String key, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          key + ": " + value + " (expected: " + min + ".." + max + ")");
    }
  }
}
