package org.blocklist.console;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import org.blocklist.auth.PrincipalException;
import org.blocklist.requisition.Detail;
import org.blocklist.requisition.RequisitionException;

/**
 * A message shown at the top of a page: what happened, in words of the caller's language, and one
 * line per name or input concerned. The ledger's refusals become notices here, so a page shows
 * "approved by its submitter" or "already listed" rather than an error code.
 *
 * @param error whether it reports a refusal (shown as an alert) or a success
 */
public record Notice(boolean error, String text, List<String> details) {
  public Notice {
    details = List.copyOf(details);
  }

  static Notice ok(String text) {
    return new Notice(false, text, List.of());
  }

  /**
   * The notice of a failed ledger call, or the failure itself rethrown when it is not a refusal
   * (the console's error page answers it).
   */
  static Notice of(Throwable failure, Messages t) {
    Throwable e =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (e instanceof RequisitionException r) {
      List<String> lines = new ArrayList<>();
      for (Detail d : r.details()) {
        if (d.input() != null) {
          lines.add(t.plain("refusal.line", d.input(), t.plain("refusal." + d.reason())));
        } else if (d.domain() != null) {
          lines.add(t.plain("conflict." + r.problem().code(), d.domain()));
        }
      }
      String text = t.plain("problem." + r.problem().code());
      if (r.problem() == org.blocklist.requisition.Problem.INVALID_REQUEST
          || r.problem() == org.blocklist.requisition.Problem.TOO_MANY_DOMAINS) {
        text = text + " (" + r.getMessage() + ")";
      }
      return new Notice(true, text, lines);
    }
    if (e instanceof PrincipalException p) {
      return new Notice(
          true,
          t.plain(
              p.kind() == PrincipalException.Kind.EXISTS
                  ? "principal.exists"
                  : "principal.unknown"),
          List.of());
    }
    if (e instanceof RejectedExecutionException) {
      throw new ConsoleException(503, "error.busy");
    }
    if (e instanceof RuntimeException re) {
      throw re;
    }
    throw new CompletionException(e);
  }
}
