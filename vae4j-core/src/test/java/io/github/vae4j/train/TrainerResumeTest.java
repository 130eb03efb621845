package io.github.vae4j.train;

import static io.github.vae4j.train.Fixtures.SPLIT;
import static io.github.vae4j.train.Fixtures.assertBitIdentical;
import static io.github.vae4j.train.Fixtures.assertSameHistory;
import static io.github.vae4j.train.Fixtures.model;
import static io.github.vae4j.train.Fixtures.weights;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vae4j.model.Vae;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run interrupted and resumed from its checkpoint ends with the same model, bit for bit, and the
 * same metrics as the run that went straight through.
 */
class TrainerResumeTest {

  private static final int EPOCHS = 4;
  /** Exercises the step counter (a per-epoch decay), best weights (patience) and per-epoch draws. */
  private static final TrainConfig CONFIG = Fixtures.config(EPOCHS, 10, "step:1:0.7", "dynamic", "stop");

  @TempDir
  static Path shared;

  private static Vae straight;
  private static TrainingResult straightResult;
  private static Checkpoint straightCheckpoint;

  @TempDir
  Path dir;

  @BeforeAll
  static void trainStraightThrough() throws IOException {
    straight = model(1);
    Path checkpoint = shared.resolve("straight").resolve("checkpoint.bin");
    Files.createDirectories(checkpoint.getParent());
    straightResult = new Trainer(straight, Fixtures.ELBO, CONFIG, null).fit(SPLIT.train(), SPLIT.validation(), checkpoint, false);
    straightCheckpoint = Checkpoint.read(checkpoint);
    assertEquals(EPOCHS, straightResult.history().size());
  }

  private Path checkpoint() {
    return dir.resolve("checkpoint.bin");
  }

  /** Resumes in {@link #dir} with a fresh model and the full config, and checks the outcome. */
  private void resumeAndCompare() throws IOException {
    Vae resumed = model(1);
    TrainingResult result = new Trainer(resumed, Fixtures.ELBO, CONFIG, null).fit(SPLIT.train(), SPLIT.validation(), checkpoint(),
        true);
    assertBitIdentical(weights(straight), weights(resumed));
    assertSameHistory(straightResult.history(), result.history());
    assertEquals(straightResult.bestEpoch(), result.bestEpoch());

    Checkpoint saved = Checkpoint.read(checkpoint());
    assertEquals(straightCheckpoint.epoch(), saved.epoch());
    assertEquals(straightCheckpoint.step(), saved.step());
    assertEquals(straightCheckpoint.learningRate(), saved.learningRate());
    assertEquals(straightCheckpoint.bestValidationLoss(), saved.bestValidationLoss());
    assertEquals(straightCheckpoint.bestEpoch(), saved.bestEpoch());
    assertEquals(straightCheckpoint.badEpochs(), saved.badEpochs());
    assertBitIdentical(straightCheckpoint.weights(), saved.weights());
    assertBitIdentical(straightCheckpoint.bestWeights(), saved.bestWeights());
    assertArrayEquals(straightCheckpoint.optimizer().toBytes(), saved.optimizer().toBytes());
    assertSameHistory(straightCheckpoint.history(), saved.history());
    assertEquals(EPOCHS, Files.readAllLines(Trainer.metricsFile(checkpoint())).size());
  }

  @Test
  void killedWhileTheEpochIsReportedResumesBitIdentical() throws IOException {
    int k = 2;
    TrainingListener killer = new TrainingListener() {
      @Override
      public void onEpoch(EpochMetrics metrics) {
        if (metrics.epoch() == k) {
          throw new Fixtures.Killed("after epoch " + k);
        }
      }
    };
    assertThrows(Fixtures.Killed.class, () -> new Trainer(model(1), Fixtures.ELBO, CONFIG, killer).fit(SPLIT.train(),
        SPLIT.validation(), checkpoint(), false));
    // the epoch the listener heard about is already saved
    Checkpoint atKill = Checkpoint.read(checkpoint());
    assertEquals(k, atKill.epoch());
    assertEquals(k, Files.readAllLines(Trainer.metricsFile(checkpoint())).size());
    resumeAndCompare();
  }

  @Test
  void stoppedAfterFewerEpochsAndExtendedResumesBitIdentical() throws IOException {
    TrainConfig shorter = Fixtures.config(1, 10, "step:1:0.7", "dynamic", "stop");
    new Trainer(model(1), Fixtures.ELBO, shorter, null).fit(SPLIT.train(), SPLIT.validation(), checkpoint(), false);
    assertEquals(1, Checkpoint.read(checkpoint()).epoch());
    resumeAndCompare();
  }

