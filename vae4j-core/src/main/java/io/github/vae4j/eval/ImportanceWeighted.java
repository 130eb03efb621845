package io.github.vae4j.eval;

import io.github.vae4j.model.Vae;
import io.github.vae4j.prob.Normal;
import io.github.vae4j.tensor.Buffers;
import io.github.vae4j.tensor.GradMode;
import io.github.vae4j.tensor.Tensor;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The importance-weighted estimate of log p(x) with K samples from the encoder:
 *
 * <pre>
 *   L_K(x) = log (1/K) Σ_k p(x, z_k) / q(z_k | x),   z_k ~ q(z|x)
 * </pre>
 *
 * a lower bound on log p(x) that tightens as K grows (L_1 is the ELBO, L_K → log p(x)). The
 * negative of L_5000 is the honest test likelihood reported by the IWAE paper.
 *
 * <p>Batched: for a batch of B examples, chunks of c samples are decoded as one [c * B] batch;
 * the log-weights are combined per example with a log-sum-exp in double precision. With a
 * splittable generator each example draws from its own stream, so its estimate does not depend on
 * the batching (which follows K) or on the other examples.
 *
 * <p>Burda, Grosse and Salakhutdinov, Importance Weighted Autoencoders, arXiv:1509.00519, eq. (8).
 */
public final class ImportanceWeighted {

  private static final double LOG_2PI = Math.log(2 * Math.PI);
  /** Rows decoded at once; bounds memory at rows x features floats. */
  private static final int ROWS = 4096;

  private ImportanceWeighted() {
  }

  /**
   * Estimates -L_K per example over {@code count} examples stored row-major in {@code values},
   * returning the mean negative log-likelihood (nats per example) and its standard error.
   */
  public static Estimate negativeLogLikelihood(Vae model, float[] values, int count, int samples,
      RandomGenerator random) {
    if (samples < 1) {
      throw new IllegalArgumentException("samples (K) must be >= 1, got " + samples);
    }
    int features = model.config().features();
    if ((long) count * features != values.length) {
      throw new IllegalArgumentException("expected " + count + " examples of " + features + " values, got "
          + values.length + " values");
    }
    Estimate.Accumulator acc = new Estimate.Accumulator();
    RandomGenerator[] streams = streams(random, count);
    Scratch scratch = new Scratch();
    int batch = Math.max(1, Math.min(count, ROWS / Math.min(samples, ROWS)));
    try (GradMode _ = GradMode.noGrad()) {
      for (int start = 0; start < count; start += batch) {
        int b = Math.min(batch, count - start);
        float[] x = new float[b * features];
        System.arraycopy(values, start * features, x, 0, x.length);
        for (double v : logLikelihood(model, x, b, samples, Arrays.copyOfRange(streams, start, start + b), scratch)) {
          acc.add(-v);
        }
      }
    }
    return acc.result();
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
  static double[] logLikelihood(Vae model, float[] x, int b, int samples, RandomGenerator random) {
    return logLikelihood(model, x, b, samples, streams(random, b));
  }

  /** L_K for each of b examples in x (row-major [b, features]), example i drawing from streams[i]. */
  static double[] logLikelihood(Vae model, float[] x, int b, int samples, RandomGenerator[] streams) {
    return logLikelihood(model, x, b, samples, streams, new Scratch());
  }

  /**
   * The latent samples and the repeated inputs of one chunk, kept from one batch of examples to the
   * next: at K = 200 a new pair per batch was 12 MB of garbage 500 times over, and the collector,
   * running every few tens of milliseconds, promoted it into the old generation.
   */
  private static final class Scratch {
    // by length: a run uses two or three sizes (full chunks, the last chunk of an example's
    // samples, the last batch), which alternate when one example takes several chunks
    private final Map<Integer, float[]> z = new HashMap<>();
    private final Map<Integer, float[]> repeated = new HashMap<>();

    float[] z(int length) {
      return z.computeIfAbsent(length, float[]::new);
    }

    float[] repeated(int length) {
      return repeated.computeIfAbsent(length, float[]::new);
    }
  }

  private static double[] logLikelihood(Vae model, float[] x, int b, int samples, RandomGenerator[] streams,
      Scratch scratch) {
    int features = model.config().features();
    int latent = model.latentDim();
    Normal q = model.encode(Tensor.wrap(x, model.batchShape(b)));
    float[] mean = q.mean().toArray();
    float[] logVar = q.logVariance().toArray();
    double[][] logWeights = new double[b][samples];
    int chunk = Math.max(1, Math.min(samples, ROWS / b));
    float[] z = null;
    float[] xr = null;
    for (int s0 = 0; s0 < samples; s0 += chunk) {
      int c = Math.min(chunk, samples - s0);
      int rows = c * b;
      if (z == null || z.length != rows * latent) {
        // c copies of x, the same for every full chunk
        z = scratch.z(rows * latent);
        xr = scratch.repeated(rows * features);
        for (int k = 0; k < c; k++) {
          System.arraycopy(x, 0, xr, k * b * features, b * features);
        }
      }
      double[] logPriorMinusPosterior = new double[rows];
      for (int r = 0; r < rows; r++) {
        int i = r % b;
        double lp = 0;
        for (int j = 0; j < latent; j++) {
          double eps = streams[i].nextGaussian();
          double lv = logVar[i * latent + j];
          double zj = mean[i * latent + j] + Math.exp(0.5 * lv) * eps;
          z[r * latent + j] = (float) zj;
          // log N(z; 0, 1) - log N(z; μ, σ²) = -½ z² + ½ (ε² + log σ²)
          lp += -0.5 * zj * zj + 0.5 * (eps * eps + lv);
        }
        logPriorMinusPosterior[r] = lp;
      }
      float[] logPx;
      // the decoder's arrays are reused chunk after chunk (see Buffers); logPx is a copy
      try (Buffers.Scope _ = Buffers.scope()) {
        Tensor output = model.decoderOutput(Tensor.wrap(z, rows, latent));
        logPx = model.logLikelihood(output, Tensor.wrap(xr, model.batchShape(rows))).toArray();
      }
      for (int r = 0; r < rows; r++) {
        logWeights[r % b][s0 + r / b] = logPx[r] + logPriorMinusPosterior[r];
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
