package io.github.vae4j.eval;

/**
 * A mean over examples with its standard error (sample standard deviation / sqrt(n)), in nats per
 * example unless said otherwise.
 */
public record Estimate(double mean, double standardError, int examples) {

  /** Accumulates per-example values (Welford's algorithm, stable for long runs). */
  public static final class Accumulator {
    private long n;
    private double mean;
    private double m2;

    public void add(double value) {
      n++;
      double delta = value - mean;
      mean += delta / n;
      m2 += delta * (value - mean);
    }

    public Estimate result() {
      double se = n > 1 ? Math.sqrt(m2 / (n - 1) / n) : Double.NaN;
      return new Estimate(mean, se, (int) n);
    }
  }
}
