package org.blocklist.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.blocklist.web.WebResponse;

/**
 * The console's own style sheet and script ({@code /console/static/...}), read once from the class
 * path: nothing is loaded from elsewhere. The script only adds the copy button; every page works
 * without it.
 */
final class StaticFiles {
  private static final Map<String, String> TYPES =
      Map.of(
          "console.css", "text/css; charset=utf-8",
          "console.js", "text/javascript; charset=utf-8");

  private final Map<String, byte[]> files;

  StaticFiles() {
    this.files = Map.of("console.css", read("console.css"), "console.js", read("console.js"));
  }

  WebResponse get(String name) {
    byte[] body = files.get(name);
    if (body == null) {
      throw new ConsoleException(404, "error.notFound");
    }
    return new WebResponse(200, TYPES.get(name), body, Map.of());
  }

  private static byte[] read(String name) {
    String path = "/console/static/" + name;
    try (InputStream in = StaticFiles.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + path, e);
    }
  }
}
