package io.github.vae4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vae4j.prob.Distribution;
import io.github.vae4j.prob.Likelihood;
import io.github.vae4j.prob.Normal;
import io.github.vae4j.tensor.GradMode;
import io.github.vae4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class VaeTest {

  private static VaeConfig mlp(String likelihood) {
    return new VaeConfig(List.of(1, 6, 5), "mlp", List.of(16, 8), 3, "relu", likelihood, 0.5, "pytorch");
  }

  private static Tensor images(int batch) {
    return Tensor.rand(new SplittableRandom(7), batch, 1, 6, 5);
  }

  static List<String> likelihoods() {
    return Likelihood.names();
  }

  @Test
  void parameterNamesAreStableAndGroupedByPart() {
    Vae vae = new Vae(mlp("gaussian-learned"), new SplittableRandom(1));
    List<String> names = new ArrayList<>(vae.namedParameters().keySet());
    assertEquals(List.of(
        "encoder.1.weight", "encoder.1.bias", "encoder.3.weight", "encoder.3.bias",
        "posterior.mean.weight", "posterior.mean.bias", "posterior.logVariance.weight", "posterior.logVariance.bias",
        "decoder.0.weight", "decoder.0.bias", "decoder.2.weight", "decoder.2.bias",
        "decoder.4.weight", "decoder.4.bias", "likelihood.logStandardDeviation"), names);
    Map<String, Tensor> p = vae.namedParameters();
    assertArrayEquals(new int[] {16, 30}, p.get("encoder.1.weight").shape());
    assertArrayEquals(new int[] {3, 8}, p.get("posterior.mean.weight").shape());
    assertArrayEquals(new int[] {8, 3}, p.get("decoder.0.weight").shape());
    assertArrayEquals(new int[] {30, 16}, p.get("decoder.4.weight").shape());
    assertArrayEquals(new int[] {1, 6, 5}, p.get("likelihood.logStandardDeviation").shape());
  }

  @Test
  void convParameterNamesStartWithTheSameParts() {
    Vae vae = new Vae(new VaeConfig(List.of(1, 8, 8), "conv", List.of(4, 8), 2, "relu", "bernoulli", 1, "pytorch"),
        new SplittableRandom(1));
    for (String name : vae.namedParameters().keySet()) {
      assertTrue(name.startsWith("encoder.") || name.startsWith("posterior.mean.")
          || name.startsWith("posterior.logVariance.") || name.startsWith("decoder."), name);
    }
    assertTrue(vae.namedParameters().containsKey("posterior.logVariance.bias"));
  }

  @Test
  void sameSeedSameWeightsOtherSeedOtherWeights() {
    Vae a = new Vae(mlp("bernoulli"), new SplittableRandom(5));
    Vae b = new Vae(mlp("bernoulli"), new SplittableRandom(5));
    Vae c = new Vae(mlp("bernoulli"), new SplittableRandom(6));
    a.namedParameters().forEach((name, t) -> assertArrayEquals(t.array(), b.namedParameters().get(name).array(), name));
    assertFalse(java.util.Arrays.equals(a.namedParameters().get("encoder.1.weight").array(),
        c.namedParameters().get("encoder.1.weight").array()));
  }

  @ParameterizedTest
  @MethodSource("likelihoods")
  void forwardShapesForEveryLikelihood(String likelihood) {
    Vae vae = new Vae(mlp(likelihood), new SplittableRandom(1));
    Tensor x = images(4);
    Normal q = vae.encode(x);
    assertArrayEquals(new int[] {4, 3}, q.mean().shape());
    assertArrayEquals(new int[] {4, 3}, q.logVariance().shape());
    Tensor z = q.rsample(new SplittableRandom(2));
    Tensor output = vae.decoderOutput(z);
    int k = vae.likelihood().outputsPerFeature();
    assertArrayEquals(new int[] {4, k, 6, 5}, output.shape());
    Tensor logPx = vae.logLikelihood(output, x);
    assertArrayEquals(new int[] {4}, logPx.shape());
    assertTrue(logPx.isFinite());
    Distribution p = vae.decode(z);
    assertArrayEquals(new int[] {4, 1, 6, 5}, p.shape());
    assertArrayEquals(new int[] {4, 1, 6, 5}, vae.decodeMean(z).shape());
    assertArrayEquals(new int[] {4, 1, 6, 5}, vae.reconstruct(x).shape());
    assertArrayEquals(new int[] {7, 1, 6, 5}, vae.generate(7, new SplittableRandom(3)).shape());
  }

  @Test
  void bernoulliMeansAreProbabilitiesAndRecordNoGraph() {
    Vae vae = new Vae(mlp("bernoulli"), new SplittableRandom(1));
    Tensor samples = vae.generate(5, new SplittableRandom(3));
    assertFalse(samples.requiresGrad());
    for (float v : samples.toArray()) {
      assertTrue(v > 0 && v < 1, "mean " + v);
    }
    assertFalse(vae.reconstruct(images(2)).requiresGrad());
  }

  @Test
  void generateIsRepeatableForASeed() {
    Vae vae = new Vae(mlp("bernoulli"), new SplittableRandom(1));
    assertArrayEquals(vae.generate(3, new SplittableRandom(9)).toArray(), vae.generate(3, new SplittableRandom(9))
        .toArray());
    assertNotEquals(vae.generate(3, new SplittableRandom(9)).toArray()[0],
        vae.generate(3, new SplittableRandom(10)).toArray()[0]);
  }

  @Test
  void encodeRecordsTheGraphForTraining() {
    Vae vae = new Vae(mlp("bernoulli"), new SplittableRandom(1));
    Tensor loss = vae.logLikelihood(vae.decoderOutput(vae.encode(images(2)).rsample(new SplittableRandom(1))),
        images(2)).sum();
    loss.backward();
    for (Map.Entry<String, Tensor> e : vae.namedParameters().entrySet()) {
      assertTrue(e.getValue().gradArray() != null, "no gradient for " + e.getKey());
    }
  }

  @Test
  void rejectsInputsAndLatentsOfTheWrongShape() {
    Vae vae = new Vae(mlp("bernoulli"), new SplittableRandom(1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> vae.encode(Tensor.zeros(2, 30)));
    assertEquals("expected input [batch, 1, 6, 5], got [2, 30]", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> vae.decoderOutput(Tensor.zeros(2, 4)));
    assertEquals("expected latents [batch, 3], got [2, 4]", e.getMessage());
    try (GradMode _ = GradMode.noGrad()) {
      assertThrows(IllegalArgumentException.class, () -> vae.reconstruct(Tensor.zeros(2, 1, 5, 6)));
    }
  }

  @Test
  void vectorModelsTakeRowsOfFeatures() {
    Vae vae = new Vae(new VaeConfig(List.of(5), "mlp", List.of(8), 2, "tanh", "gaussian", 1, "pytorch"),
        new SplittableRandom(1));
    assertArrayEquals(new int[] {3, 5}, vae.batchShape(3));
    assertArrayEquals(new int[] {3, 5}, vae.reconstruct(Tensor.zeros(3, 5)).shape());
    assertEquals(2, vae.latentDim());
    assertEquals(5 * 8 + 8 + 2 * (8 * 2 + 2) + 2 * 8 + 8 + 8 * 5 + 5, vae.parameterCount());
  }
}
