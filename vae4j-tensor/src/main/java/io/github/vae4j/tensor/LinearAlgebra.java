package io.github.vae4j.tensor;

import io.github.vae4j.tensor.kernel.Simd;
import io.github.vae4j.tensor.kernel.Gemm;
import io.github.vae4j.tensor.kernel.Gemms;
import java.util.Arrays;

/**
 * Matrix products on the process-wide {@link Gemm} backend: matmul (2-D and batched) and the fused
 * linear layer x · Wᵀ + b with its three backward products.
 *
 * <p>Transposed 2-D views are handed to BLAS as transposed operands, never copied. The input
 * gradient of a product is computed only when the input needs one: the first layer of a network
 * skips the largest backward product entirely.
 */
final class LinearAlgebra {

  private LinearAlgebra() {
  }

  /** How to read a 2-D matrix from storage: op(S) with S row-major at offset with leading dim ld. */
  private record Operand(float[] data, int offset, int ld, boolean trans) {

    Operand flipped() {
      return new Operand(data, offset, ld, !trans);
    }

    /** A view of a rank-2 tensor: plain row-strided, or the transpose of a row-strided matrix. */
    static Operand of(Tensor t) {
      int rows = t.shape[0];
      int cols = t.shape[1];
      int s0 = t.strides[0];
      int s1 = t.strides[1];
      if ((s1 == 1 || cols == 1) && s0 >= Math.max(1, cols)) {
        return new Operand(t.data, t.offset, Math.max(1, s0), false);
      }
      if ((s0 == 1 || rows == 1) && s1 >= Math.max(1, rows)) {
        return new Operand(t.data, t.offset, Math.max(1, s1), true);
      }
      Tensor c = t.contiguous();
      return new Operand(c.data, c.offset, Math.max(1, cols), false);
    }
  }

  private static void gemm(Operand a, Operand b, int m, int n, int k, float beta, float[] c, int cOffset) {
    Gemms.get().sgemm(a.trans, b.trans, m, n, k, 1f, a.data, a.offset, a.ld, b.data, b.offset, b.ld,
        beta, c, cOffset, n);
  }

  static Tensor matmul(Tensor a, Tensor b) {
    if (a.shape.length < 2 || b.shape.length < 2) {
      throw new IllegalArgumentException("matmul needs rank >= 2, got " + Arrays.toString(a.shape)
          + " and " + Arrays.toString(b.shape));
    }
    if (a.shape.length == 2 && b.shape.length == 2) {
      return matmul2d(a, b);
    }
    if (b.shape.length == 2) {
      int k = a.shape[a.shape.length - 1];
      int[] outShape = a.shape.clone();
      outShape[outShape.length - 1] = b.shape[1];
      return matmul2d(a.reshape(-1, k), b).reshape(outShape);
    }
    return matmulBatched(a, b);
  }

  private static Tensor matmul2d(Tensor a, Tensor b) {
    int m = a.shape[0];
    int k = a.shape[1];
    int n = b.shape[1];
    if (b.shape[0] != k) {
      throw new IllegalArgumentException("matmul shapes " + Arrays.toString(a.shape) + " and "
          + Arrays.toString(b.shape) + " do not chain");
    }
    Operand oa = Operand.of(a);
    Operand ob = Operand.of(b);
    float[] y = new float[m * n];
    gemm(oa, ob, m, n, k, 0f, y, 0);
    return Tensor.record(new Tensor(y, new int[] {m, n}), "matmul", new Tensor[] {a, b}, g -> {
      Operand og = new Operand(g, 0, Math.max(1, n), false);
      if (a.requiresGrad()) {
        // dA = G · Bᵀ: [m, n] x [n, k]
        float[] ga = new float[m * k];
        gemm(og, ob.flipped(), m, k, n, 0f, ga, 0);
        a.accumulate(ga, true);
      }
      if (b.requiresGrad()) {
        // dB = Aᵀ · G: [k, m] x [m, n]
        float[] gb = new float[k * n];
        gemm(oa.flipped(), og, k, n, m, 0f, gb, 0);
        b.accumulate(gb, true);
      }
    });
  }

