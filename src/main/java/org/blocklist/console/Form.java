package org.blocklist.console;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The fields of a query string or of an {@code application/x-www-form-urlencoded} body. A field
 * given twice is refused (which value would be meant?), as is a body of another type.
 */
final class Form {
  /** Most fields read from one form or query. */
  static final int MAX_FIELDS = 32;

  private static final Form EMPTY = new Form(Map.of());

  private final Map<String, List<String>> fields;

  private Form(Map<String, List<String>> fields) {
    this.fields = fields;
  }

  static Form empty() {
    return EMPTY;
  }

  static Form ofQuery(String uri) {
    try {
      return new Form(
          new QueryStringDecoder(uri, StandardCharsets.UTF_8, true, MAX_FIELDS).parameters());
    } catch (IllegalArgumentException e) {
      throw new ConsoleException(400, "error.badRequest");
    }
  }

  static Form ofBody(String contentType, byte[] body) {
    if (body.length == 0) {
      return EMPTY;
    }
    if (contentType == null
        || !contentType
            .trim()
            .toLowerCase(java.util.Locale.ROOT)
            .startsWith("application/x-www-form-urlencoded")) {
      throw new ConsoleException(415, "error.badRequest");
    }
    try {
      return new Form(
          new QueryStringDecoder(
                  new String(body, StandardCharsets.UTF_8),
                  StandardCharsets.UTF_8,
                  false,
                  MAX_FIELDS)
              .parameters());
    } catch (IllegalArgumentException e) {
      throw new ConsoleException(400, "error.badRequest");
    }
  }

  /** The field's value, or null if absent. */
  String get(String name) {
    List<String> values = fields.get(name);
    if (values == null || values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      throw new ConsoleException(400, "error.badRequest");
    }
    return values.get(0);
  }

  String getOrEmpty(String name) {
    String v = get(name);
    return v == null ? "" : v;
  }

  /** The field as a number in {@code [min, max]}; {@code otherwise} when absent. */
  long number(String name, long otherwise, long min, long max) {
    String v = get(name);
    if (v == null || v.isEmpty()) {
      return otherwise;
    }
    try {
      long n = v.length() > 19 ? -1 : Long.parseLong(v);
      if (n < min || n > max) {
        throw new ConsoleException(400, "error.badRequest");
      }
      return n;
    } catch (NumberFormatException e) {
      throw new ConsoleException(400, "error.badRequest");
    }
  }
}
