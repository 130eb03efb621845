package io.github.vae4j.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
    Operands x = new Operands(m, n, k, transA, transB);
    float[] expected = x.product(whole, 0f);
    assertArrayEquals(expected, x.product(gemm, 0f));
  }

  /**
   * Every cut the split backend makes, on 1 to 8 threads, against one whole product, bit for bit:
   * shapes around the sizes where OpenBLAS changes kernels (10^6 multiply-adds, and 28 x 512 x 512
   * for untransposed operands), rows not a multiple of 16, and the shapes of the MNIST networks.
   * Cutting [32, 400] x [400, 128] in two, for one, gave 421 elements out of 12,800 other bits.
   */
  @ParameterizedTest(name = "{0}x{1}x{2}")
  @CsvSource({"32,400,128", "200,50,200", "120,100,100", "100,100,100", "64,64,300", "128,20,400", "20,400,128",
      "128,400,20", "128,400,40", "128,400,64", "250,400,64", "128,400,100", "256,400,100", "180,400,100",
      "130,784,400", "400,784,128", "1024,784,20", "96,1000,90"})
  void everyCutForOneToEightThreadsMatchesTheWholeProduct(int m, int n, int k) {
    OpenBlasGemm whole = OpenBlasGemm.load();
    assumeTrue(whole.threads() == 1, "OpenBLAS runs single-threaded under the split backend");
    SplitGemm split = new SplitGemm(whole);
    int cut = 0;
    for (int trans = 0; trans < 4; trans++) {
      Operands x = new Operands(m, n, k, (trans & 1) != 0, (trans & 2) != 0);
      for (float beta : new float[] {0f, 1f}) {
        float[] expected = x.product(whole, beta);
        for (int threads = 1; threads <= 8; threads++) {
          int parts = SplitGemm.parts(x.transA, x.transB, m, n, k, 1f, beta, threads);
          float[] actual = x.product((ta, tb, mm, nn, kk, al, a, ao, la, b, bo, lb, be, c, co, lc) ->
              split.sgemm(parts, ta, tb, mm, nn, kk, al, a, ao, la, b, bo, lb, be, c, co, lc), beta);
          assertArrayEquals(expected, actual, () -> x + " beta " + beta + " in " + parts + " parts");
          cut += threads == 2 && parts == 2 ? 1 : 0;
        }
      }
    }
    if ((long) m * n * k >= 2 * SplitGemm.DIRECT_KERNEL_LIMIT) {
      // large products are cut in two on two threads, whatever their operands
      assertEquals(4 * 2, cut);
    }
  }

  /** Random operands of an [m, n] x k product, and C filled with the same values before each product. */
  private record Operands(int m, int n, int k, boolean transA, boolean transB, float[] a, float[] b, float[] c0) {

    Operands(int m, int n, int k, boolean transA, boolean transB) {
      this(m, n, k, transA, transB, gaussian(m * k, m * 31L + n), gaussian(k * n, k * 17L + m), gaussian(m * n, 5));
    }

    private static float[] gaussian(int size, long seed) {
      SplittableRandom random = new SplittableRandom(seed);
      float[] out = new float[size];
      for (int i = 0; i < size; i++) {
        out[i] = (float) random.nextGaussian();
      }
      return out;
    }

    float[] product(PartGemm gemm, float beta) {
      float[] c = c0.clone();
      gemm.sgemm(transA, transB, m, n, k, 1f, a, 0, transA ? m : k, b, 0, transB ? k : n, beta, c, 0, n);
      return c;
    }

    float[] product(Gemm gemm, float beta) {
      return product(gemm::sgemm, beta);
    }

    @Override
    public String toString() {
      return m + "x" + n + "x" + k + " transA=" + transA + " transB=" + transB;
    }
  }

  /** The shape of {@link Gemm#sgemm}, for a lambda. */
  @FunctionalInterface
  private interface PartGemm {
    void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOffset, int lda,
        float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc);
  }
}
