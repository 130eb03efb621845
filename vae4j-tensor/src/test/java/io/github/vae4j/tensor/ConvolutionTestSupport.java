package io.github.vae4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Oracles for {@link ConvolutionTest}: convolutions written as the nested loops of their
 * definitions (accumulated in double), their gradients written the same way, central finite
 * differences, and an element-by-element comparison.
 */
final class ConvolutionTestSupport {

  private ConvolutionTestSupport() {
  }

  /** A convolution's hyper-parameters; outputPadding is used by the transposed op only. */
  record Config(int n, int c, int h, int w, int o, int kh, int kw, int stride, int padding,
      int outputPadding, boolean bias) {

    static Config conv(int n, int c, int h, int w, int o, int kh, int kw, int stride, int padding,
        boolean bias) {
      return new Config(n, c, h, w, o, kh, kw, stride, padding, 0, bias);
    }

    static Config transposed(int n, int c, int h, int w, int o, int kh, int kw, int stride, int padding,
        int outputPadding, boolean bias) {
      return new Config(n, c, h, w, o, kh, kw, stride, padding, outputPadding, bias);
    }

    int convHeight() {
      return Math.floorDiv(h + 2 * padding - kh, stride) + 1;
    }

    int convWidth() {
      return Math.floorDiv(w + 2 * padding - kw, stride) + 1;
    }

    int transposedHeight() {
      return (h - 1) * stride - 2 * padding + kh + outputPadding;
    }

    int transposedWidth() {
      return (w - 1) * stride - 2 * padding + kw + outputPadding;
    }
  }

  /** Values uniform on [-1, 1). */
  static Tensor uniform(RandomGenerator random, int... shape) {
    return Tensor.uniform(random, -1f, 1f, shape);
  }

  // ---------------------------------------------------------------- conv2d by its definition

  /**
   * y[n, o, i, j] = b[o] + Σ_{c, u, v} w[o, c, u, v] · x[n, c, i·s − p + u, j·s − p + v]; returns
   * [n, o, h', w'] row-major.
   */
  static double[] conv2d(Config k, float[] x, float[] w, float[] b) {
    int oh = k.convHeight();
    int ow = k.convWidth();
    double[] y = new double[k.n * k.o * oh * ow];
    for (int n = 0; n < k.n; n++) {
      for (int o = 0; o < k.o; o++) {
        for (int i = 0; i < oh; i++) {
          for (int j = 0; j < ow; j++) {
            double s = b == null ? 0 : b[o];
            for (int c = 0; c < k.c; c++) {
              for (int u = 0; u < k.kh; u++) {
                for (int v = 0; v < k.kw; v++) {
                  int iy = i * k.stride - k.padding + u;
                  int ix = j * k.stride - k.padding + v;
                  if (iy >= 0 && iy < k.h && ix >= 0 && ix < k.w) {
                    s += (double) w[((o * k.c + c) * k.kh + u) * k.kw + v]
                        * x[((n * k.c + c) * k.h + iy) * k.w + ix];
                  }
                }
              }
            }
            y[((n * k.o + o) * oh + i) * ow + j] = s;
          }
        }
      }
    }
    return y;
  }

  /** {dx, dw, db} of Σ y · g for conv2d, each tap of the definition differentiated by hand. */
  static double[][] conv2dGradients(Config k, float[] x, float[] w, float[] g) {
    int oh = k.convHeight();
    int ow = k.convWidth();
    double[] dx = new double[x.length];
    double[] dw = new double[w.length];
    double[] db = new double[k.o];
    for (int n = 0; n < k.n; n++) {
      for (int o = 0; o < k.o; o++) {
        for (int i = 0; i < oh; i++) {
          for (int j = 0; j < ow; j++) {
            double gv = g[((n * k.o + o) * oh + i) * ow + j];
            db[o] += gv;
            for (int c = 0; c < k.c; c++) {
              for (int u = 0; u < k.kh; u++) {
                for (int v = 0; v < k.kw; v++) {
                  int iy = i * k.stride - k.padding + u;
                  int ix = j * k.stride - k.padding + v;
                  if (iy >= 0 && iy < k.h && ix >= 0 && ix < k.w) {
                    int wi = ((o * k.c + c) * k.kh + u) * k.kw + v;
                    int xi = ((n * k.c + c) * k.h + iy) * k.w + ix;
                    dx[xi] += w[wi] * gv;
                    dw[wi] += x[xi] * gv;
                  }
                }
              }
            }
          }
        }
      }
    }
    return new double[][] {dx, dw, db};
  }

  // ---------------------------------------------------------------- convTranspose2d by scattering

  /**
   * Every input pixel scatters its kernel: y[n, o, i·s − p + u, j·s − p + v] += w[c, o, u, v] ·
   * x[n, c, i, j] where that lands inside the output, then y[n, o] += b[o]; returns [n, o, h', w'].
   */
  static double[] convTranspose2d(Config k, float[] x, float[] w, float[] b) {
    int oh = k.transposedHeight();
    int ow = k.transposedWidth();
    double[] y = new double[k.n * k.o * oh * ow];
    for (int n = 0; n < k.n; n++) {
      for (int c = 0; c < k.c; c++) {
        for (int i = 0; i < k.h; i++) {
          for (int j = 0; j < k.w; j++) {
            double xv = x[((n * k.c + c) * k.h + i) * k.w + j];
            for (int o = 0; o < k.o; o++) {
              for (int u = 0; u < k.kh; u++) {
                for (int v = 0; v < k.kw; v++) {
                  int oy = i * k.stride - k.padding + u;
                  int ox = j * k.stride - k.padding + v;
                  if (oy >= 0 && oy < oh && ox >= 0 && ox < ow) {
                    y[((n * k.o + o) * oh + oy) * ow + ox] += w[((c * k.o + o) * k.kh + u) * k.kw + v] * xv;
                  }
                }
              }
            }
          }
        }
      }
    }
    if (b != null) {
      for (int n = 0; n < k.n; n++) {
        for (int o = 0; o < k.o; o++) {
          for (int p = 0; p < oh * ow; p++) {
            y[(n * k.o + o) * oh * ow + p] += b[o];
          }
        }
      }
    }
    return y;
  }

