package org.blocklist.web;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * A mount's answer. The listener adds {@code Content-Length}, {@code Cache-Control: no-store} and
 * {@code X-Content-Type-Options: nosniff}; {@code headers} are set as given (one value each).
 */
public record WebResponse(
    int status, String contentType, byte[] body, Map<String, String> headers) {
  public WebResponse {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status: " + status + " (expected: 100..599)");
    }
    requireNonNull(contentType, "contentType");
    requireNonNull(body, "body");
    headers = Map.copyOf(headers);
  }
}
