package io.github.vae4j.eval;

import io.github.vae4j.model.VariationalAutoencoder;
import io.github.vae4j.objective.ElboParts;
import io.github.vae4j.prior.GaussianMixtures;
import io.github.vae4j.prob.Distribution;
import io.github.vae4j.prob.Normal;
import io.github.vae4j.tensor.GradMode;
import io.github.vae4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The negative ELBO of a model on a set of examples, per example and with its standard error,
 * split into reconstruction (-E_q log p(x|z), one sample) and KL(q(z|x) ‖ p(z)) (closed-form where
 * the prior has one, else Monte Carlo at the same sample) from the objectives' own
 * {@link ElboParts}, and the diagnostics of posterior collapse:
 *
 * <ul>
 *   <li>the KL of each latent dimension averaged over examples (closed-form priors only);
 *   <li>the variance over the examples of each dimension's posterior mean, and the active units,
 *       dimensions whose variance exceeds 0.01 (Burda et al. 2015, Section 5.2);
 *   <li>the mutual information I(x; z) under q and the KL between the aggregate posterior q(z) and
 *       the prior, which together make up the average KL (Hoffman and Johnson 2016, ELBO surgery):
 *       with z_i ~ q(z|x_i) and q(z) the mixture of the posteriors of up to
 *       {@value #AGGREGATE_EXAMPLES} of the examples, I ≈ mean_i [log q(z_i|x_i) - log q(z_i)] and
 *       KL(q(z) ‖ p(z)) ≈ mean_i [log q(z_i) - log p(z_i)], the estimator of He et al. 2019
 *       (Lagging Inference Networks, arXiv:1901.05534), bounded above by log of the number of examples.
 * </ul>
 */
public final class Evaluation {

  private static final int BATCH = 1000;
  /** How many examples' posteriors make up the aggregate posterior of the mutual information. */
  static final int AGGREGATE_EXAMPLES = 1000;
  /** Burda et al.'s threshold on the variance of a posterior mean. */
  public static final double ACTIVE_UNIT_VARIANCE = 0.01;

  /**
   * Negative ELBO and its parts, in nats per example; KL per latent dimension (empty without a
   * closed form); the variance of each dimension's posterior mean; I(x; z) and KL(q(z) ‖ p(z)).
   */
  public record ElboReport(Estimate negativeElbo, double reconstruction, double kl, List<Double> klPerDimension,
      List<Double> posteriorMeanVariance, double mutualInformation, double aggregateKl) {

    public ElboReport {
      klPerDimension = List.copyOf(klPerDimension);
      posteriorMeanVariance = List.copyOf(posteriorMeanVariance);
    }

    /** Dimensions whose posterior mean varies over the data by more than 0.01 (Burda et al.). */
    public int activeUnits() {
      return (int) posteriorMeanVariance.stream().filter(v -> v > ACTIVE_UNIT_VARIANCE).count();
    }
  }

  private Evaluation() {
  }

  /** Evaluates {@code count} examples stored row-major in {@code values}. */
  public static ElboReport negativeElbo(VariationalAutoencoder model, float[] values, int count,
      RandomGenerator random) {
    int features = model.features();
    if ((long) count * features != values.length || count < 1) {
      throw new IllegalArgumentException("expected " + count + " examples of " + features + " values, got "
          + values.length + " values");
    }
    int d = model.latentDim();
    Estimate.Accumulator acc = new Estimate.Accumulator();
    double rec = 0;
    double kl = 0;
    double[] klDims = new double[d];
    boolean closedForm = true;
    double[] meanSum = new double[d];
    double[] meanSquares = new double[d];
    int aggregate = Math.min(count, AGGREGATE_EXAMPLES);
    float[] aggregateMeans = new float[aggregate * d];
    float[] aggregateLogVariances = new float[aggregate * d];
    float[] aggregateCodes = new float[aggregate * d];
    double[] aggregateLogQ = new double[aggregate];
    boolean gaussian = true;
    try (GradMode _ = GradMode.noGrad()) {
      for (int start = 0; start < count; start += BATCH) {
        int b = Math.min(BATCH, count - start);
        float[] x = new float[b * features];
        System.arraycopy(values, start * features, x, 0, x.length);
        Tensor input = Tensor.wrap(x, model.batchShape(b));
        ElboParts parts = ElboParts.of(model, input, 1, random);
        Distribution q = parts.posterior();
        Tensor z = parts.firstSample();
        float[] logPx = parts.logLikelihoodSum().toArray();
        float[] klElements = parts.klPerDimension() == null ? null : parts.klPerDimension().toArray();
        float[] logQ = q.logProbSum(z).toArray();
        float[] monteCarlo = klElements != null ? null : parts.klPerExample().toArray();
        closedForm &= klElements != null;
        float[] means = q.mean().toArray();
        for (int i = 0; i < b; i++) {
          double klI = 0;
          if (klElements != null) {
            for (int j = 0; j < d; j++) {
              klI += klElements[i * d + j];
              klDims[j] += klElements[i * d + j];
            }
          } else {
            klI = monteCarlo[i];
          }
          for (int j = 0; j < d; j++) {
            double m = means[i * d + j];
            meanSum[j] += m;
            meanSquares[j] += m * m;
          }
          rec -= logPx[i];
          kl += klI;
          acc.add(-logPx[i] + klI);
        }
        if (start < aggregate) {
          int n = Math.min(b, aggregate - start);
          System.arraycopy(means, 0, aggregateMeans, start * d, n * d);
          System.arraycopy(z.toArray(), 0, aggregateCodes, start * d, n * d);
          if (q instanceof Normal normal) {
            System.arraycopy(normal.logVariance().toArray(), 0, aggregateLogVariances, start * d, n * d);
          } else {
            gaussian = false;
          }
          for (int i = 0; i < n; i++) {
            aggregateLogQ[start + i] = logQ[i];
          }
        }
      }
    }
    List<Double> perDimension = new ArrayList<>();
    List<Double> variance = new ArrayList<>();
    for (int j = 0; j < d; j++) {
      if (closedForm) {
        perDimension.add(klDims[j] / count);
      }
      double mean = meanSum[j] / count;
      variance.add(Math.max(0, meanSquares[j] / count - mean * mean));
    }
    double mutualInformation = Double.NaN;
    double aggregateKl = Double.NaN;
    if (gaussian) {
      try (GradMode _ = GradMode.noGrad()) {
        Tensor codes = Tensor.wrap(aggregateCodes, aggregate, d);
        float[] logAggregate = GaussianMixtures.logProb(codes, Tensor.wrap(aggregateMeans, aggregate, d),
            Tensor.wrap(aggregateLogVariances, aggregate, d), Tensor.full((float) -Math.log(aggregate), aggregate))
            .toArray();
        float[] logPrior = model.prior().logProb(codes).toArray();
        double mi = 0;
        double gap = 0;
        for (int i = 0; i < aggregate; i++) {
          mi += aggregateLogQ[i] - logAggregate[i];
          gap += logAggregate[i] - logPrior[i];
        }
        mutualInformation = mi / aggregate;
        aggregateKl = gap / aggregate;
      }
    }
    return new ElboReport(acc.result(), rec / count, kl / count, perDimension, variance, mutualInformation,
        aggregateKl);
  }
}
