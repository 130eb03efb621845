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

class RmsPropTest {

  private static void assertFollowsReference(RmsProp.Config c) {
    Tensor p = param(START);
    RmsProp rmsprop = new RmsProp(named(p), c);
    double[] ep = toDouble(START);
    double[] v = new double[3];
    double[] gAvg = new double[3];
    double[] buf = new double[3];
    for (int t = 1; t <= GRADS.length; t++) {
      setGrad(p, GRADS[t - 1]);
      rmsprop.step();
      for (int i = 0; i < 3; i++) {
        double g = GRADS[t - 1][i] + c.weightDecay() * ep[i];
        v[i] = c.alpha() * v[i] + (1 - c.alpha()) * g * g;
        double avg;
        if (c.centered()) {
          gAvg[i] = c.alpha() * gAvg[i] + (1 - c.alpha()) * g;
          avg = Math.sqrt(v[i] - gAvg[i] * gAvg[i]) + c.epsilon();
        } else {
          avg = Math.sqrt(v[i]) + c.epsilon();
        }
        if (c.momentum() > 0) {
          buf[i] = c.momentum() * buf[i] + g / avg;
          ep[i] -= c.learningRate() * buf[i];
        } else {
          ep[i] -= c.learningRate() * g / avg;
        }
      }
      assertArrayEquals(ep, toDouble(p.toArray()), 1e-5, c + " step " + t);
    }
  }

  @Test
  void firstStepDividesByTheRootOfOneMinusAlpha() {
    // v = (1 - α) g², so the step is lr * g / (sqrt(1 - α) |g|) = lr / sqrt(0.01) * sign(g) = 10 lr
    Tensor p = param(START);
    RmsProp rmsprop = new RmsProp(named(p), RmsProp.Config.of(0.001));
    setGrad(p, GRADS[0]);
    rmsprop.step();
    assertArrayEquals(new double[] {0.99, -1.99, 0.49}, toDouble(p.toArray()), 1e-5);
  }

  @Test
  void matchesPytorchFormulas() {
    assertFollowsReference(RmsProp.Config.of(0.01));
    assertFollowsReference(RmsProp.Config.of(0.01).withWeightDecay(0.1).withAlpha(0.9));
    assertFollowsReference(RmsProp.Config.of(0.01).withMomentum(0.9));
    assertFollowsReference(RmsProp.Config.of(0.01).withCentered(true).withAlpha(0.9));
    assertFollowsReference(RmsProp.Config.of(0.01).withCentered(true).withMomentum(0.5).withEpsilon(0.1));
    // α < 0.5 takes the other branch of PyTorch's lerp for the centered average
    assertFollowsReference(RmsProp.Config.of(0.01).withCentered(true).withAlpha(0.3));
  }

  @Test
  void defaultsAreTorchs() {
    assertEquals(new RmsProp.Config(1e-2, 0.99, 1e-8, 0, 0, false), RmsProp.Config.defaults());
  }

  @Test
  void rejectsBadConfigs() {
    assertThrows(IllegalArgumentException.class, () -> RmsProp.Config.of(0.01).withAlpha(1));
    assertThrows(IllegalArgumentException.class, () -> RmsProp.Config.of(0.01).withMomentum(-0.5));
  }
}
