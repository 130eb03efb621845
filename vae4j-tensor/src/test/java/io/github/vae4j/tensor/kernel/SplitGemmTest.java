package io.github.vae4j.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Products split across {@link Workers}: the GEMM contract, checked with the pure-Java GEMM inside
 * (OpenBLAS inside is {@code OpenBlasSplitGemmTest}), and the parts' bookkeeping.
 */
class SplitGemmTest extends GemmContract {

  /** Records the shape of every product it computes, then computes it with one-thread JavaGemm. */
  static final class Recording implements Gemm {
    final List<String> calls = new ArrayList<>();
    private final Gemm inner = new JavaGemm(1);

    @Override
    public synchronized void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a,
        int aOffset, int lda, float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc) {
      calls.add(m + "x" + n + "x" + k + "@" + cOffset);
      inner.sgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
    }

    @Override
    public String name() {
      return "recording";
    }
  }

  private static final SplitGemm SPLIT = new SplitGemm(new JavaGemm(1));

  @Override
  Gemm gemm() {
    return SPLIT;
  }

  @Test
  void cutsTheLargestMatrixIntoContiguousParts() {
    int threads = Workers.threads();
    Recording recording = new Recording();
    SplitGemm split = new SplitGemm(recording);
    // a weight gradient, C [400, 784] = [400, 128] x [128, 784]: C is largest, so by rows of C
    split.sgemm(true, false, 400, 784, 128, 1f, new float[128 * 400], 0, 400, new float[128 * 784], 0, 784, 0f,
        new float[400 * 784], 0, 784);
    assertEquals(parts(threads, 400, w -> w[1] + "x784x128@" + w[0] * 784), sorted(recording.calls));
    // a layer's forward pass, [128, 400] = [128, 784] x W^T with W [400, 784]: W is largest, so by
    // columns of C, which are rows of W
    recording.calls.clear();
    split.sgemm(false, true, 128, 400, 784, 1f, new float[128 * 784], 0, 784, new float[400 * 784], 0, 784, 0f,
        new float[128 * 400], 0, 400);
    assertEquals(parts(threads, 400, w -> "128x" + w[1] + "x784@" + w[0]), sorted(recording.calls));
    // [784, 400] = [784, 128] x [400, 128]^T: C is largest, so by rows
    recording.calls.clear();
    split.sgemm(false, true, 784, 400, 128, 1f, new float[784 * 128], 0, 128, new float[400 * 128], 0, 128, 0f,
        new float[784 * 400], 0, 400);
    assertEquals(parts(threads, 784, w -> w[1] + "x400x128@" + w[0] * 400), sorted(recording.calls));
    // [512, 20] = [512, 1000] x [20, 1000]^T: A is largest, so by rows
    recording.calls.clear();
    split.sgemm(false, true, 512, 20, 1000, 1f, new float[512 * 1000], 0, 1000, new float[20 * 1000], 0, 1000, 0f,
        new float[512 * 20], 0, 20);
    assertEquals(parts(threads, 512, w -> w[1] + "x20x1000@" + w[0] * 20), sorted(recording.calls));
    // [20, 5000] = [20, 256] x [5000, 256]^T: B is largest, but 20 rows are too few to cut anyway
    recording.calls.clear();
    split.sgemm(false, true, 20, 5000, 256, 1f, new float[20 * 256], 0, 256, new float[5000 * 256], 0, 256, 0f,
        new float[20 * 5000], 0, 5000);
    assertEquals(parts(threads, 5000, w -> "20x" + w[1] + "x256@" + w[0]), sorted(recording.calls));
    // [20, 10000] = [20, 16] x [10000, 16]^T: C is largest, but 20 rows are too few to cut, so by columns
    recording.calls.clear();
    split.sgemm(false, true, 20, 10000, 16, 1f, new float[20 * 16], 0, 16, new float[10000 * 16], 0, 16, 0f,
        new float[20 * 10000], 0, 10000);
    assertEquals(parts(threads, 10000, w -> "20x" + w[1] + "x16@" + w[0]), sorted(recording.calls));
  }

  /** The expected calls: part p covers [width p / parts, width (p + 1) / parts). */
  private static List<String> parts(int parts, int width, Function<int[], String> call) {
    List<String> out = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      int lo = width * p / parts;
      out.add(call.apply(new int[] {lo, width * (p + 1) / parts - lo}));
    }
    return sorted(out);
  }

  private static List<String> sorted(List<String> calls) {
    return calls.stream().sorted().toList();
  }

  @Test
  void leavesSmallProductsWhole() {
    Recording recording = new Recording();
    SplitGemm split = new SplitGemm(recording);
    split.sgemm(false, false, 8, 8, 8, 1f, new float[64], 0, 8, new float[64], 0, 8, 0f, new float[64], 0, 8);
    // too little work to cut (128k multiply-adds), and too narrow: 20 columns, 16 rows
    split.sgemm(false, false, 16, 20, 400, 1f, new float[16 * 400], 0, 400, new float[400 * 20], 0, 20, 0f,
        new float[16 * 20], 0, 20);
    assertEquals(List.of("8x8x8@0", "16x20x400@0"), recording.calls);
  }

  @Test
  void keepsEveryPartAboveOpenBlasSmallProductKernels() {
    // untransposed, alpha 1, beta 0: parts of at least 28 x 512 x 512 multiply-adds (OpenBLAS's direct kernel)
    assertEquals(1, SplitGemm.parts(false, false, 128, 400, 100, 1f, 0f, 8));
    assertEquals(1, SplitGemm.parts(false, false, 128, 400, 256, 1f, 0f, 8));
    assertEquals(2, SplitGemm.parts(false, false, 128, 400, 290, 1f, 0f, 8));
    // otherwise parts of more than 10^6 (its small-matrix kernel): 128 rows in 4 parts of 32, not 5 of 25
    assertEquals(2, SplitGemm.parts(false, false, 128, 400, 100, 1f, 1f, 2));
    assertEquals(4, SplitGemm.parts(false, true, 128, 400, 100, 1f, 0f, 8));
    assertEquals(1, SplitGemm.parts(true, false, 100, 100, 200, 1f, 0f, 8));
    assertEquals(1, SplitGemm.parts(true, false, 400, 784, 128, 1f, 0f, 1));
    assertEquals(8, SplitGemm.parts(true, false, 400, 784, 128, 1f, 0f, 8));
  }

  @Test
  void givesTheSameBitsAsOneWholeProduct() {
    SplittableRandom random = new SplittableRandom(3);
    Gemm whole = new JavaGemm(1);
    int m = 130;
    int n = 401;
    int k = 77;
    float[] a = new float[m * k];
    float[] b = new float[k * n];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) random.nextGaussian();
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = (float) random.nextGaussian();
    }
    float[] expected = new float[m * n];
    float[] actual = new float[m * n];
    whole.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, expected, 0, n);
    SPLIT.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, actual, 0, n);
    assertArrayEquals(expected, actual);
  }
}
