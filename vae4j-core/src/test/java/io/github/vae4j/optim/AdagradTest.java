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
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AdagradTest {

  private static void assertFollowsReference(Adagrad.Config c) {
    Tensor p = param(START);
    Adagrad adagrad = new Adagrad(named(p), c);
    double[] ep = toDouble(START);
    double[] sum = new double[3];
    Arrays.fill(sum, c.initialAccumulatorValue());
    for (int t = 1; t <= GRADS.length; t++) {
      setGrad(p, GRADS[t - 1]);
      adagrad.step();
      double clr = c.learningRate() / (1 + (t - 1) * c.learningRateDecay());
      for (int i = 0; i < 3; i++) {
        double g = GRADS[t - 1][i] + c.weightDecay() * ep[i];
        sum[i] += g * g;
        ep[i] -= clr * g / (Math.sqrt(sum[i]) + c.epsilon());
      }
      assertArrayEquals(ep, toDouble(p.toArray()), 1e-6, c + " step " + t);
    }
  }

  @Test
  void firstStepIsLearningRateTimesSign() {
    Tensor p = param(START);
    Adagrad adagrad = new Adagrad(named(p), Adagrad.Config.of(0.1));
    setGrad(p, GRADS[0]);
    adagrad.step();
    assertArrayEquals(new double[] {0.9, -1.9, 0.4}, toDouble(p.toArray()), 1e-6);
  }

  @Test
  void matchesPytorchFormulas() {
    assertFollowsReference(Adagrad.Config.of(0.1));
    assertFollowsReference(Adagrad.Config.of(0.1).withWeightDecay(0.1).withLearningRateDecay(0.5));
    assertFollowsReference(Adagrad.Config.of(0.1).withInitialAccumulatorValue(0.5).withEpsilon(0.01));
  }

  @Test
  void defaultsAreTorchs() {
    assertEquals(new Adagrad.Config(1e-2, 0, 0, 0, 1e-10), Adagrad.Config.defaults());
  }

  @Test
  void rejectsBadConfigs() {
    assertThrows(IllegalArgumentException.class, () -> Adagrad.Config.of(0.1).withInitialAccumulatorValue(-1));
    assertThrows(IllegalArgumentException.class, () -> Adagrad.Config.of(0.1).withLearningRateDecay(-1));
  }
}
