package io.github.vae4j.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vae4j.data.Dataset;
import io.github.vae4j.data.Sprites;
import io.github.vae4j.model.ModelFile;
import io.github.vae4j.model.Vae;
import io.github.vae4j.model.VaeConfig;
import io.github.vae4j.objective.Elbo;
import io.github.vae4j.objective.KlSchedule;
import io.github.vae4j.objective.Objective;
import io.github.vae4j.prior.PriorSpec;
import io.github.vae4j.tensor.Tensor;
import io.github.vae4j.train.TrainConfig;
import io.github.vae4j.train.Trainer;
import io.github.vae4j.train.TrainingListener;
import io.github.vae4j.train.TrainingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "From Java" examples, on generated sprites instead of MNIST so that they run anywhere. */
class ReadmeExampleTest {

  @TempDir
  Path dir;

  @Test
  void theTrainerExample() {
    Dataset train = Sprites.generate(256, new SplittableRandom(1));
    Vae model = new Vae(VaeConfig.defaults(train.exampleShape()), new SplittableRandom(1));
    TrainingResult result = new Trainer(model, Objective.elbo(), TrainConfig.defaults().withEpochs(1),
        TrainingListener.NONE).fit(train, null, dir.resolve("checkpoint.bin"), false);
    Tensor samples = model.generate(16, new SplittableRandom(2));
    assertArrayEquals(new int[] {16, 1, 28, 28}, samples.shape());
    assertEquals(1, result.history().size());
  }

  @Test
  void theRunFolderExample() throws IOException {
    Dataset sprites = Sprites.generate(256, new SplittableRandom(1));
    TrainingData data = TrainingData.split(sprites, Optional.empty(), "auto", 1, "sprites:256", "unit");
    TrainingRun.Settings settings = new TrainingRun.Settings(
        VaeConfig.defaults(data.train().exampleShape()).withLatentDim(50).withPrior(PriorSpec.vamp(100)),
        TrainConfig.builder().epochs(1).batchSize(100).build(),
        new Elbo(1, KlSchedule.parse("linear:10000"), 0));
    TrainingRun.Outcome outcome = TrainingRun.run(settings, data, dir.resolve("vamp"), false, true, RunListener.NONE);
    assertTrue(Files.exists(outcome.report()));
    assertEquals(PriorSpec.vamp(100), ModelFile.load(outcome.modelFile()).model().config().prior());
    assertEquals(List.of(1, 28, 28), outcome.model().inputShape());
  }
}
