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
import org.junit.jupiter.api.Test;

class SgdTest {

  /** torch.optim.SGD's update in double precision. */
  private static double[][] reference(Sgd.Config c) {
    double[] p = toDouble(START);
    double[] buf = null;
    double[][] out = new double[GRADS.length][];
    for (int t = 0; t < GRADS.length; t++) {
      double[] b = buf == null ? new double[p.length] : buf;
      for (int i = 0; i < p.length; i++) {
        double d = GRADS[t][i] + c.weightDecay() * p[i];
        if (c.momentum() != 0) {
          b[i] = buf == null ? d : c.momentum() * b[i] + (1 - c.dampening()) * d;
          d = c.nesterov() ? d + c.momentum() * b[i] : b[i];
        }
        p[i] -= c.learningRate() * d;
      }
      buf = b;
      out[t] = p.clone();
    }
    return out;
  }

  private static void assertFollowsReference(Sgd.Config config) {
    Tensor p = param(START);
    Sgd sgd = new Sgd(named(p), config);
    double[][] expected = reference(config);
    for (int t = 0; t < GRADS.length; t++) {
      setGrad(p, GRADS[t]);
      sgd.step();
      assertArrayEquals(expected[t], toDouble(p.toArray()), 1e-6, config + " step " + (t + 1));
    }
  }

  @Test
  void plainStepIsLearningRateTimesGradient() {
    Tensor p = param(START);
    Sgd sgd = new Sgd(named(p), Sgd.Config.of(0.5));
    setGrad(p, 0.5f, -1f, 0.25f);
    sgd.step();
    assertArrayEquals(new float[] {0.75f, -1.5f, 0.375f}, p.toArray());
  }

  @Test
  void matchesPytorchFormulas() {
    assertFollowsReference(Sgd.Config.of(0.1));
    assertFollowsReference(Sgd.Config.of(0.1).withWeightDecay(0.01));
    assertFollowsReference(Sgd.Config.of(0.1).withMomentum(0.9));
    assertFollowsReference(Sgd.Config.of(0.1).withMomentum(0.9).withDampening(0.5).withWeightDecay(0.05));
    assertFollowsReference(Sgd.Config.of(0.1).withMomentum(0.9).withNesterov(true));
  }

  @Test
  void firstMomentumStepEqualsPlainStep() {
    // PyTorch starts the buffer at the first gradient, not at zero
    Tensor p = param(START);
    Sgd sgd = new Sgd(named(p), Sgd.Config.of(0.1).withMomentum(0.9));
    setGrad(p, 1f, 1f, 1f);
    sgd.step();
    assertArrayEquals(new float[] {0.9f, -2.1f, 0.4f}, p.toArray(), 1e-6f);
  }

  @Test
  void weightDecayAloneShrinksGeometrically() {
    Tensor p = param(2f);
    Sgd sgd = new Sgd(named(p), Sgd.Config.of(0.1).withWeightDecay(0.5));
    for (int t = 0; t < 3; t++) {
      setGrad(p, 0f);
      sgd.step();
    }
    assertEquals(2 * Math.pow(1 - 0.1 * 0.5, 3), p.get(0), 1e-6);
  }

  @Test
  void defaultsAreTorchs() {
    assertEquals(new Sgd.Config(1e-3, 0, 0, 0, false), Sgd.Config.defaults());
  }

  @Test
  void rejectsBadConfigs() {
    assertEquals("learningRate must be a finite number >= 0, got -1.0",
        assertThrows(IllegalArgumentException.class, () -> Sgd.Config.of(-1)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> Sgd.Config.of(0.1).withNesterov(true));
    assertThrows(IllegalArgumentException.class, () -> Sgd.Config.of(0.1).withDampening(2));
    assertThrows(IllegalArgumentException.class, () -> Sgd.Config.of(0.1).withMomentum(Double.NaN));
  }
}
