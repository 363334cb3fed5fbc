package org.blocklist.principal;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/** An authenticated caller: a unique name and one role. */
public record Principal(String name, Role role) {
  /** Names are short, lower-case and safe to print in logs, events and metrics. */
  public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

  public Principal {
    checkName(name);
    requireNonNull(role, "role");
  }

  public static String checkName(String name) {
    requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "name: "
              + (name.length() > 80 ? name.substring(0, 80) + "..." : name)
              + " (expected: 1 to 63 of a-z 0-9 . _ -, starting with a letter or digit)");
    }
    return name;
  }
}
