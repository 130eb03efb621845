package io.github.vae4j.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vae4j.model.Vae;
import io.github.vae4j.model.VaeConfig;
import io.github.vae4j.prior.PriorSpec;
import io.github.vae4j.tensor.GradMode;
import io.github.vae4j.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The skeleton every objective passes: a finite loss, its terms, gradients everywhere, a finite-difference check. */
class ObjectivesTest {

  static final StepContext STEP = new StepContext(30, 2, 20, 5, 400);

  static Vae model(PriorSpec prior) {
    return new Vae(new VaeConfig(List.of(1, 4, 4), "mlp", List.of(12), 3, "tanh", "bernoulli", 1, "pytorch").withPrior(prior),
        new SplittableRandom(1));
  }

  static Tensor data(int batch) {
    return Tensor.rand(new SplittableRandom(2), batch, 1, 4, 4);
  }

  static Stream<Arguments> objectives() {
    return Stream.of(
        Arguments.of(Objective.elbo(), PriorSpec.standard(), List.of("reconstruction", "kl")),
        Arguments.of(Objective.elbo(), PriorSpec.mixture(3), List.of("reconstruction", "kl")),
        Arguments.of(Objective.elbo(), PriorSpec.vamp(4), List.of("reconstruction", "kl")),
        Arguments.of(new Elbo(2, KlSchedule.parse("linear:100"), 0), PriorSpec.standard(),
            List.of("reconstruction", "kl", "beta")),
        Arguments.of(new Elbo(1, KlSchedule.parse("cyclical:4:0.5"), 0.05), PriorSpec.standard(),
            List.of("reconstruction", "kl", "beta")),
        Arguments.of(new Elbo(1, KlSchedule.parse("capacity:5:100:10"), 0), PriorSpec.standard(),
            List.of("reconstruction", "kl", "beta")),
        Arguments.of(new Iwae(5, false), PriorSpec.standard(), List.of("iw_bound", "negative_elbo")),
        Arguments.of(new Iwae(5, true), PriorSpec.mixture(2), List.of("iw_bound", "negative_elbo")),
        Arguments.of(new InfoVae(0, 100, MmdKernel.IMQ, 1), PriorSpec.standard(), List.of("reconstruction", "kl", "mmd")),
        Arguments.of(new InfoVae(1, 100, MmdKernel.RBF, 1), PriorSpec.standard(), List.of("reconstruction", "kl", "mmd")),
        Arguments.of(Wae.defaults(), PriorSpec.standard(), List.of("reconstruction", "mmd")),
        Arguments.of(BetaTcVae.defaults(), PriorSpec.standard(),
            List.of("reconstruction", "kl", "mutual_information", "total_correlation", "dimension_kl")));
  }

  @ParameterizedTest
  @MethodSource("objectives")
  void lossIsFiniteAndNamesItsTerms(Objective objective, PriorSpec prior, List<String> names) {
    LossTerms terms = objective.loss(model(prior), data(8), STEP, new SplittableRandom(3));
    assertTrue(Float.isFinite(terms.loss().item()), objective.name());
    assertEquals(names, List.copyOf(terms.terms().keySet()), objective.name());
    terms.terms().forEach((name, v) -> assertTrue(Double.isFinite(v), objective.name() + " " + name + " = " + v));
    assertEquals(8, terms.batch());
  }

  @ParameterizedTest
  @MethodSource("objectives")
  void gradientsReachEveryParameter(Objective objective, PriorSpec prior, List<String> names) {
    Vae vae = model(prior);
    objective.loss(vae, data(8), STEP, new SplittableRandom(3)).loss().backward();
    for (Map.Entry<String, Tensor> e : vae.namedParameters().entrySet()) {
      // WAE trains the posterior mean only: its log-variance head is unused
      if (objective instanceof Wae && e.getKey().startsWith("posterior.logVariance")) {
        continue;
      }
      float[] g = e.getValue().gradArray();
      assertNotNull(g, objective.name() + ": no gradient for " + e.getKey());
      double norm = 0;
      for (float v : g) {
        assertTrue(Float.isFinite(v), e.getKey());
        norm += v * v;
      }
      assertTrue(norm > 0, objective.name() + ": zero gradient for " + e.getKey());
    }
  }

  @ParameterizedTest
  @MethodSource("objectives")
  void gradientMatchesAFiniteDifference(Objective objective, PriorSpec prior, List<String> names) {
    Vae vae = model(prior);
    Tensor x = data(6);
    for (String name : List.of("posterior.mean.bias", "decoder.2.bias")) {
      Tensor bias = vae.namedParameters().get(name);
      vae.zeroGrad();
      objective.loss(vae, x, STEP, new SplittableRandom(3)).loss().backward();
      float analytic = bias.gradArray()[1];
      float h = 1e-2f;
      float saved = bias.array()[1];
      double[] f = new double[2];
      try (GradMode _ = GradMode.noGrad()) {
        for (int k = 0; k < 2; k++) {
          bias.array()[1] = saved + (k == 0 ? h : -h);
          f[k] = objective.loss(vae, x, STEP, new SplittableRandom(3)).loss().item();
        }
      }
      bias.array()[1] = saved;
      // DReG's encoder gradient is another estimator of the same expectation, not the derivative of this sample's loss
      if (objective instanceof Iwae iwae && iwae.dreg() && name.startsWith("posterior")) {
        continue;
      }
      assertEquals((f[0] - f[1]) / (2 * h), analytic, 3e-2 * Math.max(1, Math.abs(analytic)),
          objective.name() + " " + name);
    }
  }
}
