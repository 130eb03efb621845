package io.github.vae4j.optim;

import static io.github.vae4j.optim.OptimTesting.GRADS;
import static io.github.vae4j.optim.OptimTesting.START;
import static io.github.vae4j.optim.OptimTesting.named;
import static io.github.vae4j.optim.OptimTesting.param;
import static io.github.vae4j.optim.OptimTesting.setGrad;
import static io.github.vae4j.optim.OptimTesting.toDouble;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.vae4j.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AdamTest {

  /**
   * torch.optim.Adam / AdamW in double precision: one step from (p, m, v, vMax) at step t with
   * gradient g, updating the arrays in place.
   */
  static void referenceStep(Adam.Config c, boolean decoupled, double lr, int t, double[] p, double[] m, double[] v,
      double[] vMax, float[] g) {
    for (int i = 0; i < p.length; i++) {
      if (decoupled) {
        p[i] *= 1 - lr * c.weightDecay();
      }
      double grad = g[i] + (decoupled ? 0 : c.weightDecay() * p[i]);
      m[i] = c.beta1() * m[i] + (1 - c.beta1()) * grad;
      v[i] = c.beta2() * v[i] + (1 - c.beta2()) * grad * grad;
      vMax[i] = Math.max(vMax[i], v[i]);
      double second = c.amsgrad() ? vMax[i] : v[i];
      double mHat = m[i] / (1 - Math.pow(c.beta1(), t));
      double denom = Math.sqrt(second) / Math.sqrt(1 - Math.pow(c.beta2(), t)) + c.epsilon();
      p[i] -= lr * mHat / denom;
    }
  }

  static void assertFollowsReference(Adam.Config config, boolean decoupled) {
    Tensor p = param(START);
    Adam adam = decoupled ? new AdamW(named(p), config) : new Adam(named(p), config);
    double[] ep = toDouble(START);
    double[] m = new double[3];
    double[] v = new double[3];
    double[] vMax = new double[3];
    for (int t = 1; t <= GRADS.length; t++) {
      setGrad(p, GRADS[t - 1]);
      adam.step();
      referenceStep(config, decoupled, config.learningRate(), t, ep, m, v, vMax, GRADS[t - 1]);
      assertArrayEquals(ep, toDouble(p.toArray()), 1e-6, config + " step " + t);
    }
  }

  @Test
  void firstStepMovesEachWeightByTheLearningRate() {
    // m̂ = g and v̂ = g², so the first update is lr * g / (|g| + eps) ~ lr * sign(g)
    Tensor p = param(START);
    Adam adam = new Adam(named(p), Adam.Config.of(0.01));
    setGrad(p, GRADS[0]);
    adam.step();
    assertArrayEquals(new double[] {0.99, -1.99, 0.49}, toDouble(p.toArray()), 1e-6);
  }

  @Test
  void matchesPytorchFormulas() {
    assertFollowsReference(Adam.Config.of(0.01), false);
    assertFollowsReference(Adam.Config.of(0.01).withWeightDecay(0.1), false);
    assertFollowsReference(Adam.Config.of(0.1).withBetas(0.5, 0.9), false);
    // a large epsilon tells sqrt(v̂) + ε from sqrt(v̂ + ε) or ε applied before bias correction
    assertFollowsReference(Adam.Config.of(0.1).withEpsilon(0.1), false);
    assertFollowsReference(Adam.Config.of(0.05).withAmsgrad(true).withWeightDecay(0.01), false);
    // beta1 < 0.5 takes the other branch of PyTorch's lerp
    assertFollowsReference(Adam.Config.of(0.05).withBetas(0.3, 0.99), false);
  }

  @Test
  void followsTheFormulaOnALargeParameterSplitAcrossThreads() {
    int n = 313_600;
    SplittableRandom random = new SplittableRandom(1);
    Tensor p = Tensor.randn(random, n).requiresGrad(true);
    double[] ep = toDouble(p.toArray());
    double[] m = new double[n];
    double[] v = new double[n];
    double[] vMax = new double[n];
    Adam.Config config = Adam.Config.of(1e-3).withWeightDecay(1e-4);
    Adam adam = new Adam(named(p), config);
    for (int t = 1; t <= 2; t++) {
      float[] g = Tensor.randn(random, n).toArray();
      setGrad(p, g);
      adam.step();
      referenceStep(config, false, 1e-3, t, ep, m, v, vMax, g);
    }
    float[] actual = p.toArray();
    for (int i = 0; i < n; i++) {
      assertEquals(ep[i], actual[i], 1e-5, "element " + i);
    }
  }

  @Test
  void coupledWeightDecayIsNormalizedAway() {
    // with zero loss gradient, coupled decay feeds λθ through Adam: the step is ~lr whatever λ is
    Tensor p = param(2f);
    Adam adam = new Adam(named(p), Adam.Config.of(0.1).withWeightDecay(1e-3));
    setGrad(p, 0f);
    adam.step();
    assertEquals(1.9, p.get(0), 1e-5);
  }

  @Test
  void defaultsAreTorchs() {
    assertEquals(new Adam.Config(1e-3, 0.9, 0.999, 1e-8, 0, false), Adam.Config.defaults());
  }

  @Test
  void rejectsBadConfigs() {
    assertEquals("beta2 must be in [0, 1), got 1.0",
        assertThrows(IllegalArgumentException.class, () -> Adam.Config.defaults().withBetas(0.9, 1)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> Adam.Config.defaults().withEpsilon(-1));
    assertThrows(IllegalArgumentException.class, () -> Adam.Config.of(Double.POSITIVE_INFINITY));
  }

  @Test
  void momentsBelowTheSubnormalRangeAreFlushedToZero() {
    assertEquals(0f, Adam.flushTiny(1e-31f));
    assertEquals(0f, Adam.flushTiny(-1e-31f));
    assertEquals(1e-29f, Adam.flushTiny(1e-29f));
    assertEquals(-0.5f, Adam.flushTiny(-0.5f));
  }
}
