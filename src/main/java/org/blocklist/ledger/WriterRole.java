package org.blocklist.ledger;

/** What a ledger does with writes; {@code /healthz} and the cluster metric report it. */
public enum WriterRole {
  /** The only process on its store (SQLite): it writes. */
  SINGLE("single"),
  /** The replica that holds the writer's lock on the shared store: it writes. */
  WRITER("writer"),
  /** Another replica: it applies what the writer publishes and forwards writes to it. */
  REPLICA("replica");

  private final String code;

  WriterRole(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public boolean writes() {
    return this != REPLICA;
  }
}
