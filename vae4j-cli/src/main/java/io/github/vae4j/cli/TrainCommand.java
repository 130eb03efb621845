package io.github.vae4j.cli;

import io.github.vae4j.data.DataSource;
import io.github.vae4j.data.Dataset;
import io.github.vae4j.data.TrainValidation;
import io.github.vae4j.model.VaeConfig;
import io.github.vae4j.train.TrainConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vae4j train}: trains a VAE on a dataset and writes the run folder. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Train a VAE. Writes model.vae, checkpoint.bin, metrics.jsonl, config.json, pictures and "
        + "report.html into --out.", "",
        "Example (the PyTorch-examples configuration):",
        "  vae4j train --data mnist:DIR --hidden 400 --latent 20 --likelihood bernoulli --epochs 10 --batch 128 "
            + "--lr 1e-3 --seed 1 --out runs/mnist"})
final class TrainCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--data", required = true,
      description = "mnist:DIR, fashion-mnist:DIR, frey:FILE, csv:FILE, npy:FILE, images:DIR or sprites[:COUNT].")
  String data;

  @Option(names = "--out", required = true, description = "The run folder.")
  Path out;

  @Option(names = "--resume", description = "Continue the run in --out from its last checkpoint.")
  boolean resume;

  @Option(names = "--no-report", description = "Skip the pictures and report.html.")
  boolean noReport;

  @Mixin
  ModelOptions model;

  @Mixin
  TrainOptions training;

  @Override
  public Integer call() throws Exception {
    PrintWriter console = spec.commandLine().getOut();
    WarmUp.start();
    DataSource source = DataSource.parse(data);
    Dataset all = source.train();
    Optional<Dataset> test = source.test();
    Split split = split(training.validation, all, test, training.seed);
    List<Integer> defaultHidden = VaeConfig.CONV.equals(model.architecture) ? List.of(32, 64) : List.of(400);
    VaeConfig modelConfig = model.config(all.exampleShape(), defaultHidden);
    checkRange(all, modelConfig.likelihood());
    TrainConfig trainConfig = training.config(10, split.fraction);
    TrainingRun.run(console, modelConfig, trainConfig, split.train, split.validation, data, out, resume, !noReport);
    return 0;
  }

  record Split(Dataset train, Dataset validation, double fraction) {
  }

  /** Resolves --validation: a fraction held out, the test split, or auto (test if there is one). */
  static Split split(String spec, Dataset all, Optional<Dataset> test, long seed) {
    if ("auto".equals(spec)) {
      return test.isPresent() ? new Split(all, test.get(), 0.0) : holdOut(all, 0.1, seed);
    }
    if ("test".equals(spec)) {
      return new Split(all, test.orElseThrow(() -> new IllegalArgumentException(
          "--validation test needs data with a test split (mnist or fashion-mnist)")), 0.0);
    }
    double fraction;
    try {
      fraction = Double.parseDouble(spec);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--validation must be a fraction in [0, 1), 'test' or 'auto', got '" + spec + "'");
    }
    if (fraction == 0) {
      return new Split(all, null, 0.0);
    }
    return holdOut(all, fraction, seed);
  }

  private static Split holdOut(Dataset all, double fraction, long seed) {
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException("--validation fraction must be in [0, 1), got " + fraction);
    }
    TrainValidation tv = all.split(fraction, new SplittableRandom(seed ^ 0x2545F4914F6CDD1DL));
    return new Split(tv.train(), tv.validation(), fraction);
  }

  /** Bernoulli-type likelihoods need data in [0, 1]; say so before training rather than after. */
  static void checkRange(Dataset data, String likelihood) {
    if (!likelihood.equals("bernoulli") && !likelihood.equals("continuous-bernoulli")) {
      return;
    }
    long i = data.firstOutside(0f, 1f);
    if (i >= 0) {
      int example = (int) (i / data.features());
      float value = data.value(example, (int) (i % data.features()));
      throw new IllegalArgumentException("the " + likelihood + " likelihood needs values in [0, 1], but example "
          + example + " of " + data.source() + " has " + value + "; scale the data or use --likelihood gaussian");
    }
  }
}
