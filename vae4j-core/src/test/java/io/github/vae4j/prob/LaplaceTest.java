package io.github.vae4j.prob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vae4j.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LaplaceTest {

  private static final int SAMPLES = 200_000;
  private static final float[] LOCATION = {0.5f, -2f, 0f};
  private static final float[] LOG_SCALE = {-1f, 0.3f, 0f};

  private static Laplace tiled(int rows, float[] location, float[] logScale) {
    return new Laplace(MonteCarlo.tile(rows, location), MonteCarlo.tile(rows, logScale));
  }

  @Test
  void logProbIntegratesToOneAndIsTheLaplaceDensity() {
    float location = -0.4f;
    float logScale = 0.2f;
    double b = Math.exp(logScale);
    int n = 60_000;
    Tensor x = MonteCarlo.grid(location - 30 * b, location + 30 * b, n);
    float[] logDensity = tiled(n + 1, new float[] {location}, new float[] {logScale}).logProb(x).toArray();
    assertEquals(1.0, MonteCarlo.integrateExp(logDensity, 60 * b / n), 1e-4);
    float[] xs = x.toArray();
    for (int i = 0; i <= n; i += 1009) {
      double expected = -Math.abs(xs[i] - location) / b - Math.log(2 * b);
      assertEquals(expected, logDensity[i], 1e-5 * (1 + Math.abs(expected)));
    }
  }

  @Test
  void samplesHaveTheMeanVarianceAndCdf() {
    Laplace d = tiled(SAMPLES, LOCATION, LOG_SCALE);
    float[] x = d.sample(new SplittableRandom(1)).toArray();
    float[] variance = d.variance().toArray();
    for (int j = 0; j < 3; j++) {
      double b = Math.exp(LOG_SCALE[j]);
      assertEquals(2 * b * b, variance[j], 1e-5 * variance[j]);
      MonteCarlo.column(x, 3, j).assertMatches("mean dim " + j, LOCATION[j]);
      // (x - location)^2 has mean 2 b^2; its standard error comes from the draws themselves
      float[] squares = new float[SAMPLES];
      float[] below = new float[SAMPLES];
      for (int i = 0; i < SAMPLES; i++) {
        float v = x[i * 3 + j] - LOCATION[j];
        squares[i] = v * v;
        below[i] = v < b ? 1f : 0f;
      }
      MonteCarlo.column(squares, 1, 0).assertMatches("variance dim " + j, 2 * b * b);
      // P(x - location < b) = 1 - e^-1 / 2
      MonteCarlo.column(below, 1, 0).assertMatches("cdf dim " + j, 1 - Math.exp(-1) / 2);
    }
  }

  @Test
  void rsampleGradientsOfTheSecondMomentMatchTheAnalyticValues() {
    // E[x^2] = location^2 + 2 b^2: d/dlocation = 2 location, d/dlogScale = 4 b^2
    float location = -0.6f;
    float logScale = -0.3f;
    Tensor loc = Tensor.full(location, SAMPLES, 1).requiresGrad(true);
    Tensor ls = Tensor.full(logScale, SAMPLES, 1).requiresGrad(true);
    Tensor x = new Laplace(loc, ls).rsample(new SplittableRandom(2));
    x.square().sum().backward();
    MonteCarlo.column(loc.gradArray(), 1, 0).assertMatches("d E[x^2] / d location", 2 * location);
    MonteCarlo.column(ls.gradArray(), 1, 0).assertMatches("d E[x^2] / d logScale", 4 * Math.exp(2 * logScale));
  }

  @Test
  void klMatchesMonteCarloIsNonNegativeAndZeroForEqual() {
    float[] otherLocation = {0f, -1f, 0.2f};
    float[] otherLogScale = {0f, -0.5f, 0.1f};
    Laplace p = tiled(SAMPLES, LOCATION, LOG_SCALE);
    Laplace q = tiled(SAMPLES, otherLocation, otherLogScale);
    Tensor x = p.sample(new SplittableRandom(3));
    float[] logRatio = p.logProb(x).sub(q.logProb(x)).toArray();
    float[] exact = p.klDivergence(q).toArray();
    for (int j = 0; j < 3; j++) {
      assertTrue(exact[j] >= 0, "KL " + exact[j]);
      MonteCarlo.column(logRatio, 3, j).assertMatches("KL(p || q) dim " + j, exact[j]);
    }
    for (float v : p.klDivergence(tiled(SAMPLES, LOCATION, LOG_SCALE)).toArray()) {
      assertEquals(0f, v, 1e-7f);
    }
  }

  @Test
  void shapesAndBadArguments() {
    Laplace d = new Laplace(Tensor.zeros(4, 2), Tensor.zeros(4, 2).requiresGrad(true));
    assertArrayEquals(new int[] {4, 2}, d.logProb(Tensor.ones(4, 2)).shape());
    assertArrayEquals(new int[] {4}, d.logProbSum(Tensor.ones(4, 2)).shape());
    assertFalse(d.sample(new SplittableRandom(4)).requiresGrad());
    assertTrue(d.rsample(new SplittableRandom(4)).requiresGrad());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Laplace(Tensor.zeros(4, 2), Tensor.zeros(4)));
    assertTrue(e.getMessage().contains("[4, 2]") && e.getMessage().contains("[4]"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> d.logProb(Tensor.ones(2, 4)));
  }
}
