package io.github.vae4j.prob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vae4j.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BernoulliTest {

  private static final float[] LOGITS = {-5f, -0.5f, 0f, 2f, 7f};

  private static double sigmoid(double v) {
    return 1 / (1 + Math.exp(-v));
  }

  @Test
  void logProbIsTheBernoulliLogLikelihoodAlsoForGreyValues() {
    float[] xs = {0f, 0.3f, 1f};
    for (float x : xs) {
      Tensor target = Tensor.full(x, 1, LOGITS.length);
      float[] logProb = new Bernoulli(Tensor.of(LOGITS, 1, LOGITS.length)).logProb(target).toArray();
      for (int j = 0; j < LOGITS.length; j++) {
        double p = sigmoid(LOGITS[j]);
        double expected = x * Math.log(p) + (1 - x) * Math.log(1 - p);
        assertEquals(expected, logProb[j], 1e-5 * (1 + Math.abs(expected)), "x " + x + " logits " + LOGITS[j]);
      }
    }
  }

  @Test
  void logProbAndItsGradientStayFiniteAtLargeLogits() {
    Tensor logits = Tensor.of(new float[] {-100f, -100f, 100f, 100f}, 1, 4).requiresGrad(true);
    Tensor x = Tensor.of(new float[] {1f, 0f, 1f, 0f}, 1, 4);
    Tensor logProb = new Bernoulli(logits).logProb(x);
    assertArrayEquals(new float[] {-100f, 0f, 0f, -100f}, logProb.toArray(), 1e-4f);
    logProb.sum().backward();
    // d log p / d logits = x - sigmoid(logits)
    assertArrayEquals(new float[] {1f, 0f, 0f, -1f}, logits.gradArray(), 1e-6f);
  }

  @Test
  void sampleFrequenciesMeanAndVariance() {
    int n = 200_000;
    Bernoulli b = new Bernoulli(MonteCarlo.tile(n, LOGITS));
    float[] x = b.sample(new SplittableRandom(1)).toArray();
    float[] mean = b.mean().toArray();
    float[] variance = b.variance().toArray();
    for (int j = 0; j < LOGITS.length; j++) {
      double p = sigmoid(LOGITS[j]);
      assertEquals(p, mean[j], 1e-6);
      assertEquals(p * (1 - p), variance[j], 1e-6);
      MonteCarlo.Estimate e = MonteCarlo.column(x, LOGITS.length, j);
      e.assertMatches("frequency of 1 at logits " + LOGITS[j], p);
      assertEquals(p * (1 - p), e.variance(), 5 * Math.sqrt(p * (1 - p) / n) + 1e-6);
    }
    for (float v : x) {
      assertTrue(v == 0f || v == 1f);
    }
    assertFalse(b.hasRsample());
    assertThrows(UnsupportedOperationException.class, () -> b.rsample(new SplittableRandom(2)));
  }

  @Test
  void klIsTheExactSumOverBothOutcomesNonNegativeAndZeroForEqual() {
    float[] other = {1f, -3f, 0.5f, 2f, -40f};
    Bernoulli p = new Bernoulli(Tensor.of(LOGITS, 1, 5));
    Bernoulli q = new Bernoulli(Tensor.of(other, 1, 5));
    float[] kl = p.klDivergence(q).toArray();
    for (int j = 0; j < 5; j++) {
      double a = sigmoid(LOGITS[j]);
      double b = sigmoid(other[j]);
      double expected = a * Math.log(a / b) + (1 - a) * Math.log((1 - a) / (1 - b));
      assertEquals(expected, kl[j], 1e-5 * (1 + Math.abs(expected)), "logits " + LOGITS[j] + " vs " + other[j]);
      assertTrue(kl[j] >= 0);
    }
    assertEquals(0f, p.klDivergence(new Bernoulli(Tensor.of(LOGITS, 1, 5))).sum().item(), 1e-7f);
    // E_p[log p(x) - log q(x)] over both outcomes
    Tensor ones = Tensor.ones(1, 5);
    Tensor zeros = Tensor.zeros(1, 5);
    Tensor viaLogProb = p.mean().mul(p.logProb(ones).sub(q.logProb(ones)))
        .add(p.mean().neg().add(1f).mul(p.logProb(zeros).sub(q.logProb(zeros))));
    assertArrayEquals(viaLogProb.toArray(), kl, 1e-4f);
  }

  @Test
  void shapesAndBadArguments() {
    Bernoulli b = new Bernoulli(Tensor.zeros(3, 2, 4));
    assertArrayEquals(new int[] {3, 2, 4}, b.logProb(Tensor.ones(3, 2, 4)).shape());
    assertArrayEquals(new int[] {3}, b.logProbSum(Tensor.ones(3, 2, 4)).shape());
    assertArrayEquals(new int[] {3, 2, 4}, b.sample(new SplittableRandom(3)).shape());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.logProb(Tensor.ones(3, 8)));
    assertTrue(e.getMessage().contains("[3, 2, 4]") && e.getMessage().contains("[3, 8]"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Bernoulli(Tensor.scalar(1f)));
    assertThrows(IllegalArgumentException.class, () -> b.sample(null));
  }
}
