package io.github.vae4j.tensor;

import io.github.vae4j.tensor.kernel.FastMath;
import io.github.vae4j.tensor.kernel.Simd;
import java.util.Arrays;

/**
 * Reductions over axes and the ops built on them: sum, max, logSumExp, softmax and logSoftmax.
 *
 * <p>A reduction over one axis views the input as [outer, n, inner] and writes [outer, inner];
 * the inner loop runs over contiguous memory so the JIT can vectorize it. Sums accumulate in
 * float like the BLAS kernels do.
 */
final class Reductions {

  private Reductions() {
  }

  static Tensor sumAll(Tensor a) {
    float[] x = a.dense();
    int xo = a.denseOffset();
    int n = a.size;
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += x[xo + i];
    }
    Tensor out = Tensor.scalar((float) s);
    return Tensor.record(out, "sum", new Tensor[] {a}, g -> {
      float[] gx = Buffers.take(n);
      Arrays.fill(gx, g[0]);
      a.accumulate(gx, true);
    });
  }

  static Tensor sum(Tensor a, boolean keepDims, int... axes) {
    int rank = a.shape.length;
    int[] ax = Shapes.axes(axes, rank);
    if (ax.length == rank && !keepDims) {
      return sumAll(a);
    }
    Tensor t;
    if (ax[ax.length - 1] - ax[0] == ax.length - 1) {
      // a run of adjacent axes is one axis of a [before, run, after] view: one pass
      int before = Shapes.product(a.shape, 0, ax[0]);
      int run = Shapes.product(a.shape, ax[0], ax[ax.length - 1] + 1);
      int after = Shapes.product(a.shape, ax[ax.length - 1] + 1, rank);
      int[] kept = a.shape.clone();
      for (int d : ax) {
        kept[d] = 1;
      }
      t = sumAxis(a.reshape(before, run, after), 1).reshape(kept);
    } else {
      // reduce one axis at a time, highest first, keeping dims so indices stay valid
      t = a;
      for (int i = ax.length - 1; i >= 0; i--) {
        t = sumAxis(t, ax[i]);
      }
    }
    if (!keepDims) {
      int[] kept = new int[rank - ax.length];
      int k = 0;
      for (int d = 0, j = 0; d < rank; d++) {
        if (j < ax.length && ax[j] == d) {
          j++;
        } else {
          kept[k++] = a.shape[d];
        }
      }
      t = t.reshape(kept);
    }
    return t;
  }

  /** Sum over one axis, keeping it with length 1. */
  private static Tensor sumAxis(Tensor a, int axis) {
    int[] shape = a.shape;
    int outer = Shapes.product(shape, 0, axis);
    int n = shape[axis];
    int inner = Shapes.product(shape, axis + 1, shape.length);
    float[] x = a.dense();
    int xo = a.denseOffset();
    float[] y = new float[outer * inner];
    for (int o = 0; o < outer; o++) {
      int base = xo + o * n * inner;
      int yb = o * inner;
      if (inner == 1) {
        y[yb] = Simd.sum(x, base, base + n);
      } else {
        for (int k = 0; k < n; k++) {
          Simd.addInPlace(y, yb, x, base + k * inner, inner);
        }
      }
    }
    int[] outShape = shape.clone();
    outShape[axis] = 1;
    return Tensor.record(new Tensor(y, outShape), "sum_axis", new Tensor[] {a}, g -> {
      float[] gx = new float[outer * n * inner];
      for (int o = 0; o < outer; o++) {
        if (inner == 1) {
          java.util.Arrays.fill(gx, o * n, (o + 1) * n, g[o]);
        } else {
          for (int k = 0; k < n; k++) {
            System.arraycopy(g, o * inner, gx, (o * n + k) * inner, inner);
          }
        }
      }
      a.accumulate(gx, true);
    });
  }

  static Tensor max(Tensor a, int axis, boolean keepDim) {
    int ax = Shapes.axis(axis, a.shape.length);
    int[] shape = a.shape;
    int outer = Shapes.product(shape, 0, ax);
    int n = shape[ax];
    int inner = Shapes.product(shape, ax + 1, shape.length);
    if (n == 0) {
      throw new IllegalArgumentException("max over an empty axis " + axis);
    }
    float[] x = a.dense();
    int xo = a.denseOffset();
    float[] y = new float[outer * inner];
    int[] arg = new int[outer * inner];
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int base = xo + o * n * inner + i;
        float best = x[base];
        int bestK = 0;
        for (int k = 1; k < n; k++) {
          float v = x[base + k * inner];
          if (v > best || (Float.isNaN(v) && !Float.isNaN(best))) {
            best = v;
            bestK = k;
          }
        }
        y[o * inner + i] = best;
        arg[o * inner + i] = bestK;
      }
    }
    Tensor out = new Tensor(y, reducedShape(shape, ax, keepDim));
    return Tensor.record(out, "max", new Tensor[] {a}, g -> {
      float[] gx = new float[a.size];
      for (int o = 0; o < outer; o++) {
        for (int i = 0; i < inner; i++) {
          int j = o * inner + i;
          gx[(o * n + arg[j]) * inner + i] = g[j];
        }
      }
      a.accumulate(gx, true);
    });
  }

  static Tensor logSumExp(Tensor a, int axis, boolean keepDim) {
    int ax = Shapes.axis(axis, a.shape.length);
    int[] shape = a.shape;
    int outer = Shapes.product(shape, 0, ax);
    int n = shape[ax];
    int inner = Shapes.product(shape, ax + 1, shape.length);
    float[] x = a.dense();
    int xo = a.denseOffset();
    float[] y = new float[outer * inner];
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int base = xo + o * n * inner + i;
        y[o * inner + i] = lse(x, base, inner, n);
      }
    }
    Tensor out = new Tensor(y, reducedShape(shape, ax, keepDim));
    return Tensor.record(out, "logsumexp", new Tensor[] {a}, g -> {
      // d lse / dx_k = softmax_k
      float[] gx = new float[a.size];
      for (int o = 0; o < outer; o++) {
        for (int i = 0; i < inner; i++) {
          int j = o * inner + i;
          float m = y[j];
          for (int k = 0; k < n; k++) {
            int p = (o * n + k) * inner + i;
            gx[p] = g[j] * FastMath.exp(x[xo + p] - m);
          }
        }
      }
      a.accumulate(gx, true);
    });
  }

  /** log sum_k exp(x[base + k * stride]), shifted by the maximum; -inf for an empty or all -inf set. */
  private static float lse(float[] x, int base, int stride, int n) {
    float m = Float.NEGATIVE_INFINITY;
    for (int k = 0; k < n; k++) {
      m = Math.max(m, x[base + k * stride]);
    }
    if (m == Float.NEGATIVE_INFINITY || Float.isNaN(m)) {
      return m;
    }
    if (m == Float.POSITIVE_INFINITY) {
      return m;
    }
    double s = 0;
    for (int k = 0; k < n; k++) {
      s += FastMath.exp(x[base + k * stride] - m);
    }
    return m + (float) Math.log(s);
  }

  static Tensor softmax(Tensor a, int axis, boolean log) {
    int ax = Shapes.axis(axis, a.shape.length);
    int[] shape = a.shape;
    int outer = Shapes.product(shape, 0, ax);
    int n = shape[ax];
    int inner = Shapes.product(shape, ax + 1, shape.length);
    float[] x = a.dense();
    int xo = a.denseOffset();
    float[] y = Buffers.take(a.size);
    if (inner == 1) {
      softmaxRows(x, xo, y, outer, n, log);
    } else {
      softmaxStrided(x, xo, y, outer, n, inner, log);
    }
    Tensor out = new Tensor(y, shape.clone());
    return Tensor.record(out, log ? "log_softmax" : "softmax", new Tensor[] {a}, g -> {
      float[] gx = Buffers.take(a.size);
      if (log && inner == 1) {
        // y = x - lse: dx = g - softmax * sum(g), softmax = e^y with y <= 0
        Simd.expNonPositive(y, 0, gx, 0, y.length);
        for (int o = 0; o < outer; o++) {
          int base = o * n;
          float sg = 0f;
          for (int k = 0; k < n; k++) {
            sg += g[base + k];
          }
          for (int k = 0; k < n; k++) {
            gx[base + k] = g[base + k] - gx[base + k] * sg;
          }
        }
        a.accumulate(gx, true);
        return;
      }
      for (int o = 0; o < outer; o++) {
        for (int i = 0; i < inner; i++) {
          int base = o * n * inner + i;
          if (log) {
            float sg = 0f;
            for (int k = 0; k < n; k++) {
              sg += g[base + k * inner];
            }
            for (int k = 0; k < n; k++) {
              int p = base + k * inner;
              gx[p] = g[p] - FastMath.exp(y[p]) * sg;
            }
          } else {
            // y = softmax: dx = y * (g - sum(g * y))
            float sgy = 0f;
            for (int k = 0; k < n; k++) {
              int p = base + k * inner;
              sgy += g[p] * y[p];
            }
            for (int k = 0; k < n; k++) {
              int p = base + k * inner;
              gx[p] = y[p] * (g[p] - sgy);
            }
          }
        }
      }
      a.accumulate(gx, true);
    });
  }

  /**
   * Softmax or log-softmax over contiguous rows of n. Each row is shifted by its maximum first:
   * x - m is exact near the top, so small probabilities and log-probabilities keep their precision
   * even when |x| is large; the exponentials of all rows then run in one vector pass.
   */
  private static void softmaxRows(float[] x, int xo, float[] y, int rows, int n, boolean log) {
    float[] maxima = new float[rows];
    for (int o = 0; o < rows; o++) {
      int base = o * n;
      float m = Float.NEGATIVE_INFINITY;
      for (int k = 0; k < n; k++) {
        m = Math.max(m, x[xo + base + k]);
      }
      maxima[o] = m;
      for (int k = 0; k < n; k++) {
        y[base + k] = x[xo + base + k] - m;
      }
    }
    float[] e = log ? Buffers.take(y.length) : y;
    Simd.expNonPositive(y, 0, e, 0, y.length);
    for (int o = 0; o < rows; o++) {
      int base = o * n;
      double s = 0;
      for (int k = 0; k < n; k++) {
        s += e[base + k];
      }
      if (log) {
        float logS = (float) Math.log(s);
        for (int k = 0; k < n; k++) {
          y[base + k] -= logS;
        }
      } else {
        for (int k = 0; k < n; k++) {
          y[base + k] = (float) (e[base + k] / s);
        }
      }
    }
  }

  /** Softmax or log-softmax over an axis of stride {@code inner}, shifted by the maximum likewise. */
  private static void softmaxStrided(float[] x, int xo, float[] y, int outer, int n, int inner, boolean log) {
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int base = o * n * inner + i;
        float m = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) {
          m = Math.max(m, x[xo + base + k * inner]);
        }
        double s = 0;
        for (int k = 0; k < n; k++) {
          int p = base + k * inner;
          float v = x[xo + p] - m;
          y[p] = v;
          s += v < -87f ? 0f : FastMath.exp(v);
        }
        float logS = (float) Math.log(s);
        for (int k = 0; k < n; k++) {
          int p = base + k * inner;
          float v = y[p];
          y[p] = log ? v - logS : (float) ((v < -87f ? 0f : FastMath.exp(v)) / s);
        }
      }
    }
  }

  static int[] argmaxLastAxis(Tensor a) {
    if (a.shape.length == 0) {
      return new int[] {0};
    }
    int n = a.shape[a.shape.length - 1];
    int rows = n == 0 ? 0 : a.size / n;
    float[] x = a.dense();
    int xo = a.denseOffset();
    int[] out = new int[rows];
    for (int r = 0; r < rows; r++) {
      int best = 0;
      for (int k = 1; k < n; k++) {
        if (x[xo + r * n + k] > x[xo + r * n + best]) {
          best = k;
        }
      }
      out[r] = best;
    }
    return out;
  }

  private static int[] reducedShape(int[] shape, int axis, boolean keepDim) {
    if (keepDim) {
      int[] s = shape.clone();
      s[axis] = 1;
      return s;
    }
    int[] s = new int[shape.length - 1];
    for (int i = 0, k = 0; i < shape.length; i++) {
      if (i != axis) {
        s[k++] = shape[i];
      }
    }
    return s;
  }
}
