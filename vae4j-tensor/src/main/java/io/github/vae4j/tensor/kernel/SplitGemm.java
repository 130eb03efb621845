package io.github.vae4j.tensor.kernel;

/**
 * Large products cut into {@link Workers#threads()} parts, by rows of C or by columns, whichever
 * C has more of, each part a product of its own by a single-threaded {@code inner} GEMM, run on
 * {@link Workers}. The backend for OpenBLAS: its own threads are set to one (see {@link Workers}
 * for why the engine keeps its threads).
 *
 * <p>Every element of C is the same sum, in the same order, whichever part computes it and however
 * many parts there are, so results do not depend on the number of threads (they do with
 * OpenBLAS's own threading); {@code SplitGemmTest} checks it bit for bit.
 */
final class SplitGemm implements Gemm {

  /** Multiply-adds below which a part is not worth handing to another thread (about 5 us). */
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
    boolean byRows = m >= n;
    int width = byRows ? m : n;
    long parts = Math.min(Math.min(Workers.threads(), (long) m * n * k / MIN_PART_WORK), width / MIN_PART_WIDTH);
    if (parts <= 1) {
      inner.sgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
      return;
    }
    // checked whole, so that a bad call fails with the caller's shapes rather than a part's
    GemmChecks.check(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
    int count = (int) parts;
    Workers.run(count, p -> {
      int lo = (int) ((long) width * p / count);
      int hi = (int) ((long) width * (p + 1) / count);
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
}
