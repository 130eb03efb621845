package io.github.vae4j.prob;

import io.github.vae4j.tensor.GradMode;
import io.github.vae4j.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * Laplace distributions with a location and a log-scale: density exp(-|x - location| / b) / (2 b)
 * with b = exp(logScale). As a decoder it gives the L1 reconstruction loss.
 *
 * <p>log p(x) = -|x - location| / b - log(2 b). Mean location, variance 2 b^2.
 * rsample inverts the CDF: with u uniform on (-1/2, 1/2),
 * x = location - b sign(u) log(1 - 2 |u|), so gradients reach both parameters.
 *
 * <p>Shapes: location, logScale [batch, dims...] (equal); logProb(x), rsample, klDivergence
 * [batch, dims...]; logProbSum(x) [batch].
 *
 * <p>Numerical notes: the scale is kept positive by its log, and logProb multiplies by
 * exp(-logScale) instead of dividing. The noise -sign(u) log(1 - 2|u|) is computed in double from
 * u drawn on the open interval, so it is always finite. At x = location the gradient of |x -
 * location| is taken as 0.
 */
public final class Laplace implements Distribution {

  private static final float LOG_TWO = (float) Math.log(2);

  private final Tensor location;
  private final Tensor logScale;

  /** Laplace(location, exp(logScale)), both [batch, dims...] of the same shape. */
  public Laplace(Tensor location, Tensor logScale) {
    this.location = Checks.parameter("Laplace", "location", location);
    this.logScale = Checks.parameter("Laplace", "logScale", logScale);
    Checks.sameShape("Laplace", "location", location, "logScale", logScale);
  }

  @Override
  public int[] shape() {
    return location.shape();
  }

  public Tensor location() {
    return location;
  }

  public Tensor logScale() {
    return logScale;
  }

  /** b = exp(logScale). */
  public Tensor scale() {
    return logScale.exp();
  }

  /** The location. */
  @Override
  public Tensor mean() {
    return location;
  }

  /** 2 b^2 = 2 exp(2 logScale). */
  @Override
  public Tensor variance() {
    return logScale.mul(2f).exp().mul(2f);
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

  /** location + b * eps with eps = -sign(u) log(1 - 2|u|), u uniform on (-1/2, 1/2). */
  @Override
  public Tensor rsample(RandomGenerator random) {
    Checks.random("Laplace.rsample", random);
    int[] shape = location.shape();
    float[] eps = new float[location.size()];
    double low = Math.nextUp(-0.5);
    for (int i = 0; i < eps.length; i++) {
      double u = random.nextDouble(low, 0.5);
      eps[i] = (float) (-Math.signum(u) * Math.log1p(-2 * Math.abs(u)));
    }
    return location.add(scale().mul(Tensor.wrap(eps, shape)));
  }

  @Override
  public Tensor logProb(Tensor x) {
    Checks.matches("Laplace", "logProb", location.shape(), x);
    Tensor distance = x.sub(location).abs().mul(logScale.neg().exp());
    return distance.add(logScale).add(LOG_TWO).neg();
  }

  /**
   * KL(this || other) per element, in closed form: with d = |location_t - location_o|,
   * log(b_o / b_t) + d / b_o + (b_t / b_o) exp(-d / b_t) - 1.
   */
  public Tensor klDivergence(Laplace other) {
    if (other == null) {
      throw new IllegalArgumentException("Laplace.klDivergence needs another Laplace, got null");
    }
    Checks.matches("Laplace", "klDivergence", location.shape(), other.location);
    Tensor d = location.sub(other.location).abs();
    Tensor ratio = logScale.sub(other.logScale).sub(d.mul(logScale.neg().exp())).exp();
    return other.logScale.sub(logScale).add(d.mul(other.logScale.neg().exp())).add(ratio).sub(1f);
  }
}
