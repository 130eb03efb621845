package io.github.vae4j.eval;

import io.github.vae4j.model.VariationalAutoencoder;
import io.github.vae4j.prob.Distribution;
import io.github.vae4j.tensor.Buffers;
import io.github.vae4j.tensor.GradMode;
import io.github.vae4j.tensor.Tensor;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * The importance-weighted estimate of log p(x) with K samples from the encoder:
 *
 * <pre>
 *   L_K(x) = log (1/K) Σ_k p(x, z_k) / q(z_k | x),   z_k ~ q(z|x)
 * </pre>
 *
 * a lower bound on log p(x) that tightens as K grows (L_1 is the ELBO, L_K → log p(x)). The
 * negative of L_5000 is the honest test likelihood reported by the IWAE paper. The log weights
 * come from {@link VariationalAutoencoder#logWeights}, the one implementation of the bound, which
 * the IWAE objective trains on too.
 *
 * <p>Batched: for a batch of B examples, chunks of c samples are decoded as one [c * B] batch;
 * the log-weights are combined per example with a log-sum-exp in double precision. With a
 * splittable generator each example draws from its own stream, so its estimate does not depend on
 * the batching (which follows K) or on the other examples.
 *
 * <p>Burda, Grosse and Salakhutdinov, Importance Weighted Autoencoders, arXiv:1509.00519, eq. (8).
 */
public final class ImportanceWeighted {

  /** Rows decoded at once; bounds memory at rows x features floats. */
  private static final int ROWS = 4096;

  private ImportanceWeighted() {
  }

  /**
   * Estimates -L_K per example over {@code count} examples stored row-major in {@code values},
   * returning the mean negative log-likelihood (nats per example) and its standard error.
   */
  public static Estimate negativeLogLikelihood(VariationalAutoencoder model, float[] values, int count, int samples,
      RandomGenerator random) {
    Estimate.Accumulator acc = new Estimate.Accumulator();
    for (double v : logLikelihoods(model, values, count, samples, random)) {
      acc.add(-v);
    }
    return acc.result();
  }

  /** L_K of each of {@code count} examples stored row-major in {@code values}: [count]. */
  public static double[] logLikelihoods(VariationalAutoencoder model, float[] values, int count, int samples,
      RandomGenerator random) {
    if (samples < 1) {
      throw new IllegalArgumentException("samples (K) must be >= 1, got " + samples);
    }
    int features = model.features();
    if ((long) count * features != values.length) {
      throw new IllegalArgumentException("expected " + count + " examples of " + features + " values, got "
          + values.length + " values");
    }
    RandomGenerator[] streams = streams(random, count);
    double[] out = new double[count];
    int batch = Math.max(1, Math.min(count, ROWS / Math.min(samples, ROWS)));
    try (GradMode _ = GradMode.noGrad()) {
      for (int start = 0; start < count; start += batch) {
        int b = Math.min(batch, count - start);
        float[] x = Arrays.copyOfRange(values, start * features, (start + b) * features);
        double[] part = logLikelihood(model, x, b, samples, Arrays.copyOfRange(streams, start, start + b));
        System.arraycopy(part, 0, out, start, b);
      }
    }
    return out;
  }

  /**
   * One generator per example: with a splittable generator (the command line passes a
   * {@link java.util.SplittableRandom}), streams split off in example order, so that an example's
   * draws do not depend on how the examples are batched; with any other, that generator for all.
   */
  static RandomGenerator[] streams(RandomGenerator random, int count) {
    RandomGenerator[] out = new RandomGenerator[count];
    for (int i = 0; i < count; i++) {
      out[i] = random instanceof RandomGenerator.SplittableGenerator splittable ? splittable.split() : random;
    }
    return out;
  }

  /** L_K for each of b examples in x (row-major [b, features]), with {@link #streams} of {@code random}. */
  static double[] logLikelihood(VariationalAutoencoder model, float[] x, int b, int samples, RandomGenerator random) {
    return logLikelihood(model, x, b, samples, streams(random, b));
  }

  /** L_K for each of b examples in x (row-major [b, features]), example i drawing from streams[i]. */
  static double[] logLikelihood(VariationalAutoencoder model, float[] x, int b, int samples,
      RandomGenerator[] streams) {
    Tensor input = Tensor.wrap(x, model.batchShape(b));
    Distribution q = model.encode(input);
    double[][] logWeights = new double[b][samples];
    int chunk = Math.max(1, Math.min(samples, ROWS / b));
    for (int s0 = 0; s0 < samples; s0 += chunk) {
      int c = Math.min(chunk, samples - s0);
      float[] w;
      // the decoder's arrays are reused chunk after chunk (see Buffers); w is a copy
      try (Buffers.Scope _ = Buffers.scope()) {
        w = model.logWeights(q, input, c, false, new ExampleStreams(streams, model.latentDim())).toArray();
      }
      for (int r = 0; r < c * b; r++) {
        logWeights[r % b][s0 + r / b] = w[r];
      }
    }
    double[] out = new double[b];
    for (int i = 0; i < b; i++) {
      out[i] = logMeanExp(logWeights[i]);
    }
    return out;
  }

  static double logMeanExp(double[] v) {
    double m = Double.NEGATIVE_INFINITY;
    for (double x : v) {
      m = Math.max(m, x);
    }
    if (Double.isInfinite(m)) {
      return m;
    }
    double s = 0;
    for (double x : v) {
      s += Math.exp(x - m);
    }
    return m + Math.log(s / v.length);
  }
}
