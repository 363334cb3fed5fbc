package org.blocklist.console;

import java.util.List;
import org.blocklist.principal.Principal;

/**
 * What the layout shows around every page: the language and its words, who is signed in (null on
 * the sign-in page), the navigation of their role, the CSRF token of their forms, the page's title
 * key, and the links that switch the language (back to this page).
 */
public record Frame(
    Messages t, Principal who, List<Nav> nav, String csrf, String titleKey, List<LangLink> langs) {
  public Frame {
    nav = List.copyOf(nav);
    langs = List.copyOf(langs);
  }

  /** One entry of the navigation bar. */
  public record Nav(String href, String key, boolean current) {}

  /** One language link; {@code current} for the language shown. */
  public record LangLink(String href, Lang lang, boolean current) {}

  /** Makes the frame of the page being answered, given its title. */
  @FunctionalInterface
  interface FrameMaker {
    Frame make(String titleKey);
  }

  public String lang() {
    return t.lang().code();
  }

  public boolean signedIn() {
    return who != null;
  }

  public String roleKey() {
    return who == null ? "" : "role." + who.role().code();
  }
}
