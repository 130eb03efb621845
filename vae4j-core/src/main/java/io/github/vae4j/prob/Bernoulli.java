package io.github.vae4j.prob;

import io.github.vae4j.tensor.GradMode;
import io.github.vae4j.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * Bernoulli distributions parameterized by logits: p = sigmoid(logits), the usual decoder for
 * binary and binarized images.
 *
 * <p>log p(x) = x log p + (1 - x) log(1 - p) = -bce(logits, x). For x in [0, 1] that is not 0 or
 * 1 (grey pixels) this is still the familiar "binary cross-entropy" loss, but it is then not a
 * normalized density; {@link ContinuousBernoulli} is the one that is.
 *
 * <p>Shapes: logits [batch, dims...]; x, logProb(x), mean, sample [batch, dims...];
 * logProbSum(x) [batch].
 *
 * <p>Numerical notes: logProb uses the engine's binary cross-entropy with logits,
 * max(l, 0) - l x + log(1 + exp(-|l|)), which is finite for any finite logits (|logits| = 100
 * gives log p = -100, not -infinity). The KL divergence uses log-sigmoids for the same reason.
 * There is no reparameterized sample.
 */
public final class Bernoulli implements Distribution {

  private final Tensor logits;

  /** Bernoulli(sigmoid(logits)), logits [batch, dims...]. */
  public Bernoulli(Tensor logits) {
    this.logits = Checks.parameter("Bernoulli", "logits", logits);
  }

  @Override
  public int[] shape() {
    return logits.shape();
  }

  public Tensor logits() {
    return logits;
  }

  /** sigmoid(logits), the probability of a 1. */
  public Tensor probabilities() {
    return logits.sigmoid();
  }

  /** sigmoid(logits). */
  @Override
  public Tensor mean() {
    return logits.sigmoid();
  }

  /** p (1 - p) = sigmoid(logits) sigmoid(-logits). */
  @Override
  public Tensor variance() {
    return logits.sigmoid().mul(logits.neg().sigmoid());
  }

  @Override
  public boolean hasRsample() {
    return false;
  }

  /** 1 with probability sigmoid(logits), else 0, from one uniform draw per element. */
  @Override
  public Tensor sample(RandomGenerator random) {
    Checks.random("Bernoulli.sample", random);
    float[] p;
    try (GradMode _ = GradMode.noGrad()) {
      p = logits.sigmoid().toArray();
    }
    float[] x = new float[p.length];
    for (int i = 0; i < p.length; i++) {
      x[i] = random.nextFloat() < p[i] ? 1f : 0f;
    }
    return Tensor.wrap(x, logits.shape());
  }

  /** -bce(logits, x); valid for x in [0, 1]. */
  @Override
  public Tensor logProb(Tensor x) {
    Checks.matches("Bernoulli", "logProb", logits.shape(), x);
    return logits.binaryCrossEntropyWithLogits(x).neg();
  }

  /** -bce(logits, x) summed per sample, in one fused pass: [batch]. */
  @Override
  public Tensor logProbSum(Tensor x) {
    Checks.matches("Bernoulli", "logProbSum", logits.shape(), x);
    return logits.binaryCrossEntropyWithLogitsSum(x).neg();
  }

  /**
   * KL(this || other) per element: p (log p - log q) + (1 - p) (log(1 - p) - log(1 - q)), with
   * log p = logSigmoid(logits) and log(1 - p) = logSigmoid(-logits).
   */
  public Tensor klDivergence(Bernoulli other) {
    if (other == null) {
      throw new IllegalArgumentException("Bernoulli.klDivergence needs another Bernoulli, got null");
    }
    Checks.matches("Bernoulli", "klDivergence", logits.shape(), other.logits);
    Tensor one = logits.sigmoid().mul(logits.logSigmoid().sub(other.logits.logSigmoid()));
    Tensor zero = logits.neg().sigmoid().mul(logits.neg().logSigmoid().sub(other.logits.neg().logSigmoid()));
    return one.add(zero);
  }
}
