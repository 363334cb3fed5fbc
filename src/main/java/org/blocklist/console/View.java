package org.blocklist.console;

import static java.util.Objects.requireNonNull;

/**
 * What a page answers: a template and its model with a status, or a redirect ({@code 303 See Other}
 * to a path under {@code /console/}, after a form that changed something).
 */
sealed interface View {
  record Html(int status, String template, Object model) implements View {
    public Html {
      requireNonNull(template, "template");
      requireNonNull(model, "model");
    }
  }

  record Redirect(String location) implements View {
    public Redirect {
      requireNonNull(location, "location");
      if (!location.startsWith(Console.PREFIX)) {
        throw new IllegalArgumentException("location: " + location + " (expected: /console/...)");
      }
    }
  }

  static View html(String template, Object model) {
    return new Html(200, template, model);
  }

  static View redirect(String location) {
    return new Redirect(location);
  }
}
