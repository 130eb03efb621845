package io.github.vae4j.cli;

import io.github.vae4j.data.Dataset;
import io.github.vae4j.model.ModelFile;
import io.github.vae4j.model.Vae;
import io.github.vae4j.report.Pictures;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vae4j traverse}: one latent dimension at a time. */
@Command(name = "traverse", mixinStandardHelpOptions = true,
    description = "Traverse the latent space one dimension per row, from -range to +range, around the origin or "
        + "around an example's code (--data and --index).")
final class TraverseCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  ModelInput modelInput;

  @Option(names = "--data", description = "Data to take the base code from (else the origin).")
  String data;

  @Option(names = "--split",
      description = "test or train (default: test where the data has a test split, else train, the whole set).")
  String split;

  @Option(names = "--index", defaultValue = "0", description = "Example whose posterior mean is the base (default: ${DEFAULT-VALUE}).")
  int index;

  @Option(names = "--steps", defaultValue = "9", description = "Points per dimension (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--range", defaultValue = "3", description = "Half-width in prior standard deviations (default: ${DEFAULT-VALUE}).")
  double range;

  @Option(names = "--out", defaultValue = "traversal.png", description = "PNG (default: ${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Integer call() throws Exception {
    PrintWriter console = spec.commandLine().getOut();
    OutputFormat.requirePng(out);
    ModelFile.Loaded loaded = modelInput.load();
    Vae model = loaded.model();
    float[] base = new float[model.latentDim()];
    if (data != null) {
      DataInput input = new DataInput();
      input.data = data;
      input.split = split;
      Dataset dataset = input.load(model, loaded.preprocessing(), 1);
      if (index < 0 || index >= dataset.count()) {
        throw new IllegalArgumentException("--index " + index + " is out of range: the split has " + dataset.count()
            + " examples");
      }
      base = Pictures.encodeMeans(model, dataset, new int[] {index});
    }
    Pictures.traversal(out, model, base, steps, range);
    console.println("wrote " + out);
    return 0;
  }
}
