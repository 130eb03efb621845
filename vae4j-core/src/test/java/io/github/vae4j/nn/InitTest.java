package io.github.vae4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vae4j.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InitTest {

  private static final int OUT = 400;
  private static final int IN = 784;

  private static float[] draw(Init init, long seed) {
    Tensor w = Tensor.zeros(OUT, IN);
    init.initWeight(w, new SplittableRandom(seed));
    return w.toArray();
  }

  /** Checks mean ~ 0 (within 5 standard errors) and variance within 2% of the formula. */
  private static void assertMoments(float[] v, double variance, String what) {
    double sum = 0;
    double sumSq = 0;
    for (float x : v) {
      sum += x;
      sumSq += (double) x * x;
    }
    double mean = sum / v.length;
    double var = sumSq / v.length - mean * mean;
    assertEquals(0, mean, 5 * Math.sqrt(variance / v.length), what + " mean");
    assertEquals(variance, var, 0.02 * variance, what + " variance");
  }

  private static double maxAbs(float[] v) {
    double m = 0;
    for (float x : v) {
      m = Math.max(m, Math.abs(x));
    }
    return m;
  }

  @Test
  void pytorchDefaultIsUniformWithBoundOneOverSqrtFanIn() {
    float[] w = draw(Init.pytorchDefault(), 1);
    double bound = 1 / Math.sqrt(IN);
    assertMoments(w, bound * bound / 3, "pytorch");
    assertTrue(maxAbs(w) <= bound && maxAbs(w) > 0.99 * bound);
    // kaiming_uniform with a = sqrt(5) is the same distribution
    assertMoments(draw(Init.heUniform(Math.sqrt(5)), 2), bound * bound / 3, "he_uniform(sqrt 5)");
  }

  @Test
  void xavierMatchesGlorotVariance() {
    double variance = 2.0 / (IN + OUT);
    float[] u = draw(Init.xavierUniform(), 3);
    assertMoments(u, variance, "xavier uniform");
    assertTrue(maxAbs(u) <= Math.sqrt(6.0 / (IN + OUT)));
    assertMoments(draw(Init.xavierNormal(), 4), variance, "xavier normal");
    assertMoments(draw(Init.xavierUniform(2.0), 5), 4 * variance, "xavier uniform gain 2");
    assertMoments(draw(Init.xavierNormal(0.5), 6), variance / 4, "xavier normal gain 0.5");
  }

  @Test
  void heMatchesFanInVarianceForRelu() {
    double variance = 2.0 / IN;
    float[] u = draw(Init.heUniform(), 7);
    assertMoments(u, variance, "he uniform");
    assertTrue(maxAbs(u) <= Math.sqrt(6.0 / IN));
    assertMoments(draw(Init.heNormal(), 8), variance, "he normal");
    assertMoments(draw(Init.heNormal(0.2), 9), 2.0 / (1 + 0.04) / IN, "he normal slope 0.2");
  }

  @Test
  void normalHasTheGivenStdOnWeightAndBias() {
    assertMoments(draw(Init.normal(0.01), 10), 1e-4, "normal(0.01)");
    float[] b = new float[100_000];
    Init.normal(0.01).fillBias(b, new Fans(IN, OUT), new SplittableRandom(11));
    assertMoments(b, 1e-4, "normal(0.01) bias");
  }

  @Test
  void biasFollowsTheScheme() {
    Fans fans = new Fans(100, 10);
    float[] b = new float[1000];
    Init.pytorchDefault().fillBias(b, fans, new SplittableRandom(1));
    assertTrue(maxAbs(b) <= 0.1 && maxAbs(b) > 0.09);
    for (Init zeroBias : List.of(Init.xavierUniform(), Init.xavierNormal(), Init.heUniform(), Init.heNormal(),
        Init.zeros())) {
      Arrays.fill(b, 1f);
      zeroBias.fillBias(b, fans, new SplittableRandom(1));
      assertArrayEquals(new float[1000], b, zeroBias.toString());
    }
    assertArrayEquals(new float[OUT * IN], draw(Init.zeros(), 1));
  }

  @Test
  void sameSeedSameValuesOtherSeedOtherValues() {
    for (Init init : List.of(Init.pytorchDefault(), Init.xavierUniform(), Init.xavierNormal(), Init.heUniform(),
        Init.heNormal(), Init.normal(0.01))) {
      assertArrayEquals(draw(init, 42), draw(init, 42), init.toString());
      assertFalse(Arrays.equals(draw(init, 42), draw(init, 43)), init.toString());
    }
  }

  @Test
  void convolutionFansIncludeTheKernel() {
    Tensor w = Tensor.zeros(64, 32, 4, 4);
    Init.heUniform().initWeight(w, new SplittableRandom(1));
    assertTrue(maxAbs(w.toArray()) <= Math.sqrt(6.0 / (32 * 16)));
    assertTrue(maxAbs(w.toArray()) > 0.99 * Math.sqrt(6.0 / (32 * 16)));
  }

  @Test
  void parsesWhatItPrints() {
    for (Init init : List.of(Init.pytorchDefault(), Init.xavierUniform(), Init.xavierNormal(1.5), Init.heUniform(),
        Init.heNormal(0.1), Init.normal(0.01), Init.zeros())) {
      assertEquals(init, Init.parse(init.toString()), init.toString());
    }
    assertEquals(Init.normal(0.01), Init.parse("normal:0.01"));
    assertEquals(Init.heNormal(), Init.parse("kaiming_normal"));
    assertEquals(Init.xavierUniform(), Init.parse("Glorot-Uniform"));
    assertThrows(IllegalArgumentException.class, () -> Init.parse("normal"));
    assertThrows(IllegalArgumentException.class, () -> Init.parse("orthogonal"));
    assertThrows(IllegalArgumentException.class, () -> Init.parse("zeros:1"));
    assertThrows(IllegalArgumentException.class, () -> Init.parse("normal:x"));
  }

  @Test
  void rejectsBadScales() {
    assertEquals("std must be a finite number > 0, got 0.0",
        assertThrows(IllegalArgumentException.class, () -> Init.normal(0)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> Init.xavierUniform(-1));
    assertThrows(IllegalArgumentException.class, () -> Init.heNormal(Double.NaN));
  }
}