  private static Tensor matmulBatched(Tensor a0, Tensor b0) {
    int ra = a0.shape.length;
    int rb = b0.shape.length;
    int[] batchA = Arrays.copyOf(a0.shape, ra - 2);
    int[] batchB = Arrays.copyOf(b0.shape, rb - 2);
    if (!Arrays.equals(batchA, batchB)) {
      throw new IllegalArgumentException("batched matmul needs equal batch dimensions, got "
          + Arrays.toString(a0.shape) + " and " + Arrays.toString(b0.shape));
    }
    Tensor a = a0.contiguous();
    Tensor b = b0.contiguous();
    int m = a.shape[ra - 2];
    int k = a.shape[ra - 1];
    int n = b.shape[rb - 1];
    if (b.shape[rb - 2] != k) {
      throw new IllegalArgumentException("matmul shapes " + Arrays.toString(a.shape) + " and "
          + Arrays.toString(b.shape) + " do not chain");
    }
    int batch = Shapes.size(batchA);
    Gemm gemm = Gemms.get();
    float[] y = new float[batch * m * n];
    for (int i = 0; i < batch; i++) {
      gemm.sgemm(false, false, m, n, k, 1f, a.data, a.offset + i * m * k, Math.max(1, k),
          b.data, b.offset + i * k * n, Math.max(1, n), 0f, y, i * m * n, Math.max(1, n));
    }
    int[] outShape = Arrays.copyOf(batchA, ra);
    outShape[ra - 2] = m;
    outShape[ra - 1] = n;
    return Tensor.record(new Tensor(y, outShape), "bmm", new Tensor[] {a, b}, g -> {
      if (a.requiresGrad()) {
        float[] ga = new float[batch * m * k];
        for (int i = 0; i < batch; i++) {
          gemm.sgemm(false, true, m, k, n, 1f, g, i * m * n, Math.max(1, n),
              b.data, b.offset + i * k * n, Math.max(1, n), 0f, ga, i * m * k, Math.max(1, k));
        }
        a.accumulate(ga, true);
      }
      if (b.requiresGrad()) {
        float[] gb = new float[batch * k * n];
        for (int i = 0; i < batch; i++) {
          gemm.sgemm(true, false, k, n, m, 1f, a.data, a.offset + i * m * k, Math.max(1, k),
              g, i * m * n, Math.max(1, n), 0f, gb, i * k * n, Math.max(1, n));
        }
        b.accumulate(gb, true);
      }
    });
  }

  static Tensor linear(Tensor x0, Tensor weight0, Tensor bias) {
    if (weight0.shape.length != 2) {
      throw new IllegalArgumentException("linear weight must be [out, in], got " + Arrays.toString(weight0.shape));
    }
    int out = weight0.shape[0];
    int in = weight0.shape[1];
    if (x0.shape.length < 1 || x0.shape[x0.shape.length - 1] != in) {
      throw new IllegalArgumentException("linear expects input [..., " + in + "], got " + Arrays.toString(x0.shape));
    }
    if (bias != null && (bias.shape.length != 1 || bias.shape[0] != out)) {
      throw new IllegalArgumentException("linear bias must be [" + out + "], got " + Arrays.toString(bias.shape));
    }
    int[] outShape = x0.shape.clone();
    outShape[outShape.length - 1] = out;
    Tensor x = x0.contiguous();
    Tensor w = weight0.contiguous();
    int rows = x.size / Math.max(1, in);
    // every element is written below: bias rows then beta = 1, or beta = 0 (C is not read)
    float[] y = Buffers.take(rows * out);
    float beta = 0f;
    if (bias != null) {
      float[] bv = bias.dense();
      int bo = bias.denseOffset();
      for (int r = 0; r < rows; r++) {
        System.arraycopy(bv, bo, y, r * out, out);
      }
      beta = 1f;
    }
    Gemm gemm = Gemms.get();
    // Y = X · Wᵀ (+ bias rows): [rows, in] x [in, out]
    gemm.sgemm(false, true, rows, out, in, 1f, x.data, x.offset, Math.max(1, in),
        w.data, w.offset, Math.max(1, in), beta, y, 0, Math.max(1, out));
    Tensor[] inputs = bias == null ? new Tensor[] {x, w} : new Tensor[] {x, w, bias};
    return Tensor.record(new Tensor(y, outShape), "linear", inputs, g -> {
      if (x.requiresGrad()) {
        // dX = G · W: [rows, out] x [out, in]
        float[] gx = Buffers.take(rows * in);
        gemm.sgemm(false, false, rows, in, out, 1f, g, 0, Math.max(1, out),
            w.data, w.offset, Math.max(1, in), 0f, gx, 0, Math.max(1, in));
        x.accumulate(gx, true);
      }
      if (w.requiresGrad()) {
        // dW = Gᵀ · X: [out, rows] x [rows, in], written straight into the weight's gradient
        // (beta = 1 adds to one already there; beta = 0 overwrites a reused buffer)
        boolean fresh = w.grad == null;
        float[] gw = fresh ? w.gradBuffer() : w.grad;
        gemm.sgemm(true, false, out, in, rows, 1f, g, 0, Math.max(1, out),
            x.data, x.offset, Math.max(1, in), fresh ? 0f : 1f, gw, 0, Math.max(1, in));
        if (fresh) {
          w.adoptGradBuffer(gw);
        }
      }
      if (bias != null && bias.requiresGrad()) {
        float[] gb = new float[out];
        for (int r = 0; r < rows; r++) {
          Simd.addInPlace(gb, 0, g, r * out, out);
        }
        bias.accumulate(gb, true);
      }
    });
  }
}
