package io.github.vae4j.prior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vae4j.io.Json;
import io.github.vae4j.model.Vae;
import io.github.vae4j.model.VaeConfig;
import io.github.vae4j.prob.Normal;
import io.github.vae4j.tensor.GradMode;
import io.github.vae4j.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PriorTest {

  private static final double LOG_2PI = Math.log(2 * Math.PI);

  /** log Σ_k w_k N(z; μ_k, e^{v_k}) written out in double precision. */
  private static double mixtureLogDensity(float[] z, float[] means, float[] logVariances, double[] logWeights) {
    int d = z.length;
    int k = logWeights.length;
    double[] terms = new double[k];
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < k; c++) {
      double s = logWeights[c];
      for (int j = 0; j < d; j++) {
        double v = logVariances[c * d + j];
        double diff = z[j] - means[c * d + j];
        s += -0.5 * (LOG_2PI + v + diff * diff * Math.exp(-v));
      }
      terms[c] = s;
      max = Math.max(max, s);
    }
    double sum = 0;
    for (double t : terms) {
      sum += Math.exp(t - max);
    }
    return max + Math.log(sum);
  }

  @Test
  void standardNormalLogDensityIsTheFormula() {
    Prior prior = new StandardNormalPrior(3);
    float[] z = {0.5f, -1f, 2f, 0f, 0f, 0f};
    float[] lp = prior.logProb(Tensor.of(z, 2, 3)).toArray();
    assertEquals(-0.5 * (3 * LOG_2PI + 0.25 + 1 + 4), lp[0], 1e-5);
    assertEquals(-0.5 * 3 * LOG_2PI, lp[1], 1e-5);
  }

  @Test
  void standardNormalSamplesHaveUnitMoments() {
    float[] z = new StandardNormalPrior(4).sample(20_000, new SplittableRandom(1)).toArray();
    double mean = 0;
    double square = 0;
    for (float v : z) {
      mean += v / z.length;
      square += v * v / z.length;
    }
    assertEquals(0, mean, 0.02);
    assertEquals(1, square, 0.03);
  }

  @Test
  void closedFormKlAgreesWithMonteCarlo() {
    // KL(q || p) = E_q[log q(z) - log p(z)], the estimate objectives fall back on
    Prior prior = new StandardNormalPrior(2);
    Normal q = new Normal(Tensor.of(new float[] {0.7f, -0.3f}, 1, 2), Tensor.of(new float[] {-0.5f, 0.4f}, 1, 2));
    double closed = prior.klPerDimension(q).orElseThrow().sum().item();
    Normal repeated = q.repeat(100_000);
    Tensor z = repeated.sample(new SplittableRandom(2));
    double monteCarlo = repeated.logProbSum(z).sub(prior.logProb(z)).mean().item();
    assertEquals(closed, monteCarlo, 0.01);
    assertTrue(new GaussianMixturePrior(2, 2, new SplittableRandom(1)).klPerDimension(q).isEmpty());
  }

  @Test
  void mixtureLogDensityIsTheMixtureWrittenOut() {
    GaussianMixturePrior prior = new GaussianMixturePrior(3, 2, new SplittableRandom(4));
    // components of other widths and weights than the initial ones
    Tensor logVariances = prior.namedParameters().get("logVariances");
    Tensor logits = prior.namedParameters().get("logits");
    float[] lv = {-1f, 0.5f, 0.2f, -0.3f, 1f, 0f};
    System.arraycopy(lv, 0, logVariances.array(), 0, lv.length);
    float[] w = {0.3f, -1f, 0.7f};
    System.arraycopy(w, 0, logits.array(), 0, w.length);
    double norm = Math.log(Math.exp(0.3) + Math.exp(-1) + Math.exp(0.7));
    double[] logWeights = {0.3 - norm, -1 - norm, 0.7 - norm};
    float[] means = prior.namedParameters().get("means").toArray();
    Tensor z = Tensor.randn(new SplittableRandom(5), 10, 2).mul(2f);
    float[] lp = prior.logProb(z).toArray();
    float[] zs = z.toArray();
    for (int i = 0; i < 10; i++) {
      double expected = mixtureLogDensity(new float[] {zs[2 * i], zs[2 * i + 1]}, means, lv, logWeights);
      assertEquals(expected, lp[i], 1e-4 * Math.max(1, Math.abs(expected)), "code " + i);
    }
  }

  @Test
  void mixtureSamplesFollowTheirComponents() {
    GaussianMixturePrior prior = new GaussianMixturePrior(2, 1, new SplittableRandom(4));
    float[] means = prior.namedParameters().get("means").array();
    means[0] = -5;
    means[1] = 5;
    prior.namedParameters().get("logits").array()[1] = (float) Math.log(3); // weights 1/4, 3/4
    float[] z = prior.sample(20_000, new SplittableRandom(1)).toArray();
    int right = 0;
    for (float v : z) {
      right += v > 0 ? 1 : 0;
    }
    assertEquals(0.75, right / 20_000.0, 0.01);
  }

  @Test
  void mixtureParametersGetTheGradientOfTheLogDensity() {
    GaussianMixturePrior prior = new GaussianMixturePrior(3, 2, new SplittableRandom(4));
    Tensor z = Tensor.randn(new SplittableRandom(5), 6, 2);
    Tensor means = prior.namedParameters().get("means");
    prior.logProb(z).sum().backward();
    float analytic = means.gradArray()[3];
    float h = 1e-2f;
    float saved = means.array()[3];
    double[] f = new double[2];
    try (GradMode _ = GradMode.noGrad()) {
      for (int k = 0; k < 2; k++) {
        means.array()[3] = saved + (k == 0 ? h : -h);
        f[k] = prior.logProb(z).sum().item();
      }
    }
    means.array()[3] = saved;
    assertEquals((f[0] - f[1]) / (2 * h), analytic, 2e-2 * Math.max(1, Math.abs(analytic)));
  }

  @Test
  void vampPriorIsTheMixtureOfThePseudoInputsPosteriors() {
    Vae vae = new Vae(new VaeConfig(List.of(1, 4, 4), "mlp", List.of(12), 3, "tanh", "bernoulli", 1, "pytorch").withPrior(PriorSpec.vamp(5)), new SplittableRandom(1));
    VampPrior prior = (VampPrior) vae.prior();
    assertEquals(List.of(5, 1, 4, 4), java.util.Arrays.stream(vae.namedParameters().get("prior.pseudoInputs").shape())
        .boxed().toList());
    Tensor z = Tensor.randn(new SplittableRandom(5), 7, 3);
    float[] lp;
    float[] means;
    float[] logVariances;
    try (GradMode _ = GradMode.noGrad()) {
      lp = prior.logProb(z).toArray();
      Normal q = vae.encode(vae.namedParameters().get("prior.pseudoInputs"));
      means = q.mean().toArray();
      logVariances = q.logVariance().toArray();
    }
    double[] uniform = new double[5];
    java.util.Arrays.fill(uniform, -Math.log(5));
    float[] zs = z.toArray();
    for (int i = 0; i < 7; i++) {
      double expected = mixtureLogDensity(java.util.Arrays.copyOfRange(zs, 3 * i, 3 * i + 3), means, logVariances,
          uniform);
      assertEquals(expected, lp[i], 1e-4 * Math.max(1, Math.abs(expected)), "code " + i);
    }
    // the pseudo-inputs learn: the log density's gradient reaches them through the encoder
    prior.logProb(z).sum().backward();
    float[] g = vae.namedParameters().get("prior.pseudoInputs").gradArray();
    assertTrue(g != null && java.util.Arrays.stream(toDouble(g)).anyMatch(v -> v != 0));
    assertEquals(3, prior.sample(4, new SplittableRandom(2)).dim(1));
  }

  private static double[] toDouble(float[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }

  @Test
  void theStandardPriorAddsNoParametersAndDrawsNothing() {
    VaeConfig config = new VaeConfig(List.of(1, 4, 4), "mlp", List.of(12), 3, "tanh", "bernoulli", 1, "pytorch");
    Vae plain = new Vae(config, new SplittableRandom(1));
    Vae mixture = new Vae(config.withPrior(PriorSpec.mixture(2)), new SplittableRandom(1));
    assertTrue(plain.namedParameters().keySet().stream().noneMatch(n -> n.startsWith("prior")));
    assertEquals(List.of("prior.means", "prior.logVariances", "prior.logits"),
        mixture.namedParameters().keySet().stream().filter(n -> n.startsWith("prior")).toList());
    // the networks' weights do not depend on the prior: it is built last
    assertEquals(plain.namedParameters().get("decoder.2.weight").toArray()[7],
        mixture.namedParameters().get("decoder.2.weight").toArray()[7]);
  }

  @ParameterizedTest
  @ValueSource(strings = {"standard", "mog:10", "vamp:500"})
  void specsRoundTripThroughTextAndJson(String text) {
    PriorSpec spec = PriorSpec.parse(text);
    assertEquals(text, spec.toString());
    assertEquals("\"" + text + "\"", Json.compact(spec));
    assertEquals(spec, Json.mapper().convertValue(text, PriorSpec.class));
  }

  @Test
  void badSpecsAreNamed() {
    assertEquals("prior must be standard, mog:K or vamp:K, got 'gauss'",
        assertThrows(IllegalArgumentException.class, () -> PriorSpec.parse("gauss")).getMessage());
    assertEquals("prior mog:K needs a whole number of components, got 'mog:x'",
        assertThrows(IllegalArgumentException.class, () -> PriorSpec.parse("mog:x")).getMessage());
    assertEquals("prior vamp:K needs K >= 1 components, got 0",
        assertThrows(IllegalArgumentException.class, () -> PriorSpec.parse("vamp:0")).getMessage());
    assertThrows(IllegalArgumentException.class, () -> PriorSpec.parse("mog"));
  }
}
