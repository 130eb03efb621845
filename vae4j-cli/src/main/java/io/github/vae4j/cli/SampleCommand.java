package io.github.vae4j.cli;

import io.github.vae4j.data.NpyWriter;
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

/** {@code vae4j sample}: draws z ~ N(0, I) and decodes it. */
@Command(name = "sample", mixinStandardHelpOptions = true,
    description = "Generate samples: decoded means of z ~ N(0, I), as a PNG grid and/or an .npy array.")
final class SampleCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  ModelInput modelInput;

  @Option(names = "--count", defaultValue = "64", description = "How many (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", defaultValue = "samples.png", description = "PNG grid (image models) (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--npy", description = "Also write the samples [count, ...inputShape] to this .npy file.")
  Path npy;

  @Override
  public Integer call() throws Exception {
    PrintWriter console = spec.commandLine().getOut();
    if (count < 1) {
      throw new IllegalArgumentException("--count must be >= 1, got " + count);
    }
    Vae model = modelInput.load().model();
    float[] codes = Tensor.randn(new SplittableRandom(seed), count, model.latentDim()).toArray();
    if (npy != null) {
      Tensor samples = model.decodeMean(Tensor.wrap(codes.clone(), count, model.latentDim()));
      NpyWriter.write(npy, samples.toArray(), samples.shape());
      console.println("wrote " + npy);
    }
    if (Pictures.isImageModel(model)) {
      Pictures.decoded(out, model, codes, (int) Math.ceil(Math.sqrt(count)), "samples from the prior");
      console.println("wrote " + out);
    } else if (npy == null) {
      throw new IllegalArgumentException("this model reads rows of " + model.config().inputShape()
          + ", not images; pass --npy FILE to write the samples");
    }
    return 0;
  }
}
