package io.github.vae4j.tensor.kernel;

/**
 * The plain-Java implementations of the {@link Simd} kernels: the reference the vector ones are
 * tested against, and the fallback where the Vector API is absent. Contracts are on {@link Simd}.
 */
final class ScalarKernels {

  private ScalarKernels() {
  }

  static boolean adam(float[] p, float[] g, float[] m, float[] v, int from, int to, Simd.AdamScalars s) {
    float nonFinite = 0f;
    for (int i = from; i < to; i++) {
      float theta = p[i] * s.shrink();
      float grad = g[i] + s.decay() * theta;
      float mi = flushTiny(m[i] + s.w() * (grad - m[i]));
      float vi = flushTiny(s.beta2() * v[i] + s.oneMinusBeta2() * grad * grad);
      m[i] = mi;
      v[i] = vi;
      float denom = (float) Math.sqrt(vi) / s.bc2Sqrt() + s.eps();
      float updated = theta - s.stepSize() * mi / denom;
      p[i] = updated;
      nonFinite += updated - updated;
    }
    return nonFinite == 0f;
  }

  /** 0 for |x| < 1e-30, else x. */
  static float flushTiny(float x) {
    return Math.abs(x) < 1e-30f ? 0f : x;
  }

  static void expNonPositive(float[] x, int xo, float[] y, int yo, int n) {
    for (int i = 0; i < n; i++) {
      float v = x[xo + i];
      y[yo + i] = v < -87f ? 0f : FastMath.exp(v);
    }
  }

  static void bceWithLogits(float[] x, int xo, float[] t, int to, float[] loss, float[] sigmoid, int from, int end) {
    for (int i = from; i < end; i++) {
      float v = x[xo + i];
      float e = FastMath.exp(-Math.abs(v));
      loss[i] = Math.max(v, 0f) - v * t[to + i] + FastMath.log1pUnit(e);
      if (sigmoid != null) {
        // 1 / (1 + e) for v >= 0, e / (1 + e) below
        sigmoid[i] = (v >= 0f ? 1f : e) / (1f + e);
      }
    }
  }

  static float bceWithLogitsSum(float[] x, int xo, float[] t, int to, float[] sigmoid, int from, int end) {
    float sum = 0f;
    for (int i = from; i < end; i++) {
      float v = x[xo + i];
      float e = FastMath.exp(-Math.abs(v));
      sum += Math.max(v, 0f) - v * t[to + i] + FastMath.log1pUnit(e);
      if (sigmoid != null) {
        sigmoid[i] = (v >= 0f ? 1f : e) / (1f + e);
      }
    }
    return sum;
  }

  static void relu(float[] x, int xo, float[] y, int from, int to) {
    for (int i = from; i < to; i++) {
      y[i] = Math.max(x[xo + i], 0f);
    }
  }

  static void reluBackward(float[] y, float[] g, float[] gx, int from, int to) {
    for (int i = from; i < to; i++) {
      float v = y[i];
      gx[i] = v > 0f ? g[i] : v == 0f ? 0f : Float.NaN;
    }
  }

  static void addInPlace(float[] acc, int ao, float[] g, int go, int n) {
    for (int i = 0; i < n; i++) {
      acc[ao + i] += g[go + i];
    }
  }

  static void scaledDifference(float scale, float[] a, float[] b, int bo, float[] out, int from, int to) {
    for (int i = from; i < to; i++) {
      out[i] = scale * (a[i] - b[bo + i]);
    }
  }

  static float sum(float[] x, int from, int to) {
    float s = 0f;
    for (int i = from; i < to; i++) {
      s += x[i];
    }
    return s;
  }

  static void unitBytes(byte[] src, int sOffset, float[] dst, int dOffset, int n) {
    for (int i = 0; i < n; i++) {
      dst[dOffset + i] = (src[sOffset + i] & 0xFF) / 255f;
    }
  }

  static boolean allFinite(float[] a, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!Float.isFinite(a[i])) {
        return false;
      }
    }
    return true;
  }
}
