package io.github.vae4j.tensor.kernel;

/**
 * Float transcendental functions for the hot elementwise kernels, accurate to a few float ulps and
 * several times faster than the double-precision {@link Math} calls they replace, because they
 * are short straight-line code the JIT inlines into the loop.
 *
 * <p>{@link #exp}: exp(x) = 2^n · e^r with n = round(x / ln 2) and |r| ≤ ln 2 / 2, e^r by its Taylor
 * series to degree 7 (truncation below 1e-8 relative), 2^n assembled in the exponent bits.
 * {@link #log1pUnit}: log(1 + e) for e in [0, 1] as 2 atanh(s), s = e / (2 + e) ≤ 1/3, by the odd
 * series to s^13 (truncation below 2e-8 absolute); s keeps full relative precision for tiny e.
 */
public final class FastMath {

  private static final float LOG2E = 1.44269504f;
  // ln 2 split in a high part exact in float and a low part, so x - n ln 2 stays exact (Cody and Waite)
  private static final float LN2_HI = 0.693145751953125f;
  private static final float LN2_LO = 1.428606765330187e-06f;

  private FastMath() {
  }

  /** e^x in float; 0 below -103, +infinity above 88.7, NaN for NaN. */
  public static float exp(float x) {
    if (!(x > -103f)) {
      return x != x ? x : 0f;
    }
    if (x > 88.72f) {
      return Float.POSITIVE_INFINITY;
    }
    float n = Math.round(x * LOG2E);
    float r = x - n * LN2_HI - n * LN2_LO;
    float p = 1f + r * (1f + r * (0.5f + r * (1f / 6 + r * (1f / 24 + r * (1f / 120 + r * (1f / 720
        + r * (1f / 5040)))))));
    int k = (int) n;
    // split 2^k in two factors so that k down to -149 (subnormal results) stays representable
    int k1 = k >> 1;
    return p * Float.intBitsToFloat((k1 + 127) << 23) * Float.intBitsToFloat((k - k1 + 127) << 23);
  }

  /** log(1 + e) for e in [0, 1]. */
  public static float log1pUnit(float e) {
    float s = e / (2f + e);
    float s2 = s * s;
    float series = 1f + s2 * (1f / 3 + s2 * (1f / 5 + s2 * (1f / 7 + s2 * (1f / 9 + s2 * (1f / 11
        + s2 * (1f / 13))))));
    return 2f * s * series;
  }

  /** log(1 + exp(x)) for any x, without overflow: max(x, 0) + log(1 + exp(-|x|)). */
  public static float softplus(float x) {
    return Math.max(x, 0f) + log1pUnit(exp(-Math.abs(x)));
  }

  /** 1 / (1 + exp(-x)), never overflowing. */
  public static float sigmoid(float x) {
    float e = exp(-Math.abs(x));
    float r = 1f / (1f + e);
    return x >= 0f ? r : e * r;
  }
}
