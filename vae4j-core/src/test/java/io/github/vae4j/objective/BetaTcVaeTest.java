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

class BetaTcVaeTest {

  @Test
  void theThreeTermsAddUpToTheMonteCarloKl() {
    // log q(z|x) - log p(z) = [log q(z|x) - log q(z)] + [log q(z) - Π q(z_j)] + [Π q(z_j) - log p(z)]
    Vae vae = ObjectivesTest.model(PriorSpec.standard());
    Tensor x = ObjectivesTest.data(16);
    StepContext step = StepContext.single(1000);
    LossTerms terms = BetaTcVae.defaults().loss(vae, x, step, new SplittableRandom(5));
    double monteCarlo;
    try (GradMode _ = GradMode.noGrad()) {
      SplittableRandom random = new SplittableRandom(5);
      Normal q = vae.encode(x);
      Tensor z = q.rsample(random);
      monteCarlo = q.logProbSum(z).sub(vae.prior().logProb(z)).mean().item();
    }
    double sum = terms.term("mutual_information") + terms.term("total_correlation") + terms.term("dimension_kl");
    assertEquals(monteCarlo, sum, 1e-3 * Math.max(1, Math.abs(monteCarlo)));
  }

  @Test
  void weightsOfOneGiveTheElboLoss() {
    Vae vae = ObjectivesTest.model(PriorSpec.standard());
    Tensor x = ObjectivesTest.data(16);
    StepContext step = StepContext.single(1000);
    LossTerms terms = new BetaTcVae(1, 1, 1).loss(vae, x, step, new SplittableRandom(5));
    double sum = terms.term("mutual_information") + terms.term("total_correlation") + terms.term("dimension_kl");
    assertEquals(terms.term("reconstruction") + sum, terms.loss().item(), 1e-3);
  }

  @Test
  void theTotalCorrelationWeightScalesItsTerm() {
    Vae vae = ObjectivesTest.model(PriorSpec.standard());
    Tensor x = ObjectivesTest.data(16);
    StepContext step = StepContext.single(1000);
    LossTerms one = new BetaTcVae(1, 1, 1).loss(vae, x, step, new SplittableRandom(5));
    LossTerms six = new BetaTcVae(1, 6, 1).loss(vae, x, step, new SplittableRandom(5));
    assertEquals(5 * one.term("total_correlation"), six.loss().item() - one.loss().item(), 1e-3);
  }

  @Test
  void needsABatchOfTwoAndNonNegativeWeights() {
    Vae vae = ObjectivesTest.model(PriorSpec.standard());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> BetaTcVae.defaults()
        .loss(vae, ObjectivesTest.data(1), StepContext.single(10), new SplittableRandom(1))).getMessage()
        .contains("batch of >= 2"));
    assertThrows(IllegalArgumentException.class, () -> new BetaTcVae(1, -1, 1));
  }
}