  /** {dx, dw, db} of Σ y · g for convTranspose2d, from the scatter loop differentiated by hand. */
  static double[][] convTranspose2dGradients(Config k, float[] x, float[] w, float[] g) {
    int oh = k.transposedHeight();
    int ow = k.transposedWidth();
    double[] dx = new double[x.length];
    double[] dw = new double[w.length];
    double[] db = new double[k.o];
    for (int n = 0; n < k.n; n++) {
      for (int c = 0; c < k.c; c++) {
        for (int i = 0; i < k.h; i++) {
          for (int j = 0; j < k.w; j++) {
            int xi = ((n * k.c + c) * k.h + i) * k.w + j;
            for (int o = 0; o < k.o; o++) {
              for (int u = 0; u < k.kh; u++) {
                for (int v = 0; v < k.kw; v++) {
                  int oy = i * k.stride - k.padding + u;
                  int ox = j * k.stride - k.padding + v;
                  if (oy >= 0 && oy < oh && ox >= 0 && ox < ow) {
                    int wi = ((c * k.o + o) * k.kh + u) * k.kw + v;
                    double gv = g[((n * k.o + o) * oh + oy) * ow + ox];
                    dx[xi] += w[wi] * gv;
                    dw[wi] += x[xi] * gv;
                  }
                }
              }
            }
          }
        }
      }
      for (int o = 0; o < k.o; o++) {
        for (int p = 0; p < oh * ow; p++) {
          db[o] += g[(n * k.o + o) * oh * ow + p];
        }
      }
    }
    return new double[][] {dx, dw, db};
  }

  // ---------------------------------------------------------------- finite differences

  /** Σ out · r in double. */
  static double weightedSum(Tensor out, float[] r) {
    float[] y = out.toArray();
    assertEquals(r.length, y.length, "weights for the loss must match the output");
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      s += (double) y[i] * r[i];
    }
    return s;
  }

  /**
   * Central differences of L = Σ forward() · r with respect to every element of {@code param}:
   * (L(θ + eps) − L(θ − eps)) / (2 eps), perturbing the parameter's own storage and restoring it.
   */
  static double[] numericalGradient(Supplier<Tensor> forward, Tensor param, float[] r, float eps) {
    float[] theta = param.array();
    double[] grad = new double[theta.length];
    try (GradMode _ = GradMode.noGrad()) {
      for (int i = 0; i < theta.length; i++) {
        float saved = theta[i];
        theta[i] = saved + eps;
        double plus = weightedSum(forward.get(), r);
        theta[i] = saved - eps;
        double minus = weightedSum(forward.get(), r);
        theta[i] = saved;
        // the step actually taken in float32, not the nominal 2 eps
        grad[i] = (plus - minus) / ((double) (saved + eps) - (double) (saved - eps));
      }
    }
    return grad;
  }

  // ---------------------------------------------------------------- comparison

  /**
   * The worst ratio, over elements, of |actual − expected| to its allowance rtol · max(|expected|,
   * floor); at most 1 means every element is within tolerance.
   */
  static double worstError(double[] expected, float[] actual, double rtol, double floor) {
    assertEquals(expected.length, actual.length, "lengths differ");
    double worst = 0;
    for (int i = 0; i < expected.length; i++) {
      double allowed = rtol * Math.max(Math.abs(expected[i]), floor);
      worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / allowed);
    }
    return worst;
  }

  /** Asserts {@code actual} matches {@code expected} element by element (see {@link #worstError}). */
  static void assertClose(double[] expected, float[] actual, double rtol, double floor, String what) {
    double worst = worstError(expected, actual, rtol, floor);
    if (!(worst <= 1)) {
      int at = 0;
      double atErr = -1;
      for (int i = 0; i < expected.length; i++) {
        double e = Math.abs(actual[i] - expected[i]) / (rtol * Math.max(Math.abs(expected[i]), floor));
        if (!(e <= atErr)) {
          at = i;
          atErr = e;
        }
      }
      throw new AssertionError(what + ": element " + at + " is " + actual[at] + ", expected " + expected[at]
          + " (rtol " + rtol + ", floor " + floor + ")");
    }
  }

  /** The largest |v|, to check that a gradient is not trivially zero. */
  static double maxAbs(double[] values) {
    double m = 0;
    for (double v : values) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  static float[] toFloat(double[] values) {
    float[] f = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      f[i] = (float) values[i];
    }
    return f;
  }

  static void assertShape(int[] expected, Tensor t) {
    assertTrue(Arrays.equals(expected, t.shape()),
        "expected shape " + Arrays.toString(expected) + ", got " + Arrays.toString(t.shape()));
  }
}
