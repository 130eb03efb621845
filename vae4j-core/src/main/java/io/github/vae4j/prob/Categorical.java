package io.github.vae4j.prob;

import io.github.vae4j.tensor.GradMode;
import io.github.vae4j.tensor.Tensor;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Categorical distributions over the last axis, parameterized by logits: p = softmax(logits) over
 * the K categories, for categorical columns of tabular data. Values are one-hot vectors.
 *
 * <p>log p(x) is given per category as x * logSoftmax(logits), so that it keeps the parameters'
 * shape like every other distribution here: summing it over the last axis gives log p of the
 * category x picks, and {@link #logProbSum} gives log p of a whole sample. For a soft x (class
 * probabilities) the same sum is the negative cross-entropy.
 *
 * <p>Shapes: logits [batch, dims..., K] (rank at least 2); x, logProb(x), mean, variance, sample,
 * klDivergence [batch, dims..., K]; logProbSum(x) [batch].
 *
 * <p>Numerical notes: logSoftmax is computed by the engine with the max subtracted, so any finite
 * logits give finite log probabilities. There is no reparameterized sample (the Gumbel-softmax is
 * a relaxation, not a sample of this distribution).
 */
public final class Categorical implements Distribution {

  private final Tensor logits;

  /** Categorical(softmax(logits)) over the last axis, logits [batch, dims..., K]. */
  public Categorical(Tensor logits) {
    Checks.parameter("Categorical", "logits", logits);
    if (logits.rank() < 2) {
      throw new IllegalArgumentException("Categorical logits need shape [batch, dims..., categories] of rank >= 2, got "
          + Arrays.toString(logits.shape()));
    }
    this.logits = logits;
  }

  @Override
  public int[] shape() {
    return logits.shape();
  }

  public Tensor logits() {
    return logits;
  }

  /** The number of categories K, the last axis. */
  public int categories() {
    return logits.dim(-1);
  }

  /** softmax(logits) over the last axis. */
  public Tensor probabilities() {
    return logits.softmax(-1);
  }

  /** logSoftmax(logits) over the last axis. */
  public Tensor logProbabilities() {
    return logits.logSoftmax(-1);
  }

  /** The expected one-hot vector, softmax(logits). */
  @Override
  public Tensor mean() {
    return probabilities();
  }

  /** p (1 - p) per category, the variance of each one-hot component. */
  @Override
  public Tensor variance() {
    Tensor p = probabilities();
    return p.mul(p.neg().add(1f));
  }

  @Override
  public boolean hasRsample() {
    return false;
  }

  /** One-hot draws: for each row of K logits, category k with probability softmax(logits)_k. */
  @Override
  public Tensor sample(RandomGenerator random) {
    Checks.random("Categorical.sample", random);
    float[] p;
    try (GradMode _ = GradMode.noGrad()) {
      p = probabilities().toArray();
    }
    int k = categories();
    float[] x = new float[p.length];
    for (int row = 0; row < p.length; row += k) {
      double u = random.nextDouble();
      double cumulative = 0;
      int chosen = k - 1;
      for (int c = 0; c < k; c++) {
        cumulative += p[row + c];
        if (u < cumulative) {
          chosen = c;
          break;
        }
      }
      x[row + chosen] = 1f;
    }
    return Tensor.wrap(x, logits.shape());
  }

  /** x * logSoftmax(logits), per category; x one-hot (or class probabilities) over the last axis. */
  @Override
  public Tensor logProb(Tensor x) {
    Checks.matches("Categorical", "logProb", logits.shape(), x);
    return x.mul(logProbabilities());
  }

  /**
   * KL(this || other) per category, p (log p - log q); summed over the last axis it is the KL of
   * each categorical variable.
   */
  public Tensor klDivergence(Categorical other) {
    if (other == null) {
      throw new IllegalArgumentException("Categorical.klDivergence needs another Categorical, got null");
    }
    Checks.matches("Categorical", "klDivergence", logits.shape(), other.logits);
    return probabilities().mul(logProbabilities().sub(other.logProbabilities()));
  }
}
