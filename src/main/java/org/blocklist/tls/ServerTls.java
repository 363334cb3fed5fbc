package org.blocklist.tls;

import static java.util.Objects.requireNonNull;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * The server side of TLS: an {@link SslContext} from a PEM certificate chain and a PEM private key
 * (PKCS#8, or PKCS#1/SEC 1 through BouncyCastle), on the JDK provider, offering {@link #PROTOCOLS}
 * only. With a client CA, clients may present a certificate ({@link ClientAuth#OPTIONAL}: a client
 * without one still connects and uses a bearer token); a certificate that does not chain to that
 * CA, or is expired or not yet valid, fails the handshake.
 */
public final class ServerTls {
  /** TLS 1.1 and below are refused (RFC 8996). */
  public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  private ServerTls() {}

  /**
   * @param clientCa PEM certificates of the CAs whose client certificates are accepted; empty: no
   *     client certificates are asked for
   */
  public static SslContext context(Path certificate, Path key, Optional<Path> clientCa)
      throws TlsException {
    requireNonNull(certificate, "certificate");
    requireNonNull(key, "key");
    requireNonNull(clientCa, "clientCa");
    readable("http.tls.certificate", certificate);
    readable("http.tls.key", key);
    if (clientCa.isPresent()) {
      readable("http.tls.clientCa", clientCa.get());
    }
    try {
      SslContextBuilder b =
          SslContextBuilder.forServer(certificate.toFile(), key.toFile())
              .sslProvider(SslProvider.JDK)
              .protocols(PROTOCOLS);
      if (clientCa.isPresent()) {
        b.trustManager(clientCa.get().toFile()).clientAuth(ClientAuth.OPTIONAL);
      }
      return b.build();
    } catch (SSLException | IllegalArgumentException e) {
      throw new TlsException(
          "http.tls: cannot use certificate "
              + certificate
              + " and key "
              + key
              + clientCa.map(ca -> " with client CA " + ca).orElse("")
              + ": "
              + rootMessage(e)
              + " (expected: PEM files, the key unencrypted)",
          e);
    }
  }

  private static void readable(String key, Path file) throws TlsException {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new TlsException(key + ": " + file + " is not a readable file", null);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + ": " + t;
  }
}
