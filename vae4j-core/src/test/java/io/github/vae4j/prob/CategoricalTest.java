package io.github.vae4j.prob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vae4j.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CategoricalTest {

  private static final float[] LOGITS = {1f, -0.5f, 2f, 0f};

  private static double[] softmax(float[] logits) {
    double max = Double.NEGATIVE_INFINITY;
    for (float v : logits) {
      max = Math.max(max, v);
    }
    double sum = 0;
    double[] p = new double[logits.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = Math.exp(logits[i] - max);
      sum += p[i];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] /= sum;
    }
    return p;
  }

  @Test
  void logProbOfOneHotValuesIsTheLogProbabilityOfTheirCategory() {
    double[] p = softmax(LOGITS);
    Categorical d = new Categorical(MonteCarlo.tile(4, LOGITS));
    float[] oneHot = new float[16];
    for (int k = 0; k < 4; k++) {
      oneHot[k * 4 + k] = 1f;
    }
    Tensor logProb = d.logProb(Tensor.of(oneHot, 4, 4));
    assertArrayEquals(new int[] {4, 4}, logProb.shape());
    float[] sums = d.logProbSum(Tensor.of(oneHot, 4, 4)).toArray();
    for (int k = 0; k < 4; k++) {
      assertEquals(Math.log(p[k]), sums[k], 1e-6);
    }
    // the category probabilities add up to one
    double total = 0;
    for (float v : sums) {
      total += Math.exp(v);
    }
    assertEquals(1.0, total, 1e-6);
  }

  @Test
  void sampleFrequenciesMatchTheProbabilities() {
    int n = 200_000;
    Categorical d = new Categorical(MonteCarlo.tile(n, LOGITS));
    float[] x = d.sample(new SplittableRandom(1)).toArray();
    double[] p = softmax(LOGITS);
    float[] mean = d.mean().toArray();
    float[] variance = d.variance().toArray();
    for (int k = 0; k < 4; k++) {
      assertEquals(p[k], mean[k], 1e-6);
      assertEquals(p[k] * (1 - p[k]), variance[k], 1e-6);
      MonteCarlo.column(x, 4, k).assertMatches("frequency of category " + k, p[k]);
    }
    for (int r = 0; r < n; r++) {
      float rowSum = x[r * 4] + x[r * 4 + 1] + x[r * 4 + 2] + x[r * 4 + 3];
      assertEquals(1f, rowSum, "row " + r + " is one-hot");
    }
    assertFalse(d.hasRsample());
  }

  @Test
  void klIsTheExactSumNonNegativeAndZeroForEqual() {
    float[] other = {-1f, 0.5f, 0.3f, 3f};
    double[] p = softmax(LOGITS);
    double[] q = softmax(other);
    double expected = 0;
    for (int k = 0; k < 4; k++) {
      expected += p[k] * Math.log(p[k] / q[k]);
    }
    Categorical dp = new Categorical(Tensor.of(LOGITS, 1, 4));
    Tensor kl = dp.klDivergence(new Categorical(Tensor.of(other, 1, 4)));
    assertArrayEquals(new int[] {1, 4}, kl.shape());
    assertEquals(expected, Distribution.sumPerSample(kl).item(), 1e-6);
    assertTrue(expected > 0);
    assertEquals(0f, dp.klDivergence(new Categorical(Tensor.of(LOGITS, 1, 4))).sum().item(), 1e-7f);
  }

  @Test
  void shapesAndBadArguments() {
    Categorical d = new Categorical(Tensor.zeros(5, 3, 6));
    assertEquals(6, d.categories());
    assertArrayEquals(new int[] {5}, d.logProbSum(Tensor.zeros(5, 3, 6)).shape());
    assertArrayEquals(new int[] {5, 3, 6}, d.sample(new SplittableRandom(2)).shape());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Categorical(Tensor.zeros(5)));
    assertTrue(e.getMessage().contains("rank >= 2") && e.getMessage().contains("[5]"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> d.logProb(Tensor.zeros(5, 18)));
    assertThrows(UnsupportedOperationException.class, () -> d.rsample(new SplittableRandom(3)));
  }
}
