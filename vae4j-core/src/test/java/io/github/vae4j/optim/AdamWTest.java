package io.github.vae4j.optim;

import static io.github.vae4j.optim.OptimTesting.named;
import static io.github.vae4j.optim.OptimTesting.param;
import static io.github.vae4j.optim.OptimTesting.setGrad;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.vae4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class AdamWTest {

  @Test
  void matchesPytorchFormulas() {
    AdamTest.assertFollowsReference(AdamW.defaults().withLearningRate(0.01), true);
    AdamTest.assertFollowsReference(AdamW.defaults().withLearningRate(0.1).withWeightDecay(0.5), true);
    AdamTest.assertFollowsReference(AdamW.defaults().withLearningRate(0.05).withAmsgrad(true), true);
  }

  @Test
  void decoupledDecayShrinksByOneMinusLrLambdaWithoutGradient() {
    Tensor p = param(2f);
    AdamW adamw = new AdamW(named(p), AdamW.defaults().withLearningRate(0.1).withWeightDecay(0.5));
    for (int t = 0; t < 3; t++) {
      setGrad(p, 0f);
      adamw.step();
    }
    assertEquals(2 * Math.pow(1 - 0.1 * 0.5, 3), p.get(0), 1e-6);
  }

  @Test
  void defaultsAreTorchs() {
    assertEquals(new Adam.Config(1e-3, 0.9, 0.999, 1e-8, 1e-2, false), AdamW.defaults());
    assertEquals("adamw", new AdamW(named(param(1f)), AdamW.defaults()).kind());
  }
}
