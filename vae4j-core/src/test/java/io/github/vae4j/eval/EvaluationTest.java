package io.github.vae4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vae4j.model.Vae;
import io.github.vae4j.model.VaeConfig;
import io.github.vae4j.prob.Normal;
import io.github.vae4j.tensor.GradMode;
import io.github.vae4j.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EvaluationTest {

  @Test
  void partsAddUpAndKlPerDimensionIsTheClosedForm() {
    Vae vae = new Vae(new VaeConfig(List.of(6), "mlp", List.of(8), 3, "tanh", "gaussian", 1, "pytorch"),
        new SplittableRandom(1));
    int count = 2500; // crosses the internal batches of 1000
    float[] x = Tensor.randn(new SplittableRandom(2), count, 6).toArray();
    Evaluation.ElboReport report = Evaluation.negativeElbo(vae, x, count, new SplittableRandom(3));
    assertEquals(count, report.negativeElbo().examples());
    assertEquals(report.reconstruction() + report.kl(), report.negativeElbo().mean(), 1e-6 * report.kl() + 1e-6);
    assertTrue(report.negativeElbo().standardError() > 0 && Double.isFinite(report.negativeElbo().standardError()));
    assertEquals(3, report.klPerDimension().size());

    double[] expected = new double[3];
    try (GradMode _ = GradMode.noGrad()) {
      Normal q = vae.encode(Tensor.wrap(x.clone(), count, 6));
      float[] mean = q.mean().toArray();
      float[] logVar = q.logVariance().toArray();
      for (int i = 0; i < count * 3; i++) {
        expected[i % 3] += -0.5 * (1 + logVar[i] - mean[i] * mean[i] - Math.exp(logVar[i])) / count;
      }
    }
    double sum = 0;
    for (int j = 0; j < 3; j++) {
      assertEquals(expected[j], report.klPerDimension().get(j), 1e-5 * Math.max(1, expected[j]), "dimension " + j);
      sum += report.klPerDimension().get(j);
    }
    assertEquals(report.kl(), sum, 1e-6 * Math.max(1, sum));
  }

  @Test
  void theBoundIsFiniteOnATrainedModel() {
    float[] x = TinyTrained.DATA.head(100).copyValues();
    Evaluation.ElboReport report = Evaluation.negativeElbo(TinyTrained.MODEL, x, 100, new SplittableRandom(1));
    assertTrue(Double.isFinite(report.negativeElbo().mean()) && report.negativeElbo().mean() > 0);
    assertTrue(report.kl() > 0);
    // bits per dimension below a coin flip per pixel: the model learned something
    assertTrue(report.negativeElbo().mean() < 784 * Math.log(2), "negative ELBO " + report.negativeElbo().mean());
  }

  @Test
  void negativeElboOfTheExactPosteriorIsTheNegativeLogLikelihood() {
    // with q(z|x) = p(z|x) the ELBO is log p(x); one-sample estimates scatter around it
    Vae vae = LinearGaussian.model();
    int count = 4000;
    float[] x = LinearGaussian.data(count, 5);
    Evaluation.ElboReport report = Evaluation.negativeElbo(vae, x, count, new SplittableRandom(6));
    double exact = -LinearGaussian.meanLogMarginal(x, count);
    double se = report.negativeElbo().standardError();
    assertTrue(Math.abs(report.negativeElbo().mean() - exact) < 4 * se,
        "negative ELBO " + report.negativeElbo().mean() + " ± " + se + ", -log p(x) " + exact);
    assertTrue(se < 0.1, "standard error " + se);
  }

  @Test
  void rejectsValuesThatDoNotMatchTheCount() {
    Vae vae = LinearGaussian.model();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Evaluation.negativeElbo(vae, new float[10], 3, new SplittableRandom(1)));
    assertEquals("expected 3 examples of 4 values, got 10 values", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Evaluation.negativeElbo(vae, new float[0], 0,
        new SplittableRandom(1)));
  }

  @Test
  void estimateAccumulatesMeanAndStandardError() {
    Estimate.Accumulator acc = new Estimate.Accumulator();
    for (double v : new double[] {1, 2, 3, 4}) {
      acc.add(v);
    }
    Estimate e = acc.result();
    assertEquals(2.5, e.mean(), 1e-12);
    assertEquals(Math.sqrt(5.0 / 3 / 4), e.standardError(), 1e-12);
    assertEquals(4, e.examples());
    Estimate.Accumulator single = new Estimate.Accumulator();
    single.add(7);
    assertTrue(Double.isNaN(single.result().standardError()));
  }

  @Test
  void collapseDiagnosticsSeparateUsedFromUnusedDimensions() {
    // a model whose posterior ignores x in every dimension but the first: one active unit, and the
    // mutual information is what that dimension carries
    Vae vae = new Vae(new VaeConfig(List.of(6), "mlp", List.of(8), 3, "tanh", "gaussian", 1, "pytorch"),
        new SplittableRandom(1));
    java.util.Map<String, Tensor> p = vae.namedParameters();
    float[] meanWeight = p.get("posterior.mean.weight").array();
    for (int i = 8; i < meanWeight.length; i++) {
      meanWeight[i] = 0; // rows 1 and 2: the means of dimensions 1 and 2 do not depend on the features
    }
    float[] meanBias = p.get("posterior.mean.bias").array();
    meanBias[1] = 0;
    meanBias[2] = 0;
    java.util.Arrays.fill(p.get("posterior.logVariance.weight").array(), 0);
    java.util.Arrays.fill(p.get("posterior.logVariance.bias").array(), 0);
    int count = 2000;
    float[] x = Tensor.randn(new SplittableRandom(2), count, 6).mul(3f).toArray();
    Evaluation.ElboReport report = Evaluation.negativeElbo(vae, x, count, new SplittableRandom(3));
    assertEquals(1, report.activeUnits(), report.posteriorMeanVariance().toString());
    assertTrue(report.posteriorMeanVariance().get(0) > 0.01);
    assertEquals(0.0, report.posteriorMeanVariance().get(1), 1e-12);
    // dimensions 1 and 2 are N(0, 1) for every x: no KL, no information
    assertEquals(0.0, report.klPerDimension().get(1), 1e-6);
    assertTrue(report.mutualInformation() > 0.05 && report.mutualInformation() < Math.log(1000),
        "I(x; z) = " + report.mutualInformation());
    // ELBO surgery: the average KL is the mutual information plus the aggregate posterior's KL
    assertEquals(report.kl(), report.mutualInformation() + report.aggregateKl(), 0.1 * report.kl() + 0.05);
  }
}
