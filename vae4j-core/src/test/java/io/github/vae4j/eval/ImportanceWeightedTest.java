package io.github.vae4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vae4j.model.Vae;
import io.github.vae4j.model.VaeConfig;
import io.github.vae4j.prob.Normal;
import io.github.vae4j.tensor.GradMode;
import io.github.vae4j.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The internal chunking decodes at most 4096 rows at once; several tests cross that boundary. */
class ImportanceWeightedTest {

  @Test
  void oneSampleIsTheElbo() {
    float[] x = TinyTrained.DATA.head(200).copyValues();
    Estimate iw = ImportanceWeighted.negativeLogLikelihood(TinyTrained.MODEL, x, 200, 1, new SplittableRandom(1));
    Estimate elbo = Evaluation.negativeElbo(TinyTrained.MODEL, x, 200, new SplittableRandom(2)).negativeElbo();
    double tolerance = 4 * Math.hypot(iw.standardError(), elbo.standardError());
    assertTrue(Math.abs(iw.mean() - elbo.mean()) < tolerance,
        "IW K=1 " + iw.mean() + " ± " + iw.standardError() + " vs negative ELBO " + elbo.mean() + " ± "
            + elbo.standardError());
  }

  @Test
  void moreSamplesGiveATighterBoundOnATrainedModel() {
    float[] x = TinyTrained.DATA.head(100).copyValues();
    double elbo = Evaluation.negativeElbo(TinyTrained.MODEL, x, 100, new SplittableRandom(2)).negativeElbo().mean();
    Estimate iw = ImportanceWeighted.negativeLogLikelihood(TinyTrained.MODEL, x, 100, 50, new SplittableRandom(1));
    assertTrue(Double.isFinite(iw.mean()) && iw.standardError() > 0);
    assertTrue(iw.mean() < elbo, "IW NLL (K=50) " + iw.mean() + " should be below the negative ELBO " + elbo);
  }

  @Test
  void theBoundTightensWithKOnATrainedModel() {
    // Burda et al., Theorem 1: L_1 <= L_5 <= L_50 in expectation; on 200 examples the gaps exceed the noise
    float[] x = TinyTrained.DATA.head(200).copyValues();
    double l1 = -ImportanceWeighted.negativeLogLikelihood(TinyTrained.MODEL, x, 200, 1, new SplittableRandom(1)).mean();
    double l5 = -ImportanceWeighted.negativeLogLikelihood(TinyTrained.MODEL, x, 200, 5, new SplittableRandom(1)).mean();
    double l50 = -ImportanceWeighted.negativeLogLikelihood(TinyTrained.MODEL, x, 200, 50, new SplittableRandom(1)).mean();
    assertTrue(l1 < l5 && l5 < l50, "L_1 " + l1 + ", L_5 " + l5 + ", L_50 " + l50);
  }

  @Test
  void worksForPriorsWithoutAClosedForm() {
    // a mixture prior enters through its log density only; K = 1 is then the Monte Carlo ELBO
    Vae vae = new Vae(new VaeConfig(List.of(1, 5, 5), "mlp", List.of(16), 3, "tanh", "bernoulli", 1, "pytorch").withPrior(io.github.vae4j.prior.PriorSpec.mixture(4)), new SplittableRandom(2));
    float[] x = Tensor.rand(new SplittableRandom(3), 300, 1, 5, 5).toArray();
    Estimate one = ImportanceWeighted.negativeLogLikelihood(vae, x, 300, 1, new SplittableRandom(1));
    Estimate elbo = Evaluation.negativeElbo(vae, x, 300, new SplittableRandom(2)).negativeElbo();
    assertEquals(elbo.mean(), one.mean(), 4 * Math.hypot(elbo.standardError(), one.standardError()));
    Estimate fifty = ImportanceWeighted.negativeLogLikelihood(vae, x, 300, 50, new SplittableRandom(1));
    assertTrue(fifty.mean() < one.mean());
  }

  @ParameterizedTest(name = "K={0}, {1} examples")
  @CsvSource({"1, 20", "10, 20", "100, 50", "5000, 3"})
  void exactOnALinearGaussianModel(int samples, int count) {
    // K=100 with 50 examples runs batches of 40 and 10; K=5000 decodes 4096 and 904 samples per example
    Vae vae = LinearGaussian.model();
    float[] x = LinearGaussian.data(count, 7);
    Estimate nll = ImportanceWeighted.negativeLogLikelihood(vae, x, count, samples, new SplittableRandom(8));
    assertEquals(-LinearGaussian.meanLogMarginal(x, count), nll.mean(), 1e-4);
    assertEquals(count, nll.examples());
  }

  @Test
  void eachExampleGetsItsOwnWeightsAcrossChunks() {
    // 50 examples x 100 samples = 5000 rows: chunks of 81 samples then 19, rows sample-major
    Vae vae = LinearGaussian.model();
    float[] x = LinearGaussian.data(50, 9);
    double[] logPx;
    try (GradMode _ = GradMode.noGrad()) {
      logPx = ImportanceWeighted.logLikelihood(vae, x, 50, 100, new SplittableRandom(10));
    }
    for (int i = 0; i < 50; i++) {
      assertEquals(LinearGaussian.logMarginal(x, i), logPx[i], 1e-4, "example " + i);
    }
  }

