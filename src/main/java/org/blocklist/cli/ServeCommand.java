package org.blocklist.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.blocklist.config.Config;
import org.blocklist.config.ConfigException;
import org.blocklist.config.ConfigLoader;
import org.blocklist.service.Service;
import org.blocklist.service.StartException;

/** {@code serve}: verify the history, then serve until stopped. */
final class ServeCommand {
  static final Path DEFAULT_CONFIG = Path.of("config", "blocklist.yaml");

  private ServeCommand() {}

  static int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
    Args a =
        new Args(args, Set.of("--config", "--data", "--http-port", "--stop-port", "--dns-port"));
    Config config;
    try {
      config = load(a.get("--config"), err);
    } catch (ConfigException e) {
      err.println("blocklist: " + e.getMessage());
      return Main.FAILED;
    }
    if (a.get("--data") != null) {
      config = config.withData(Path.of(a.get("--data")));
    }
    config = config.withPorts(a.port("--http-port"), a.port("--stop-port"), a.port("--dns-port"));
    Service service;
    try {
      service = Service.start(config, Clock.systemUTC(), new SecureRandom());
    } catch (StartException e) {
      err.println("blocklist: refusing to serve: " + e.getMessage());
      return Main.FAILED;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(service::close, "blocklist-shutdown"));
    String url =
        (config.http().tls().enabled() ? "https://" : "http://")
            + config.http().bind()
            + ":"
            + service.httpPort();
    String data = config.data().toString();
    out.println(
        String.format(
            Locale.ROOT,
            """
        blocklist is serving version %d (%d entries) of %s
          API:          %s   (try: curl %s/v1/checkpoint)
          stop page:    http://%s:%d/
          DNS (RPZ):    %s port %d, TCP and UDP, zone %s
          data:         %s
          verifier key: %s
        Next steps (in another terminal):
          java -jar target/blocklist.jar principal add --data %s --role police --name officer-1
          java -jar target/blocklist.jar principal add --data %s --role prosecutor --name magistrate-1
          then see README.md for every route. Stop with Ctrl-C.\
        """,
            service.state().version(),
            service.state().entryCount(),
            config.origin(),
            url,
            url,
            config.stopPage().bind(),
            service.stopPort(),
            config.dns().bind(),
            service.dnsPort(),
            config.dns().zone(),
            data,
            service.keys().verifierKey().encode(),
            data,
            data));
    return Main.OK;
  }

  private static Config load(String file, PrintStream err) throws ConfigException {
    ConfigLoader loader = new ConfigLoader();
    if (file != null) {
      return loader.load(Path.of(file));
    }
    if (Files.exists(DEFAULT_CONFIG)) {
      return loader.load(DEFAULT_CONFIG);
    }
    err.println("blocklist: " + DEFAULT_CONFIG + " not found; using the built-in defaults");
    return loader.defaults();
  }
}
