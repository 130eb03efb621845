package io.github.vae4j.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vae4j.model.Vae;
import io.github.vae4j.model.VaeConfig;
import io.github.vae4j.prob.Normal;
import io.github.vae4j.tensor.GradMode;
import io.github.vae4j.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ElboTest {

  private static Vae model() {
    return new Vae(new VaeConfig(List.of(1, 4, 4), "mlp", List.of(12), 3, "tanh", "bernoulli", 1, "pytorch"),
        new SplittableRandom(1));
  }

  private static final StepContext STEP = StepContext.single(100);

  private static Objective elbo(double beta, int samples) {
    return Objective.elbo(beta, samples);
  }

  private static double rec(LossTerms terms) {
    return terms.term(Terms.RECONSTRUCTION);
  }

  private static double kl(LossTerms terms) {
    return terms.term(Terms.KL);
  }

  private static Tensor data(int batch) {
    return Tensor.rand(new SplittableRandom(2), batch, 1, 4, 4);
  }

  /** A generator whose Gaussian draws are all 0, so that z is the posterior mean. */
  private static final class ZeroNoise implements RandomGenerator {
    @Override
    public long nextLong() {
      return 0;
    }

    @Override
    public double nextGaussian() {
      return 0;
    }
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 0.5, 1.0, 4.0})
  void lossIsReconstructionPlusBetaTimesKl(double beta) {
    LossTerms terms = elbo(beta, 1).loss(model(), data(8), STEP, new SplittableRandom(3));
    assertEquals(rec(terms) + beta * kl(terms), terms.loss().item(), 1e-4 * rec(terms));
    assertEquals(8, terms.batch());
    assertTrue(rec(terms) > 0 && kl(terms) > 0, terms.toString());
    assertTrue(terms.loss().requiresGrad());
  }

  @Test
  void betaZeroIsPureReconstruction() {
    LossTerms terms = elbo(0, 1).loss(model(), data(8), STEP, new SplittableRandom(3));
    assertEquals((float) rec(terms), terms.loss().item());
    // the same draws give the same reconstruction whatever β is
    LossTerms withKl = elbo(1, 1).loss(model(), data(8), STEP, new SplittableRandom(3));
    assertEquals(rec(withKl), rec(terms), 1e-9);
  }

  @Test
  void klIsTheClosedFormAveragedOverTheBatch() {
    Vae vae = model();
    Tensor x = data(5);
    LossTerms terms = Objective.elbo().loss(vae, x, STEP, new SplittableRandom(3));
    double expected;
    try (GradMode _ = GradMode.noGrad()) {
      Normal q = vae.encode(x);
      float[] mean = q.mean().toArray();
      float[] logVar = q.logVariance().toArray();
      double sum = 0;
      for (int i = 0; i < mean.length; i++) {
        sum += -0.5 * (1 + logVar[i] - mean[i] * mean[i] - Math.exp(logVar[i]));
      }
      expected = sum / 5;
    }
    assertEquals(expected, kl(terms), 1e-5);
  }

  @Test
  void lossIsAMeanOverTheBatch() {
    Vae vae = model();
    float[] one = data(1).toArray();
    float[] two = new float[2 * one.length];
    System.arraycopy(one, 0, two, 0, one.length);
    System.arraycopy(one, 0, two, one.length, one.length);
    LossTerms single = Objective.elbo().loss(vae, Tensor.of(one, 1, 1, 4, 4), STEP, new ZeroNoise());
    LossTerms doubled = Objective.elbo().loss(vae, Tensor.of(two, 2, 1, 4, 4), STEP, new ZeroNoise());
    assertEquals(single.loss().item(), doubled.loss().item(), 1e-4);
    assertEquals(kl(single), kl(doubled), 1e-5);
  }

  @Test
  void severalSamplesAverageTheReconstructionOverTheDraws() {
    Vae vae = model();
    Tensor x = data(4);
    int samples = 3;
    LossTerms terms = elbo(1, samples).loss(vae, x, STEP, new SplittableRandom(5));
    // replay the same draws by hand
    SplittableRandom random = new SplittableRandom(5);
    double sum = 0;
    try (GradMode _ = GradMode.noGrad()) {
      Normal q = vae.encode(x);
      for (int l = 0; l < samples; l++) {
        for (float v : vae.logLikelihood(vae.decoderOutput(q.rsample(random)), x).toArray()) {
          sum += v;
        }
      }
    }
    assertEquals(-sum / (samples * 4), rec(terms), 1e-3);
  }

  @Test
  void moreSamplesMeanLessMonteCarloNoise() {
    Vae vae = model();
    Tensor x = data(2);
    double[] spread = new double[2];
    int[] samples = {1, 16};
    for (int k = 0; k < 2; k++) {
      double s = 0;
      double s2 = 0;
      for (int seed = 0; seed < 40; seed++) {
        double r = elbo(1, samples[k]).loss(vae, x, STEP, new SplittableRandom(seed)).term(Terms.RECONSTRUCTION);
        s += r;
        s2 += r * r;
      }
      spread[k] = s2 / 40 - (s / 40) * (s / 40);
    }
    assertTrue(spread[1] < spread[0] / 4, "variance with 1 sample " + spread[0] + ", with 16 " + spread[1]);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 1.0})
  void gradientsReachEveryParameter(double beta) {
    Vae vae = model();
    elbo(beta, 2).loss(vae, data(4), STEP, new SplittableRandom(3)).loss().backward();
    for (Map.Entry<String, Tensor> e : vae.namedParameters().entrySet()) {
      float[] g = e.getValue().gradArray();
      assertNotNull(g, "no gradient for " + e.getKey());
      double norm = 0;
      for (float v : g) {
        assertTrue(Float.isFinite(v), e.getKey());
        norm += v * v;
      }
      assertTrue(norm > 0, "zero gradient for " + e.getKey());
    }
  }

  @Test
  void gradientMatchesAFiniteDifference() {
    Vae vae = model();
    Tensor x = data(3);
    Tensor bias = vae.namedParameters().get("posterior.mean.bias");
    elbo(2, 1).loss(vae, x, STEP, new SplittableRandom(3)).loss().backward();
    float analytic = bias.gradArray()[1];
    float h = 1e-2f;
    float saved = bias.array()[1];
    double[] f = new double[2];
    try (GradMode _ = GradMode.noGrad()) {
      for (int k = 0; k < 2; k++) {
        bias.array()[1] = saved + (k == 0 ? h : -h);
        f[k] = elbo(2, 1).loss(vae, x, STEP, new SplittableRandom(3)).loss().item();
      }
    }
    bias.array()[1] = saved;
    assertEquals((f[0] - f[1]) / (2 * h), analytic, 2e-2 * Math.max(1, Math.abs(analytic)));
  }

  @Test
  void rejectsBadSettingsAndNamesItself() {
    assertEquals("KL schedule beta must be a number >= 0, got -1.0",
        assertThrows(IllegalArgumentException.class, () -> elbo(-1, 1)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> elbo(Double.NaN, 1));
    assertThrows(IllegalArgumentException.class, () -> elbo(Double.POSITIVE_INFINITY, 1));
    assertEquals("samples must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> elbo(1, 0)).getMessage());
    assertEquals("freeBits must be >= 0 nats, got -0.5", assertThrows(IllegalArgumentException.class,
        () -> new Elbo(1, KlSchedule.none(), -0.5)).getMessage());
    assertEquals("elbo", Objective.elbo().name());
    assertEquals("elbo(samples=2, kl=constant:4.0)", Objective.elbo(4, 2).name());
    assertEquals("elbo(kl=linear:100, free-bits=0.25)", new Elbo(1, KlSchedule.parse("linear:100"), 0.25).name());
  }
}
