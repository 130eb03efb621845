package io.github.vae4j.tensor.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinTask;

/**
 * Pure-Java single-precision GEMM, row-major: C = alpha * op(A) * op(B) + beta * C. The fallback
 * when OpenBLAS is unavailable and, being plain Java, the backend that behaves the same everywhere.
 *
 * <p>Shapes: op(A) [m, k], op(B) [k, n], C [m, n], as in {@link Gemm}.
 *
 * <p>Method: Goto-style blocking. op(B) is copied, block by block ({@value #KC} x {@value #NC} at
 * most, so it stays in L2), into one array per row; four rows of C accumulate in four row arrays
 * that stay in L1; the inner loop updates them with four rank-1 steps at once,
 * {@code acc[r][j] = fma(a[r][p+3], b[p+3][j], ... fma(a[r][p], b[p][j], acc[r][j]))}. Every
 * array in that loop is indexed by the bare loop counter {@code j}, which is what lets HotSpot C2
 * (JDK 25, which has no runtime aliasing checks) prove the loop free of cross-iteration
 * dependences and vectorize it with FMA instructions of the widest width the CPU has. The
 * incubating Vector API is not used. Rows of C are split across the common fork-join pool when
 * m * n * k exceeds 2^18.
 *
 * <p>Numerics: products are fused (one rounding per multiply-add); the sum over k runs in order
 * within a block, blocks of at most {@value #KC} terms are added to C one after another, and alpha
 * is applied to each block sum. With beta == 0, C is not read, so NaN or infinity there does not
 * reach the result (the BLAS contract); with alpha == 0 or k == 0, A and B are not read.
 *
 * <p>Instances are immutable and thread-safe; each call allocates its own workspace (at most
 * about 0.5 MiB per worker).
 */
public final class JavaGemm implements Gemm {

  /** Most columns of C in a block; four rows of them (8 KiB) are the L1-resident accumulators. */
  static final int NC = 512;
  /** Most terms of the sum over k in a block; a packed KC x NC block of op(B) is 512 KiB. */
  static final int KC = 256;
  /** Rows of C updated together by the inner kernel. */
  private static final int MR = 4;
  /** Products with m * n * k above this run on several threads. */
  private static final long PARALLEL_THRESHOLD = 1L << 18;

  private final int parallelism;

  /** A GEMM that splits large products across as many tasks as there are processors. */
  public JavaGemm() {
    this(Runtime.getRuntime().availableProcessors());
  }

