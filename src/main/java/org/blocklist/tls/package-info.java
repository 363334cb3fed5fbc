/**
 * TLS for the API listener: {@link org.blocklist.tls.ServerTls} builds the server's Netty {@code
 * SslContext} from PEM files (TLS 1.2 and 1.3 only, the JDK provider, client certificates checked
 * against a CA when one is given); {@link org.blocklist.tls.ClientCertificates} reads the subject
 * CN of a verified client certificate, the name an mTLS client authenticates as; {@link
 * org.blocklist.tls.DevCertificates} makes a development CA, a server certificate for {@code
 * localhost} and client certificates with BouncyCastle ({@code blocklist cert dev}).
 *
 * <p>Imports nothing of ours (Netty, BouncyCastle and the JDK only); used by {@code http} and
 * {@code cli}.
 */
package org.blocklist.tls;
