package io.github.vae4j.cli;

import io.github.vae4j.data.Dataset;
import io.github.vae4j.model.ModelFile;
import io.github.vae4j.run.Samplers;
import io.github.vae4j.sampler.GaussianMixtureSampler;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vae4j fit-sampler}: fits a Gaussian mixture to the aggregate posterior and stores it in the model file. */
@Command(name = "fit-sampler", mixinStandardHelpOptions = true,
    description = {"Fit a Gaussian mixture by EM to the posterior means of the training data (the aggregate "
        + "posterior) and store it in the model file, for 'vae4j sample --sampler gmm:K' (Ghosh et al. 2020).", "",
        "  vae4j fit-sampler --model runs/mnist/model.vae --data mnist:DIR --components 10"})
final class FitSamplerCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  ModelInput modelInput;

  @Option(names = "--data", required = true, description = "The training data, as for train (its train split is read).")
  String data;

  @Option(names = "--components", defaultValue = "10", description = "K, the mixture's components (default: ${DEFAULT-VALUE}).")
  int components;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the initial means (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws Exception {
    PrintWriter console = spec.commandLine().getOut();
    if (components < 1) {
      throw new IllegalArgumentException("--components must be >= 1, got " + components);
    }
    ModelFile.Loaded loaded = modelInput.load();
    DataInput input = new DataInput();
    input.data = data;
    input.split = "train";
    Dataset train = input.load(loaded.model(), loaded.preprocessing(), seed);
    long start = System.nanoTime();
    GaussianMixtureSampler sampler = Samplers.fitMixture(loaded.model(), train, components, new SplittableRandom(seed));
    ModelFile.save(modelInput.model, loaded.model(), loaded.preprocessing(), loaded.provenance(), Optional.of(sampler));
    console.printf(Locale.ROOT, "fitted %s to the posterior means of %,d examples in %.1f s; stored in %s%n", sampler,
        train.count(), (System.nanoTime() - start) / 1e9, modelInput.model);
    return 0;
  }
}
