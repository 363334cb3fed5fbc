package org.blocklist.ledger;

import static java.util.Objects.requireNonNull;

import org.blocklist.log.Checkpoint;
import org.blocklist.signing.Ed25519PrivateKey;
import org.blocklist.signing.NoteVerifierKey;
import org.blocklist.signing.SignedNote;

/** The log's origin and signing key, and the signed-note verifier key derived from them. */
public record LedgerKeys(String origin, Ed25519PrivateKey privateKey, NoteVerifierKey verifierKey) {
  public LedgerKeys {
    requireNonNull(origin, "origin");
    requireNonNull(privateKey, "privateKey");
    requireNonNull(verifierKey, "verifierKey");
  }

  public static LedgerKeys of(String origin, Ed25519PrivateKey privateKey) {
    return new LedgerKeys(origin, privateKey, new NoteVerifierKey(origin, privateKey.publicKey()));
  }

  /** The checkpoint as a C2SP signed note, signed by this key. */
  public String signCheckpoint(Checkpoint checkpoint) {
    return SignedNote.sign(checkpoint.body(), origin, privateKey, verifierKey.keyHint()).encode();
  }
}
