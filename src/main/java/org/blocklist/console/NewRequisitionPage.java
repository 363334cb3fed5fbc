package org.blocklist.console;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.blocklist.domain.Canonical;
import org.blocklist.domain.Refusal;
import org.blocklist.principal.Role;
import org.blocklist.requisition.Action;
import org.blocklist.requisition.LegalBasis;
import org.blocklist.requisition.Preview;
import org.blocklist.requisition.RequisitionException;
import org.blocklist.requisition.Submission;

/**
 * Police: a new requisition. The form (action, names or URLs one per line, legal basis, case
 * reference, note) is first previewed by the ledger's validation ({@code POST
 * /v1/requisitions/validate}: canonical forms, refusals in words, names already listed or not
 * listed), nothing stored; "submit" is {@code POST /v1/requisitions}, with its own checks and audit
 * event.
 */
final class NewRequisitionPage implements Page {
  static final String PATH = "requisitions/new";

  private final ConsoleContext context;

  NewRequisitionPage(ConsoleContext context) {
    this.context = requireNonNull(context, "context");
  }

  /** What the officer typed, given back in the form. */
  public record Fields(
      String action, String domains, String legalBasis, String caseReference, String note) {
    static final Fields EMPTY = new Fields("block", "", "ccp-39bis", "", "");
  }

  /** One accepted input: its canonical form and whether the list disagrees with the action. */
  public record Accepted(String input, String domain, boolean fromUrl, String conflict) {}

  /** One refused input and why, in words. */
  public record Refused(String input, String reason) {}

  /** The preview, when the officer asked for one. */
  public record Checked(List<Accepted> accepted, List<Refused> refused, boolean ok) {}

  public record Model(Fields fields, Checked checked, Notice notice, List<String> bases)
      implements Titled {
    @Override
    public String titleKey() {
      return "new.title";
    }
  }

  @Override
  public String path() {
    return PATH;
  }

  @Override
  public Set<Role> roles() {
    return Set.of(Role.POLICE);
  }

  @Override
  public String navKey() {
    return "nav.new";
  }

  @Override
  public CompletableFuture<View> get(Call call) {
    return CompletableFuture.completedFuture(view(200, Fields.EMPTY, null, null));
  }

  @Override
  public CompletableFuture<View> post(Call call) {
    Form f = call.form();
    Fields fields =
        new Fields(
            f.getOrEmpty("action"),
            f.getOrEmpty("domains"),
            f.getOrEmpty("legalBasis"),
            f.getOrEmpty("caseReference"),
            f.getOrEmpty("note"));
    Submission submission;
    try {
      submission = submission(fields);
    } catch (IllegalArgumentException e) {
      return done(
          view(400, fields, null, new Notice(true, call.t().plain("new.badChoice"), List.of())));
    }
    if ("submit".equals(f.get("step"))) {
      return context
          .ledger()
          .submit(call.who(), submission)
          .handle(
              (s, e) ->
                  e == null
                      ? View.redirect(
                          Console.PREFIX
                              + MyRequisitionsPage.PATH
                              + "?created="
                              + s.requisition().id())
                      : view(422, fields, null, Notice.of(e, call.t())));
    }
    try {
      Preview p = context.ledger().preview(submission);
      return done(view(200, fields, checked(p, call.t()), null));
    } catch (RequisitionException e) {
      return done(view(422, fields, null, Notice.of(e, call.t())));
    }
  }

  private static Checked checked(Preview p, Messages t) {
    List<Accepted> accepted = new ArrayList<>();
    for (Canonical c : p.accepted()) {
      String conflict = null;
      for (Preview.Conflict x : p.conflicts()) {
        if (x.domain().equals(c.name().value())) {
          conflict = t.plain("conflict." + x.problem().code(), x.domain());
        }
      }
      accepted.add(new Accepted(c.input().strip(), c.name().value(), c.reducedFromUrl(), conflict));
    }
    List<Refused> refused = new ArrayList<>();
    for (Refusal r : p.refused()) {
      refused.add(new Refused(r.input(), t.plain("refusal." + r.reason().code())));
    }
    return new Checked(accepted, refused, p.ok());
  }

  /** The names of the text area, one per line, blank lines left out. */
  static List<String> lines(String text) {
    List<String> out = new ArrayList<>();
    for (String line : text.split("\r?\n", -1)) {
      String s = line.strip();
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }

  private static Submission submission(Fields f) {
    return new Submission(
        Action.fromCode(f.action()),
        lines(f.domains()),
        LegalBasis.fromCode(f.legalBasis()),
        f.caseReference(),
        f.note().isBlank() ? null : f.note());
  }

  private static View view(int status, Fields fields, Checked checked, Notice notice) {
    List<String> bases = new ArrayList<>();
    for (LegalBasis b : LegalBasis.values()) {
      bases.add(b.code());
    }
    return new View.Html(status, "new", new Model(fields, checked, notice, bases));
  }

  private static <T> CompletableFuture<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }
}
