package io.github.vae4j.data;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the repository's {@code shared/data} folder by walking up from the working directory,
 * and skips the calling test with a clear message where a file is absent.
 */
public final class SharedData {

  private SharedData() {
  }

  /** The shared data folder, or null where there is none above the working directory. */
  public static Path root() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("data");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /** {@code shared/data/<relative>}, or the test is skipped when it does not exist. */
  public static Path require(String relative) {
    Path root = root();
    assumeTrue(root != null, "shared/data not found above " + Path.of("").toAbsolutePath()
        + ": skipping the test that needs " + relative);
    Path path = root.resolve(relative);
    assumeTrue(Files.exists(path), path + " not found: skipping the test that needs it");
    return path;
  }
}