  @Test
  void chunkingDoesNotChangeTheWeights() {
    // with every draw at the mean all K weights are equal, so any split of the samples gives the
    // same value per example: log p(x|μ) + log N(μ; 0, I) - log N(μ; μ, σ²)
    Vae vae = smallVae();
    int count = 7;
    float[] x = Tensor.rand(new SplittableRandom(3), count, 1, 5, 5).toArray();
    double[] expected = new double[count];
    try (GradMode _ = GradMode.noGrad()) {
      Normal q = vae.encode(Tensor.wrap(x.clone(), count, 1, 5, 5));
      float[] logPx = vae.logLikelihood(vae.decoderOutput(q.mean()), Tensor.wrap(x.clone(), count, 1, 5, 5))
          .toArray();
      float[] mean = q.mean().toArray();
      float[] logVar = q.logVariance().toArray();
      for (int i = 0; i < count; i++) {
        expected[i] = logPx[i];
        for (int j = 0; j < 3; j++) {
          expected[i] += -0.5 * mean[i * 3 + j] * mean[i * 3 + j] + 0.5 * logVar[i * 3 + j];
        }
      }
      for (int samples : new int[] {1, 3, 700, 5000}) {
        double[] all = ImportanceWeighted.logLikelihood(vae, x, count, samples, new ZeroNoise());
        for (int i = 0; i < count; i++) {
          assertEquals(expected[i], all[i], 1e-4 * Math.abs(expected[i]), "K=" + samples + " example " + i);
          double[] alone = ImportanceWeighted.logLikelihood(vae, Arrays.copyOfRange(x, i * 25, (i + 1) * 25), 1,
              samples, new ZeroNoise());
          assertEquals(all[i], alone[0], 1e-4 * Math.abs(expected[i]), "K=" + samples + " example " + i + " alone");
        }
      }
    }
    double mean = -Arrays.stream(expected).average().orElseThrow();
    for (int samples : new int[] {1, 5000}) {
      assertEquals(mean, ImportanceWeighted.negativeLogLikelihood(vae, x, count, samples, new ZeroNoise()).mean(),
          1e-4 * Math.abs(mean));
    }
  }

  /** An untrained 25-16-3 MLP VAE on 5x5 images. */
  private static Vae smallVae() {
    return new Vae(new VaeConfig(List.of(1, 5, 5), "mlp", List.of(16), 3, "tanh", "bernoulli", 1, "pytorch"),
        new SplittableRandom(2));
  }

  /** Each example draws from its own split stream: alone or in a batch, the same draws. */
  @Test
  void anExamplesDrawsDoNotDependOnItsBatch() {
    Vae vae = smallVae();
    int count = 6;
    float[] x = Tensor.rand(new SplittableRandom(3), count, 1, 5, 5).toArray();
    try (GradMode _ = GradMode.noGrad()) {
      double[] all = ImportanceWeighted.logLikelihood(vae, x, count, 40, new SplittableRandom(5));
      java.util.random.RandomGenerator[] streams = ImportanceWeighted.streams(new SplittableRandom(5), count);
      for (int i = 0; i < count; i++) {
        double[] alone = ImportanceWeighted.logLikelihood(vae, Arrays.copyOfRange(x, i * 25, (i + 1) * 25), 1, 40,
            new java.util.random.RandomGenerator[] {streams[i]});
        assertEquals(all[i], alone[0], 1e-5 * Math.abs(all[i]), "example " + i);
      }
      // and a different stream gives a different estimate: the test would pass with no noise at all
      double[] other = ImportanceWeighted.logLikelihood(vae, x, count, 40, new SplittableRandom(6));
      org.junit.jupiter.api.Assertions.assertNotEquals(all[0], other[0]);
    }
  }

  @Test
  void logMeanExpIsStable() {
    assertEquals(1000 + Math.log(2.5 / 3) + Math.log(1 + 0), ImportanceWeighted.logMeanExp(new double[] {1000,
        1000 + Math.log(0.5), 1000 + Math.log(1)}), 1e-9);
    assertEquals(-1000, ImportanceWeighted.logMeanExp(new double[] {-1000, -1000}), 1e-12);
    assertEquals(Double.NEGATIVE_INFINITY, ImportanceWeighted.logMeanExp(new double[] {Double.NEGATIVE_INFINITY}));
  }

  @Test
  void rejectsBadArguments() {
    Vae vae = LinearGaussian.model();
    assertEquals("samples (K) must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
        () -> ImportanceWeighted.negativeLogLikelihood(vae, new float[4], 1, 0, new SplittableRandom(1)))
        .getMessage());
    assertEquals("expected 2 examples of 4 values, got 4 values", assertThrows(IllegalArgumentException.class,
        () -> ImportanceWeighted.negativeLogLikelihood(vae, new float[4], 2, 5, new SplittableRandom(1)))
        .getMessage());
  }
}
