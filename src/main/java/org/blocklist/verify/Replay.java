package org.blocklist.verify;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.blocklist.domain.Canonical;
import org.blocklist.domain.DomainCanonicalizer;
import org.blocklist.domain.DomainException;
import org.blocklist.log.Hash;
import org.blocklist.log.ListTexts;
import org.blocklist.log.Manifest;

/**
 * Replays the history from the empty list (version 0), one version at a time, checking each
 * version's served changes against its signed manifest: the names are canonical entries, each list
 * sorted without repeats and the two disjoint; the counts {@code added} and {@code removed}; the
 * {@code changes} digest of the changes text; every added name not yet listed and every removed one
 * listed; {@code entries}; and the {@code list} digest of the whole snapshot text ({@link
 * ListDigests}). Only the current list is held; each version's changes are dropped once applied.
 */
final class Replay {
  private final DomainCanonicalizer canonicalizer = new DomainCanonicalizer();
  private final ListDigests digests;
  private final long maxEntries;
  private ReplayedList list = ReplayedList.empty();

  Replay(ListDigests digests, long maxEntries) {
    this.digests = requireNonNull(digests, "digests");
    this.maxEntries = maxEntries;
  }

  /** The number of entries after the versions applied so far. */
  long entries() {
    return list.size();
  }

  /** Applies version {@code m.version()}'s {@code changes}, checked against {@code m}. */
  void apply(Manifest m, Changes changes) throws VerificationException {
    String subject = VerificationException.version(m.version());
    checkNames(subject, "added", changes.added(), true);
    checkNames(subject, "removed", changes.removed(), false);
    checkDisjoint(subject, changes.added(), changes.removed());
    compare(subject, "added", m.added(), changes.added().size(), "the served changes");
    compare(subject, "removed", m.removed(), changes.removed().size(), "the served changes");
    Hash digest = ListTexts.changesDigest(changes.added(), changes.removed());
    if (!digest.equals(m.changes())) {
      throw VerificationException.mismatch(
          subject,
          "changes",
          m.changes().hex(),
          "the signed manifest",
          digest.hex(),
          "SHA-256 of the served changes text");
    }
    long after = list.size() + changes.added().size() - changes.removed().size();
    if (after > maxEntries) {
      throw new VerificationException(
          subject + ": entries: " + after + " (limit: " + maxEntries + " entries)");
    }
    ReplayedList.Result result = list.apply(changes.added(), changes.removed());
    if (result.conflict() != null) {
      ReplayedList.Conflict c = result.conflict();
      throw new VerificationException(
          subject
              + (c.added()
                  ? ": added: " + c.name() + " is already listed (in version " + (m.version() - 1)
                  : ": removed: " + c.name() + " is not listed (in version " + (m.version() - 1))
              + ")");
    }
    list = result.list();
    compare(subject, "entries", m.entries(), list.size(), "the replayed list");
    digests.check(m.version(), m.list(), list);
  }

  /** Waits for the list digests still being computed; throws the first that fails. */
  void finish() throws VerificationException {
    digests.finish();
  }

  private void checkNames(String subject, String key, List<String> names, boolean canonical)
      throws VerificationException {
    String previous = null;
    for (String name : names) {
      if (canonical && !isCanonical(name)) {
        throw new VerificationException(
            subject + ": " + key + ": " + quote(name) + " is not a canonical entry name");
      }
      if (previous != null && previous.compareTo(name) >= 0) {
        throw new VerificationException(
            subject
                + ": "
                + key
                + ": "
                + quote(name)
                + " after "
                + quote(previous)
                + " (expected: names sorted by byte order, each once)");
      }
      previous = name;
    }
  }

  /** Both lists sorted: walks them together, failing on a name in both. */
  private static void checkDisjoint(String subject, List<String> added, List<String> removed)
      throws VerificationException {
    int a = 0;
    int r = 0;
    while (a < added.size() && r < removed.size()) {
      int cmp = added.get(a).compareTo(removed.get(r));
      if (cmp == 0) {
        throw new VerificationException(
            subject + ": changes: " + quote(added.get(a)) + " is both added and removed");
      }
      if (cmp < 0) {
        a++;
      } else {
        r++;
      }
    }
  }

  /** Whether {@code name} is already in the canonical form of DESIGN.md ("Entries"). */
  private boolean isCanonical(String name) {
    String plain = DomainCanonicalizer.plainAsciiName(name);
    if (plain != null) {
      return plain.equals(name);
    }
    try {
      Canonical c = canonicalizer.canonicalize(name);
      return !c.reducedFromUrl() && c.name().value().equals(name);
    } catch (DomainException e) {
      return false;
    }
  }

  private static void compare(
      String subject, String field, long expected, long computed, String computedFrom)
      throws VerificationException {
    if (expected != computed) {
      throw VerificationException.mismatch(
          subject, field, expected, "the signed manifest", computed, computedFrom);
    }
  }

  /** A name as it appears in a message: quoted, control characters escaped, cut at 100. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length() && i < 100; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append(s.length() > 100 ? "...\"" : "\"").toString();
  }
}
