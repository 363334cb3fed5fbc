package org.blocklist.domain;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The operator's protected list ({@code config/protected-domains.txt}): names that no requisition
 * may block. A protected name {@code p} refuses a requisition for {@code p} itself, for any name
 * above it (blocking {@code fgov.be} would block {@code minfin.fgov.be}) and for any name below it
 * ({@code www.police.be} lies inside {@code police.be}).
 *
 * <p>File format: UTF-8, one name per line; {@code #} starts a comment (whole line or after the
 * name); blank lines are ignored; names are canonicalised on load (so {@code Police.BE.} and IDN
 * names in Unicode are fine); a line that is not a domain name, or is a URL, fails the load with an
 * {@link IllegalArgumentException} naming the file and line.
 *
 * <p>Immutable and thread-safe.
 */
public final class ProtectedDomains {
  private static final ProtectedDomains NONE = new ProtectedDomains(new TreeMap<>());

  /** Keyed by the labels in reverse order ({@code be.fgov.minfin}), so a subtree is a key range. */
  private final TreeMap<String, DomainName> byReversedName;

  private ProtectedDomains(TreeMap<String, DomainName> byReversedName) {
    this.byReversedName = byReversedName;
  }

  /**
   * Loads the protected list from {@code file}.
   *
   * @throws IllegalArgumentException naming {@code file} and the line number for a bad line
   */
  public static ProtectedDomains load(Path file, DomainCanonicalizer canonicalizer)
      throws IOException {
    requireNonNull(file, "file");
    requireNonNull(canonicalizer, "canonicalizer");
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    TreeMap<String, DomainName> names = new TreeMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int hash = line.indexOf('#');
      String text = (hash < 0 ? line : line.substring(0, hash)).strip();
      if (text.isEmpty()) {
        continue;
      }
      String where = file + ":" + (i + 1) + ": ";
      Canonical canonical;
      try {
        canonical = canonicalizer.canonicalize(text);
      } catch (DomainException e) {
        throw new IllegalArgumentException(where + e.getMessage(), e);
      }
      if (canonical.reducedFromUrl()) {
        throw new IllegalArgumentException(
            where + InputText.quote(text) + " is a URL form (expected: a domain name)");
      }
      put(names, canonical.name());
    }
    return new ProtectedDomains(names);
  }

  /** A protected list of exactly {@code names}. */
  public static ProtectedDomains of(Collection<DomainName> names) {
    requireNonNull(names, "names");
    TreeMap<String, DomainName> map = new TreeMap<>();
    for (DomainName name : names) {
      put(map, requireNonNull(name, "name"));
    }
    return new ProtectedDomains(map);
  }

  /** An empty protected list. */
  public static ProtectedDomains none() {
    return NONE;
  }

  /**
   * The protected name that forbids blocking {@code name}: a protected name equal to it, below it
   * (blocking {@code name} would block it) or above it. Equal wins, then the nearest name above,
   * then the first name below in reversed-label order. Empty if none.
   */
  public Optional<DomainName> conflict(DomainName name) {
    requireNonNull(name, "name");
    String key = reversed(name.value());
    for (String k = key; ; ) {
      DomainName hit = byReversedName.get(k);
      if (hit != null) {
        return Optional.of(hit);
      }
      int dot = k.lastIndexOf('.');
      if (dot < 0) {
        break;
      }
      k = k.substring(0, dot);
    }
    String below = key + ".";
    Map.Entry<String, DomainName> next = byReversedName.ceilingEntry(below);
    if (next != null && next.getKey().startsWith(below)) {
      return Optional.of(next.getValue());
    }
    return Optional.empty();
  }

  /** The number of distinct protected names. */
  public int size() {
    return byReversedName.size();
  }

  @Override
  public String toString() {
    return "ProtectedDomains" + byReversedName.values();
  }

  private static void put(TreeMap<String, DomainName> map, DomainName name) {
    map.put(reversed(name.value()), name);
  }

  /** {@code minfin.fgov.be} becomes {@code be.fgov.minfin}. */
  static String reversed(String name) {
    StringBuilder b = new StringBuilder(name.length());
    int end = name.length();
    while (end > 0) {
      int dot = name.lastIndexOf('.', end - 1);
      if (b.length() > 0) {
        b.append('.');
      }
      b.append(name, dot + 1, end);
      end = dot < 0 ? 0 : dot;
    }
    return b.toString();
  }
}
