package io.github.vae4j.cli;

import io.github.vae4j.data.Dataset;
import io.github.vae4j.data.Sprites;
import io.github.vae4j.data.TrainValidation;
import io.github.vae4j.model.VaeConfig;
import io.github.vae4j.objective.Objective;
import io.github.vae4j.run.TrainingData;
import io.github.vae4j.run.TrainingRun;
import io.github.vae4j.train.TrainConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vae4j demo}: trains a small VAE on the built-in sprites, which need no download, and
 * writes a report with samples, reconstructions, a traversal and a latent scatter.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Train a VAE on built-in generated sprites (no data needed) for about a minute and write a report.")
final class DemoCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--out", defaultValue = "runs/demo", description = "The run folder (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--epochs", defaultValue = "30", description = "Passes over the sprites (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--count", defaultValue = "20000", description = "Number of sprites (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--size", defaultValue = "28", description = "Sprite image side in pixels (default: ${DEFAULT-VALUE}).")
  int size;

  @Option(names = "--latent", defaultValue = "10", description = "Latent dimensions (default: ${DEFAULT-VALUE}).")
  int latent;

  @Option(names = "--lr", defaultValue = "1e-3", description = "Learning rate (default: ${DEFAULT-VALUE}).")
  double lr;

  @Option(names = "--beta", defaultValue = "0.25",
      description = "KL weight β; below 1 the sprites keep their shapes in reconstructions (default: ${DEFAULT-VALUE}).")
  double beta;

  @Override
  public Integer call() throws Exception {
    PrintWriter console = spec.commandLine().getOut();
    WarmUp.start();
    // the demo is repeatable: it replaces an earlier demo run in the same folder
    Files.deleteIfExists(out.resolve("checkpoint.bin"));
    Dataset sprites = Sprites.generate(count, size, new SplittableRandom(seed));
    TrainValidation split = sprites.split(0.1, new SplittableRandom(seed + 1));
    VaeConfig model = VaeConfig.defaults(sprites.exampleShape()).withHidden(List.of(512, 256)).withLatentDim(latent);
    TrainConfig training = TrainConfig.defaults().withEpochs(epochs).withSeed(seed).withLearningRate(lr);
    console.printf("demo: %,d generated sprites (%s) of %s pixels%n", count, String.join(", ", Sprites.SHAPES),
        sprites.exampleShape());
    TrainingData data = new TrainingData(split.train(), split.validation(), 0.1, "sprites:" + count, "unit");
    ConsoleRun.run(console, new TrainingRun.Settings(model, training, Objective.elbo(beta, 1)), data, out, false, true);
    return 0;
  }
}
