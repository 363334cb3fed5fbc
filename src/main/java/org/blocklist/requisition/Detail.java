package org.blocklist.requisition;

/**
 * One item of an error's {@code details}: the refused {@code input} and its {@code reason} code, or
 * the {@code domain} a conflict is about. Null components are left out of the JSON.
 */
public record Detail(String input, String domain, String reason, String message) {
  public static Detail refused(String input, String reason, String message) {
    return new Detail(input, null, reason, message);
  }

  public static Detail domain(String domain, String message) {
    return new Detail(null, domain, null, message);
  }
}
