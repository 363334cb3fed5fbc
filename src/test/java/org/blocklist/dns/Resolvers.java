package org.blocklist.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.blocklist.testing.Binaries;
import org.blocklist.testing.SecondaryResolver;

/**
 * The resolvers of the tests, configured from the files an ISP installs ({@code deploy/resolvers/})
 * with the placeholders of those files replaced: the blocklist listener {@value #PRIMARY} port
 * {@value #PRIMARY_PORT} becomes the test server's loopback port. Each runs in a directory of its
 * own, answering on a free loopback port, the test names ({@link SecondaryResolver#EXAMPLE_ZONE})
 * from local data.
 */
final class Resolvers {
  /** The address the deploy files write for the blocklist DNS listener. */
  static final String PRIMARY = "192.0.2.10";

  static final String PRIMARY_PORT = "8053";

  static final Path DEPLOY = Path.of("deploy", "resolvers");

  private Resolvers() {}

  /** A deploy file with the blocklist address and port made the test server's. */
  static String deployed(String file, int primaryPort) throws Exception {
    return Files.readString(DEPLOY.resolve(file), StandardCharsets.UTF_8)
        .replace(PRIMARY + "@" + PRIMARY_PORT, "127.0.0.1@" + primaryPort)
        .replace(PRIMARY + " port " + PRIMARY_PORT, "127.0.0.1 port " + primaryPort)
        .replace(PRIMARY + ":" + PRIMARY_PORT, "127.0.0.1:" + primaryPort)
        .replace(PRIMARY, "127.0.0.1");
  }

  /** Unbound with {@code deploy/resolvers/unbound.conf} included. */
  static SecondaryResolver unbound(Path dir, int port, int primaryPort) throws Exception {
    Path unbound = Binaries.require("unbound");
    Files.writeString(dir.resolve("example.zone"), SecondaryResolver.EXAMPLE_ZONE);
    Files.writeString(dir.resolve("blocklist.conf"), deployed("unbound.conf", primaryPort));
    Path conf =
        Files.writeString(
            dir.resolve("unbound.conf"),
            """
            server:
              interface: 127.0.0.1
              port: %PORT%
              do-daemonize: no
              username: ""
              chroot: ""
              directory: "%DIR%"
              pidfile: "%DIR%/unbound.pid"
              logfile: ""
              use-syslog: no
              log-time-ascii: yes
              verbosity: 1
              do-ip6: no
              access-control: 127.0.0.0/8 allow
              num-threads: 1
            auth-zone:
              name: "example."
              zonefile: "%DIR%/example.zone"
              for-downstream: yes
              for-upstream: yes
              fallback-enabled: no
            remote-control:
              control-enable: no
            include: "%DIR%/blocklist.conf"
            """
                .replace("%PORT%", Integer.toString(port))
                .replace("%DIR%", dir.toString()));
    Binaries.Run check =
        Binaries.run(
            30, List.of(Binaries.require("unbound-checkconf").toString(), conf.toString()));
    assertEquals(0, check.status(), check.stdout() + check.stderr());
    return SecondaryResolver.start(
        "unbound", dir, port, List.of(unbound.toString(), "-d", "-c", conf.toString()));
  }

  /** The placeholder of the TSIG secret in {@code deploy/resolvers/named.conf.blocklist}. */
  static final String SECRET_PLACEHOLDER = "REPLACE-WITH-THE-SECRET-OF-tsig-keygen";

  /**
   * BIND's named with {@code deploy/resolvers/named.conf.blocklist} included and its key's secret
   * {@code secret}, the test names served from a primary zone.
   */
  static SecondaryResolver named(Path dir, int port, int primaryPort, String secret)
      throws Exception {
    Path named = Binaries.require("named");
    Files.writeString(dir.resolve("example.zone"), SecondaryResolver.EXAMPLE_ZONE);
    Files.writeString(
        dir.resolve("named.conf.blocklist"),
        deployed("named.conf.blocklist", primaryPort).replace(SECRET_PLACEHOLDER, secret));
    Path conf =
        Files.writeString(
            dir.resolve("named.conf"),
            """
            options {
              directory "%DIR%";
              pid-file "%DIR%/named.pid";
              listen-on port %PORT% { 127.0.0.1; };
              listen-on-v6 { none; };
              recursion yes;
              allow-query { 127.0.0.1; };
              allow-recursion { 127.0.0.1; };
              dnssec-validation no;
              response-policy { zone "rpz.blocklist.example" min-update-interval 0; };
              notify no;
            };
            controls { };
            zone "example" { type primary; file "%DIR%/example.zone"; };
            include "%DIR%/named.conf.blocklist";
            """
                .replace("%PORT%", Integer.toString(port))
                .replace("%DIR%", dir.toString()));
    Binaries.Run check =
        Binaries.run(30, List.of(Binaries.require("named-checkconf").toString(), conf.toString()));
    assertEquals(0, check.status(), check.stdout() + check.stderr());
    return SecondaryResolver.start(
        "named", dir, port, List.of(named.toString(), "-g", "-n", "1", "-c", conf.toString()));
  }

  /** The placeholder of the TSIG secret in {@code deploy/resolvers/pdns-recursor.lua}. */
  static final String PDNS_SECRET_PLACEHOLDER = "REPLACE-WITH-THE-SECRET";

  /**
   * PowerDNS Recursor with the settings of {@code deploy/resolvers/pdns-recursor.conf} (its packet
   * cache time made 1 s) and {@code pdns-recursor.lua} as its Lua configuration, its key's secret
   * {@code secret} and its refresh made 1 s (it polls: 4.8 does not act on NOTIFY for RPZ), the
   * test names served from {@code auth-zones}.
   */
  static SecondaryResolver pdnsRecursor(Path dir, int port, int primaryPort, String secret)
      throws Exception {
    Path recursor = Binaries.require("pdns_recursor");
    Files.writeString(dir.resolve("example.zone"), SecondaryResolver.EXAMPLE_ZONE);
    String lua =
        deployed("pdns-recursor.lua", primaryPort)
            .replace(PDNS_SECRET_PLACEHOLDER, secret)
            .replace("refresh = 10", "refresh = 1");
    Files.writeString(dir.resolve("recursor.lua"), lua);
    String settings =
        Files.readString(DEPLOY.resolve("pdns-recursor.conf"), StandardCharsets.UTF_8)
            .replace("/etc/powerdns/recursor.lua", dir.resolve("recursor.lua").toString())
            .replace("packetcache-ttl=60", "packetcache-ttl=1");
    Files.writeString(
        dir.resolve("recursor.conf"),
        settings
            + """
        local-address=127.0.0.1
        local-port=%PORT%
        socket-dir=%DIR%
        daemon=no
        auth-zones=example=%DIR%/example.zone
        allow-from=127.0.0.0/8
        threads=1
        disable-syslog=yes
        loglevel=6
        dnssec=off
        """
                .replace("%PORT%", Integer.toString(port))
                .replace("%DIR%", dir.toString()));
    return SecondaryResolver.start(
        "pdns_recursor", dir, port, List.of(recursor.toString(), "--config-dir=" + dir));
  }
}
