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

/** {@code vae4j reconstruct}: inputs beside their reconstructions. */
@Command(name = "reconstruct", mixinStandardHelpOptions = true,
    description = "Reconstruct examples: each input beside the decoded mean of its posterior mean, as a PNG grid.")
final class ReconstructCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  ModelInput modelInput;

  @Mixin
  DataInput dataInput;

  @Option(names = "--count", defaultValue = "16", description = "How many examples, from the first (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(names = "--out", defaultValue = "reconstructions.png", description = "PNG grid (default: ${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Integer call() throws Exception {
    PrintWriter console = spec.commandLine().getOut();
    OutputFormat.requirePng(out);
    ModelFile.Loaded loaded = modelInput.load();
    Vae model = loaded.model();
    Dataset data = dataInput.load(model, loaded.preprocessing(), 1);
    int n = Math.min(count, data.count());
    if (n < 1) {
      throw new IllegalArgumentException("--count must be >= 1, got " + count);
    }
    int[] indices = java.util.stream.IntStream.range(0, n).toArray();
    Pictures.reconstructions(out, model, data, indices);
    console.println("wrote " + out);
    return 0;
  }
}
