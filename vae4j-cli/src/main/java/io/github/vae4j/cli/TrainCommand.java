package io.github.vae4j.cli;

import io.github.vae4j.data.DataSource;
import io.github.vae4j.model.VaeConfig;
import io.github.vae4j.run.TrainingData;
import io.github.vae4j.run.TrainingRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
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

  @Option(names = "--out", description = "The run folder (default: runs/ and the data's kind, such as runs/mnist).")
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
    TrainingData data = TrainingData.resolve(this.data, training.validation, training.seed);
    Path folder = out != null ? out : Path.of("runs", DataSource.parse(this.data).kind().scheme());
    List<Integer> defaultHidden = VaeConfig.CONV.equals(model.architecture) ? List.of(32, 64) : List.of(400);
    VaeConfig modelConfig = model.config(data.train().exampleShape(), defaultHidden);
    TrainingRun.Settings settings = new TrainingRun.Settings(modelConfig, training.config(10), training.objective());
    ConsoleRun.run(console, settings, data, folder, resume, !noReport);
    return 0;
  }
}
