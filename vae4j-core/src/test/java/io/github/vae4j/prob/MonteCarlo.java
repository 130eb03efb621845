package io.github.vae4j.prob;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vae4j.tensor.Tensor;
import java.util.function.DoubleUnaryOperator;

/**
 * Test helpers: parameters tiled over many rows, column averages with their standard errors in
 * double, an assertion within a number of standard errors, and Simpson's rule.
 */
final class MonteCarlo {

  /** The tolerance of Monte Carlo checks, in standard errors. */
  static final double STANDARD_ERRORS = 5;

  private MonteCarlo() {
  }

  /** [rows, values.length], every row a copy of {@code values}. */
  static Tensor tile(int rows, float... values) {
    float[] data = new float[rows * values.length];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(values, 0, data, r * values.length, values.length);
    }
    return Tensor.wrap(data, rows, values.length);
  }

  /** The average and standard error of one column of a row-major [rows, columns] array. */
  static Estimate column(float[] data, int columns, int column) {
    int rows = data.length / columns;
    double sum = 0;
    for (int r = 0; r < rows; r++) {
      sum += data[r * columns + column];
    }
    double mean = sum / rows;
    double squares = 0;
    for (int r = 0; r < rows; r++) {
      double d = data[r * columns + column] - mean;
      squares += d * d;
    }
    double variance = squares / (rows - 1);
    return new Estimate(mean, Math.sqrt(variance / rows), variance);
  }

  /** A Monte Carlo average, its standard error, and the sample variance of the draws. */
  record Estimate(double mean, double standardError, double variance) {

    /**
     * Asserts |mean - expected| within {@link #STANDARD_ERRORS} standard errors plus a float32
     * allowance of 1e-5 (1 + |expected|).
     */
    void assertMatches(String what, double expected) {
      double tolerance = STANDARD_ERRORS * standardError + 1e-5 * (1 + Math.abs(expected));
      assertTrue(Math.abs(mean - expected) <= tolerance, what + ": Monte Carlo " + mean + " +- "
          + standardError + " vs exact " + expected + " (tolerance " + tolerance + ")");
    }
  }

  /** Simpson's rule for f on [a, b] with an even number of intervals. */
  static double simpson(DoubleUnaryOperator f, double a, double b, int intervals) {
    int n = intervals % 2 == 0 ? intervals : intervals + 1;
    double h = (b - a) / n;
    double sum = f.applyAsDouble(a) + f.applyAsDouble(b);
    for (int i = 1; i < n; i++) {
      sum += (i % 2 == 1 ? 4 : 2) * f.applyAsDouble(a + i * h);
    }
    return sum * h / 3;
  }

  /** Simpson's rule for exp(logDensity) given at equally spaced points h apart (an odd count). */
  static double integrateExp(float[] logDensity, double h) {
    int n = logDensity.length - 1;
    if (n % 2 != 0) {
      throw new IllegalArgumentException("simpson needs an odd number of points, got " + logDensity.length);
    }
    double sum = Math.exp(logDensity[0]) + Math.exp(logDensity[n]);
    for (int i = 1; i < n; i++) {
      sum += (i % 2 == 1 ? 4.0 : 2.0) * Math.exp(logDensity[i]);
    }
    return sum * h / 3;
  }

  /** n + 1 equally spaced points from a to b as an [n + 1, 1] tensor. */
  static Tensor grid(double a, double b, int n) {
    float[] x = new float[n + 1];
    for (int i = 0; i <= n; i++) {
      x[i] = (float) (a + (b - a) * i / n);
    }
    return Tensor.wrap(x, n + 1, 1);
  }
}