  @Test
  void resumingWithOtherSettingsIsRefusedWithTheReason() throws IOException {
    TrainConfig shorter = Fixtures.config(1, 10, "step:1:0.7", "dynamic", "stop");
    new Trainer(model(1), Fixtures.ELBO, shorter, null).fit(SPLIT.train(), SPLIT.validation(), checkpoint(), false);
    TrainConfig otherRate = Fixtures.config(EPOCHS, 10, "step:1:0.7", "dynamic", "stop").withLearningRate(0.5);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Trainer(model(1), Fixtures.ELBO, otherRate, null).fit(SPLIT.train(), SPLIT.validation(), checkpoint(), true));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("other settings"), e.getMessage());
  }

  @Test
  void killedInTheMiddleOfAnEpochLeavesTheLastCheckpointUsable() throws IOException {
    TrainingListener killer = new TrainingListener() {
      @Override
      public void onStep(int epoch, int step, int steps, double loss, java.util.SequencedMap<String, Double> terms) {
        if (epoch == 3 && step == 2) {
          throw new Fixtures.Killed("in epoch 3");
        }
      }
    };
    assertThrows(Fixtures.Killed.class, () -> new Trainer(model(1), Fixtures.ELBO, CONFIG, killer).fit(SPLIT.train(),
        SPLIT.validation(), checkpoint(), false));
    Checkpoint last = Checkpoint.read(checkpoint());
    assertEquals(2, last.epoch());
    assertEquals(2, last.history().size());
    assertEquals(2, Files.readAllLines(Trainer.metricsFile(checkpoint())).size());
    try (var files = Files.list(dir)) {
      assertEquals(List.of("checkpoint.bin", "metrics.jsonl"),
          files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary files left");
    }
    resumeAndCompare();
  }

  @Test
  void resumingAFinishedRunChangesNothing() throws IOException {
    Path checkpoint = shared.resolve("straight").resolve("checkpoint.bin");
    byte[] before = Files.readAllBytes(checkpoint);
    Vae again = model(1);
    TrainingResult result = new Trainer(again, Fixtures.ELBO, CONFIG, null).fit(SPLIT.train(), SPLIT.validation(), checkpoint,
        true);
    assertBitIdentical(weights(straight), weights(again));
    assertSameHistory(straightResult.history(), result.history());
    assertArrayEquals(before, Files.readAllBytes(checkpoint));
  }

  @Test
  void resumeWithoutACheckpointStartsFresh() throws IOException {
    Vae fresh = model(1);
    new Trainer(fresh, Fixtures.ELBO, CONFIG, null).fit(SPLIT.train(), SPLIT.validation(), checkpoint(), true);
    assertBitIdentical(weights(straight), weights(fresh));
  }

  @Test
  void anEarlyStoppedRunStaysStoppedWhenResumed() throws IOException {
    TrainConfig patient = Fixtures.config(12, 2, "constant", "none", "stop");
    Vae first = model(1);
    var validation = TrainerTest.inverted(SPLIT.validation());
    TrainingResult stopped = new Trainer(first, Fixtures.ELBO, patient, null).fit(SPLIT.train(), validation, checkpoint(), false);
    assertTrue(stopped.stoppedEarly());
    Vae resumed = model(1);
    TrainingResult again = new Trainer(resumed, Fixtures.ELBO, patient, null).fit(SPLIT.train(), validation, checkpoint(), true);
    assertTrue(again.stoppedEarly());
    assertSameHistory(stopped.history(), again.history());
    assertEquals(stopped.bestEpoch(), again.bestEpoch());
    assertBitIdentical(weights(first), weights(resumed));
  }

  @Test
  void aCheckpointOfAnotherModelIsRefused() {
    Path checkpoint = shared.resolve("straight").resolve("checkpoint.bin");
    Vae other = new Vae(Fixtures.modelConfig().withHidden(List.of(16)), new java.util.SplittableRandom(1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Trainer(other, Fixtures.ELBO, CONFIG, null).fit(SPLIT.train(), SPLIT.validation(), checkpoint, true));
    assertTrue(e.getMessage().contains("other settings") && e.getMessage().contains("\"hidden\":[32]"), e.getMessage());
  }
}
