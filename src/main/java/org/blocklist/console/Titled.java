package org.blocklist.console;

/** A page model that names its title (a message key). */
public interface Titled {
  String titleKey();
}
