package io.github.vae4j.prob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vae4j.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LikelihoodTest {

  private static final int[] FEATURES = {1, 4, 4};

  @Test
  void everyNameBuildsAndReportsItsName() {
    assertEquals(List.of("bernoulli", "continuous-bernoulli", "gaussian", "gaussian-learned", "gaussian-per-sample",
        "laplace"), Likelihood.names());
    for (String name : Likelihood.names()) {
      Likelihood likelihood = Likelihood.named(name, 0.5, FEATURES);
      assertEquals(name, likelihood.name());
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Likelihood.named("gauss", 1, FEATURES));
    assertTrue(e.getMessage().contains("'gauss'") && e.getMessage().contains("gaussian-per-sample"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Likelihood.named(null, 1, FEATURES));
  }

  @Test
  void outputsPerFeatureAndDecoderOutputShape() {
    for (String name : Likelihood.names()) {
      Likelihood likelihood = Likelihood.named(name, 1, FEATURES);
      int k = name.equals("gaussian-per-sample") ? 2 : 1;
      assertEquals(k, likelihood.outputsPerFeature(), name);
      assertArrayEquals(new int[] {k, 4, 4}, likelihood.decoderOutputShape(FEATURES), name);
      assertArrayEquals(new int[] {k * 784}, likelihood.decoderOutputShape(784), name);
    }
    assertThrows(IllegalArgumentException.class, () -> Likelihood.bernoulli().decoderOutputShape());
    assertThrows(IllegalArgumentException.class, () -> Likelihood.bernoulli().decoderOutputShape(3, 0));
  }

  @Test
  void logProbIsPerSampleForEveryLikelihoodAndFinite() {
    SplittableRandom random = new SplittableRandom(1);
    Tensor x = Tensor.rand(random, 3, 1, 4, 4);
    for (String name : Likelihood.names()) {
      Likelihood likelihood = Likelihood.named(name, 0.5, FEATURES);
      int[] out = likelihood.decoderOutputShape(FEATURES);
      Tensor decoderOutput = Tensor.randn(random, 3, out[0], out[1], out[2]);
      Tensor logProb = likelihood.logProb(decoderOutput, x);
      assertArrayEquals(new int[] {3}, logProb.shape(), name);
      assertTrue(logProb.isFinite(), name);
      assertArrayEquals(new int[] {3, 1, 4, 4}, likelihood.mean(decoderOutput).shape(), name);
      assertArrayEquals(new int[] {3, 1, 4, 4}, likelihood.distribution(decoderOutput).sample(random).shape(), name);
    }
  }

  @Test
  void bernoulliIsMinusTheBinaryCrossEntropyAndItsMeanTheSigmoid() {
    Tensor logits = Tensor.of(new float[] {-2f, 0f, 3f, 1f}, 2, 2);
    Tensor x = Tensor.of(new float[] {0f, 1f, 1f, 0.5f}, 2, 2);
    Likelihood likelihood = Likelihood.bernoulli();
    float[] expected = Distribution.sumPerSample(logits.binaryCrossEntropyWithLogits(x).neg()).toArray();
    assertArrayEquals(expected, likelihood.logProb(logits, x).toArray(), 1e-6f);
    assertArrayEquals(logits.sigmoid().toArray(), likelihood.mean(logits).toArray(), 1e-7f);
    assertTrue(likelihood.parameters().isEmpty());
  }

  @Test
  void continuousBernoulliMeanIsItsMeanNotTheSigmoid() {
    Tensor logits = Tensor.of(new float[] {-2f, 0f, 2f, 0.01f}, 1, 4);
    Likelihood likelihood = Likelihood.continuousBernoulli();
    float[] mean = likelihood.mean(logits).toArray();
    assertArrayEquals(new ContinuousBernoulli(logits).mean().toArray(), mean);
    assertEquals(0.6565, mean[2], 1e-4);
    assertEquals(0.5, mean[1], 1e-7);
    Tensor x = Tensor.of(new float[] {0.1f, 0.5f, 0.9f, 0.3f}, 1, 4);
    float expected = new Bernoulli(logits).logProb(x).add(new ContinuousBernoulli(logits).logNormalizer()).sum().item();
    assertEquals(expected, likelihood.logProb(logits, x).item(), 1e-5f);
  }

  @Test
  void fixedGaussianIsAScaledSquaredError() {
    double sigma = 0.2;
    Tensor mean = Tensor.of(new float[] {0.1f, 0.5f, 0.9f, 0.3f, 0f, 1f}, 2, 3);
    Tensor x = Tensor.of(new float[] {0f, 0.6f, 1f, 0.3f, 0.2f, 0.7f}, 2, 3);
    float[] logProb = Likelihood.gaussian(sigma).logProb(mean, x).toArray();
    float[] m = mean.toArray();
    float[] xs = x.toArray();
    for (int b = 0; b < 2; b++) {
      double expected = -3 * Math.log(sigma * Math.sqrt(2 * Math.PI));
      for (int j = 0; j < 3; j++) {
        double r = xs[b * 3 + j] - m[b * 3 + j];
        expected -= r * r / (2 * sigma * sigma);
      }
      assertEquals(expected, logProb[b], 1e-5 * (1 + Math.abs(expected)));
    }
    assertArrayEquals(m, Likelihood.gaussian(sigma).mean(mean).toArray());
    for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Likelihood.gaussian(bad));
      assertTrue(e.getMessage().contains(String.valueOf(bad)), e.getMessage());
    }
  }

  @Test
  void fixedLaplaceIsAScaledL1Loss() {
    double b = 0.5;
    Tensor location = Tensor.of(new float[] {0.1f, 0.5f, 0.9f}, 1, 3);
    Tensor x = Tensor.of(new float[] {0f, 0.6f, 1.4f}, 1, 3);
    double expected = -(0.1 + 0.1 + 0.5) / b - 3 * Math.log(2 * b);
    assertEquals(expected, Likelihood.laplace(b).logProb(location, x).item(), 1e-5);
    assertThrows(IllegalArgumentException.class, () -> Likelihood.laplace(0));
  }

  @Test
  void learnedGaussianOwnsAPerFeatureLogSigmaThatTrains() {
    Likelihood likelihood = Likelihood.gaussianLearned(FEATURES);
    assertEquals(List.of("logStandardDeviation"), List.copyOf(likelihood.parameters().keySet()));
    Tensor logSigma = likelihood.parameters().get("logStandardDeviation");
    assertArrayEquals(FEATURES, logSigma.shape());
    assertTrue(logSigma.requiresGrad());
    assertArrayEquals(new float[16], logSigma.toArray());
    SplittableRandom random = new SplittableRandom(2);
    Tensor mean = Tensor.randn(random, 8, 1, 4, 4).requiresGrad(true);
    Tensor x = Tensor.randn(random, 8, 1, 4, 4);
    likelihood.logProb(mean, x).sum().backward();
    assertNotNull(logSigma.grad());
    assertArrayEquals(FEATURES, logSigma.grad().shape());
    assertNotNull(mean.grad());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> likelihood.logProb(Tensor.zeros(8, 16), Tensor.zeros(8, 16)));
    assertTrue(e.getMessage().contains("[1, 4, 4]") && e.getMessage().contains("[8, 16]"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Likelihood.gaussianLearned());
    assertThrows(IllegalArgumentException.class, () -> Likelihood.gaussianLearned(3, 0));
  }

  @Test
  void learnedGaussianLikelihoodIsMaximalAtTheResidualStandardDeviation() {
    // for a fixed mean, d/d log sigma of sum_b log N(x_b; mean, sigma^2) = -B + sum_b r_b^2 / sigma^2,
    // zero at sigma = rms(r): the gradient must vanish there and point towards it elsewhere
    int batch = 64;
    SplittableRandom random = new SplittableRandom(3);
    Tensor mean = Tensor.zeros(batch, 2);
    Tensor x = Tensor.randn(random, batch, 2).mul(Tensor.of(new float[] {0.3f, 2f}, 2));
    float[] xs = x.toArray();
    double[] rms = new double[2];
    for (int i = 0; i < xs.length; i++) {
      rms[i % 2] += xs[i] * xs[i] / batch;
    }
    LearnedGaussianLikelihood likelihood = new LearnedGaussianLikelihood(2);
    Tensor parameter = likelihood.parameters().get("logStandardDeviation");
    for (double scale : new double[] {0.5, 1.0, 2.0}) {
      float[] values = parameter.array();
      for (int j = 0; j < 2; j++) {
        double target = Math.log(scale * Math.sqrt(rms[j])) - Likelihood.MIN_LOG_STANDARD_DEVIATION;
        // the inverse of the soft bound: t = bound + log(e^(target - bound) - 1)
        values[j] = (float) (Likelihood.MIN_LOG_STANDARD_DEVIATION + Math.log(Math.expm1(target)));
      }
      assertArrayEquals(new float[] {(float) (scale * Math.sqrt(rms[0])), (float) (scale * Math.sqrt(rms[1]))},
          likelihood.standardDeviation().toArray(), 1e-4f);
      parameter.zeroGrad();
      likelihood.logProb(mean, x).sum().backward();
      float[] grad = parameter.gradArray();
      for (int j = 0; j < 2; j++) {
        if (scale == 1.0) {
          assertEquals(0f, grad[j], 1e-3f * batch, "gradient at the optimum, feature " + j);
        } else {
          assertTrue(scale < 1 ? grad[j] > 1 : grad[j] < -1, "sigma x" + scale + " feature " + j + ": " + grad[j]);
        }
      }
    }
  }

  @Test
  void perSampleGaussianReadsMeanAndLogVarianceBlocksAlongAxisOne() {
    SplittableRandom random = new SplittableRandom(4);
    Tensor output = Tensor.randn(random, 2, 6, 2, 2);
    Likelihood likelihood = Likelihood.gaussianPerSample();
    Normal normal = (Normal) likelihood.distribution(output);
    assertArrayEquals(new int[] {2, 3, 2, 2}, normal.shape());
    assertArrayEquals(output.slice(1, 0, 3).toArray(), normal.mean().toArray());
    assertArrayEquals(output.slice(1, 0, 3).toArray(), likelihood.mean(output).toArray());
    float[] raw = output.slice(1, 3, 6).toArray();
    float[] logVariance = normal.logVariance().toArray();
    for (int i = 0; i < raw.length; i++) {
      // bound + softplus(raw - bound) with bound -12: raw moved up by log1p(e^-(raw + 12)) < 1e-3 here
      double expected = -12 + Math.max(raw[i] + 12, 0) + Math.log1p(Math.exp(-Math.abs(raw[i] + 12.0)));
      assertEquals(expected, logVariance[i], 2e-6);
      assertTrue(logVariance[i] > raw[i] && logVariance[i] < raw[i] + 1e-3f, raw[i] + " -> " + logVariance[i]);
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> likelihood.distribution(Tensor.zeros(2, 5, 2, 2)));
    assertTrue(e.getMessage().contains("[2, 5, 2, 2]"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> likelihood.distribution(Tensor.zeros(4)));
  }

  @Test
  void perSampleGaussianStaysFiniteForExtremeLogVariances() {
    float[] rawLogVariance = {-1000f, -50f, -12f, 0f, 50f, 80f};
    Tensor output = Tensor.concat(1, Tensor.zeros(1, 6), Tensor.of(rawLogVariance, 1, 6)).requiresGrad(true);
    Tensor x = Tensor.of(new float[] {0f, 1e-3f, 0.5f, 1f, 3f, -2f}, 1, 6);
    Normal normal = (Normal) Likelihood.gaussianPerSample().distribution(output);
    for (float v : normal.logVariance().toArray()) {
      assertTrue(v >= 2 * Likelihood.MIN_LOG_STANDARD_DEVIATION, "logVariance " + v);
    }
    Tensor logProb = Likelihood.gaussianPerSample().logProb(output, x);
    assertTrue(logProb.isFinite(), logProb.toString());
    logProb.sum().backward();
    for (float g : output.gradArray()) {
      assertTrue(Float.isFinite(g), "gradient " + g);
    }
    // a perfect reconstruction with a collapsing variance is capped near log N(0; 0, e^-12)
    assertTrue(normal.logProb(Tensor.zeros(1, 6)).toArray()[0] < 6.1f);
  }

  @Test
  void likelihoodsAreValues() {
    assertEquals(Likelihood.gaussian(0.5), Likelihood.named("gaussian", 0.5, FEATURES));
    assertEquals(Likelihood.bernoulli(), Likelihood.named("bernoulli", 0, FEATURES));
    assertInstanceOf(Normal.class, Likelihood.gaussianLearned(2).distribution(Tensor.zeros(3, 2)));
    assertEquals("gaussian-learned[1, 4, 4]", Likelihood.gaussianLearned(FEATURES).toString());
  }
}
