package org.blocklist.console;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import org.blocklist.principal.Principal;
import org.blocklist.principal.Role;
import org.blocklist.web.Mount;
import org.blocklist.web.WebRequest;
import org.blocklist.web.WebResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator console under {@code /console/} (DESIGN.md, "Operator console"). For each request:
 * the static files and the language links first; then the session from its cookie (none: back to
 * sign-in, keeping the page asked for), its principal re-checked through the same {@code
 * Authenticator} as a bearer token (revoked: the session ends), the per-principal rate of the API,
 * the page's roles ({@code 403}), the CSRF token of a form ({@code 403}); then the {@link Page}
 * answers, and its {@link View} is rendered with the layout. Every answer carries the {@link #CSP}
 * and is never cached; every failure becomes an error page in the caller's language.
 */
public final class Console implements Mount {
  public static final String PREFIX = "/console/";

  /** The policy of every answer: nothing from elsewhere, no inline script, no framing. */
  static final String CSP = "default-src 'self'; frame-ancestors 'none'";

  static final String HTML = "text/html; charset=utf-8";

  /** Longest path and query accepted under the prefix. */
  static final int MAX_URI = 2048;

  private static final Logger log = LoggerFactory.getLogger(Console.class);

  private final ConsoleContext context;
  private final Sessions sessions;
  private final Renderer renderer = new Renderer();
  private final List<Page> pages;
  private final SignInPage signIn;
  private final StaticFiles statics = new StaticFiles();

  public Console(ConsoleContext context) {
    this.context = requireNonNull(context, "context");
    this.sessions = new Sessions(context.clock(), context.ticker(), context.random());
    this.signIn = new SignInPage(context, sessions);
    this.pages = pages(context, sessions);
  }

  /** Every page, in the order of the navigation bar. One line per page. */
  private static List<Page> pages(ConsoleContext c, Sessions sessions) {
    LagHistory lags = new LagHistory(c.ledger()::state, c.ispStatus(), c.clock(), c.timer());
    return List.of(
        new MyReportsPage(c),
        new NewRequisitionPage(c),
        new TriagePage(c),
        new MyRequisitionsPage(c),
        new QueuePage(c),
        new ReviewsPage(c),
        new AppealsPage(c),
        new VersionsPage(c),
        new VersionPage(c),
        new CheckpointPage(c),
        new EventsPage(c),
        new IspsPage(c, lags),
        new PrincipalsPage(c, sessions),
        new SignOutPage(sessions));
  }

  @Override
  public String prefix() {
    return PREFIX;
  }

  @Override
  public CompletableFuture<WebResponse> answer(WebRequest request) {
    Lang lang = language(request);
    try {
      return route(request, lang)
          .exceptionally(e -> failure(request, lang, e))
          .thenApply(r -> secured(r, lang));
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(secured(failure(request, lang, e), lang));
    }
  }

  private CompletableFuture<WebResponse> route(WebRequest request, Lang lang) {
    String uri = request.uri();
    if (uri.length() > MAX_URI) {
      throw new ConsoleException(414, "error.badRequest");
    }
    int q = uri.indexOf('?');
    String path = q < 0 ? uri : uri.substring(0, q);
    if (!path.startsWith(PREFIX)) {
      return done(redirect(PREFIX, null));
    }
    String rest = path.substring(PREFIX.length());
    boolean get = request.method().equals("GET");
    boolean post = request.method().equals("POST");
    if (!get && !post) {
      throw new ConsoleException(405, "error.method");
    }
    if (rest.startsWith("static/")) {
      return done(statics.get(rest.substring("static/".length())));
    }
    Form query = Form.ofQuery(uri);
    if (rest.equals("lang") && get) {
      return done(switchLanguage(request, query));
    }
    Messages t = Messages.of(lang);
    Session session = sessions.find(Cookies.read(request.header("cookie"), Cookies.SESSION));
    if (rest.equals(SignInPage.PATH)) {
      Form form = post ? Form.ofBody(request.header("content-type"), request.body()) : Form.empty();
      if (post) {
        checkOrigin(request);
      }
      Call call = new Call(request, session, t, query, form, 0, frames(request, t, null, rest));
      CompletableFuture<View> view = post ? signIn.post(call) : signIn.get(call);
      return view.thenApply(v -> respond(call, v));
    }
    if (session == null) {
      return done(toSignIn(get ? uri : PREFIX + rest));
    }
    return context
        .authenticator()
        .authenticate(session.token())
        .thenCompose(
            found -> {
              Principal now = found.orElse(null);
              if (now == null || !now.equals(session.principal())) {
                sessions.end(session);
                return done(toSignIn(get ? uri : PREFIX + rest));
              }
              return page(request, session, t, query, rest, post);
            });
  }

  private CompletableFuture<WebResponse> page(
      WebRequest request, Session session, Messages t, Form query, String rest, boolean post) {
    Principal who = session.principal();
    if (!request.rates().admit(who)) {
      throw new ConsoleException(429, "error.rate");
    }
    if (rest.isEmpty()) {
      return done(redirect(home(who.role()), null));
    }
    Page page = null;
    long number = 0;
    for (Page p : pages) {
      Long n = match(p.path(), rest);
      if (n != null) {
        page = p;
        number = n;
        break;
      }
    }
    if (page == null) {
      throw new ConsoleException(404, "error.notFound");
    }
    if (!page.roles().contains(who.role())) {
      throw new ConsoleException(403, "error.forbidden");
    }
    Form form = Form.empty();
    if (post) {
      checkOrigin(request);
      form = Form.ofBody(request.header("content-type"), request.body());
      if (!same(form.get("csrf"), session.csrf())) {
        throw new ConsoleException(403, "error.csrf");
      }
    }
    Call call =
        new Call(request, session, t, query, form, number, frames(request, t, session, rest));
    CompletableFuture<View> view = post ? page.post(call) : page.get(call);
    return view.thenApply(v -> respond(call, v));
  }

  /** The number of {@code {n}} if {@code rest} matches {@code template}, 0 if none, else null. */
  private static Long match(String template, String rest) {
    String[] want = template.split("/", -1);
    String[] got = rest.split("/", -1);
    if (want.length != got.length) {
      return null;
    }
    long n = 0;
    for (int i = 0; i < want.length; i++) {
      if (want[i].equals("{n}")) {
        String s = got[i];
        if (s.isEmpty() || s.length() > 18 || !s.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
          return null;
        }
        n = Long.parseLong(s);
        if (n < 1) {
          return null;
        }
      } else if (!want[i].equals(got[i])) {
        return null;
      }
    }
    return n;
  }

  /** The main page of each role. */
  static String home(Role role) {
    return switch (role) {
      case POLICE -> PREFIX + NewRequisitionPage.PATH;
      case PROSECUTOR -> PREFIX + QueuePage.PATH;
      case AUDITOR, ISP -> PREFIX + VersionsPage.PATH;
      case ADMIN -> PREFIX + PrincipalsPage.PATH;
      case HOTLINE -> PREFIX + MyReportsPage.PATH;
    };
  }

  private Frame.FrameMaker frames(WebRequest request, Messages t, Session session, String rest) {
    return titleKey -> {
      List<Frame.Nav> nav = new ArrayList<>();
      if (session != null) {
        for (Page p : pages) {
          if (p.navKey() != null && p.roles().contains(session.principal().role())) {
            nav.add(new Frame.Nav(PREFIX + p.path(), p.navKey(), rest.equals(p.path())));
          }
        }
      }
      String here = request.uri().length() > 512 ? PREFIX : request.uri();
      if (!request.method().equals("GET")) {
        int q = here.indexOf('?');
        here = q < 0 ? here : here.substring(0, q);
      }
      List<Frame.LangLink> langs = new ArrayList<>();
      for (Lang l : Lang.values()) {
        langs.add(
            new Frame.LangLink(
                PREFIX + "lang?to=" + l.code() + "&next=" + Links.encode(here), l, l == t.lang()));
      }
      return new Frame(
          t,
          session == null ? null : session.principal(),
          nav,
          session == null ? "" : session.csrf(),
          titleKey,
          langs);
    };
  }

  private WebResponse respond(Call call, View view) {
    Map<String, String> headers = new HashMap<>();
    if (call.cookie() != null) {
      headers.put("Set-Cookie", call.cookie());
    }
    if (view instanceof View.Redirect r) {
      headers.put("Location", r.location());
      return new WebResponse(303, HTML, new byte[0], headers);
    }
    View.Html h = (View.Html) view;
    Object model = h.model();
    Frame frame = model instanceof Titled titled ? call.frame(titled.titleKey()) : call.frame("");
    return new WebResponse(h.status(), HTML, renderer.render(h.template(), frame, model), headers);
  }

  private WebResponse switchLanguage(WebRequest request, Form query) {
    Lang to = Lang.ofCode(query.getOrEmpty("to"));
    if (to == null) {
      throw new ConsoleException(400, "error.badRequest");
    }
    return redirect(
        Links.safeNext(query.get("next")),
        Cookies.write(Cookies.LANG, to.code(), request.secure(), Cookies.LANG_MAX_AGE_SECONDS));
  }

  private static WebResponse toSignIn(String next) {
    return redirect(PREFIX + SignInPage.PATH + "?next=" + Links.encode(Links.safeNext(next)), null);
  }

  private static WebResponse redirect(String location, String cookie) {
    Map<String, String> headers = new HashMap<>();
    headers.put("Location", location);
    if (cookie != null) {
      headers.put("Set-Cookie", cookie);
    }
    return new WebResponse(303, HTML, new byte[0], headers);
  }

  /**
   * A form must come from a page of ours: when the browser says where it comes from ({@code
   * Origin}, {@code Sec-Fetch-Site}), that must be this site. The CSRF token is the real guard;
   * this refuses a forged post earlier and also covers the sign-in form.
   */
  private static void checkOrigin(WebRequest request) {
    String site = request.header("sec-fetch-site");
    if (site != null && !site.equals("same-origin") && !site.equals("none")) {
      throw new ConsoleException(403, "error.csrf");
    }
    String origin = request.header("origin");
    String host = request.header("host");
    if (origin != null && host != null) {
      String expected = (request.secure() ? "https://" : "http://") + host;
      if (!origin.equals(expected)) {
        throw new ConsoleException(403, "error.csrf");
      }
    }
  }

  /** Constant-time comparison of a form's token with the expected one. */
  static boolean same(String given, String expected) {
    if (given == null || expected == null || expected.isEmpty()) {
      return false;
    }
    return MessageDigest.isEqual(
        given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }

  private Lang language(WebRequest request) {
    String chosen = Cookies.read(request.header("cookie"), Cookies.LANG);
    Lang l = chosen == null ? null : Lang.ofCode(chosen);
    return l != null ? l : Lang.negotiate(request.header("accept-language"));
  }

  private WebResponse failure(WebRequest request, Lang lang, Throwable e) {
    Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    Messages m = Messages.of(lang);
    ErrorModel model;
    if (t instanceof ConsoleException c) {
      model = new ErrorModel(c.status(), m.plain(c.key(), c.args()), List.of());
    } else if (t instanceof RejectedExecutionException) {
      model = new ErrorModel(503, m.plain("error.busy"), List.of());
    } else {
      log.error("console: {} {} failed", request.method(), pathOnly(request.uri()), t);
      model = new ErrorModel(500, m.plain("error.internal"), List.of());
    }
    Frame frame = new Frame(m, null, List.of(), "", "error.title", List.of());
    Map<String, String> headers = new HashMap<>();
    if (model.status() == 503) {
      headers.put("Retry-After", "1");
    }
    return new WebResponse(model.status(), HTML, renderer.render("error", frame, model), headers);
  }

  private static String pathOnly(String uri) {
    int q = uri.indexOf('?');
    return q < 0 ? uri : uri.substring(0, q);
  }

  /** The headers every answer carries: the policy, the language, no framing, no referrer out. */
  private static WebResponse secured(WebResponse r, Lang lang) {
    Map<String, String> headers = new HashMap<>(r.headers());
    headers.put("Content-Security-Policy", CSP);
    headers.put("X-Frame-Options", "DENY");
    headers.put("Referrer-Policy", "same-origin");
    headers.put("Content-Language", lang.code());
    return new WebResponse(r.status(), r.contentType(), r.body(), headers);
  }

  private static <T> CompletableFuture<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }

  /** The error page's model: status and message in words. */
  public record ErrorModel(int status, String message, List<String> details) implements Titled {
    @Override
    public String titleKey() {
      return "error.title";
    }
  }
}
