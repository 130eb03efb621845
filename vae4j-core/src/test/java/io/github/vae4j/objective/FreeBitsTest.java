package io.github.vae4j.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vae4j.model.Vae;
import io.github.vae4j.prior.PriorSpec;
import io.github.vae4j.prob.Normal;
import io.github.vae4j.tensor.GradMode;
import io.github.vae4j.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FreeBitsTest {

  private static final StepContext STEP = StepContext.single(100);

  /** The batch-mean KL of each latent dimension of the model's posterior for x. */
  private static double[] klPerDimension(Vae vae, Tensor x) {
    try (GradMode _ = GradMode.noGrad()) {
      Normal q = vae.encode(x);
      float[] kl = q.klToStandardNormal().toArray();
      int d = vae.latentDim();
      double[] out = new double[d];
      for (int i = 0; i < kl.length; i++) {
        out[i % d] += kl[i] / x.dim(0);
      }
      return out;
    }
  }

  @Test
  void eachDimensionsKlIsFlooredAtLambda() {
    Vae vae = ObjectivesTest.model(PriorSpec.standard());
    Tensor x = ObjectivesTest.data(8);
    double[] perDimension = klPerDimension(vae, x);
    double lambda = (java.util.Arrays.stream(perDimension).min().orElseThrow()
        + java.util.Arrays.stream(perDimension).max().orElseThrow()) / 2;
    double floored = 0;
    int below = 0;
    for (double k : perDimension) {
      floored += Math.max(lambda, k);
      below += k < lambda ? 1 : 0;
    }
    assertTrue(below > 0, "the test needs a dimension below λ");
    LossTerms plain = new Elbo(1, KlSchedule.none(), 0).loss(vae, x, STEP, new SplittableRandom(3));
    LossTerms free = new Elbo(1, KlSchedule.none(), lambda).loss(vae, x, STEP, new SplittableRandom(3));
    // the reported KL stays the plain one; the loss carries the floored one
    assertEquals(plain.term("kl"), free.term("kl"), 1e-9);
    assertEquals(free.term("reconstruction") + floored, free.loss().item(), 1e-3);
  }

  @Test
  void aDimensionBelowTheFloorGetsNoKlGradient() {
    Vae vae = ObjectivesTest.model(PriorSpec.standard());
    Tensor x = ObjectivesTest.data(8);
    // λ above every dimension's KL: the penalty is constant, so the KL no longer pulls on the posterior
    double lambda = 1000;
    Tensor bias = vae.namedParameters().get("posterior.logVariance.bias");
    new Elbo(1, KlSchedule.constant(0), 0).loss(vae, x, STEP, new SplittableRandom(3)).loss().backward();
    float[] reconstructionOnly = bias.gradArray().clone();
    vae.zeroGrad();
    new Elbo(1, KlSchedule.none(), lambda).loss(vae, x, STEP, new SplittableRandom(3)).loss().backward();
    float[] floored = bias.gradArray();
    for (int j = 0; j < floored.length; j++) {
      assertEquals(reconstructionOnly[j], floored[j], 1e-5f, "dimension " + j);
    }
  }

  @Test
  void needsAClosedFormKl() {
    Vae vae = ObjectivesTest.model(PriorSpec.mixture(2));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new Elbo(1, KlSchedule.none(), 0.25)
        .loss(vae, ObjectivesTest.data(4), STEP, new SplittableRandom(1))).getMessage().contains("--prior standard"));
  }
}
