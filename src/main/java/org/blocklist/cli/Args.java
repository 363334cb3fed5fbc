package org.blocklist.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value} options and {@code --flag} switches of one command; anything else is a
 * {@link UsageException}.
 */
final class Args {
  private final Map<String, String> values = new HashMap<>();
  private final Map<String, List<String>> repeated = new HashMap<>();
  private final Set<String> present = new java.util.HashSet<>();

  Args(List<String> args, Set<String> allowed) throws UsageException {
    this(args, allowed, Set.of());
  }

  /**
   * @param allowed options that take a value
   * @param flags switches that take none
   */
  Args(List<String> args, Set<String> allowed, Set<String> flags) throws UsageException {
    this(args, allowed, flags, Set.of());
  }

  /**
   * @param allowed options that take a value, once
   * @param flags switches that take none
   * @param repeatable options that take a value and may be given again ({@link #all})
   */
  Args(List<String> args, Set<String> allowed, Set<String> flags, Set<String> repeatable)
      throws UsageException {
    for (int i = 0; i < args.size(); i++) {
      String name = args.get(i);
      if (flags.contains(name)) {
        if (!present.add(name)) {
          throw new UsageException(name + " given twice");
        }
        continue;
      }
      if (repeatable.contains(name)) {
        if (i + 1 >= args.size()) {
          throw new UsageException(name + " needs a value");
        }
        repeated.computeIfAbsent(name, n -> new ArrayList<>()).add(args.get(++i));
        continue;
      }
      if (!allowed.contains(name)) {
        throw new UsageException("unknown option " + name);
      }
      if (i + 1 >= args.size()) {
        throw new UsageException(name + " needs a value");
      }
      if (values.put(name, args.get(++i)) != null) {
        throw new UsageException(name + " given twice");
      }
    }
  }

  /** Whether switch {@code name} was given. */
  boolean has(String name) {
    return present.contains(name);
  }

  /** Every value of the repeatable option {@code name}, in the order given. */
  List<String> all(String name) {
    return List.copyOf(repeated.getOrDefault(name, List.of()));
  }

  String get(String name) {
    return values.get(name);
  }

  String required(String name) throws UsageException {
    String v = values.get(name);
    if (v == null) {
      throw new UsageException(name + " is required");
    }
    return v;
  }

  Integer port(String name) throws UsageException {
    String v = values.get(name);
    if (v == null) {
      return null;
    }
    try {
      int port = Integer.parseInt(v);
      if (port < 0 || port > 65_535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new UsageException(name + ": " + v + " (expected: a port 0..65535)");
    }
  }
}
