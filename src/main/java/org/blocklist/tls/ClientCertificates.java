package org.blocklist.tls;

import io.netty.handler.ssl.SslHandler;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * The name a client certificate stands for: the subject's common name (CN) of the leaf certificate
 * the handshake verified. A subject with no CN or with several gives no name (a client is one
 * principal or none).
 */
public final class ClientCertificates {
  private ClientCertificates() {}

  /**
   * The verified client certificate's CN on this connection; empty without TLS or a certificate.
   */
  public static Optional<String> commonName(SslHandler tls) {
    if (tls == null) {
      return Optional.empty();
    }
    return commonName(tls.engine().getSession());
  }

  static Optional<String> commonName(SSLSession session) {
    Certificate[] chain;
    try {
      chain = session.getPeerCertificates();
    } catch (SSLPeerUnverifiedException e) {
      return Optional.empty(); // no client certificate
    }
    if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
      return Optional.empty();
    }
    return commonName(leaf);
  }

  /** The single CN of {@code certificate}'s subject. */
  public static Optional<String> commonName(X509Certificate certificate) {
    X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    RDN[] cns = subject.getRDNs(BCStyle.CN);
    if (cns.length != 1 || cns[0].isMultiValued()) {
      return Optional.empty();
    }
    ASN1Encodable value = cns[0].getFirst().getValue();
    return value instanceof ASN1String text ? Optional.of(text.getString()) : Optional.empty();
  }
}
