package io.github.vae4j.tensor.kernel;

/**
 * The naive triple loop, accumulating in double: the oracle the {@link Gemm} backends are tested
 * against. Also returns, per element of C, the sum of the absolute values of the terms, which
 * bounds the rounding error of any float32 evaluation order.
 */
final class ReferenceGemm {

  private ReferenceGemm() {
  }

  /** op(A)(i, p) for A stored row-major at offset with leading dimension ld. */
  static double opA(boolean trans, float[] a, int offset, int ld, int i, int p) {
    return trans ? a[offset + p * ld + i] : a[offset + i * ld + p];
  }

  /** op(B)(p, j), likewise. */
  static double opB(boolean trans, float[] b, int offset, int ld, int p, int j) {
    return trans ? b[offset + j * ld + p] : b[offset + p * ld + j];
  }

  /**
   * The expected C window and its error scale, both [m][n].
   *
   * @return {expected, magnitude}
   */
  static double[][][] sgemm(boolean transA, boolean transB, int m, int n, int k,
      float alpha, float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
      float beta, float[] c, int cOffset, int ldc) {
    double[][] expected = new double[m][n];
    double[][] magnitude = new double[m][n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double sum = 0;
        double abs = 0;
        if (alpha != 0f) {
          for (int p = 0; p < k; p++) {
            double term = opA(transA, a, aOffset, lda, i, p) * opB(transB, b, bOffset, ldb, p, j);
            sum += term;
            abs += Math.abs(term);
          }
        }
        // BLAS: C is not read when beta == 0
        double old = beta == 0f ? 0 : (double) beta * c[cOffset + i * ldc + j];
        expected[i][j] = alpha * sum + old;
        magnitude[i][j] = Math.abs(alpha) * abs + Math.abs(old);
      }
    }
    return new double[][][] {expected, magnitude};
  }
}
