package io.github.vae4j.tensor.kernel;

/** TEMPORARY local stand-in until the gemm branch merges (not committed). */
public final class Gemms {
  private Gemms() {
  }

  private static final Gemm NAIVE = new Gemm() {
    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOffset,
        int lda, float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc) {
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          float s = 0f;
          for (int p = 0; p < k; p++) {
            float av = transA ? a[aOffset + p * lda + i] : a[aOffset + i * lda + p];
            float bv = transB ? b[bOffset + j * ldb + p] : b[bOffset + p * ldb + j];
            s += av * bv;
          }
          int ci = cOffset + i * ldc + j;
          c[ci] = beta == 0f ? alpha * s : alpha * s + beta * c[ci];
        }
      }
    }

    @Override
    public String name() {
      return "naive";
    }
  };

  public static Gemm get() {
    return NAIVE;
  }
}
