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
 * OpenBLAS's own threading). That holds only while the whole product and every part take the same
 * OpenBLAS kernel. Below a size OpenBLAS takes other kernels, which sum in another order and whose
 * results also depend on where a matrix is cut (OpenBLAS 0.3.30 on x86-64 with AVX-512): a
 * small-matrix kernel at up to 10^6 multiply-adds, and for untransposed operands with alpha 1 and
 * beta 0 a "direct" kernel below 28 x 512 x 512 (about 7.3 million). So a part never falls below
 * those sizes ({@link #minPartWork}). Cut finer, products of 1-2 million multiply-adds differed from
 * the whole in up to a third of their elements (a [32, 400] x [400, 128] product in 421 of 12,800),
 * so the same model trained to different bits on 1 and on 2 cores. {@code OpenBlasSplitGemmTest}
 * checks every cut this class makes, for 1 to 8 threads, against the whole product bit for bit.
 */
final class SplitGemm implements Gemm {

  /**
   * Multiply-adds a part must exceed: up to 10^6, OpenBLAS may take its small-matrix kernel (on
   * AVX-512 cores), which sums in another order than its blocked kernel. Also about 50 us of work
   * on one core, well above the cost of handing a part to another thread.
   */
  static final long SMALL_KERNEL_MAX = 1_000_000;
  /**
   * Multiply-adds below which OpenBLAS computes an untransposed product with alpha 1 and beta 0 by
   * its "direct" kernel (on AVX-512 cores), which sums in another order than its blocked kernel.
   */
  static final long DIRECT_KERNEL_LIMIT = 28L * 512 * 512;
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
    sgemm(parts(transA, transB, m, n, k, alpha, beta, Workers.threads()), transA, transB, m, n, k, alpha,
        a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
  }

  /** The product cut into {@code parts} parts as {@link #parts} would cut it for that many threads. */
  void sgemm(int parts, boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOffset,
      int lda, float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc) {
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

  /**
   * How many parts, at most {@code threads}, to cut a product into: 1 when it is too small for every
   * part to stay above {@link #minPartWork}.
   */
  static int parts(boolean transA, boolean transB, int m, int n, int k, float alpha, float beta, int threads) {
    long minWork = minPartWork(transA, transB, alpha, beta);
    for (int parts = threads; parts > 1; parts--) {
      if (m / MIN_PART_WIDTH < parts && n / MIN_PART_WIDTH < parts) {
        continue;
      }
      boolean byRows = byRows(m, n, k, parts);
      // the narrowest part has floor(width / parts) rows or columns
      long smallest = byRows ? (long) (m / parts) * n * k : (long) m * (n / parts) * k;
      if (smallest >= minWork) {
        return parts;
      }
    }
    return 1;
  }

  /** The fewest multiply-adds a part may have: more than either of OpenBLAS's small-product kernels takes. */
  static long minPartWork(boolean transA, boolean transB, float alpha, float beta) {
    boolean direct = !transA && !transB && alpha == 1f && beta == 0f;
    return direct ? DIRECT_KERNEL_LIMIT : SMALL_KERNEL_MAX + 1;
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
