package io.github.vae4j.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The production backend, OpenBLAS on one thread split across {@link Workers}, against the GEMM
 * contract; and its results against one whole single-threaded OpenBLAS product, bit for bit, so that
 * a model trains to the same bits on any number of cores.
 */
class OpenBlasSplitGemmTest extends GemmContract {

  private static Gemm gemm;

  @BeforeAll
  static void load() {
    if (!OpenBlasLibrary.platform().equals("linux-x86_64")) {
      assumeTrue(Gemms.openBlas().isPresent(), "OpenBLAS does not load on this platform");
    }
    gemm = Gemms.choose("openblas");
  }

  @Override
  Gemm gemm() {
    return gemm;
  }

  @ParameterizedTest(name = "{0}x{1}x{2} transA={3} transB={4}")
  @CsvSource({"128,400,784,false,true", "128,784,400,false,true", "400,784,128,true,false",
      "784,400,128,true,false", "128,400,784,false,false", "128,40,400,false,true", "37,600,530,true,true",
      "1000,64,300,false,false"})
  void matchesOneWholeProductBitForBit(int m, int n, int k, boolean transA, boolean transB) {
    OpenBlasGemm whole = OpenBlasGemm.load();
    assumeTrue(whole.threads() == 1, "OpenBLAS runs single-threaded under the split backend");
    SplittableRandom random = new SplittableRandom(m * 31L + n);
    float[] a = new float[m * k];
    float[] b = new float[k * n];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) random.nextGaussian();
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = (float) random.nextGaussian();
    }
    int lda = transA ? m : k;
    int ldb = transB ? k : n;
    float[] expected = new float[m * n];
    float[] actual = new float[m * n];
    whole.sgemm(transA, transB, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, expected, 0, n);
    gemm.sgemm(transA, transB, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, actual, 0, n);
    assertArrayEquals(expected, actual);
  }
}
