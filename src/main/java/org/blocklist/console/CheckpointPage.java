package org.blocklist.console;

import static java.util.Objects.requireNonNull;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.blocklist.principal.Role;

/**
 * The latest signed checkpoint ({@code GET /v1/checkpoint}), the verifier key ({@code GET
 * /v1/keys}) and the exact commands that check the whole history independently with {@code
 * blocklist verify}.
 */
final class CheckpointPage implements Page {
  static final String PATH = "checkpoint";

  private final ConsoleContext context;

  CheckpointPage(ConsoleContext context) {
    this.context = requireNonNull(context, "context");
  }

  public record Model(
      long version, String checkpoint, String verifierKey, String keyCommand, String verifyCommand)
      implements Titled {
    @Override
    public String titleKey() {
      return "checkpoint.title";
    }
  }

  @Override
  public String path() {
    return PATH;
  }

  @Override
  public Set<Role> roles() {
    return Set.of(Role.values());
  }

  @Override
  public String navKey() {
    return "nav.checkpoint";
  }

  @Override
  public CompletableFuture<View> get(Call call) {
    String key = context.keys().verifierKey().encode();
    String host = call.request().header("host");
    String server =
        (call.request().secure() ? "https://" : "http://")
            + (host == null || host.length() > 255 ? "localhost" : host);
    String keyCommand = "printf '%s\\n' '" + key + "' > blocklist.key";
    String verify =
        "java -jar blocklist.jar verify --server "
            + server
            + " --token \"$BLOCKLIST_TOKEN\" --trust blocklist.key --archive evidence";
    var s = context.ledger().state();
    return CompletableFuture.completedFuture(
        View.html("checkpoint", new Model(s.version(), s.checkpoint(), key, keyCommand, verify)));
  }
}
