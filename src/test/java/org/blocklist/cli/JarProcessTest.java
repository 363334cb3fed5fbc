package org.blocklist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The output check of {@link JarProcess} on a process that is not the jar, so that a {@code LEAK:}
 * can be printed on purpose: the check is not vacuous, and it reads both streams.
 */
class JarProcessTest {
  @Test
  void assertNoLeak_onALeakReportInStderr_fails() throws Exception {
    JarProcess.Output out =
        output("echo serving; echo 'LEAK: ByteBuf.release() was not called' >&2");
    AssertionError e = assertThrows(AssertionError.class, out::assertNoLeak);
    assertTrue(e.getMessage().contains("LEAK: ByteBuf.release()"), e.getMessage());
  }

  @Test
  void assertNoLeak_onCleanOutput_passes_andKeepsBothStreams() throws Exception {
    JarProcess.Output out = output("echo on-stdout; echo on-stderr >&2");
    out.assertNoLeak();
    assertEquals("on-stdout\n", out.text(JarProcess.Output.STDOUT));
    assertEquals("on-stderr\n", out.text(JarProcess.Output.STDERR));
    assertEquals(2, out.lines().size(), out.lines().toString());
  }

  @Test
  void await_findsALineOfEitherStream_orAnswersEmptyOnceBothEnd() throws Exception {
    JarProcess.Output out = output("echo 'store /x/blocklist.db: journal_mode=wal' >&2");
    Optional<Matcher> m = out.await(Pattern.compile("store (\\S+):"), Duration.ofSeconds(10));
    assertEquals("/x/blocklist.db", m.orElseThrow().group(1));
    assertTrue(out.await(Pattern.compile("never printed"), Duration.ofSeconds(10)).isEmpty());
  }

  private static JarProcess.Output output(String script) throws Exception {
    Process p = new ProcessBuilder(List.of("sh", "-c", script)).start();
    JarProcess.Output out = JarProcess.Output.of(p);
    assertTrue(p.waitFor(10, TimeUnit.SECONDS), "the script finished");
    out.awaitEnd();
    return out;
  }
}
