package io.github.vae4j.tensor.kernel;

import java.util.Arrays;
import java.util.Objects;

/**
 * Argument checks shared by the {@link Gemm} backends. They are cheap (a few comparisons, no loop)
 * and guard the native backend, which does no bounds checking of its own.
 */
final class GemmChecks {

  private GemmChecks() {
  }

  /**
   * Checks the sizes, leading dimensions and that every element the product touches lies inside
   * its array. Leading dimensions follow CBLAS row-major rules: at least max(1, row length) even
   * when the matrix is empty.
   *
   * @throws IllegalArgumentException naming the first bad value
   * @throws NullPointerException when an array is null
   */
  static void check(boolean transA, boolean transB, int m, int n, int k,
      float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
      float[] c, int cOffset, int ldc) {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    Objects.requireNonNull(c, "c");
    nonNegative("m", m);
    nonNegative("n", n);
    nonNegative("k", k);
    // stored shapes: A is [m, k] or, transposed, [k, m]; B is [k, n] or [n, k]; C is [m, n]
    region("a", transA ? "k" : "m", transA ? k : m, transA ? "m" : "k", transA ? m : k,
        a, aOffset, "aOffset", lda, "lda");
    region("b", transB ? "n" : "k", transB ? n : k, transB ? "k" : "n", transB ? k : n,
        b, bOffset, "bOffset", ldb, "ldb");
    region("c", "m", m, "n", n, c, cOffset, "cOffset", ldc, "ldc");
  }

  private static void nonNegative(String name, int value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must be >= 0, got " + value);
    }
  }

  private static void region(String array, String rowsName, int rows, String colsName, int cols,
      float[] data, int offset, String offsetName, int ld, String ldName) {
    if (ld < Math.max(1, cols)) {
      throw new IllegalArgumentException(ldName + " must be >= max(1, " + colsName + ") = "
          + Math.max(1, cols) + ", got " + ld);
    }
    if (offset < 0 || offset > data.length) {
      throw new IllegalArgumentException(offsetName + " must be in [0, " + data.length
          + "] (the length of " + array + "), got " + offset);
    }
    if (rows > 0 && cols > 0) {
      long end = offset + (long) (rows - 1) * ld + cols;
      if (end > data.length) {
        throw new IllegalArgumentException(array + " is too short: a [" + rows + ", " + cols
            + "] matrix at " + offsetName + " " + offset + " with " + ldName + " " + ld
            + " ends at element " + end + ", but " + array + ".length is " + data.length);
      }
    }
  }

  /** C = beta * C over the [m, n] window; beta == 0 writes zeros, so NaN in C does not survive. */
  static void scale(int m, int n, float beta, float[] c, int cOffset, int ldc) {
    if (beta == 1f) {
      return;
    }
    for (int i = 0; i < m; i++) {
      int row = cOffset + i * ldc;
      if (beta == 0f) {
        Arrays.fill(c, row, row + n, 0f);
      } else {
        for (int j = row; j < row + n; j++) {
          c[j] *= beta;
        }
      }
    }
  }
}
