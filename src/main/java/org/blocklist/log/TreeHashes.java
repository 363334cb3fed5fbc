package org.blocklist.log;

import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;

/**
 * RFC 6962 hashing: the leaf and interior-node hashes of the Merkle tree that logs the versions.
 *
 * <p>Leaves and nodes are domain-separated by a one-byte prefix so that a leaf can never be
 * mistaken for a node (second-preimage resistance). See <a
 * href="https://www.rfc-editor.org/rfc/rfc6962#section-2.1">RFC 6962 section 2.1</a> and <a
 * href="https://www.rfc-editor.org/rfc/rfc9162#section-2.1.1">RFC 9162 section 2.1.1</a>.
 */
public final class TreeHashes {
  /** {@code MTH({}) = SHA-256()}: the root hash of the empty tree. */
  public static final Hash EMPTY_ROOT = Hash.sha256();

  private static final byte LEAF_PREFIX = 0x00;
  private static final byte NODE_PREFIX = 0x01;

  private TreeHashes() {}

  /** {@code SHA-256(0x00 || leaf)}. */
  public static Hash leafHash(byte[] leaf) {
    requireNonNull(leaf, "leaf");
    MessageDigest digest = Hash.newDigest();
    digest.update(LEAF_PREFIX);
    digest.update(leaf);
    return Hash.finish(digest);
  }

  /** {@code SHA-256(0x01 || left || right)}. */
  public static Hash nodeHash(Hash left, Hash right) {
    requireNonNull(left, "left");
    requireNonNull(right, "right");
    MessageDigest digest = Hash.newDigest();
    digest.update(NODE_PREFIX);
    left.updateDigest(digest);
    right.updateDigest(digest);
    return Hash.finish(digest);
  }
}
