package org.blocklist.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fuzz target for the configuration loader (issue 10): any file gives a configuration or a {@link
 * ConfigException} (which {@code serve} prints as one line); nothing else is thrown. Corpus: {@code
 * src/test/resources/org/blocklist/config/ConfigLoaderFuzzTestInputs}.
 */
class ConfigLoaderFuzzTest {
  private static final ConfigLoader LOADER = new ConfigLoader();

  @FuzzTest(maxDuration = "5m")
  void load_givesAConfigOrAConfigException(@NotNull byte[] yaml) {
    Path file;
    try {
      file = Files.createTempFile("blocklist-fuzz", ".yaml");
      Files.write(file, yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      LOADER.load(file);
    } catch (ConfigException refused) {
      // the expected outcome for most inputs
    } finally {
      try {
        Files.delete(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
