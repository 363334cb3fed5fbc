/**
 * Ed25519 signing (RFC 8032, with BouncyCastle), the signing key files, and the C2SP signed-note
 * format in which checkpoints are published.
 *
 * <p>Where to start:
 *
 * <ul>
 *   <li>{@link org.blocklist.signing.KeyFiles#loadOrCreate} gives the service its {@link
 *       org.blocklist.signing.Ed25519PrivateKey} at start: {@code signing-key.pem} (PKCS#8, mode
 *       0600) and {@code signing-key.pub.pem} in the data directory, generated on first start.
 *   <li>{@link org.blocklist.signing.Signer} and {@link org.blocklist.signing.Verifier} are the
 *       one-method primitives; {@link org.blocklist.signing.Ed25519PrivateKey} and {@link
 *       org.blocklist.signing.Ed25519PublicKey} implement them. A public key refuses small-order
 *       and non-canonical points; a {@link org.blocklist.signing.Signature} is exactly 64 bytes.
 *   <li>{@link org.blocklist.signing.SignedNote} signs, parses and verifies <a
 *       href="https://c2sp.org/signed-note">c2sp.org/signed-note</a> notes; {@link
 *       org.blocklist.signing.NoteVerifierKey} is the {@code <name>+<key ID>+<base64 key>} string
 *       that clients configure, and computes the key ID put in each signature line.
 * </ul>
 *
 * <p>Signing a checkpoint body with the service key, under the log's origin:
 *
 * <pre>{@code
 * NoteVerifierKey vkey = new NoteVerifierKey(origin, key.publicKey());
 * String note = SignedNote.sign(body, origin, key, vkey.keyHint()).encode();
 * }</pre>
 *
 * <p>The JDK's own Ed25519 provider is not used: it accepts a signature with bytes appended
 * (Wycheproof tcId 37). The tests run the Wycheproof vectors, the signed-note examples of the spec
 * and of golang.org/x/mod, and OpenSSL against our key files.
 *
 * <p>Ground floor: imports nothing of ours.
 */
package org.blocklist.signing;
