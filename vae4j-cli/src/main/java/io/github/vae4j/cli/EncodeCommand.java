package io.github.vae4j.cli;

import io.github.vae4j.data.Dataset;
import io.github.vae4j.data.NpyWriter;
import io.github.vae4j.io.AtomicFiles;
import io.github.vae4j.model.ModelFile;
import io.github.vae4j.model.Vae;
import io.github.vae4j.prob.Normal;
import io.github.vae4j.tensor.GradMode;
import io.github.vae4j.tensor.Tensor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vae4j encode}: latent codes of a dataset to CSV or NPY. */
@Command(name = "encode", mixinStandardHelpOptions = true,
    description = "Encode examples to latent codes (posterior means, or samples with --sample) in .csv or .npy.")
final class EncodeCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  ModelInput modelInput;

  @Mixin
  DataInput dataInput;

  @Option(names = "--out", required = true, description = "Output file: .csv (with a header, and labels if any) or .npy.")
  Path out;

  @Option(names = "--sample", description = "Draw z ~ q(z|x) instead of taking its mean.")
  boolean sample;

  @Option(names = "--seed", defaultValue = "1", description = "Seed for --sample (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws Exception {
    PrintWriter console = spec.commandLine().getOut();
    ModelFile.Loaded loaded = modelInput.load();
    Vae model = loaded.model();
    Dataset data = dataInput.load(model, loaded.preprocessing(), seed);
    int d = model.latentDim();
    float[] codes = new float[data.count() * d];
    SplittableRandom random = new SplittableRandom(seed);
    try (GradMode _ = GradMode.noGrad()) {
      for (int from = 0; from < data.count(); from += 1000) {
        int b = Math.min(1000, data.count() - from);
        int[] indices = java.util.stream.IntStream.range(from, from + b).toArray();
        Normal q = model.encode(Tensor.wrap(data.batch(indices), model.batchShape(b)));
        float[] z = (sample ? q.sample(random) : q.mean()).toArray();
        System.arraycopy(z, 0, codes, from * d, z.length);
      }
    }
    String name = out.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    if (name.endsWith(".npy")) {
      NpyWriter.write(out, codes, data.count(), d);
    } else if (name.endsWith(".csv")) {
      StringBuilder csv = new StringBuilder();
      for (int j = 0; j < d; j++) {
        csv.append(j == 0 ? "" : ",").append('z').append(j);
      }
      csv.append(data.hasLabels() ? ",label\n" : "\n");
      for (int i = 0; i < data.count(); i++) {
        for (int j = 0; j < d; j++) {
          csv.append(j == 0 ? "" : ",").append(codes[i * d + j]);
        }
        if (data.hasLabels()) {
          csv.append(',').append(data.label(i));
        }
        csv.append('\n');
      }
      AtomicFiles.writeString(out, csv);
    } else {
      throw new IllegalArgumentException("--out must end in .csv or .npy, got " + out);
    }
    console.printf("wrote %,d latent codes of %d dimensions to %s%n", data.count(), d, out);
    return 0;
  }
}
