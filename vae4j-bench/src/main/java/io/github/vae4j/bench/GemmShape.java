package io.github.vae4j.bench;

import io.github.vae4j.tensor.kernel.Gemm;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The matrix products of one training step of a 784-400-20 MLP at batch 128, with weights stored
 * [out, in] as in PyTorch, so a layer's forward pass is Y = X W^T.
 *
 * <p>For a layer with input X [128, in], weights W [out, in] and output gradient dY [128, out]:
 * forward Y = X W^T (m=128, n=out, k=in, transB), weight gradient dW = dY^T X (m=out, n=in,
 * k=128, transA) and input gradient dX = dY W (m=128, n=in, k=out). {@code gemm_ref.c} lists the
 * same products in the same order; keep them in step.
 */
public enum GemmShape {
  FC1_FORWARD("fc1.forward", false, true, 128, 400, 784),
  FC1_WEIGHT_GRADIENT("fc1.dW", true, false, 400, 784, 128),
  FC1_INPUT_GRADIENT("fc1.dX", false, false, 128, 784, 400),
  FC2_FORWARD("fc2.forward", false, true, 128, 20, 400),
  FC2_WEIGHT_GRADIENT("fc2.dW", true, false, 20, 400, 128),
  FC2_INPUT_GRADIENT("fc2.dX", false, false, 128, 400, 20);

  private final String label;
  private final boolean transA;
  private final boolean transB;
  private final int m;
  private final int n;
  private final int k;

  GemmShape(String label, boolean transA, boolean transB, int m, int n, int k) {
    this.label = label;
    this.transA = transA;
    this.transB = transB;
    this.m = m;
    this.n = n;
    this.k = k;
  }

  /** The short name used in benchmark parameters and reports, such as {@code fc1.forward}. */
  public String label() {
    return label;
  }

  public boolean transA() {
    return transA;
  }

  public boolean transB() {
    return transB;
  }

  public int m() {
    return m;
  }

  public int n() {
    return n;
  }

  public int k() {
    return k;
  }

  /** Floating-point operations of one product: 2 m n k. */
  public long flops() {
    return 2L * m * n * k;
  }

  /** The shape with this label. */
  public static GemmShape of(String label) {
    return Arrays.stream(values()).filter(s -> s.label.equals(label)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("shape must be one of "
            + Arrays.stream(values()).map(GemmShape::label).toList() + ", got '" + label + "'"));
  }

  /** Dense, unpadded operands for this shape, filled with uniform values in [-1, 1). */
  public Operands operands(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    return new Operands(this, fill(random, m * k), fill(random, k * n), new float[m * n]);
  }

  private static float[] fill(SplittableRandom random, int length) {
    float[] values = new float[length];
    for (int i = 0; i < length; i++) {
      values[i] = (float) random.nextDouble(-1, 1);
    }
    return values;
  }

  /** The arrays of one product; C is overwritten (beta = 0) by every run. */
  public record Operands(GemmShape shape, float[] a, float[] b, float[] c) {

    /** C = op(A) op(B) with the given backend; returns C. */
    public float[] run(Gemm gemm) {
      GemmShape s = shape;
      gemm.sgemm(s.transA, s.transB, s.m, s.n, s.k, 1f, a, 0, s.transA ? s.m : s.k,
          b, 0, s.transB ? s.k : s.n, 0f, c, 0, s.n);
      return c;
    }
  }
}
