package io.github.vae4j.prob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vae4j.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NormalTest {

  private static final int SAMPLES = 200_000;
  private static final float[] MEAN = {0.5f, -1.2f, 0f, 2f};
  private static final float[] LOG_VARIANCE = {-1f, 0.7f, -3f, 0.2f};

  private static Normal tiled(int rows, float[] mean, float[] logVariance) {
    return new Normal(MonteCarlo.tile(rows, mean), MonteCarlo.tile(rows, logVariance));
  }

  @Test
  void klToStandardNormalIsTheClosedFormOfAppendixB() {
    float[] kl = new Normal(Tensor.of(MEAN, 1, 4), Tensor.of(LOG_VARIANCE, 1, 4)).klToStandardNormal().toArray();
    for (int j = 0; j < 4; j++) {
      double expected = -0.5 * (1 + LOG_VARIANCE[j] - MEAN[j] * MEAN[j] - Math.exp(LOG_VARIANCE[j]));
      assertEquals(expected, kl[j], 1e-6);
    }
  }

  @Test
  void klToStandardNormalMatchesMonteCarlo() {
    Normal q = tiled(SAMPLES, MEAN, LOG_VARIANCE);
    Normal p = Normal.standard(SAMPLES, 4);
    Tensor z = q.sample(new SplittableRandom(1));
    float[] logRatio = q.logProb(z).sub(p.logProb(z)).toArray();
    float[] exact = q.klToStandardNormal().toArray();
    for (int j = 0; j < 4; j++) {
      MonteCarlo.column(logRatio, 4, j).assertMatches("KL(q || N(0, 1)) dim " + j, exact[j]);
    }
  }

  @Test
  void klBetweenDiagonalNormalsMatchesMonteCarlo() {
    float[] otherMean = {-0.3f, 0.4f, 0.1f, 2.5f};
    float[] otherLogVariance = {0.5f, 0.2f, -2f, -0.4f};
    Normal q = tiled(SAMPLES, MEAN, LOG_VARIANCE);
    Normal p = tiled(SAMPLES, otherMean, otherLogVariance);
    Tensor z = q.sample(new SplittableRandom(2));
    float[] logRatio = q.logProb(z).sub(p.logProb(z)).toArray();
    float[] exact = q.klDivergence(p).toArray();
    for (int j = 0; j < 4; j++) {
      double vq = Math.exp(LOG_VARIANCE[j]);
      double vp = Math.exp(otherLogVariance[j]);
      double d = MEAN[j] - otherMean[j];
      double closed = 0.5 * (Math.log(vp / vq) + (vq + d * d) / vp - 1);
      assertEquals(closed, exact[j], 1e-6, "closed form dim " + j);
      MonteCarlo.column(logRatio, 4, j).assertMatches("KL(q || p) dim " + j, exact[j]);
    }
  }

  @Test
  void klIsNonNegativeZeroForEqualAndMatchesTheStandardCase() {
    SplittableRandom random = new SplittableRandom(3);
    Tensor mean = Tensor.uniform(random, -3, 3, 64, 8);
    Tensor logVariance = Tensor.uniform(random, -4, 4, 64, 8);
    Normal q = new Normal(mean, logVariance);
    Normal p = new Normal(Tensor.uniform(random, -3, 3, 64, 8), Tensor.uniform(random, -4, 4, 64, 8));
    for (float v : q.klDivergence(p).toArray()) {
      assertTrue(v >= -1e-6f, "KL " + v);
    }
    // nearby pairs, where e^d - d - 1 is a difference of nearly equal numbers
    Normal near = new Normal(mean.add(1e-4f), logVariance.add(1e-4f));
    for (float v : q.klDivergence(near).toArray()) {
      assertTrue(v >= -1e-6f, "KL of nearby normals " + v);
    }
    for (float v : q.klDivergence(new Normal(mean.copy(), logVariance.copy())).toArray()) {
      assertEquals(0f, v);
    }
    for (float v : Normal.standard(3, 2).klToStandardNormal().toArray()) {
      assertEquals(0f, v);
    }
    assertArrayEquals(q.klToStandardNormal().toArray(), q.klDivergence(Normal.standard(64, 8)).toArray(), 1e-5f);
  }

  @Test
  void logProbIntegratesToOneAndIsTheGaussianDensity() {
    float mu = 0.3f;
    float logVariance = -0.5f;
    double sigma = Math.exp(logVariance / 2);
    int n = 24_000;
    Tensor x = MonteCarlo.grid(mu - 12 * sigma, mu + 12 * sigma, n);
    float[] logDensity = tiled(n + 1, new float[] {mu}, new float[] {logVariance}).logProb(x).toArray();
    assertEquals(1.0, MonteCarlo.integrateExp(logDensity, 24 * sigma / n), 1e-5);
    float[] xs = x.toArray();
    for (int i = 0; i <= n; i += 997) {
      double z = (xs[i] - mu) / sigma;
      double expected = -0.5 * z * z - Math.log(sigma * Math.sqrt(2 * Math.PI));
      assertEquals(expected, logDensity[i], 1e-5 * (1 + Math.abs(expected)));
    }
  }

  @Test
  void sampleMeanAndVarianceMatchMeanAndVariance() {
    Normal q = tiled(SAMPLES, MEAN, LOG_VARIANCE);
    float[] z = q.sample(new SplittableRandom(4)).toArray();
    float[] variance = q.variance().toArray();
    for (int j = 0; j < 4; j++) {
      MonteCarlo.Estimate e = MonteCarlo.column(z, 4, j);
      e.assertMatches("mean dim " + j, MEAN[j]);
      // the sample variance of Gaussian draws has standard error sigma^2 sqrt(2 / (n - 1))
      double se = variance[j] * Math.sqrt(2.0 / (SAMPLES - 1));
      assertEquals(variance[j], e.variance(), 5 * se, "variance dim " + j);
    }
  }

  @Test
  void rsampleGradientsOfTheSecondMomentMatchTheAnalyticValues() {
    // E[z^2] = mean^2 + exp(logVariance): d/dmean = 2 mean, d/dlogVariance = exp(logVariance)
    float mu = 0.7f;
    float logVariance = -0.4f;
    Tensor mean = Tensor.full(mu, SAMPLES, 1).requiresGrad(true);
    Tensor lv = Tensor.full(logVariance, SAMPLES, 1).requiresGrad(true);
    Tensor z = new Normal(mean, lv).rsample(new SplittableRandom(5));
    assertTrue(z.requiresGrad());
    z.square().sum().backward();
    // each row's gradient is one pathwise sample of the derivative
    MonteCarlo.column(mean.gradArray(), 1, 0).assertMatches("d E[z^2] / d mean", 2 * mu);
    MonteCarlo.column(lv.gradArray(), 1, 0).assertMatches("d E[z^2] / d logVariance", Math.exp(logVariance));
  }

  @Test
  void sampleCarriesNoGradientAndRsampleIsReproducible() {
    Tensor mean = Tensor.zeros(2, 3).requiresGrad(true);
    Tensor lv = Tensor.zeros(2, 3).requiresGrad(true);
    Normal q = new Normal(mean, lv);
    assertFalse(q.sample(new SplittableRandom(6)).requiresGrad());
    assertTrue(q.hasRsample());
    assertArrayEquals(q.rsample(new SplittableRandom(7)).toArray(), q.rsample(new SplittableRandom(7)).toArray());
    assertArrayEquals(q.sample(new SplittableRandom(7)).toArray(), q.rsample(new SplittableRandom(7)).toArray());
  }

  @Test
  void shapes() {
    Normal q = new Normal(Tensor.zeros(5, 3), Tensor.zeros(5, 3));
    assertArrayEquals(new int[] {5, 3}, q.shape());
    assertArrayEquals(new int[] {5, 3}, q.logProb(Tensor.ones(5, 3)).shape());
    assertArrayEquals(new int[] {5}, q.logProbSum(Tensor.ones(5, 3)).shape());
    assertArrayEquals(new int[] {5, 3}, q.rsample(new SplittableRandom(8)).shape());
    assertArrayEquals(new int[] {5, 3}, q.klToStandardNormal().shape());
    Normal images = Normal.standard(4, 1, 3, 3);
    Tensor x = Tensor.ones(4, 1, 3, 3);
    assertArrayEquals(new int[] {4}, images.logProbSum(x).shape());
    float expected = 9 * (float) (-0.5 - 0.5 * Math.log(2 * Math.PI));
    for (float v : images.logProbSum(x).toArray()) {
      assertEquals(expected, v, 1e-5f);
    }
    Normal vector = Normal.standard(6);
    assertArrayEquals(new int[] {6}, vector.logProbSum(Tensor.zeros(6)).shape());
  }

  @Test
  void badShapesAreRejectedWithClearMessages() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Normal(Tensor.zeros(2, 3), Tensor.zeros(2, 4)));
    assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[2, 4]"), e.getMessage());
    Normal q = Normal.standard(2, 3);
    e = assertThrows(IllegalArgumentException.class, () -> q.logProb(Tensor.zeros(3, 2)));
    assertTrue(e.getMessage().contains("logProb") && e.getMessage().contains("[2, 3]")
        && e.getMessage().contains("[3, 2]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> q.klDivergence(Normal.standard(1, 3)));
    assertTrue(e.getMessage().contains("[1, 3]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Normal(Tensor.scalar(0f), Tensor.scalar(0f)));
    assertTrue(e.getMessage().contains("batch axis"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Normal(null, Tensor.zeros(2)));
    assertThrows(IllegalArgumentException.class, () -> q.rsample(null));
    assertThrows(IllegalArgumentException.class, () -> q.logProb(null));
    assertThrows(IllegalArgumentException.class, () -> Distribution.sumPerSample(Tensor.scalar(1f)));
  }
}