  /**
   * A GEMM that splits large products across at most {@code parallelism} tasks of the common
   * fork-join pool (the calling thread runs one of them); 1 keeps every product on the caller.
   */
  public JavaGemm(int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
    }
    this.parallelism = parallelism;
  }

  /** The most tasks one product is split into. */
  public int parallelism() {
    return parallelism;
  }

  @Override
  public String name() {
    return "java";
  }

  @Override
  public void sgemm(boolean transA, boolean transB, int m, int n, int k,
      float alpha, float[] a, int aOffset, int lda,
      float[] b, int bOffset, int ldb,
      float beta, float[] c, int cOffset, int ldc) {
    GemmChecks.check(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0 || alpha == 0f) {
      GemmChecks.scale(m, n, beta, c, cOffset, ldc);
      return;
    }
    // op(A)(i, p) = a[aOffset + i * aRowStride + p * aColStride]
    int aRowStride = transA ? 1 : lda;
    int aColStride = transA ? lda : 1;
    int quads = (m + MR - 1) / MR;
    int tasks = Math.min(parallelism, quads);
    if (tasks < 2 || (long) m * n * k <= PARALLEL_THRESHOLD) {
      multiplyRows(0, m, transB, n, k, alpha, a, aOffset, aRowStride, aColStride,
          b, bOffset, ldb, beta, c, cOffset, ldc);
      return;
    }
    List<ForkJoinTask<?>> work = new ArrayList<>(tasks);
    for (int t = 0; t < tasks; t++) {
      // whole quads of rows, spread as evenly as they go
      int start = Math.min(m, (int) ((long) quads * t / tasks) * MR);
      int end = Math.min(m, (int) ((long) quads * (t + 1) / tasks) * MR);
      work.add(ForkJoinTask.adapt(() -> multiplyRows(start, end, transB, n, k, alpha,
          a, aOffset, aRowStride, aColStride, b, bOffset, ldb, beta, c, cOffset, ldc)));
    }
    ForkJoinTask.invokeAll(work);
  }

  /** The product for rows [rowStart, rowEnd) of C, on the calling thread. */
  private static void multiplyRows(int rowStart, int rowEnd, boolean transB, int n, int k,
      float alpha, float[] a, int aOffset, int aRowStride, int aColStride,
      float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc) {
    // blocks of near-equal size, so no block is a thin remainder
    int nBlocks = (n + NC - 1) / NC;
    int kBlocks = (k + KC - 1) / KC;
    int ncMax = (n + nBlocks - 1) / nBlocks;
    int kcMax = (k + kBlocks - 1) / kBlocks;
    float[][] panel = new float[kcMax][ncMax];
    float[][] acc = new float[MR][ncMax];
    for (int jb = 0; jb < nBlocks; jb++) {
      int j0 = (int) ((long) n * jb / nBlocks);
      int nc = (int) ((long) n * (jb + 1) / nBlocks) - j0;
      for (int kb = 0; kb < kBlocks; kb++) {
        int k0 = (int) ((long) k * kb / kBlocks);
        int kc = (int) ((long) k * (kb + 1) / kBlocks) - k0;
        packB(transB, b, bOffset, ldb, k0, kc, j0, nc, panel);
        float blockBeta = kb == 0 ? beta : 1f;
        for (int i = rowStart; i < rowEnd; i += MR) {
          int rows = Math.min(MR, rowEnd - i);
          int aStart = aOffset + i * aRowStride + k0 * aColStride;
          for (int r = 0; r < rows; r++) {
            Arrays.fill(acc[r], 0, nc, 0f);
          }
          if (rows == MR) {
            accumulate4(nc, kc, a, aStart, aRowStride, aColStride, panel, acc);
          } else {
            for (int r = 0; r < rows; r++) {
              accumulate1(nc, kc, a, aStart + r * aRowStride, aColStride, panel, acc[r]);
            }
          }
          for (int r = 0; r < rows; r++) {
            writeBack(nc, alpha, acc[r], blockBeta, c, cOffset + (i + r) * ldc + j0);
          }
        }
      }
    }
  }

  /** panel[p][j] = op(B)(k0 + p, j0 + j) for p < kc, j < nc. */
  private static void packB(boolean transB, float[] b, int bOffset, int ldb,
      int k0, int kc, int j0, int nc, float[][] panel) {
    if (!transB) {
      for (int p = 0; p < kc; p++) {
        System.arraycopy(b, bOffset + (k0 + p) * ldb + j0, panel[p], 0, nc);
      }
      return;
    }
    // B is stored [n, k]: read along its rows, write down the panel's columns
    for (int j = 0; j < nc; j++) {
      int src = bOffset + (j0 + j) * ldb + k0;
      for (int p = 0; p < kc; p++) {
        panel[p][j] = b[src + p];
      }
    }
  }

  /** acc[r] += sum over p < kc of op(A)(r, p) * panel[p], for four rows r of op(A). */
  private static void accumulate4(int nc, int kc, float[] a, int aStart, int rs, int cs,
      float[][] panel, float[][] acc) {
    float[] c0 = acc[0];
    float[] c1 = acc[1];
    float[] c2 = acc[2];
    float[] c3 = acc[3];
    int r0 = aStart;
    int r1 = r0 + rs;
    int r2 = r1 + rs;
    int r3 = r2 + rs;
    int p = 0;
    for (; p + 3 < kc; p += 4) {
      int o = p * cs;
      kernel4x4(nc, c0, c1, c2, c3, panel[p], panel[p + 1], panel[p + 2], panel[p + 3],
          a[r0 + o], a[r0 + o + cs], a[r0 + o + 2 * cs], a[r0 + o + 3 * cs],
          a[r1 + o], a[r1 + o + cs], a[r1 + o + 2 * cs], a[r1 + o + 3 * cs],
          a[r2 + o], a[r2 + o + cs], a[r2 + o + 2 * cs], a[r2 + o + 3 * cs],
          a[r3 + o], a[r3 + o + cs], a[r3 + o + 2 * cs], a[r3 + o + 3 * cs]);
    }
    for (; p < kc; p++) {
      int o = p * cs;
      kernel4x1(nc, c0, c1, c2, c3, panel[p], a[r0 + o], a[r1 + o], a[r2 + o], a[r3 + o]);
    }
  }

  /** acc += sum over p < kc of op(A)(row, p) * panel[p], for one row starting at aStart. */
  private static void accumulate1(int nc, int kc, float[] a, int aStart, int cs,
      float[][] panel, float[] acc) {
    int p = 0;
    for (; p + 3 < kc; p += 4) {
      int o = aStart + p * cs;
      kernel1x4(nc, acc, panel[p], panel[p + 1], panel[p + 2], panel[p + 3],
          a[o], a[o + cs], a[o + 2 * cs], a[o + 3 * cs]);
    }
    for (; p < kc; p++) {
      float s = a[aStart + p * cs];
      float[] x = panel[p];
      for (int j = 0; j < nc; j++) {
        acc[j] = Math.fma(s, x[j], acc[j]);
      }
    }
  }

  // The kernels index every array with the bare loop counter j; see the class comment.

  private static void kernel4x4(int nc, float[] c0, float[] c1, float[] c2, float[] c3,
      float[] x0, float[] x1, float[] x2, float[] x3,
      float a00, float a01, float a02, float a03, float a10, float a11, float a12, float a13,
      float a20, float a21, float a22, float a23, float a30, float a31, float a32, float a33) {
    for (int j = 0; j < nc; j++) {
      float b0 = x0[j];
      float b1 = x1[j];
      float b2 = x2[j];
      float b3 = x3[j];
      c0[j] = Math.fma(a03, b3, Math.fma(a02, b2, Math.fma(a01, b1, Math.fma(a00, b0, c0[j]))));
      c1[j] = Math.fma(a13, b3, Math.fma(a12, b2, Math.fma(a11, b1, Math.fma(a10, b0, c1[j]))));
      c2[j] = Math.fma(a23, b3, Math.fma(a22, b2, Math.fma(a21, b1, Math.fma(a20, b0, c2[j]))));
      c3[j] = Math.fma(a33, b3, Math.fma(a32, b2, Math.fma(a31, b1, Math.fma(a30, b0, c3[j]))));
    }
  }

  private static void kernel4x1(int nc, float[] c0, float[] c1, float[] c2, float[] c3,
      float[] x, float a0, float a1, float a2, float a3) {
    for (int j = 0; j < nc; j++) {
      float bj = x[j];
      c0[j] = Math.fma(a0, bj, c0[j]);
      c1[j] = Math.fma(a1, bj, c1[j]);
      c2[j] = Math.fma(a2, bj, c2[j]);
      c3[j] = Math.fma(a3, bj, c3[j]);
    }
  }

  private static void kernel1x4(int nc, float[] c0, float[] x0, float[] x1, float[] x2,
      float[] x3, float a0, float a1, float a2, float a3) {
    for (int j = 0; j < nc; j++) {
      c0[j] = Math.fma(a3, x3[j], Math.fma(a2, x2[j], Math.fma(a1, x1[j],
          Math.fma(a0, x0[j], c0[j]))));
    }
  }

  /** C[row, j0 .. j0 + nc) = alpha * acc + beta * C, reading C only when beta != 0. */
  private static void writeBack(int nc, float alpha, float[] acc, float beta, float[] c, int co) {
    if (beta == 0f) {
      for (int j = 0; j < nc; j++) {
        c[co + j] = alpha * acc[j];
      }
    } else if (beta == 1f) {
      for (int j = 0; j < nc; j++) {
        c[co + j] = Math.fma(alpha, acc[j], c[co + j]);
      }
    } else {
      for (int j = 0; j < nc; j++) {
        c[co + j] = Math.fma(alpha, acc[j], beta * c[co + j]);
      }
    }
  }
}
