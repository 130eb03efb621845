package io.github.vae4j.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vae4j.model.Vae;
import io.github.vae4j.prior.PriorSpec;
import io.github.vae4j.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IwaeTest {

  private static final StepContext STEP = StepContext.single(100);

  @Test
  void oneSampleIsTheElboWithAMonteCarloKl() {
    // with a prior without a closed-form KL both estimate the KL at the same draw
    Vae vae = ObjectivesTest.model(PriorSpec.mixture(3));
    Tensor x = ObjectivesTest.data(8);
    LossTerms iwae = new Iwae(1, false).loss(vae, x, STEP, new SplittableRandom(4));
    LossTerms elbo = Objective.elbo().loss(vae, x, STEP, new SplittableRandom(4));
    assertEquals(elbo.loss().item(), iwae.loss().item(), 1e-4 * Math.abs(elbo.loss().item()));
    assertEquals(iwae.term("iw_bound"), iwae.term("negative_elbo"), 1e-3);
  }

  @Test
  void oneSampleHasTheElbosGradient() {
    Vae a = ObjectivesTest.model(PriorSpec.mixture(3));
    Vae b = ObjectivesTest.model(PriorSpec.mixture(3));
    Tensor x = ObjectivesTest.data(8);
    new Iwae(1, false).loss(a, x, STEP, new SplittableRandom(4)).loss().backward();
    Objective.elbo().loss(b, x, STEP, new SplittableRandom(4)).loss().backward();
    a.namedParameters().forEach((name, t) -> {
      float[] ga = t.gradArray();
      float[] gb = b.namedParameters().get(name).gradArray();
      for (int i = 0; i < ga.length; i++) {
        assertEquals(gb[i], ga[i], 1e-4 * Math.max(1, Math.abs(gb[i])), name + "[" + i + "]");
      }
    });
  }

  @Test
  void moreSamplesGiveALowerLossOnAverage() {
    Vae vae = ObjectivesTest.model(PriorSpec.standard());
    Tensor x = ObjectivesTest.data(16);
    double[] mean = new double[3];
    int[] ks = {1, 5, 50};
    for (int k = 0; k < ks.length; k++) {
      for (int seed = 0; seed < 20; seed++) {
        mean[k] += new Iwae(ks[k], false).loss(vae, x, STEP, new SplittableRandom(seed)).loss().item() / 20;
      }
    }
    assertTrue(mean[0] > mean[1] && mean[1] > mean[2], "-L_1, -L_5, -L_50: " + java.util.Arrays.toString(mean));
  }

  @Test
  void dregLeavesTheLossAndTheDecoderGradientAlone() {
    Vae a = ObjectivesTest.model(PriorSpec.standard());
    Vae b = ObjectivesTest.model(PriorSpec.standard());
    Tensor x = ObjectivesTest.data(8);
    LossTerms plain = new Iwae(10, false).loss(a, x, STEP, new SplittableRandom(6));
    LossTerms dreg = new Iwae(10, true).loss(b, x, STEP, new SplittableRandom(6));
    assertEquals(plain.loss().item(), dreg.loss().item(), 1e-4 * Math.abs(plain.loss().item()));
    plain.loss().backward();
    dreg.loss().backward();
    a.namedParameters().forEach((name, t) -> {
      if (name.startsWith("decoder")) {
        float[] ga = t.gradArray();
        float[] gb = b.namedParameters().get(name).gradArray();
        for (int i = 0; i < ga.length; i++) {
          assertEquals(ga[i], gb[i], 1e-4 * Math.max(1, Math.abs(ga[i])), name + "[" + i + "]");
        }
      }
    });
  }

  @Test
  void dregEstimatesTheSameEncoderGradientWithLessVariance() {
    // Tucker et al.: the estimator is unbiased for the IWAE gradient and drops the score term's variance
    Vae vae = ObjectivesTest.model(PriorSpec.standard());
    Tensor x = ObjectivesTest.data(4);
    Tensor bias = vae.namedParameters().get("posterior.mean.bias");
    int runs = 300;
    double[][] sums = new double[2][2];
    for (int estimator = 0; estimator < 2; estimator++) {
      for (int seed = 0; seed < runs; seed++) {
        vae.zeroGrad();
        new Iwae(20, estimator == 1).loss(vae, x, STEP, new SplittableRandom(seed)).loss().backward();
        double g = bias.gradArray()[0];
        sums[estimator][0] += g;
        sums[estimator][1] += g * g;
      }
    }
    double meanPlain = sums[0][0] / runs;
    double meanDreg = sums[1][0] / runs;
    double varPlain = sums[0][1] / runs - meanPlain * meanPlain;
    double varDreg = sums[1][1] / runs - meanDreg * meanDreg;
    assertEquals(meanPlain, meanDreg, 4 * Math.sqrt((varPlain + varDreg) / runs), "means " + meanPlain + ", " + meanDreg);
    assertTrue(varDreg < varPlain, "variance with DReG " + varDreg + ", without " + varPlain);
  }

  @Test
  void rejectsBadSettingsAndNamesItself() {
    assertEquals("samples (k) must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> new Iwae(0, false)).getMessage());
    assertEquals("iwae(k=5)", new Iwae(5, false).name());
    assertEquals("iwae(k=50, dreg)", new Iwae(50, true).name());
  }
}
