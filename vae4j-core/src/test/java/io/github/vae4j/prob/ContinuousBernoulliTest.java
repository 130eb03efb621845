package io.github.vae4j.prob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vae4j.tensor.Tensor;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ContinuousBernoulliTest {

  private static final int SAMPLES = 200_000;

  /** Logits from near 0 and 1 (|eta| = 50) to lambda = 1/2, and on both sides of the Taylor cuts. */
  private static final float[] LOGITS = {-50f, -15f, -3f, -0.5001f, -0.4999f, -0.1001f, -0.0999f, -0.05f, -1e-4f,
      0f, 1e-4f, 0.05f, 0.0999f, 0.1f, 0.1001f, 0.3f, 0.4999f, 0.5f, 0.5001f, 2f, 15f, 50f};

  // ---------------------------------------------------------------- references in double

  /** log C(eta) in double: the closed form, or its series where that cancels. */
  private static double logNormalizer(double eta) {
    if (Math.abs(eta) < 1e-2) {
      double e2 = eta * eta;
      return Math.log(2) + e2 / 12 - 7 * e2 * e2 / 1440 + 31 * e2 * e2 * e2 / 90720;
    }
    return Math.log(eta / Math.tanh(eta / 2));
  }

  private static double mean(double eta) {
    if (Math.abs(eta) < 1e-2) {
      return 0.5 + eta / 12 - Math.pow(eta, 3) / 720 + Math.pow(eta, 5) / 30240;
    }
    return 1 / -Math.expm1(-eta) - 1 / eta;
  }

  private static double variance(double eta) {
    if (Math.abs(eta) < 1e-2) {
      double e2 = eta * eta;
      return 1.0 / 12 - e2 / 240 + e2 * e2 / 6048;
    }
    double s = Math.sinh(eta / 2);
    return 1 / (eta * eta) - 1 / (4 * s * s);
  }

  /** F^-1(u) = log(1 - u + u e^eta) / eta, with max(eta, 0) factored out. */
  private static double inverseCdf(double u, double eta) {
    if (Math.abs(eta) < 1e-4) {
      double k2 = u * (1 - u);
      return u + k2 * eta / 2 + k2 * (1 - 2 * u) * eta * eta / 6;
    }
    double m = Math.max(eta, 0);
    return (m + Math.log(u * Math.exp(eta - m) + (1 - u) * Math.exp(-m))) / eta;
  }

  /** F(x) = (e^(eta x) - 1) / (e^eta - 1), rewritten with e^-eta for positive eta so it cannot overflow. */
  private static double cdf(double x, double eta) {
    if (eta == 0) {
      return x;
    }
    if (eta < 0) {
      return Math.expm1(eta * x) / Math.expm1(eta);
    }
    return Math.exp(eta * (x - 1)) * Math.expm1(-eta * x) / Math.expm1(-eta);
  }

  private static double derivative(DoubleUnaryOperator f, double eta) {
    double h = 1e-4;
    return (f.applyAsDouble(eta + h) - f.applyAsDouble(eta - h)) / (2 * h);
  }

  private static double softplus(double v) {
    return Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
  }

  /** The integral over [0, 1] of x^power lambda^x (1 - lambda)^(1 - x), by Simpson's rule. */
  private static double moment(double eta, int power) {
    return MonteCarlo.simpson(x -> Math.pow(x, power) * Math.exp(x * eta - softplus(eta)), 0, 1, 20_000);
  }

  private static ContinuousBernoulli row(float... logits) {
    return new ContinuousBernoulli(Tensor.of(logits, 1, logits.length));
  }

  /** d out_j / d logits_j by autodiff, for an elementwise function of the logits. */
  private static float[] gradient(Function<ContinuousBernoulli, Tensor> f, float... logits) {
    Tensor leaf = Tensor.of(logits, 1, logits.length).requiresGrad(true);
    f.apply(new ContinuousBernoulli(leaf)).sum().backward();
    return leaf.gradArray();
  }

  // ---------------------------------------------------------------- tests

  @Test
  void logNormalizerMatchesNumericalIntegration() {
    float[] logNormalizer = row(LOGITS).logNormalizer().toArray();
    for (int j = 0; j < LOGITS.length; j++) {
      double eta = LOGITS[j];
      double integrated = -Math.log(moment(eta, 0));
      assertEquals(integrated, logNormalizer(eta), 1e-9, "double reference at eta " + eta);
      assertEquals(integrated, logNormalizer[j], 1e-6 * (1 + Math.abs(integrated)), "log C at eta " + eta);
    }
    assertEquals(Math.log(2), row(0f).logNormalizer().item(), 1e-7);
  }

  @Test
  void logProbIntegratesToOneOverTheUnitInterval() {
    int n = 20_000;
    Tensor x = MonteCarlo.grid(0, 1, n);
    for (float eta : LOGITS) {
      float[] logDensity = new ContinuousBernoulli(Tensor.full(eta, n + 1, 1)).logProb(x).toArray();
      assertEquals(1.0, MonteCarlo.integrateExp(logDensity, 1.0 / n), 2e-6, "eta " + eta);
    }
  }

  @Test
  void meanAndVarianceMatchNumericalIntegration() {
    ContinuousBernoulli d = row(LOGITS);
    float[] mean = d.mean().toArray();
    float[] variance = d.variance().toArray();
    for (int j = 0; j < LOGITS.length; j++) {
      double eta = LOGITS[j];
      double z = moment(eta, 0);
      double m = moment(eta, 1) / z;
      double v = moment(eta, 2) / z - m * m;
      assertEquals(m, mean(eta), 1e-9, "double reference mean at eta " + eta);
      assertEquals(v, variance(eta), 1e-9, "double reference variance at eta " + eta);
      assertEquals(m, mean[j], 1e-6, "mean at eta " + eta);
      assertEquals(v, variance[j], 1e-6, "variance at eta " + eta);
    }
  }

  @Test
  void meanIsNotTheSigmoidOfTheLogits() {
    float mean = row(2f).mean().item();
    assertEquals(1 / -Math.expm1(-2) - 0.5, mean, 1e-6);
    assertEquals(0.6565, mean, 1e-4);
    assertTrue(Math.abs(mean - row(2f).probabilities().item()) > 0.2);
  }

  @Test
  void gradientsAreContinuousAcrossTheTaylorCuts() {
    float[] logC = gradient(ContinuousBernoulli::logNormalizer, LOGITS);
    float[] mean = gradient(ContinuousBernoulli::mean, LOGITS);
    float[] variance = gradient(ContinuousBernoulli::variance, LOGITS);
    for (int j = 0; j < LOGITS.length; j++) {
      double eta = LOGITS[j];
      assertEquals(derivative(ContinuousBernoulliTest::logNormalizer, eta), logC[j], 1e-5, "d log C / d eta at " + eta);
      assertEquals(derivative(ContinuousBernoulliTest::mean, eta), mean[j], 1e-5, "d mean / d eta at " + eta);
      assertEquals(derivative(ContinuousBernoulliTest::variance, eta), variance[j], 1e-5, "d variance / d eta at " + eta);
    }
  }

  @Test
  void inverseCdfAndItsGradientMatchTheClosedForm() {
    float[] us = {1e-6f, 0.01f, 0.2f, 0.5f, 0.8f, 0.99f, 1f - 0x1p-24f};
    float[] etas = {-1000f, -100f, -50f, -3f, -0.1001f, -0.0999f, -0.03f, 0f, 0.03f, 0.0999f, 0.1001f, 1f, 50f, 100f, 1000f};
    for (float u : us) {
      float[] uniform = new float[etas.length];
      Arrays.fill(uniform, u);
      Tensor leaf = Tensor.of(etas, 1, etas.length).requiresGrad(true);
      Tensor x = new ContinuousBernoulli(leaf).inverseCdf(uniform);
      float[] values = x.toArray();
      x.sum().backward();
      float[] grad = leaf.gradArray();
      for (int j = 0; j < etas.length; j++) {
        double eta = etas[j];
        String where = "u " + u + " eta " + eta;
        assertTrue(values[j] >= 0f && values[j] <= 1f, where + ": " + values[j]);
        assertEquals(inverseCdf(u, eta), values[j], 2e-6, where);
        assertEquals(u, cdf(values[j], eta), 1e-5 + 2e-6 * Math.abs(eta), "F(F^-1(u)) at " + where);
        assertTrue(Float.isFinite(grad[j]), where + " gradient " + grad[j]);
        if (Math.abs(eta) <= 50) {
          double expected = derivative(e -> inverseCdf(u, e), eta);
          assertEquals(expected, grad[j], 1e-4 * (1 + Math.abs(expected)), "dx / d eta at " + where);
        }
      }
    }
  }

  @Test
  void samplesHaveTheMeanVarianceAndCdf() {
    float[] logits = {-4f, -0.05f, 0f, 0.5f, 3f};
    ContinuousBernoulli d = new ContinuousBernoulli(MonteCarlo.tile(SAMPLES, logits));
    float[] x = d.sample(new SplittableRandom(1)).toArray();
    for (int j = 0; j < logits.length; j++) {
      double eta = logits[j];
      double m = mean(eta);
      MonteCarlo.column(x, logits.length, j).assertMatches("mean at eta " + eta, m);
      float[] squares = new float[SAMPLES];
      float[] below = new float[SAMPLES];
      for (int i = 0; i < SAMPLES; i++) {
        double v = x[i * logits.length + j];
        assertTrue(v >= 0 && v <= 1, "sample " + v);
        squares[i] = (float) ((v - m) * (v - m));
        below[i] = v < 0.3 ? 1f : 0f;
      }
      MonteCarlo.column(squares, 1, 0).assertMatches("variance at eta " + eta, variance(eta));
      MonteCarlo.column(below, 1, 0).assertMatches("P(x < 0.3) at eta " + eta, cdf(0.3, eta));
    }
  }

  @Test
  void rsampleGradientMatchesTheDerivativeOfTheMean() {
    float[] logits = {-3f, -0.05f, 0.02f, 1.5f};
    Tensor leaf = MonteCarlo.tile(SAMPLES, logits).requiresGrad(true);
    Tensor x = new ContinuousBernoulli(leaf).rsample(new SplittableRandom(2));
    assertTrue(x.requiresGrad());
    x.sum().backward();
    for (int j = 0; j < logits.length; j++) {
      double eta = logits[j];
      MonteCarlo.column(leaf.gradArray(), logits.length, j)
          .assertMatches("d E[x] / d eta at " + eta, derivative(ContinuousBernoulliTest::mean, eta));
    }
  }

  @Test
  void klMatchesMonteCarloIsNonNegativeAndZeroForEqual() {
    float[] p = {-2f, 0.05f, 1f, 4f};
    float[] q = {1f, -0.5f, 1.3f, -3f};
    ContinuousBernoulli dp = new ContinuousBernoulli(MonteCarlo.tile(SAMPLES, p));
    ContinuousBernoulli dq = new ContinuousBernoulli(MonteCarlo.tile(SAMPLES, q));
    Tensor x = dp.sample(new SplittableRandom(3));
    float[] logRatio = dp.logProb(x).sub(dq.logProb(x)).toArray();
    float[] exact = row(p).klDivergence(row(q)).toArray();
    for (int j = 0; j < p.length; j++) {
      assertTrue(exact[j] >= 0, "KL " + exact[j]);
      MonteCarlo.column(logRatio, p.length, j).assertMatches("KL(p || q) at " + p[j] + " vs " + q[j], exact[j]);
    }
    for (float v : row(LOGITS).klDivergence(row(LOGITS)).toArray()) {
      assertEquals(0f, v, 1e-6f);
    }
  }

  @Test
  void extremeLogitsStayFinite() {
    float[] logits = {-1e4f, -1000f, -100f, 100f, 1000f, 1e4f};
    for (float value : new float[] {0f, 0.5f, 1f}) {
      Tensor leaf = Tensor.of(logits, 1, logits.length).requiresGrad(true);
      ContinuousBernoulli d = new ContinuousBernoulli(leaf);
      Tensor logProb = d.logProb(Tensor.full(value, 1, logits.length));
      assertTrue(logProb.isFinite(), "logProb at x " + value + ": " + logProb);
      logProb.add(d.mean()).add(d.variance()).add(d.rsample(new SplittableRandom(4))).sum().backward();
      for (float g : leaf.gradArray()) {
        assertTrue(Float.isFinite(g), "gradient at x " + value + ": " + g);
      }
    }
    ContinuousBernoulli d = row(logits);
    for (float m : d.mean().toArray()) {
      assertTrue(m >= 0f && m <= 1f, "mean " + m);
    }
    for (float v : d.variance().toArray()) {
      assertTrue(v >= 0f && Float.isFinite(v), "variance " + v);
    }
  }

  @Test
  void shapesAndBadArguments() {
    ContinuousBernoulli d = new ContinuousBernoulli(Tensor.zeros(2, 3, 4));
    assertArrayEquals(new int[] {2, 3, 4}, d.logProb(Tensor.ones(2, 3, 4)).shape());
    assertArrayEquals(new int[] {2}, d.logProbSum(Tensor.ones(2, 3, 4)).shape());
    assertArrayEquals(new int[] {2, 3, 4}, d.rsample(new SplittableRandom(5)).shape());
    assertArrayEquals(new int[] {2, 3, 4}, d.mean().shape());
    assertFalse(d.sample(new SplittableRandom(5)).requiresGrad());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.logProb(Tensor.ones(2, 12)));
    assertTrue(e.getMessage().contains("[2, 3, 4]") && e.getMessage().contains("[2, 12]"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new ContinuousBernoulli(null));
    assertThrows(IllegalArgumentException.class, () -> d.klDivergence(new ContinuousBernoulli(Tensor.zeros(2, 3))));
  }
}
