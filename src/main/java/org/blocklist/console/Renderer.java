package org.blocklist.console;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import java.util.HashMap;
import java.util.Map;

/**
 * Renders the templates of {@code src/main/jte}, compiled into classes at build time by the
 * jte-maven-plugin (so no compiler runs in the service), to UTF-8 bytes. jte escapes every {@code
 * ${...}} for the HTML context it is written in; nothing here builds HTML by hand.
 */
final class Renderer {
  private final TemplateEngine engine =
      TemplateEngine.createPrecompiled(
          null, ContentType.Html, Renderer.class.getClassLoader(), "org.blocklist.console");

  byte[] render(String template, Frame frame, Object model) {
    Map<String, Object> params = new HashMap<>(4);
    params.put("frame", frame);
    params.put("model", model);
    Utf8ByteOutput out = new Utf8ByteOutput();
    engine.render(template + ".jte", params, out);
    return out.toByteArray();
  }
}
