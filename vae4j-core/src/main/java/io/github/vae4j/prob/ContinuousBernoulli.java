package io.github.vae4j.prob;

import io.github.vae4j.tensor.GradMode;
import io.github.vae4j.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * Continuous Bernoulli distributions on [0, 1] with logits eta, lambda = sigmoid(eta): the
 * normalized density behind the "binary cross-entropy" loss on grey-level pixels.
 *
 * <p>p(x) = C(lambda) lambda^x (1 - lambda)^(1 - x), so log p(x) = -bce(eta, x) + log C(lambda).
 * The normalizer C(lambda) = 2 atanh(1 - 2 lambda) / (1 - 2 lambda) simplifies on logits, since
 * 2 atanh(1 - 2 lambda) = -eta and 1 - 2 lambda = -tanh(eta / 2), to
 * <pre>
 *   log C = log(eta / tanh(eta / 2))                      (even in eta, log 2 at eta = 0)
 *   mean  = sigmoid(eta) / tanh(eta / 2) - 1 / eta        (= lambda / (2 lambda - 1) + 1 / (2 atanh(1 - 2 lambda)))
 *   var   = 1 / eta^2 - sigmoid(eta) sigmoid(-eta) / tanh(eta / 2)^2
 *   F^-1(u) = log(1 - u + u e^eta) / eta                  (the inverse CDF, used by rsample)
 * </pre>
 * The mean is not sigmoid(eta): for eta = 2 it is 0.657, where sigmoid gives 0.881.
 *
 * <p>Shapes: logits [batch, dims...]; x, logProb(x), logNormalizer, mean, variance, rsample
 * [batch, dims...]; logProbSum(x) [batch].
 *
 * <p>Numerical notes: each closed form is 0/0 at eta = 0 (lambda = 1/2) and loses precision,
 * mostly in its gradient, near it, so inside |eta| &lt; {@value #TAYLOR_CUT} (|lambda - 1/2| &lt;
 * 0.025) its Taylor series in eta is used instead: log C = log 2 + eta^2 / 12 - 7 eta^4 / 1440,
 * mean = 1/2 + eta / 12 - eta^3 / 720, and for the inverse CDF the cumulant series
 * u + k2 eta / 2 + k3 eta^2 / 6 + k4 eta^3 / 24 + k5 eta^4 / 120 of a Bernoulli(u). The variance
 * cancels worse and switches at |eta| &lt; {@value #VARIANCE_TAYLOR_CUT}:
 * 1/12 - eta^2 / 240 + eta^4 / 6048 - eta^6 / 172800. The dropped terms are below 4e-9 at the cuts
 * (checked against 40-digit arithmetic), under float32 resolution. PyTorch and the paper's code
 * cut at |lambda - 1/2| &lt; 0.001 and 0.01 in probability space, the same idea. The branch is chosen
 * by a constant mask, and the unused branch is fed safe values so neither its value nor its
 * gradient can be NaN. In the closed forms eta / tanh(eta / 2) is |eta| once tanh saturates, and
 * the inverse CDF is evaluated as (m + log(u e^(eta - m) + (1 - u) e^(-m))) / eta with
 * m = max(eta, 0), so nothing overflows for any finite logits.
 *
 * <p>Loaiza-Ganem and Cunningham, The continuous Bernoulli: fixing a pervasive error in
 * variational autoencoders, NeurIPS 2019, arXiv:1907.06845, Section 3 and Appendix.
 */
public final class ContinuousBernoulli implements Distribution {

  /** |eta| below which the normalizer, mean and inverse CDF use their Taylor series. */
  public static final float TAYLOR_CUT = 0.1f;

  /** |eta| below which the variance uses its Taylor series. */
  public static final float VARIANCE_TAYLOR_CUT = 0.5f;

  private static final float LOG_TWO = (float) Math.log(2);

  private final Tensor logits;

  /** ContinuousBernoulli(sigmoid(logits)), logits [batch, dims...]. */
  public ContinuousBernoulli(Tensor logits) {
    this.logits = Checks.parameter("ContinuousBernoulli", "logits", logits);
  }

  @Override
  public int[] shape() {
    return logits.shape();
  }

  public Tensor logits() {
    return logits;
  }

  /** lambda = sigmoid(logits), the shape parameter; not the mean. */
  public Tensor probabilities() {
    return logits.sigmoid();
  }

  /** log C(lambda) = log(eta / tanh(eta / 2)), with the Taylor branch near eta = 0. */
  public Tensor logNormalizer() {
    Tensor near = Select.absBelow(logits, TAYLOR_CUT);
    Tensor safe = Select.replace(near, TAYLOR_CUT, logits);
    Tensor exact = safe.div(safe.mul(0.5f).tanh()).log();
    Tensor t2 = logits.clamp(-TAYLOR_CUT, TAYLOR_CUT).square();
    Tensor taylor = t2.mul(-7f / 1440f).add(1f / 12f).mul(t2).add(LOG_TWO);
    return Select.where(near, taylor, exact);
  }

  /** sigmoid(eta) / tanh(eta / 2) - 1 / eta, with the Taylor branch near eta = 0. */
  @Override
  public Tensor mean() {
    Tensor near = Select.absBelow(logits, TAYLOR_CUT);
    Tensor safe = Select.replace(near, TAYLOR_CUT, logits);
    Tensor exact = safe.sigmoid().div(safe.mul(0.5f).tanh()).sub(safe.pow(-1f));
    Tensor t = logits.clamp(-TAYLOR_CUT, TAYLOR_CUT);
    Tensor taylor = t.square().mul(-1f / 720f).add(1f / 12f).mul(t).add(0.5f);
    return Select.where(near, taylor, exact);
  }

  /** 1 / eta^2 - sigmoid(eta) sigmoid(-eta) / tanh(eta / 2)^2, with the Taylor branch near 0. */
  @Override
  public Tensor variance() {
    Tensor near = Select.absBelow(logits, VARIANCE_TAYLOR_CUT);
    Tensor safe = Select.replace(near, VARIANCE_TAYLOR_CUT, logits);
    Tensor bernoulliVariance = safe.sigmoid().mul(safe.neg().sigmoid());
    Tensor exact = safe.pow(-2f).sub(bernoulliVariance.div(safe.mul(0.5f).tanh().square()));
    Tensor t2 = logits.clamp(-VARIANCE_TAYLOR_CUT, VARIANCE_TAYLOR_CUT).square();
    Tensor taylor = t2.mul(-1f / 172800f).add(1f / 6048f).mul(t2).sub(1f / 240f).mul(t2).add(1f / 12f);
    return Select.where(near, taylor, exact);
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

  /** F^-1(u) with u uniform on (0, 1); differentiable in the logits. */
  @Override
  public Tensor rsample(RandomGenerator random) {
    Checks.random("ContinuousBernoulli.rsample", random);
    float[] u = new float[logits.size()];
    for (int i = 0; i < u.length; i++) {
      float v;
      do {
        v = random.nextFloat();
      } while (v == 0f);
      u[i] = v;
    }
    return inverseCdf(u);
  }

  /** F^-1(u) = log(1 - u + u e^eta) / eta elementwise, for constants u in (0, 1) in row-major order. */
  Tensor inverseCdf(float[] u) {
    int[] shape = logits.shape();
    int n = u.length;
    float[] oneMinusU = new float[n];
    float[] k2Half = new float[n];
    float[] k3Sixth = new float[n];
    float[] k4Over24 = new float[n];
    float[] k5Over120 = new float[n];
    for (int i = 0; i < n; i++) {
      // cumulants of a Bernoulli(u): the series of log(1 - u + u e^eta) / eta around eta = 0
      float k2 = u[i] * (1f - u[i]);
      oneMinusU[i] = 1f - u[i];
      k2Half[i] = k2 / 2f;
      k3Sixth[i] = k2 * (1f - 2f * u[i]) / 6f;
      k4Over24[i] = k2 * (1f - 6f * k2) / 24f;
      k5Over120[i] = k2 * (1f - 2f * u[i]) * (1f - 12f * k2) / 120f;
    }
    Tensor uniform = Tensor.wrap(u, shape);
    Tensor near = Select.absBelow(logits, TAYLOR_CUT);
    Tensor safe = Select.replace(near, TAYLOR_CUT, logits);
    Tensor m = safe.relu();
    Tensor inner = uniform.mul(safe.sub(m).exp()).add(Tensor.wrap(oneMinusU, shape).mul(m.neg().exp()));
    Tensor exact = m.add(inner.log()).div(safe);
    Tensor t = logits.clamp(-TAYLOR_CUT, TAYLOR_CUT);
    Tensor taylor = t.mul(Tensor.wrap(k5Over120, shape)).add(Tensor.wrap(k4Over24, shape)).mul(t)
        .add(Tensor.wrap(k3Sixth, shape)).mul(t)
        .add(Tensor.wrap(k2Half, shape)).mul(t).add(uniform);
    return Select.where(near, taylor, exact);
  }

  /** -bce(eta, x) + log C(lambda); x in [0, 1]. */
  @Override
  public Tensor logProb(Tensor x) {
    Checks.matches("ContinuousBernoulli", "logProb", logits.shape(), x);
    return logits.binaryCrossEntropyWithLogits(x).neg().add(logNormalizer());
  }

  /**
   * KL(this || other) per element, in closed form: since log p(x) = x eta + log(1 - lambda) + log C,
   * KL = mean_t (eta_t - eta_o) + log(1 - lambda_t) + log C_t - log(1 - lambda_o) - log C_o, with
   * log(1 - lambda) = logSigmoid(-eta).
   */
  public Tensor klDivergence(ContinuousBernoulli other) {
    if (other == null) {
      throw new IllegalArgumentException("ContinuousBernoulli.klDivergence needs another ContinuousBernoulli, got null");
    }
    Checks.matches("ContinuousBernoulli", "klDivergence", logits.shape(), other.logits);
    Tensor cross = mean().mul(logits.sub(other.logits));
    Tensor self = logits.neg().logSigmoid().add(logNormalizer());
    Tensor theirs = other.logits.neg().logSigmoid().add(other.logNormalizer());
    return cross.add(self).sub(theirs);
  }
}
