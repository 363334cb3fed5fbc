package org.blocklist.console;

import static java.util.Objects.requireNonNull;

import org.blocklist.principal.Principal;
import org.blocklist.web.WebRequest;

/**
 * One request as a page sees it: who (null only on the sign-in page), in which language, the query,
 * the form (for a {@code POST}), the page's path number ({@code {n}}, else 0), and the frame the
 * layout draws around the answer.
 */
final class Call {
  private final WebRequest request;
  private final Session session;
  private final Messages t;
  private final Form query;
  private final Form form;
  private final long number;
  private final Frame.FrameMaker frames;
  private String cookie;

  Call(
      WebRequest request,
      Session session,
      Messages t,
      Form query,
      Form form,
      long number,
      Frame.FrameMaker frames) {
    this.request = requireNonNull(request, "request");
    this.session = session;
    this.t = requireNonNull(t, "t");
    this.query = requireNonNull(query, "query");
    this.form = requireNonNull(form, "form");
    this.number = number;
    this.frames = requireNonNull(frames, "frames");
  }

  WebRequest request() {
    return request;
  }

  Session session() {
    return session;
  }

  Principal who() {
    return session == null ? null : session.principal();
  }

  Messages t() {
    return t;
  }

  Form query() {
    return query;
  }

  Form form() {
    return form;
  }

  long number() {
    return number;
  }

  /** A {@code Set-Cookie} value for the answer (at most one per answer). */
  void setCookie(String value) {
    this.cookie = value;
  }

  String cookie() {
    return cookie;
  }

  /** The frame of a page titled by {@code titleKey}. */
  Frame frame(String titleKey) {
    return frames.make(titleKey);
  }
}
