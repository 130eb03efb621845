package io.github.vae4j.train;

import static io.github.vae4j.train.Fixtures.SPLIT;
import static io.github.vae4j.train.Fixtures.SPRITES;
import static io.github.vae4j.train.Fixtures.config;
import static io.github.vae4j.train.Fixtures.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vae4j.data.Dataset;
import io.github.vae4j.model.Vae;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrainerTest {

  @TempDir
  Path dir;

  @Test
  void lossDecreasesOnTinyData() {
    TrainingResult result = new Trainer(model(1), Fixtures.ELBO, config(5), null).fit(SPRITES, null, null, false);
    List<EpochMetrics> h = result.history();
    assertEquals(5, h.size());
    assertTrue(h.getLast().trainLoss() < 0.8 * h.getFirst().trainLoss(),
        "train loss " + h.getFirst().trainLoss() + " -> " + h.getLast().trainLoss());
    for (EpochMetrics m : h) {
      assertTrue(Double.isFinite(m.trainLoss()) && m.trainTerm("kl") > 0 && m.trainTerm("reconstruction") > 0, m.toString());
      assertEquals(m.trainTerm("reconstruction") + m.trainTerm("kl"), m.trainLoss(), 1e-6 * m.trainLoss());
      assertTrue(Double.isNaN(m.validationLoss()), "no validation split");
      assertEquals(m.trainLoss() / (784 * Math.log(2)), m.bitsPerDim(), 1e-12);
      assertEquals(3e-3, m.learningRate(), 1e-15);
    }
    assertEquals(5, result.bestEpoch());
    assertFalse(result.stoppedEarly());
    assertEquals(0, result.rollbacks());
  }

  @Test
  void sameSeedSameModelBitForBit() {
    Vae a = model(1);
    Vae b = model(1);
    new Trainer(a, Fixtures.ELBO, config(1), null).fit(SPRITES, null, null, false);
    new Trainer(b, Fixtures.ELBO, config(1), null).fit(SPRITES, null, null, false);
    Fixtures.assertBitIdentical(Fixtures.weights(a), Fixtures.weights(b));
    // another training seed shuffles and samples differently from the same initial weights
    Vae c = model(1);
    new Trainer(c, Fixtures.ELBO, config(1).withSeed(2), null).fit(SPRITES, null, null, false);
    assertFalse(Arrays.equals(a.namedParameters().get("decoder.2.weight").array(),
        c.namedParameters().get("decoder.2.weight").array()));
  }

  @Test
  void anyObjectiveTrainsAndItsTermsReachTheMetrics() {
    Vae vae = new Vae(Fixtures.modelConfig().withPrior(io.github.vae4j.prior.PriorSpec.mixture(4)),
        new java.util.SplittableRandom(1));
    TrainingResult result = new Trainer(vae, new io.github.vae4j.objective.Iwae(3, true), config(4), null)
        .fit(SPLIT.train(), SPLIT.validation(), null, false);
    List<EpochMetrics> h = result.history();
    assertTrue(h.getLast().trainLoss() < 0.8 * h.getFirst().trainLoss(),
        "train loss " + h.getFirst().trainLoss() + " -> " + h.getLast().trainLoss());
    assertEquals(List.of("iw_bound", "negative_elbo"), List.copyOf(h.getLast().trainTerms().keySet()));
    // validation is the negative ELBO whatever the objective, so runs compare
    assertEquals(List.of("reconstruction", "kl"), List.copyOf(h.getLast().validationTerms().keySet()));
    assertTrue(h.getLast().toJson().contains("\"train_iw_bound\":"));
  }

  @Test
  void aKlScheduleSeesTheGlobalStep() {
    // 256 sprites in batches of 32: 8 steps per epoch; a warm-up over 20 steps ends in epoch 3
    io.github.vae4j.objective.Objective warmUp = new io.github.vae4j.objective.Elbo(1,
        io.github.vae4j.objective.KlSchedule.parse("linear:20"), 0);
    List<Double> betas = new ArrayList<>();
    TrainingListener listener = new TrainingListener() {
      @Override
      public void onStep(int e, int s, int steps, double loss, java.util.SequencedMap<String, Double> terms) {
        betas.add(terms.get("beta"));
      }
    };
    List<EpochMetrics> h = new Trainer(model(1), warmUp, config(3), listener).fit(SPRITES, null, null, false).history();
    assertEquals(0.0, betas.getFirst());
    assertEquals(0.5, betas.get(10), 1e-12);
    assertEquals(1.0, betas.get(20));
    assertEquals(1.0, betas.getLast());
    // epoch 3 is steps 16-23: β 0.8, 0.85, 0.9, 0.95, then 1 four times
    assertEquals(0.9375, h.getLast().trainTerm("beta"), 1e-12);
  }

  @Test
  void betaWeightsTheKlInTheTrainingLoss() {
    TrainConfig c = config(1);
    EpochMetrics m = new Trainer(model(1), io.github.vae4j.objective.Objective.elbo(4.0, 1), c.withEpochs(1), null)
        .fit(SPRITES, null, null, false).last();
    assertEquals(m.trainTerm("reconstruction") + 4 * m.trainTerm("kl"), m.trainLoss(), 1e-6 * m.trainLoss());
  }

  @Test
  void validationIsMeasuredAndWrittenWithTheCheckpoint() throws IOException {
    Path checkpoint = dir.resolve("checkpoint.bin");
    List<EpochMetrics> heard = new ArrayList<>();
    TrainingListener listener = new TrainingListener() {
      @Override
      public void onEpoch(EpochMetrics metrics) {
        heard.add(metrics);
      }
    };
    TrainingResult result = new Trainer(model(1), Fixtures.ELBO, config(3), listener).fit(SPLIT.train(), SPLIT.validation(),
        checkpoint, false);
    assertEquals(result.history(), heard);
    for (EpochMetrics m : result.history()) {
      assertTrue(Double.isFinite(m.validationLoss()), m.toString());
      assertEquals(m.validationTerm("reconstruction") + m.validationTerm("kl"), m.validationLoss(), 1e-6 * m.validationLoss());
      assertEquals(m.validationLoss() / (784 * Math.log(2)), m.bitsPerDim(), 1e-12);
    }
    Checkpoint saved = Checkpoint.read(checkpoint);
    assertEquals(3, saved.epoch());
    assertEquals(3 * 6, saved.step()); // 192 examples in batches of 32
    assertEquals(result.history(), saved.history());

    List<String> lines = Files.readAllLines(Trainer.metricsFile(checkpoint));
    assertEquals(3, lines.size());
    ObjectMapper json = new ObjectMapper();
    for (int i = 0; i < 3; i++) {
      JsonNode line = json.readTree(lines.get(i));
      assertEquals(i + 1, line.get("epoch").asInt());
      assertEquals(result.history().get(i).validationLoss(), line.get("val_loss").asDouble(), 1e-9);
      assertEquals(result.history().get(i).trainLoss(), line.get("train_loss").asDouble(), 1e-9);
    }
  }

  @Test
  void noValidationMeansNullInTheMetricsLines() throws IOException {
    Path checkpoint = dir.resolve("checkpoint.bin");
    new Trainer(model(1), Fixtures.ELBO, config(1), null).fit(SPRITES, null, checkpoint, false);
    JsonNode line = new ObjectMapper().readTree(Files.readAllLines(Trainer.metricsFile(checkpoint)).getFirst());
    assertTrue(line.get("val_loss").isNull());
    assertTrue(line.get("train_loss").isNumber());
  }

  @ParameterizedTest
  @ValueSource(strings = {"static", "dynamic"})
  void binarizedTrainingRuns(String binarization) {
    TrainConfig c = Fixtures.config(2, 0, "constant", binarization, "stop");
    TrainingResult result = new Trainer(model(1), Fixtures.ELBO, c, null).fit(SPLIT.train(), SPLIT.validation(), null, false);
    assertTrue(Double.isFinite(result.last().validationLoss()));
    assertTrue(result.last().trainLoss() < result.history().getFirst().trainLoss());
  }

  // ---------------------------------------------------------------- early stopping

  /** Validates on inverted sprites, which get worse as the model learns the sprites. */
  static Dataset inverted(Dataset data) {
    float[] v = data.copyValues();
    for (int i = 0; i < v.length; i++) {
      v[i] = 1 - v[i];
    }
    return Dataset.of("inverted", v, data.exampleShape());
  }

  @Test
  void earlyStoppingRestoresTheBestEpochsWeights() {
    Vae vae = model(1);
    Map<Integer, SequencedMap<String, float[]>> weightsAfter = new HashMap<>();
    TrainingListener snapshots = new TrainingListener() {
      @Override
      public void onEpoch(EpochMetrics metrics) {
        weightsAfter.put(metrics.epoch(), Fixtures.weights(vae));
      }
    };
    TrainConfig c = Fixtures.config(12, 2, "constant", "none", "stop");
    TrainingResult result = new Trainer(vae, Fixtures.ELBO, c, snapshots).fit(SPLIT.train(), inverted(SPLIT.validation()), null,
        false);
    assertTrue(result.stoppedEarly(), "the setup must trigger early stopping: " + result.history());
    int best = 1;
    for (EpochMetrics m : result.history()) {
      if (m.validationLoss() < result.history().get(best - 1).validationLoss()) {
        best = m.epoch();
      }
    }
    assertEquals(best, result.bestEpoch());
    assertEquals(best + 2, result.history().size(), "stops after two epochs without improvement");
    Fixtures.assertBitIdentical(weightsAfter.get(best), Fixtures.weights(vae));
  }

  @Test
  void withoutPatienceTheLastWeightsStay() {
    Vae vae = model(1);
    Map<Integer, SequencedMap<String, float[]>> weightsAfter = new HashMap<>();
    TrainingListener snapshots = new TrainingListener() {
      @Override
      public void onEpoch(EpochMetrics metrics) {
        weightsAfter.put(metrics.epoch(), Fixtures.weights(vae));
      }
    };
    TrainingResult result = new Trainer(vae, Fixtures.ELBO, config(3), snapshots).fit(SPLIT.train(), inverted(SPLIT.validation()),
        null, false);
    assertFalse(result.stoppedEarly());
    assertEquals(3, result.bestEpoch());
    Fixtures.assertBitIdentical(weightsAfter.get(3), Fixtures.weights(vae));
  }

  // ---------------------------------------------------------------- the non-finite guard

  private static Dataset withNaN() {
    float[] v = SPRITES.copyValues();
    v[5 * 784 + 300] = Float.NaN;
    return Dataset.of("sprites with a NaN", v, SPRITES.exampleShape());
  }

  @Test
  void nanInTheDataStopsNamingEpochAndStep() {
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> new Trainer(model(1), Fixtures.ELBO, config(3), null).fit(withNaN(), null, null, false));
    assertTrue(e.getMessage().startsWith("the loss became NaN at epoch 1, step "), e.getMessage());
    assertTrue(e.getMessage().contains(" of 8 (global step "), e.getMessage());
  }

  @Test
  void rollbackGivesUpAfterThreeTriesOnHopelessData() {
    List<Double> rates = new ArrayList<>();
    TrainingListener listener = new TrainingListener() {
      @Override
      public void onRollback(String reason, double newLearningRate) {
        rates.add(newLearningRate);
      }
    };
    TrainConfig c = config(2).withOnNonFinite("rollback");
    assertThrows(TrainingDivergedException.class, () -> new Trainer(model(1), Fixtures.ELBO, c, listener).fit(withNaN(), null,
        null, false));
    assertEquals(List.of(1.5e-3, 7.5e-4, 3.75e-4), rates);
  }

  /** Sets one weight to NaN once, after step {@code step} of epoch {@code epoch}. */
  private static TrainingListener poisonOnce(Vae vae, int epoch, int step, List<String> rollbacks) {
    return new TrainingListener() {
      boolean done;

      @Override
      public void onStep(int e, int s, int steps, double loss, java.util.SequencedMap<String, Double> terms) {
        if (!done && e == epoch && s == step) {
          done = true;
          vae.namedParameters().get("decoder.0.weight").array()[3] = Float.NaN;
        }
      }

      @Override
      public void onRollback(String reason, double newLearningRate) {
        rollbacks.add(reason + " -> " + newLearningRate);
      }
    };
  }

  @Test
  void aNonFiniteStepStopsAndKeepsTheLastGoodCheckpoint() throws IOException {
    Vae vae = model(1);
    Path checkpoint = dir.resolve("checkpoint.bin");
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> new Trainer(vae, Fixtures.ELBO, config(3), poisonOnce(vae, 2, 2, new ArrayList<>())).fit(SPRITES, null, checkpoint,
            false));
    assertTrue(e.getMessage().startsWith("the loss became NaN at epoch 2, step 3 of 8 (global step 11)"),
        e.getMessage());
    assertTrue(e.getMessage().contains("the last good checkpoint (epoch 1) is kept at " + checkpoint),
        e.getMessage());
    Checkpoint kept = Checkpoint.read(checkpoint);
    assertEquals(1, kept.epoch());
    for (float[] w : kept.weights().values()) {
      for (float v : w) {
        assertTrue(Float.isFinite(v));
      }
    }
  }

  @Test
  void rollbackHalvesTheLearningRateAndCarriesOn() {
    Vae vae = model(1);
    List<String> rollbacks = new ArrayList<>();
    TrainConfig c = config(3).withOnNonFinite("rollback");
    TrainingResult result = new Trainer(vae, Fixtures.ELBO, c, poisonOnce(vae, 2, 2, rollbacks)).fit(SPRITES, null, null, false);
    assertEquals(1, result.rollbacks());
    assertEquals(List.of("the loss became NaN at epoch 2, step 3 of 8 (global step 11) -> 0.0015"), rollbacks);
    assertEquals(3, result.history().size());
    assertEquals(3e-3, result.history().get(0).learningRate(), 1e-15);
    assertEquals(1.5e-3, result.history().get(1).learningRate(), 1e-15);
    assertEquals(1.5e-3, result.history().get(2).learningRate(), 1e-15);
    for (var t : vae.namedParameters().values()) {
      assertTrue(t.isFinite());
    }
  }

  @Test
  void aHugeLearningRateIsCaughtEvenWhenTheEpochEndsRightAfterIt() {
    // one step per epoch: the overflowing update is the last of the epoch and must not be saved
    Path checkpoint = dir.resolve("checkpoint.bin");
    TrainConfig c = config(2).withBatchSize(256).withLearningRate(1e39);
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> new Trainer(model(1), Fixtures.ELBO, c, null).fit(SPRITES, null, checkpoint, false));
    assertTrue(e.getMessage().contains("at epoch 1, step 1 of 1"), e.getMessage());
    assertFalse(Files.exists(checkpoint), "no epoch finished, so there is no checkpoint");
  }

  @Test
  void aLargeLearningRateDiverges() {
    TrainConfig c = config(3).withLearningRate(1e25);
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> new Trainer(model(1), Fixtures.ELBO, c, null).fit(SPRITES, null, null, false));
    assertTrue(e.getMessage().contains("at epoch 1, step "), e.getMessage());
    assertTrue(e.getMessage().endsWith("use --on-nan rollback."), e.getMessage());
  }

  @Test
  void rejectsDataOfTheWrongShape() {
    Dataset rows = Dataset.of("rows", new float[10 * 5], List.of(5));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Trainer(model(1), Fixtures.ELBO, config(1), null).fit(rows, null, null, false));
    assertEquals("the training data has examples of shape [5], the model expects [1, 28, 28]", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new Trainer(model(1), Fixtures.ELBO, config(1), null).fit(SPRITES, rows, null, false));
    assertTrue(e.getMessage().startsWith("the validation data"), e.getMessage());
  }
}
