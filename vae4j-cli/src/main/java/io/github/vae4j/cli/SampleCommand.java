package io.github.vae4j.cli;

import io.github.vae4j.data.NpyWriter;
import io.github.vae4j.model.ModelFile;
import io.github.vae4j.sampler.GaussianMixtureSampler;
import io.github.vae4j.sampler.SamplerSpec;
import io.github.vae4j.model.Vae;
import io.github.vae4j.report.Pictures;
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

/** {@code vae4j sample}: draws z from the model's prior and decodes it. */
@Command(name = "sample", mixinStandardHelpOptions = true,
    description = "Generate samples: decoded means of z drawn from the model's prior, as a PNG grid (--out x.png) "
        + "or an .npy array (--out x.npy).")
final class SampleCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  ModelInput modelInput;

  @Option(names = "--count", defaultValue = "64", description = "How many (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", defaultValue = "samples.png",
      description = "Where to write: .png for a grid (image models), .npy for the array [count, ...inputShape] "
          + "(default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--sampler", defaultValue = "prior",
      description = "prior (the model's p(z)), or gmm:K, the mixture 'vae4j fit-sampler' stored in the model file "
          + "(default: ${DEFAULT-VALUE}).")
  String sampler;

  @Option(names = "--npy", description = "Also write the samples [count, ...inputShape] to this .npy file.")
  Path npy;

  @Override
  public Integer call() throws Exception {
    PrintWriter console = spec.commandLine().getOut();
    if (count < 1) {
      throw new IllegalArgumentException("--count must be >= 1, got " + count);
    }
    String format = OutputFormat.of(out);
    if (npy != null && !OutputFormat.NPY.equals(OutputFormat.of(npy))) {
      throw new IllegalArgumentException("--npy must name an .npy file, got " + npy);
    }
    ModelFile.Loaded loaded = modelInput.load();
    Vae model = loaded.model();
    if (OutputFormat.PNG.equals(format) && !Pictures.isImageModel(model)) {
      throw new IllegalArgumentException("this model reads rows of " + model.config().inputShape()
          + ", not images; write the samples as an array with --out FILE.npy");
    }
    float[] codes;
    String source;
    switch (SamplerSpec.parse(sampler)) {
      case SamplerSpec.Prior _ -> {
        codes = model.prior().sample(count, new SplittableRandom(seed)).toArray();
        source = "the prior (" + model.prior().spec() + ")";
      }
      case SamplerSpec.Mixture mixture -> {
        GaussianMixtureSampler gmm = loaded.sampler().orElseThrow(() -> new IllegalArgumentException(modelInput.model
            + " holds no fitted sampler; run 'vae4j fit-sampler --model " + modelInput.model + " --data DATA "
            + "--components " + mixture.components() + "' first"));
        if (gmm.components() != mixture.components()) {
          throw new IllegalArgumentException(modelInput.model + " holds " + gmm + ", not " + mixture
              + "; fit it again with 'vae4j fit-sampler --components " + mixture.components() + "'");
        }
        codes = gmm.sample(count, new SplittableRandom(seed)).toArray();
        source = "a " + gmm + " mixture fitted to the aggregate posterior";
      }
    }
    Tensor samples = model.decodeMean(Tensor.wrap(codes.clone(), count, model.latentDim()));
    for (Path file : npy == null ? java.util.List.of(out) : java.util.List.of(out, npy)) {
      if (OutputFormat.NPY.equals(OutputFormat.of(file))) {
        NpyWriter.write(file, samples.toArray(), samples.shape());
      } else {
        Pictures.decoded(file, model, codes, (int) Math.ceil(Math.sqrt(count)),
            "samples from " + source);
      }
      console.println("wrote " + file);
    }
    return 0;
  }
}
