package io.github.vae4j.tensor.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
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
 * (JDK 25 has no runtime aliasing checks) prove the loop free of cross-iteration dependences and
 * vectorize it with FMA instructions of the widest width the CPU has. The incubating Vector API
 * is not used. When C is narrow (fewer than {@value #NARROW} columns) and taller than wide, the
 * transposed product C^T = op(B)^T op(A)^T is computed instead, so that the vectorized loop runs
 * along the longer side. Products with m * n * k above 2^23 are split across the common
 * fork-join pool, by columns of C when it is wide (each task then copies only its own part of
 * op(B)), else by rows.
 *
 * <p>Numerics: products are fused (one rounding per multiply-add); the sum over k runs in order
 * within a block, blocks of at most {@value #KC} terms are added to C one after another, and alpha
 * is applied to each block sum. The result does not depend on how the product is split across
 * threads, bit for bit. With beta == 0, C is not read, so NaN or infinity there does not reach
 * the result (the BLAS contract); with alpha == 0 or k == 0, A and B are not read.
 *
 * <p>Instances are immutable and thread-safe. Workspaces (the packed block of op(B), at most
 * about 0.5 MiB each) are pooled across calls, at most two per processor.
 */
public final class JavaGemm implements Gemm {

  /** Most columns of C in a block; four rows of them (8 KiB) are the L1-resident accumulators. */
  static final int NC = 512;
  /** Most terms of the sum over k in a block; a packed KC x NC block of op(B) is 512 KiB. */
  static final int KC = 256;
  /** C with fewer columns than this (and more rows) is computed transposed. */
  static final int NARROW = 64;
  /** Rows of C updated together by the inner kernel. */
  private static final int MR = 4;
  /**
   * Products with m * n * k above this (16 MFLOP) run on several threads. Handing work to a pool
   * thread and waking it costs tens of microseconds; on a 2-core machine, splitting paid off from
   * about 10 MFLOP and lost 2x below 4 MFLOP.
   */
  static final long PARALLEL_THRESHOLD = 1L << 23;
  /** Column splits fall on multiples of this, a 512-bit vector of floats. */
  private static final int COLUMN_ALIGN = 16;

  private static final BlockingQueue<Workspace> WORKSPACES =
      new ArrayBlockingQueue<>(2 * Runtime.getRuntime().availableProcessors());

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
    // element (i, j) of op(A), op(B), C is at offset + i * rowStride + j * colStride
    Product product = new Product(m, n, k, alpha, beta,
        a, aOffset, transA ? 1 : lda, transA ? lda : 1,
        b, bOffset, transB ? 1 : ldb, transB ? ldb : 1,
        c, cOffset, ldc, 1);
    if (n < NARROW && m > n) {
      product = product.transposed();
    }
    run(product);
  }

  /** Runs a product on this thread or, when it is large, split across the fork-join pool. */
  private void run(Product p) {
    boolean large = (long) p.m() * p.n() * p.k() > PARALLEL_THRESHOLD;
    int quads = (p.m() + MR - 1) / MR;
    int tasks = large ? parallelism : 1;
    List<ForkJoinTask<?>> work = new ArrayList<>(tasks);
    if (tasks > 1 && p.n() >= tasks * NARROW) {
      int chunks = (p.n() + COLUMN_ALIGN - 1) / COLUMN_ALIGN;
      for (int t = 0; t < tasks; t++) {
        int start = Math.min(p.n(), (int) ((long) chunks * t / tasks) * COLUMN_ALIGN);
        int end = Math.min(p.n(), (int) ((long) chunks * (t + 1) / tasks) * COLUMN_ALIGN);
        work.add(ForkJoinTask.adapt(() -> multiply(p, 0, p.m(), start, end)));
      }
    } else if (tasks > 1 && quads > 1) {
      tasks = Math.min(tasks, quads);
      for (int t = 0; t < tasks; t++) {
        // whole quads of rows, spread as evenly as they go
        int start = Math.min(p.m(), (int) ((long) quads * t / tasks) * MR);
        int end = Math.min(p.m(), (int) ((long) quads * (t + 1) / tasks) * MR);
        work.add(ForkJoinTask.adapt(() -> multiply(p, start, end, 0, p.n())));
      }
    } else {
      multiply(p, 0, p.m(), 0, p.n());
      return;
    }
    ForkJoinTask.invokeAll(work);
  }

  /** C[rowStart .. rowEnd, colStart .. colEnd] of the product, on the calling thread. */
  private static void multiply(Product p, int rowStart, int rowEnd, int colStart, int colEnd) {
    int n = colEnd - colStart;
    int k = p.k();
    // blocks of near-equal size, so that no block is a thin remainder
    int nBlocks = (n + NC - 1) / NC;
    int kBlocks = (k + KC - 1) / KC;
    Workspace workspace = WORKSPACES.poll();
    if (workspace == null) {
      workspace = new Workspace();
    }
    workspace.ensure((k + kBlocks - 1) / kBlocks, (n + nBlocks - 1) / nBlocks);
    float[][] panel = workspace.panel;
    float[][] acc = workspace.acc;
    for (int jb = 0; jb < nBlocks; jb++) {
      int j0 = colStart + (int) ((long) n * jb / nBlocks);
      int nc = colStart + (int) ((long) n * (jb + 1) / nBlocks) - j0;
      for (int kb = 0; kb < kBlocks; kb++) {
        int k0 = (int) ((long) k * kb / kBlocks);
        int kc = (int) ((long) k * (kb + 1) / kBlocks) - k0;
        pack(p, k0, kc, j0, nc, panel);
        float beta = kb == 0 ? p.beta() : 1f;
        for (int i = rowStart; i < rowEnd; i += MR) {
          int rows = Math.min(MR, rowEnd - i);
          int aStart = p.aOffset() + i * p.aRowStride() + k0 * p.aColStride();
          for (int r = 0; r < rows; r++) {
            Arrays.fill(acc[r], 0, nc, 0f);
          }
          if (rows == MR) {
            accumulate4(nc, kc, p.a(), aStart, p.aRowStride(), p.aColStride(), panel, acc);
          } else {
            for (int r = 0; r < rows; r++) {
              accumulate1(nc, kc, p.a(), aStart + r * p.aRowStride(), p.aColStride(), panel,
                  acc[r]);
            }
          }
          for (int r = 0; r < rows; r++) {
            writeBack(nc, p.alpha(), acc[r], beta, p.c(),
                p.cOffset() + (i + r) * p.cRowStride() + j0 * p.cColStride(), p.cColStride(),
                workspace.old);
          }
        }
      }
    }
    WORKSPACES.offer(workspace);
  }

  /** panel[p][j] = op(B)(k0 + p, j0 + j) for p < kc, j < nc. */
  private static void pack(Product product, int k0, int kc, int j0, int nc, float[][] panel) {
    float[] b = product.b();
    int rowStride = product.bRowStride();
    int colStride = product.bColStride();
    int origin = product.bOffset() + k0 * rowStride + j0 * colStride;
    if (colStride == 1) {
      for (int p = 0; p < kc; p++) {
        System.arraycopy(b, origin + p * rowStride, panel[p], 0, nc);
      }
      return;
    }
    // a transposing copy, in strips of 16 columns: each panel row gets one cache line per strip
    // while the 16 source rows are read in step
    for (int strip = 0; strip < nc; strip += COLUMN_ALIGN) {
      int stripEnd = Math.min(nc, strip + COLUMN_ALIGN);
      for (int p = 0; p < kc; p++) {
        float[] row = panel[p];
        int source = origin + p * rowStride;
        for (int j = strip; j < stripEnd; j++) {
          row[j] = b[source + j * colStride];
        }
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

  // The kernels index every array with the bare loop counter j; see the class comment. Each
  // element gets the same chain of fused multiply-adds in every kernel, so the results do not
  // depend on which kernel ran.

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

  /**
   * C[row, j0 .. j0 + nc) = alpha * acc + beta * C, reading C only when beta != 0; acc and old
   * are clobbered. With contiguous C, the arithmetic runs on the scratch rows, where it
   * vectorizes (same index everywhere), and C is read and written by array copies.
   */
  private static void writeBack(int nc, float alpha, float[] acc, float beta, float[] c, int co,
      int stride, float[] old) {
    if (stride == 1) {
      if (beta == 0f) {
        if (alpha != 1f) {
          for (int j = 0; j < nc; j++) {
            acc[j] = alpha * acc[j];
          }
        }
      } else {
        System.arraycopy(c, co, old, 0, nc);
        if (beta == 1f) {
          for (int j = 0; j < nc; j++) {
            acc[j] = Math.fma(alpha, acc[j], old[j]);
          }
        } else {
          for (int j = 0; j < nc; j++) {
            acc[j] = Math.fma(alpha, acc[j], beta * old[j]);
          }
        }
      }
      System.arraycopy(acc, 0, c, co, nc);
      return;
    }
    int end = co + nc * stride;
    if (beta == 0f) {
      for (int j = 0, at = co; at != end; j++, at += stride) {
        c[at] = alpha * acc[j];
      }
    } else if (beta == 1f) {
      for (int j = 0, at = co; at != end; j++, at += stride) {
        c[at] = Math.fma(alpha, acc[j], c[at]);
      }
    } else {
      for (int j = 0, at = co; at != end; j++, at += stride) {
        c[at] = Math.fma(alpha, acc[j], beta * c[at]);
      }
    }
  }

  /**
   * One product with its layout: element (i, j) of op(A) is
   * {@code a[aOffset + i * aRowStride + j * aColStride]}, and likewise for op(B) and C.
   */
  private record Product(int m, int n, int k, float alpha, float beta,
      float[] a, int aOffset, int aRowStride, int aColStride,
      float[] b, int bOffset, int bRowStride, int bColStride,
      float[] c, int cOffset, int cRowStride, int cColStride) {

    /** The same product as C^T = op(B)^T op(A)^T. */
    Product transposed() {
      return new Product(n, m, k, alpha, beta,
          b, bOffset, bColStride, bRowStride,
          a, aOffset, aColStride, aRowStride,
          c, cOffset, cColStride, cRowStride);
    }
  }

  /**
   * Scratch arrays of one task: the packed block of op(B), four accumulator rows and a row for
   * reading C.
   */
  private static final class Workspace {
    private float[][] panel = new float[0][0];
    private float[][] acc = new float[MR][0];
    private float[] old = new float[0];

    void ensure(int rows, int columns) {
      int width = old.length;
      if (panel.length < rows || width < columns) {
        width = Math.max(columns, width);
        panel = new float[Math.max(rows, panel.length)][width];
        acc = new float[MR][width];
        old = new float[width];
      }
    }
  }
}
