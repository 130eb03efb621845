package io.github.vae4j.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.vae4j.data.Dataset;
import io.github.vae4j.data.Sprites;
import io.github.vae4j.io.Json;
import io.github.vae4j.model.ModelFile;
import io.github.vae4j.model.VaeConfig;
import io.github.vae4j.objective.Elbo;
import io.github.vae4j.objective.KlSchedule;
import io.github.vae4j.objective.Objective;
import io.github.vae4j.train.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingRunTest {

  @TempDir
  Path dir;

  private static final Dataset SPRITES = Sprites.generate(300, new SplittableRandom(4));

  private static TrainingRun.Settings settings(Objective objective) {
    return new TrainingRun.Settings(VaeConfig.defaults(SPRITES.exampleShape()).withHidden(List.of(16)).withLatentDim(2),
        TrainConfig.defaults().withEpochs(2).withBatchSize(50), objective);
  }

  @Test
  void aRunFolderHoldsTheModelWithItsProvenanceConfigAndMetrics() throws IOException {
    TrainingData data = TrainingData.split(SPRITES, Optional.empty(), "0.2", 1, "sprites:300", "unit");
    Objective objective = new Elbo(1, KlSchedule.parse("linear:5"), 0);
    TrainingRun.Outcome outcome = TrainingRun.run(settings(objective), data, dir, false, false, null);
    assertEquals(2, outcome.result().history().size());
    ModelFile.Loaded loaded = ModelFile.load(dir.resolve("model.vae"));
    // the real version of the build, not a placeholder
    assertEquals(Vae4j.version(), loaded.provenance().vae4jVersion());
    assertTrue(Vae4j.version().matches("\\d+\\.\\d+\\.\\d+.*"), Vae4j.version());
    assertEquals(SPRITES.exampleShape().size(), 3);
    assertEquals("sprites:300", loaded.provenance().data());
    assertEquals("elbo(kl=linear:5)", loaded.provenance().objective());
    assertEquals(data.train().sha256(), loaded.provenance().dataSha256());
    assertEquals("unit", loaded.preprocessing().scaling());
    assertTrue(loaded.provenance().metrics().containsKey("val_kl"));
    JsonNode config = Json.tree(Files.readString(dir.resolve("config.json")));
    assertEquals("elbo", config.get("objective").get("type").asText());
    assertEquals("linear:5", config.get("objective").get("klSchedule").asText());
    assertEquals(0.2, config.get("training").get("validationFraction").asDouble());
    assertEquals(objective, Json.mapper().treeToValue(config.get("objective"), Objective.class));
    assertTrue(Files.exists(dir.resolve("metrics.jsonl")));
    assertFalse(Files.exists(dir.resolve("report.html")));
  }

  @Test
  void theSameSettingsGiveTheSameModel() throws IOException {
    TrainingData data = TrainingData.split(SPRITES, Optional.empty(), "0", 1, "sprites:300", "unit");
    TrainingRun.Outcome a = TrainingRun.run(settings(Objective.elbo()), data, dir.resolve("a"), false, false, null);
    TrainingRun.Outcome b = TrainingRun.run(settings(Objective.elbo()), data, dir.resolve("b"), false, false, null);
    a.model().namedParameters().forEach((name, t) ->
        org.junit.jupiter.api.Assertions.assertArrayEquals(t.toArray(), b.model().namedParameters().get(name).toArray(),
            name));
  }

  @Test
  void refusesAFolderWithARunAndDataOutsideTheLikelihood() throws IOException {
    TrainingData data = TrainingData.split(SPRITES, Optional.empty(), "0", 1, "sprites:300", "unit");
    TrainingRun.run(settings(Objective.elbo()), data, dir, false, false, null);
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> TrainingRun.run(settings(Objective.elbo()), data, dir, false, false, null)).getMessage()
        .contains("already holds a run"));
    Dataset wide = Dataset.of("wide", new float[] {0.5f, 2f}, List.of(2));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainingRun.checkSupport(wide, io.github.vae4j.prob.LikelihoodSpec.parse("bernoulli")))
        .getMessage().contains("needs values in [0, 1], but example 0 of wide has 2.0"));
  }

  @Test
  void validationIsAFractionTheTestSplitOrNone() {
    Dataset test = SPRITES.head(20);
    assertEquals(test, TrainingData.split(SPRITES, Optional.of(test), "auto", 1, "s", "unit").validation());
    assertEquals(30, TrainingData.split(SPRITES, Optional.empty(), "auto", 1, "s", "unit").validation().count());
    assertEquals(null, TrainingData.split(SPRITES, Optional.of(test), "0", 1, "s", "unit").validation());
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> TrainingData.split(SPRITES, Optional.empty(), "test", 1, "s", "unit")).getMessage()
        .contains("needs data with a test split"));
    assertThrows(IllegalArgumentException.class, () -> TrainingData.split(SPRITES, Optional.empty(), "half", 1, "s",
        "unit"));
  }
}
