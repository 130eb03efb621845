package io.github.vae4j.tensor.kernel;

/**
 * The plain-Java implementations of the {@link Simd} kernels: the reference the vector ones are
 * tested against, and the fallback where the Vector API is absent. Contracts are on {@link Simd}.
 */
final class ScalarKernels {

  private ScalarKernels() {
  }

  static void adam(float[] p, float[] g, float[] m, float[] v, int from, int to, Simd.AdamScalars s) {
    float shrink = s.shrink();
    float decay = s.decay();
    float w = s.w();
    float b2 = s.beta2();
    float oneMinusBeta2 = s.oneMinusBeta2();
    float bc2Sqrt = s.bc2Sqrt();
    float eps = s.eps();
    float stepSize = s.stepSize();
    for (int i = from; i < to; i++) {
      float theta = p[i] * shrink;
      float grad = g[i] + decay * theta;
      float mi = flushTiny(m[i] + w * (grad - m[i]));
      float vi = flushTiny(b2 * v[i] + oneMinusBeta2 * grad * grad);
      m[i] = mi;
      v[i] = vi;
      float denom = (float) Math.sqrt(vi) / bc2Sqrt + eps;
      p[i] = theta - stepSize * mi / denom;
    }
  }

  /** 0 for |x| < 1e-30, else x. */
  static float flushTiny(float x) {
    return Math.abs(x) < 1e-30f ? 0f : x;
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
}
