package io.github.vae4j.prob;

import io.github.vae4j.tensor.GradMode;
import io.github.vae4j.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * Diagonal Gaussian N(mean, diag(exp(logVariance))): the posterior q(z|x), the prior p(z) and the
 * Gaussian decoders' p(x|z).
 *
 * <p>log p(x) = -(log(2 pi) + logVariance + (x - mean)^2 * exp(-logVariance)) / 2 per element.
 * rsample draws z = mean + exp(logVariance / 2) * eps with eps ~ N(0, I), so gradients reach both
 * parameters (the reparameterization trick).
 *
 * <p>Shapes: mean, logVariance [batch, dims...] (equal); logProb(x), rsample, klDivergence
 * [batch, dims...]; logProbSum(x) [batch].
 *
 * <p>Numerical notes: the log-variance parameterization keeps the variance positive without a
 * constraint, and logProb never divides by the variance (it multiplies by exp(-logVariance)). No
 * bound is applied here; the likelihoods that need one document it. The KL divergences are
 * written as (e^d - d - 1) / 2 + ... with d a log-variance difference, which is exactly 0 for
 * equal distributions and otherwise non-negative up to float rounding (about 1e-7).
 *
 * <p>Kingma and Welling, Auto-Encoding Variational Bayes, arXiv:1312.6114, Section 2.4 and
 * Appendix B.
 */
public final class Normal implements Distribution {

  private static final float LOG_TWO_PI = (float) Math.log(2 * Math.PI);

  private final Tensor mean;
  private final Tensor logVariance;

  /** N(mean, diag(exp(logVariance))), both [batch, dims...] of the same shape. */
  public Normal(Tensor mean, Tensor logVariance) {
    this.mean = Checks.parameter("Normal", "mean", mean);
    this.logVariance = Checks.parameter("Normal", "logVariance", logVariance);
    Checks.sameShape("Normal", "mean", mean, "logVariance", logVariance);
  }

  /** The standard normal N(0, I) of the given shape [batch, dims...], the usual prior p(z). */
  public static Normal standard(int... shape) {
    return new Normal(Tensor.zeros(shape), Tensor.zeros(shape));
  }

  @Override
  public int[] shape() {
    return mean.shape();
  }

  @Override
  public Tensor mean() {
    return mean;
  }

  public Tensor logVariance() {
    return logVariance;
  }

  /** exp(logVariance). */
  @Override
  public Tensor variance() {
    return logVariance.exp();
  }

  /** exp(logVariance / 2). */
  public Tensor standardDeviation() {
    return logVariance.mul(0.5f).exp();
  }

  @Override
  public boolean hasRsample() {
    return true;
  }

  @Override
  public Tensor sample(RandomGenerator random) {
    try (GradMode _ = GradMode.noGrad()) {
      return rsample(random);
    }
  }

  /** z = mean + exp(logVariance / 2) * eps, eps ~ N(0, I) drawn from {@code random}. */
  @Override
  public Tensor rsample(RandomGenerator random) {
    Checks.random("Normal.rsample", random);
    Tensor eps = Tensor.randn(random, mean.shape());
    return mean.add(standardDeviation().mul(eps));
  }

  @Override
  public Tensor logProb(Tensor x) {
    Checks.matches("Normal", "logProb", mean.shape(), x);
    Tensor mahalanobis = x.sub(mean).square().mul(logVariance.neg().exp());
    return mahalanobis.add(logVariance).add(LOG_TWO_PI).mul(-0.5f);
  }

  @Override
  public Normal repeat(int times) {
    if (times < 1) {
      throw new IllegalArgumentException("Normal.repeat needs times >= 1, got " + times);
    }
    if (times == 1) {
      return this;
    }
    Tensor[] means = new Tensor[times];
    Tensor[] logVariances = new Tensor[times];
    java.util.Arrays.fill(means, mean);
    java.util.Arrays.fill(logVariances, logVariance);
    return new Normal(Tensor.concat(0, means), Tensor.concat(0, logVariances));
  }

  @Override
  public Normal detach() {
    return new Normal(mean.detach(), logVariance.detach());
  }

  /**
   * KL(this || other) per element, in closed form:
   * (logVariance_o - logVariance_t + (exp(logVariance_t) + (mean_t - mean_o)^2) / exp(logVariance_o) - 1) / 2.
   * Shapes must be equal; sum with {@link Distribution#sumPerSample} for the KL per sample.
   */
  public Tensor klDivergence(Normal other) {
    if (other == null) {
      throw new IllegalArgumentException("Normal.klDivergence needs another Normal, got null");
    }
    Checks.matches("Normal", "klDivergence", mean.shape(), other.mean);
    Tensor d = logVariance.sub(other.logVariance);
    Tensor meanTerm = mean.sub(other.mean).square().mul(other.logVariance.neg().exp());
    return d.exp().sub(d).sub(1f).add(meanTerm).mul(0.5f);
  }

  /**
   * KL(this || N(0, I)) per element: -(1 + logVariance - mean^2 - exp(logVariance)) / 2, the
   * closed form of AEVB Appendix B. Shape [batch, dims...].
   */
  public Tensor klToStandardNormal() {
    return mean.square().add(logVariance.exp()).sub(logVariance).sub(1f).mul(0.5f);
  }
}
