package org.blocklist.config;

/** The configuration file cannot be read or holds a bad value; the message says which. */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
