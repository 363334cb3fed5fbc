package org.blocklist.web;

import java.util.concurrent.CompletableFuture;

/** A face served by the API listener for every path under {@link #prefix()}. */
public interface Mount {
  /**
   * The path prefix, starting and ending with {@code /} ({@code "/console/"}); the same path
   * without its last slash is sent here too.
   */
  String prefix();

  /**
   * The answer to {@code request}; may complete later and on any thread. A failed future is
   * answered by the listener as a plain 500, so a mount answers its own errors.
   */
  CompletableFuture<WebResponse> answer(WebRequest request);
}
