package org.blocklist.rpz;

/**
 * The port the RPZ server reads: the zone at its current version. Called on the event loop for
 * every query, so it must answer from memory at once.
 */
@FunctionalInterface
public interface ZoneSource {
  /** The latest version; the value must not change once returned. */
  ZoneVersion current();
}
