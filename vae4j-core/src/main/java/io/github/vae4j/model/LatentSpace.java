package io.github.vae4j.model;

/**
 * Paths and grids through the latent space, as latent codes [count, latentDim] row-major:
 * linear and spherical interpolation, one-dimension traversals, and the 2-D manifold grid of
 * Kingma and Welling's Figure 4, spaced through the inverse Gaussian CDF so that each cell covers
 * equal prior mass.
 */
public final class LatentSpace {

  private LatentSpace() {
  }

  /** {@code steps} codes from a to b inclusive, on the straight line. */
  public static float[] linear(float[] a, float[] b, int steps) {
    checkPair(a, b, steps);
    int d = a.length;
    float[] out = new float[steps * d];
    for (int s = 0; s < steps; s++) {
      double t = steps == 1 ? 0 : (double) s / (steps - 1);
      for (int j = 0; j < d; j++) {
        out[s * d + j] = (float) ((1 - t) * a[j] + t * b[j]);
      }
    }
    return out;
  }

  /**
   * {@code steps} codes from a to b inclusive on the great circle (slerp), which keeps the norm
   * typical of Gaussian samples instead of shrinking through the middle as a straight line does.
   * Falls back to the straight line when a and b are (anti)parallel. White, Sampling Generative
   * Networks, arXiv:1609.04468.
   */
  public static float[] spherical(float[] a, float[] b, int steps) {
    checkPair(a, b, steps);
    int d = a.length;
    double na = norm(a);
    double nb = norm(b);
    double dot = 0;
    for (int j = 0; j < d; j++) {
      dot += a[j] * b[j];
    }
    double cos = na == 0 || nb == 0 ? 1 : Math.max(-1, Math.min(1, dot / (na * nb)));
    double omega = Math.acos(cos);
    double sin = Math.sin(omega);
    if (sin < 1e-6) {
      return linear(a, b, steps);
    }
    float[] out = new float[steps * d];
    for (int s = 0; s < steps; s++) {
      double t = steps == 1 ? 0 : (double) s / (steps - 1);
      double wa = Math.sin((1 - t) * omega) / sin;
      double wb = Math.sin(t * omega) / sin;
      for (int j = 0; j < d; j++) {
        out[s * d + j] = (float) (wa * a[j] + wb * b[j]);
      }
    }
    return out;
  }

  /**
   * For each latent dimension in turn, {@code steps} codes that move that dimension from -range
   * to +range and keep the others at {@code base}: [latentDim * steps, latentDim].
   */
  public static float[] traversal(float[] base, int steps, double range) {
    if (steps < 2) {
      throw new IllegalArgumentException("a traversal needs steps >= 2, got " + steps);
    }
    if (!(range > 0)) {
      throw new IllegalArgumentException("traversal range must be > 0, got " + range);
    }
    int d = base.length;
    float[] out = new float[d * steps * d];
    for (int dim = 0; dim < d; dim++) {
      for (int s = 0; s < steps; s++) {
        int row = dim * steps + s;
        System.arraycopy(base, 0, out, row * d, d);
        out[row * d + dim] = (float) (-range + 2 * range * s / (steps - 1));
      }
    }
    return out;
  }

  /**
   * The manifold grid: side x side codes of a 2-D latent space. As in Kingma and Welling's Figure
   * 4, linearly spaced points of the unit square are mapped through the inverse Gaussian CDF; the
   * points are cell centres, (i + 0.5) / side, which avoid the infinite ends. Row-major, with the
   * second coordinate decreasing down the rows so that up in the picture is up in z.
   */
  public static float[] manifoldGrid(int side) {
    if (side < 2) {
      throw new IllegalArgumentException("manifold side must be >= 2, got " + side);
    }
    float[] out = new float[side * side * 2];
    for (int r = 0; r < side; r++) {
      for (int c = 0; c < side; c++) {
        int i = r * side + c;
        out[i * 2] = (float) inverseNormalCdf((c + 0.5) / side);
        out[i * 2 + 1] = (float) inverseNormalCdf(1 - (r + 0.5) / side);
      }
    }
    return out;
  }

  /**
   * The standard normal quantile function, by Acklam's rational approximation (relative error
   * below 1.2e-9, ample for placing a picture grid).
   */
  public static double inverseNormalCdf(double p) {
    if (!(p > 0 && p < 1)) {
      throw new IllegalArgumentException("probability must be in (0, 1), got " + p);
    }
    double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
        1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
    double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
        6.680131188771972e+01, -1.328068155288572e+01};
    double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
        -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
    double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
        3.754408661907416e+00};
    double low = 0.02425;
    double x;
    if (p < low) {
      double q = Math.sqrt(-2 * Math.log(p));
      x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
          / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    } else if (p <= 1 - low) {
      double q = p - 0.5;
      double r = q * q;
      x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
          / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    } else {
      double q = Math.sqrt(-2 * Math.log(1 - p));
      x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
          / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    return x;
  }

  private static void checkPair(float[] a, float[] b, int steps) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("latent codes differ in length: " + a.length + " and " + b.length);
    }
    if (steps < 2) {
      throw new IllegalArgumentException("interpolation needs steps >= 2, got " + steps);
    }
  }

  private static double norm(float[] v) {
    double s = 0;
    for (float x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }
}
