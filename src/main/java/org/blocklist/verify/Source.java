package org.blocklist.verify;

import java.util.List;

/**
 * Where a history is read from: the server ({@link ServerSource}) or an archive ({@link
 * ArchiveSource}). Each read is bounded by {@link VerifyLimits}; a failure to read says what could
 * not be read and why.
 */
interface Source {
  /** The signed checkpoint note, as served. */
  String checkpoint() throws VerificationException;

  /** Up to {@code limit} manifests from version {@code from}, in order; empty past the latest. */
  List<ServedManifest> manifests(long from, int limit) throws VerificationException;

  /** The body of {@code /v1/versions/{version}/changes}, as served. */
  byte[] changes(long version) throws VerificationException;

  /** Up to {@code limit} audit events from number {@code from}, in order; empty past the last. */
  List<ServedEvent> events(long from, int limit) throws VerificationException;

  /**
   * The body of {@code /v1/transparency}, if the source has it (an archive from before it existed
   * does not).
   */
  default java.util.Optional<byte[]> transparency() throws VerificationException {
    return java.util.Optional.empty();
  }

  /** Where the history comes from, for the report ({@code http://...} or the archive's path). */
  String describe();
}
