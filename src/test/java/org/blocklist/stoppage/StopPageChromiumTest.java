package org.blocklist.stoppage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.github.benmanes.caffeine.cache.Ticker;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The stop page in a real headless Chromium (Debian's {@code chromium}): {@code
 * --host-resolver-rules} sends {@code blocked.example} to the stop port, as a blocking resolver
 * would, and {@code --accept-lang} picks the language. Each run dumps the rendered DOM and writes a
 * screenshot to {@code target/stoppage-screenshots/stop-page-<lang>.png} (the copies in {@code
 * docs/} come from here). Fails, rather than skips, when Chromium is missing.
 */
@Tag("browser")
class StopPageChromiumTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final long RUN_SECONDS = 60;
  private static final String PHONE = "+32 2 000 00 00";
  private static final Path SCREENSHOTS = Path.of("target", "stoppage-screenshots");
  private static final Queue<String> ASKED = new ConcurrentLinkedQueue<>();

  private static StopPageServer server;

  @TempDir Path temp;

  @BeforeAll
  static void start() throws Exception {
    if (!Files.isExecutable(CHROMIUM)) {
      fail(CHROMIUM + " is missing: run scripts/install-test-deps.sh (Debian package chromium)");
    }
    Files.createDirectories(SCREENSHOTS);
    server =
        StopPageServer.start(
            "127.0.0.1",
            0,
            PHONE,
            host -> {
              ASKED.add(host);
              return host.equals("blocked.example");
            },
            0,
            Ticker.systemTicker(),
            1);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void forget() {
    ASKED.clear();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "nl | Deze website is geblokkeerd | Uw browser heeft u naar deze website geleid",
        "fr | Ce site est bloqué | Votre navigateur vous a conduit vers ce site",
        "de | Diese Website ist gesperrt | Ihr Browser hat Sie zu dieser Website geführt",
        "en | This site is blocked | Your browser has taken you to this site",
      })
  void chromium_blockedHost_rendersTheStopPageInTheBrowserLanguage(
      String lang, String heading, String message) throws Exception {
    Path png = SCREENSHOTS.resolve("stop-page-" + lang + ".png");
    Files.deleteIfExists(png);

    String dom =
        chromium(
            lang,
            "--window-size=800,600",
            "--screenshot=" + png.toAbsolutePath(),
            "--dump-dom",
            "http://blocked.example/some/deep/path?x=1");

    assertTrue(dom.contains("<html lang=\"" + lang + "\">"), dom);
    assertTrue(dom.contains("<h1>" + heading + "</h1>"), dom);
    assertTrue(dom.contains(message), dom);
    assertTrue(dom.contains("<a href=\"tel:+3220000000\">" + PHONE + "</a>"), dom);
    assertFalse(dom.contains("some/deep/path"), dom);
    assertTrue(ASKED.contains("blocked.example"), ASKED.toString());
    assertRendered(png);
  }

  @Test
  void chromium_otherHost_rendersTheNeutralNotFoundPage() throws Exception {
    String dom = chromium("en", "--dump-dom", "http://allowed.example/");

    assertTrue(dom.contains("<h1>Not found</h1>"), dom);
    assertFalse(dom.contains("blocked"), dom);
    assertEquals(List.of("allowed.example"), List.copyOf(ASKED));
  }

  /**
   * An 800x600 PNG with text on it (enough dark pixels that glyphs were drawn) and a red heading,
   * which shows that the Content-Security-Policy let the hashed inline style apply.
   */
  private static void assertRendered(Path png) throws IOException {
    assertTrue(Files.size(png) > 1000, png + ": " + Files.size(png) + " bytes");
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(800, image.getWidth());
    assertEquals(600, image.getHeight());
    int dark = 0;
    int red = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        int r = rgb >> 16 & 0xff;
        int g = rgb >> 8 & 0xff;
        int b = rgb & 0xff;
        if ((r + g + b) / 3 < 128) {
          dark++;
        }
        if (r > 100 && g < 60 && b < 60) {
          red++;
        }
      }
    }
    assertTrue(dark > 2000, png + ": only " + dark + " dark pixels");
    assertTrue(red > 500, png + ": only " + red + " heading-red pixels (CSP blocked the style?)");
  }

  /** Runs headless Chromium with {@code blocked.example} and {@code allowed.example} mapped. */
  private String chromium(String lang, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory(temp, "profile"),
                "--host-resolver-rules=MAP blocked.example 127.0.0.1:"
                    + server.port()
                    + ", MAP allowed.example 127.0.0.1:"
                    + server.port(),
                "--lang=" + lang,
                "--accept-lang=" + lang));
    command.addAll(List.of(args));
    Path out = temp.resolve("stdout-" + lang);
    Path err = temp.resolve("stderr-" + lang);
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    try {
      if (!process.waitFor(RUN_SECONDS, TimeUnit.SECONDS)) {
        fail("chromium did not finish in " + RUN_SECONDS + " s; stderr:\n" + tail(err));
      }
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    assertEquals(0, process.exitValue(), "chromium exit status; stderr:\n" + tail(err));
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  private static String tail(Path file) throws IOException {
    String s = Files.readString(file, StandardCharsets.UTF_8);
    return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
  }
}
