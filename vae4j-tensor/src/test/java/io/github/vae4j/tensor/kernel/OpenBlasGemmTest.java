package io.github.vae4j.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenBLAS backend against the reference. On linux-x86_64 the library ships in the build's
 * own dependency, so failing to load it fails these tests; elsewhere they are skipped.
 */
class OpenBlasGemmTest extends GemmContract {

  private static OpenBlasGemm gemm;

  @BeforeAll
  static void load() {
    if (!OpenBlasLibrary.platform().equals("linux-x86_64")) {
      assumeTrue(Gemms.openBlas().isPresent(), "OpenBLAS does not load on this platform");
    }
    gemm = OpenBlasGemm.load();
  }

  @Override
  Gemm gemm() {
    return gemm;
  }

  @Test
  void describesItself() {
    assertEquals("openblas", gemm.name());
    assertTrue(gemm.config().startsWith("OpenBLAS 0.3."), gemm.config());
    assertTrue(Files.isRegularFile(gemm.folder().resolve(
        OpenBlasLibrary.layout(OpenBlasLibrary.platform()).library())));
  }

  @Test
  void setsAndGetsThreads() {
    int before = gemm.threads();
    assertTrue(before >= 1, "threads " + before);
    try {
      gemm.setThreads(1);
      assertEquals(1, gemm.threads());
      check(Case.plain(false, true, 128, 400, 784, 1f, 0f), 20, true);
    } finally {
      gemm.setThreads(before);
    }
    assertEquals(before, gemm.threads());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> gemm.setThreads(0));
    assertEquals("threads must be >= 1, got 0", e.getMessage());
  }
}
