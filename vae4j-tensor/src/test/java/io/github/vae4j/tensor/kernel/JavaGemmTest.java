package io.github.vae4j.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JavaGemmTest extends GemmContract {

  private static final JavaGemm GEMM = new JavaGemm();

  @Override
  Gemm gemm() {
    return GEMM;
  }

  @Test
  void nameIsJava() {
    assertEquals("java", GEMM.name());
  }

  @ParameterizedTest(name = "{0}x{1}x{2} transA={3} transB={4}")
  @CsvSource({
      "131, 150, 500, false, true", // rows split (150 columns are too few for 3 column tasks)
      "131, 600, 300, true, false", // columns split
      "300, 40, 800, false, true", // narrow: computed transposed, then split
      "7, 9, 5, true, true"}) // small: never split
  void resultDoesNotDependOnThreads(int m, int n, int k, boolean transA, boolean transB) {
    assertEquals(m > 7, (long) m * n * k > JavaGemm.PARALLEL_THRESHOLD, "split or not as labelled");
    SplittableRandom random = new SplittableRandom(19);
    float[] a = new float[m * k];
    float[] b = new float[k * n];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) random.nextDouble(-1, 1);
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = (float) random.nextDouble(-1, 1);
    }
    int lda = transA ? m : k;
    int ldb = transB ? k : n;
    float[] serial = new float[m * n];
    new JavaGemm(1).sgemm(transA, transB, m, n, k, 1.5f, a, 0, lda, b, 0, ldb, 0f, serial, 0, n);
    for (int parallelism = 2; parallelism <= 3; parallelism++) {
      float[] parallel = new float[m * n];
      new JavaGemm(parallelism).sgemm(transA, transB, m, n, k, 1.5f, a, 0, lda, b, 0, ldb, 0f,
          parallel, 0, n);
      assertArrayEquals(serial, parallel, "parallelism " + parallelism);
    }
  }

  @Test
  void splitsRowsAndColumnsCorrectly() {
    // default parallelism: columns split for wide C, rows for C between 64 and 2 * 64 wide;
    // every product here is above the threshold for splitting
    check(new Case(false, false, 130, 100, 700, 1f, 0.5f, 3, 2, 1, 4, 2, 3), 21, false);
    check(new Case(true, true, 64, 700, 200, -1f, 0f, 0, 1, 0, 1, 0, 1), 22, true);
    check(new Case(false, true, 500, 30, 600, 2f, 1f, 1, 0, 1, 0, 1, 7), 23, false);
  }

  @Test
  void rejectsZeroParallelism() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new JavaGemm(0));
    assertEquals("parallelism must be >= 1, got 0", e.getMessage());
  }
}
