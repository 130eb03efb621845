package io.github.vae4j.sampler;

import io.github.vae4j.prior.GaussianMixtures;
import io.github.vae4j.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.SequencedMap;
import java.util.random.RandomGenerator;

/**
 * A mixture of K diagonal Gaussians fitted by expectation-maximization to latent codes (the
 * training set's posterior means: the aggregate posterior), to sample codes from where the data
 * is rather than from the prior, which leaves holes an encoder never fills (Ghosh et al. 2020,
 * From Variational to Deterministic Autoencoders, arXiv:1903.12436, Section 4.2; Pythae's
 * GaussianMixtureSampler).
 *
 * <p>EM runs in double precision from K distinct codes chosen at random as means and the codes'
 * overall variance, for at most {@value #MAX_ITERATIONS} iterations or until the mean
 * log-likelihood changes by less than 1e-6 nats. Variances are floored at {@value #MIN_VARIANCE}
 * so that a component on a few identical codes stays a density.
 *
 * <p>Shapes: means and logVariances [K, d], logWeights [K]; {@link #sample} gives [count, d].
 * Stored in a model file as the tensors "sampler.means", "sampler.logVariances" and
 * "sampler.logWeights".
 */
public final class GaussianMixtureSampler {

  static final int MAX_ITERATIONS = 200;
  static final double MIN_VARIANCE = 1e-6;

  private final float[] means;
  private final float[] logVariances;
  private final float[] logWeights;
  private final int components;
  private final int latentDim;

  /** A mixture from its parameters: means and logVariances row-major [K, d], normalized logWeights [K]. */
  public GaussianMixtureSampler(float[] means, float[] logVariances, float[] logWeights) {
    this.components = logWeights.length;
    if (components < 1 || means.length % components != 0 || means.length != logVariances.length
        || means.length == 0) {
      throw new IllegalArgumentException("a mixture needs means and log-variances of [K, d] and K weights, got "
          + means.length + ", " + logVariances.length + " and " + logWeights.length + " values");
    }
    for (float[] a : new float[][] {means, logVariances, logWeights}) {
      for (float v : a) {
        if (!Float.isFinite(v)) {
          throw new IllegalArgumentException("a mixture's parameters must be finite, got " + v);
        }
      }
    }
    this.latentDim = means.length / components;
    this.means = means.clone();
    this.logVariances = logVariances.clone();
    this.logWeights = logWeights.clone();
  }

  /** Fits K components to n codes of d dimensions, row-major in {@code codes}. */
  public static GaussianMixtureSampler fit(float[] codes, int n, int d, int components, RandomGenerator random) {
    if (components < 1 || n < components || (long) n * d != codes.length) {
      throw new IllegalArgumentException("fitting " + components + " components needs at least as many codes of " + d
          + " values, got " + codes.length + " values for " + n + " codes");
    }
    double[][] mu = new double[components][d];
    double[][] var = new double[components][d];
    double[] weight = new double[components];
    double[] overall = new double[d];
    double[] overallMean = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        overallMean[j] += codes[i * d + j] / (double) n;
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double diff = codes[i * d + j] - overallMean[j];
        overall[j] += diff * diff / n;
      }
    }
    int[] chosen = random.ints(0, n).distinct().limit(components).toArray();
    for (int c = 0; c < components; c++) {
      for (int j = 0; j < d; j++) {
        mu[c][j] = codes[chosen[c] * d + j];
        var[c][j] = Math.max(MIN_VARIANCE, overall[j]);
      }
      weight[c] = 1.0 / components;
    }
    double[] responsibility = new double[n * components];
    double previous = Double.NEGATIVE_INFINITY;
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      // E step: responsibilities and the log-likelihood, by log-sum-exp per code
      double logLikelihood = 0;
      double[] logTerm = new double[components];
      for (int i = 0; i < n; i++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < components; c++) {
          double s = Math.log(weight[c]);
          for (int j = 0; j < d; j++) {
            double diff = codes[i * d + j] - mu[c][j];
            s -= 0.5 * (Math.log(2 * Math.PI * var[c][j]) + diff * diff / var[c][j]);
          }
          logTerm[c] = s;
          max = Math.max(max, s);
        }
        double sum = 0;
        for (int c = 0; c < components; c++) {
          sum += Math.exp(logTerm[c] - max);
        }
        double logSum = max + Math.log(sum);
        logLikelihood += logSum;
        for (int c = 0; c < components; c++) {
          responsibility[i * components + c] = Math.exp(logTerm[c] - logSum);
        }
      }
      // M step
      for (int c = 0; c < components; c++) {
        double total = 0;
        double[] m = new double[d];
        for (int i = 0; i < n; i++) {
          double r = responsibility[i * components + c];
          total += r;
          for (int j = 0; j < d; j++) {
            m[j] += r * codes[i * d + j];
          }
        }
        if (total < 1e-12) {
          continue; // an empty component keeps its parameters
        }
        double[] v = new double[d];
        for (int j = 0; j < d; j++) {
          m[j] /= total;
        }
        for (int i = 0; i < n; i++) {
          double r = responsibility[i * components + c];
          for (int j = 0; j < d; j++) {
            double diff = codes[i * d + j] - m[j];
            v[j] += r * diff * diff;
          }
        }
        for (int j = 0; j < d; j++) {
          mu[c][j] = m[j];
          var[c][j] = Math.max(MIN_VARIANCE, v[j] / total);
        }
        weight[c] = total / n;
      }
      double mean = logLikelihood / n;
      if (Math.abs(mean - previous) < 1e-6) {
        break;
      }
      previous = mean;
    }
    float[] means = new float[components * d];
    float[] logVariances = new float[components * d];
    float[] logWeights = new float[components];
    double totalWeight = Arrays.stream(weight).sum();
    for (int c = 0; c < components; c++) {
      for (int j = 0; j < d; j++) {
        means[c * d + j] = (float) mu[c][j];
        logVariances[c * d + j] = (float) Math.log(var[c][j]);
      }
      logWeights[c] = (float) Math.log(weight[c] / totalWeight);
    }
    return new GaussianMixtureSampler(means, logVariances, logWeights);
  }

  public int components() {
    return components;
  }

  public int latentDim() {
    return latentDim;
  }

  /** count codes drawn from the mixture, [count, d]. */
  public Tensor sample(int count, RandomGenerator random) {
    return GaussianMixtures.sample(count, Tensor.of(means, components, latentDim),
        Tensor.of(logVariances, components, latentDim), Tensor.of(logWeights, components), random);
  }

  /** The mixture's log density of codes z [n, d]: [n]. */
  public Tensor logProb(Tensor z) {
    return GaussianMixtures.logProb(z, Tensor.of(means, components, latentDim),
        Tensor.of(logVariances, components, latentDim), Tensor.of(logWeights, components));
  }

  /** The parameters under the names a model file stores them. */
  public SequencedMap<String, Tensor> tensors() {
    SequencedMap<String, Tensor> out = new LinkedHashMap<>();
    out.put("sampler.means", Tensor.of(means, components, latentDim));
    out.put("sampler.logVariances", Tensor.of(logVariances, components, latentDim));
    out.put("sampler.logWeights", Tensor.of(logWeights, components));
    return out;
  }

  /** The spec this sampler answers to, "gmm:K". */
  @Override
  public String toString() {
    return "gmm:" + components;
  }
}
