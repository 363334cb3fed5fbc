package org.blocklist.cli;

import java.io.PrintStream;
import java.util.List;

/** {@code sync}: being built (issue 8); refuses to run until then. */
final class SyncCommand {
  private SyncCommand() {}

  static int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
    throw new UsageException("sync is not available in this build yet");
  }
}
