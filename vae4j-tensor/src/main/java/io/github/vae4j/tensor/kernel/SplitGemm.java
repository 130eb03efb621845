package io.github.vae4j.tensor.kernel;

/**
 * Large products cut into {@link Workers#threads()} parts, each part a product of its own by a
 * single-threaded {@code inner} GEMM, run on {@link Workers}. The backend for OpenBLAS: its own
 * threads are set to one (see {@link Workers} for why the engine keeps its threads).
 *
 * <p>The cut follows the largest of the three matrices: by rows of C when C or op(A) is largest,
 * by columns of C (rows of a transposed B) when B is. So each thread reads or writes one
 * contiguous block of the largest matrix, which in a layer is the weight or its gradient, and the
 * same block from one operation to the next: thread p computes forward outputs from rows p of W,
 * writes rows p of dW, and the optimizer, which splits the parameters the same way, then finds
 * them in its own core's cache. Cutting dW by columns instead made the 784-400-20 MLP's training
 * step 7% slower (1.18-1.29 ms against 1.10-1.15 ms; vae4j-bench's MlpStepReport). When the
 * chosen side is too narrow to cut, the other is cut.
 *
 * <p>Every element of C is the same sum, in the same order, whichever part computes it and however
 * many parts there are, so results do not depend on the number of threads (they do with
 * OpenBLAS's own threading); {@code SplitGemmTest} checks it bit for bit.
 */
final class SplitGemm implements Gemm {

  /**
   * Multiply-adds below which a part is not worth handing to another thread (about 10 us). Not
   * lower: halves of products of about a million multiply-adds (a VAE's 20-unit layers at batch
   * 128) ran 2-3x faster than the whole, likely on OpenBLAS's small-matrix path, but summed in
   * another order than the whole, so results came to depend on the thread count (3-epoch MNIST
   * test loss 111.720 on one thread, 111.751 on two, 111.806 on three; 111.720 on all three at
   * this value).
   */
  static final long MIN_PART_WORK = 1L << 19;
  /** Fewest rows or columns of C in a part. */
  static final int MIN_PART_WIDTH = 16;

  private final Gemm inner;

  SplitGemm(Gemm inner) {
    this.inner = inner;
  }

  /** The single-threaded GEMM that computes each part. */
  Gemm inner() {
    return inner;
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOffset,
      int lda, float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc) {
    int parts = parts(m, n, k);
    if (parts <= 1) {
      inner.sgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
      return;
    }
    // checked whole, so that a bad call fails with the caller's shapes rather than a part's
    GemmChecks.check(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
    boolean byRows = byRows(m, n, k, parts);
    int width = byRows ? m : n;
    Workers.run(parts, p -> {
      int lo = (int) ((long) width * p / parts);
      int hi = (int) ((long) width * (p + 1) / parts);
      if (byRows) {
        // rows lo..hi of op(A) and of C
        inner.sgemm(transA, transB, hi - lo, n, k, alpha, a, aOffset + (transA ? lo : lo * lda), lda,
            b, bOffset, ldb, beta, c, cOffset + lo * ldc, ldc);
      } else {
        // columns lo..hi of op(B) and of C
        inner.sgemm(transA, transB, m, hi - lo, k, alpha, a, aOffset, lda,
            b, bOffset + (transB ? lo * ldb : lo), ldb, beta, c, cOffset + lo, ldc);
      }
    });
  }

  /** How many parts to cut an [m, n] x k product into: 1 when it is too small to pay for a hand-off. */
  private static int parts(int m, int n, int k) {
    long most = Math.min(Workers.threads(), (long) m * n * k / MIN_PART_WORK);
    return (int) Math.min(most, Math.max(m, n) / MIN_PART_WIDTH);
  }

  /**
   * Whether to cut by rows of C: unless op(B) ([k, n]) is the largest of the three matrices, or
   * the chosen side has too few rows or columns for {@code parts} parts.
   */
  private static boolean byRows(int m, int n, int k, int parts) {
    boolean rowsFirst = (long) k * n <= Math.max((long) m * k, (long) m * n);
    return m / MIN_PART_WIDTH >= parts && (rowsFirst || n / MIN_PART_WIDTH < parts);
  }
}
