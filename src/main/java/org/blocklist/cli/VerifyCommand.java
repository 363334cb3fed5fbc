package org.blocklist.cli;

import java.io.PrintStream;
import java.util.List;

/** {@code verify}: being built (issue 8); refuses to run until then. */
final class VerifyCommand {
  private VerifyCommand() {}

  static int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
    throw new UsageException("verify is not available in this build yet");
  }
}
