package io.github.vae4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.vae4j.data.Dataset;
import io.github.vae4j.data.Sprites;
import io.github.vae4j.data.TrainValidation;
import io.github.vae4j.model.Vae;
import io.github.vae4j.model.VaeConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.SplittableRandom;

/** Tiny data, models and helpers shared by the trainer tests. */
final class Fixtures {

  static final Dataset SPRITES = Sprites.generate(256, new SplittableRandom(1));
  static final TrainValidation SPLIT = SPRITES.split(0.25, new SplittableRandom(2));

  private Fixtures() {
  }

  static VaeConfig modelConfig() {
    return new VaeConfig(SPRITES.exampleShape(), "mlp", List.of(32), 2, "relu", "bernoulli", 1, "pytorch");
  }

  static Vae model(long seed) {
    return new Vae(modelConfig(), new SplittableRandom(seed));
  }

  /** The plain ELBO, the objective of every trainer test unless it says otherwise. */
  static final io.github.vae4j.objective.Objective ELBO = io.github.vae4j.objective.Objective.elbo();

  /** Batches of 32, Adam at 3e-3, no validation split of its own. */
  static TrainConfig config(int epochs) {
    return TrainConfig.defaults().withEpochs(epochs).withBatchSize(32).withLearningRate(3e-3)
        .withValidationFraction(0);
  }

  static TrainConfig config(int epochs, int patience, String schedule, String binarization, String onNonFinite) {
    TrainConfig c = config(epochs);
    return c.toBuilder().schedule(schedule).patience(patience).binarization(binarization).onNonFinite(onNonFinite).build();
  }

  static SequencedMap<String, float[]> weights(Vae model) {
    SequencedMap<String, float[]> copy = new LinkedHashMap<>();
    model.namedParameters().forEach((name, t) -> copy.put(name, t.array().clone()));
    return copy;
  }

  static void assertBitIdentical(Map<String, float[]> expected, Map<String, float[]> actual) {
    assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.keySet()));
    expected.forEach((name, v) -> {
      float[] a = actual.get(name);
      assertEquals(v.length, a.length, name);
      for (int i = 0; i < v.length; i++) {
        if (Float.floatToRawIntBits(v[i]) != Float.floatToRawIntBits(a[i])) {
          assertEquals(v[i], a[i], name + "[" + i + "] differs");
        }
      }
    });
  }

  /** Equal in everything but the wall-clock seconds. */
  static void assertSameHistory(List<EpochMetrics> expected, List<EpochMetrics> actual) {
    assertEquals(expected.size(), actual.size(), "epochs");
    for (int i = 0; i < expected.size(); i++) {
      EpochMetrics e = expected.get(i);
      EpochMetrics a = actual.get(i);
      assertEquals(new EpochMetrics(e.epoch(), e.trainLoss(), e.trainTerms(), e.validationLoss(), e.validationTerms(),
          e.bitsPerDim(), e.learningRate(), 0),
          new EpochMetrics(a.epoch(), a.trainLoss(), a.trainTerms(), a.validationLoss(), a.validationTerms(),
              a.bitsPerDim(), a.learningRate(), 0),
          "epoch " + (i + 1));
    }
  }

  /** What a kill looks like to the trainer: an exception out of a listener. */
  static final class Killed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Killed(String where) {
      super("killed " + where);
    }
  }
}
