package io.github.vae4j.cli;

import io.github.vae4j.data.Dataset;
import io.github.vae4j.eval.Estimate;
import io.github.vae4j.eval.Evaluation;
import io.github.vae4j.eval.ImportanceWeighted;
import io.github.vae4j.model.ModelFile;
import io.github.vae4j.model.Vae;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vae4j eval}: the ELBO and the importance-weighted log-likelihood of a model on a split. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = {"Evaluate a model: negative ELBO (reconstruction + KL) and the importance-weighted NLL -L_K, "
        + "in nats per example with standard errors, and bits per dimension.", "",
        "  vae4j eval --model runs/mnist/model.vae --data mnist:DIR --split test --iw-samples 5000 --json"})
final class EvalCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  ModelInput modelInput;

  @Mixin
  DataInput dataInput;

  @Option(names = "--iw-samples", defaultValue = "100",
      description = "K for the importance-weighted bound (5000 is the IWAE paper's; 0 skips it) (default: ${DEFAULT-VALUE}).")
  int iwSamples;

  @Option(names = "--limit", description = "Evaluate only the first N examples.")
  Integer limit;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the Monte Carlo draws (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  /** A plain-words reading of the active units, with a remedy when some carry nothing. */
  static String verdict(int active, int latent) {
    if (active == latent) {
      return "every latent dimension carries information about the data";
    }
    if (active == 0) {
      return "the posterior has collapsed: no latent dimension carries information; try --kl-schedule linear:10000, "
          + "--free-bits 0.25 or a weaker decoder";
    }
    return (latent - active) + " of " + latent + " latent dimensions carry no information; try --kl-schedule "
        + "linear:10000 or --free-bits 0.25 (or fewer dimensions: " + active + " are in use)";
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter console = spec.commandLine().getOut();
    if (iwSamples < 0) {
      throw new IllegalArgumentException("--iw-samples must be >= 0, got " + iwSamples);
    }
    ModelFile.Loaded loaded = modelInput.load();
    Vae model = loaded.model();
    model.eval();
    Dataset data = dataInput.load(model, loaded.preprocessing(), seed);
    if (limit != null) {
      if (limit < 1) {
        throw new IllegalArgumentException("--limit must be >= 1, got " + limit);
      }
      data = data.head(Math.min(limit, data.count()));
    }
    float[] values = data.copyValues();
    long start = System.nanoTime();
    Evaluation.ElboReport elbo = Evaluation.negativeElbo(model, values, data.count(), new SplittableRandom(seed));
    Estimate iw = iwSamples == 0 ? null
        : ImportanceWeighted.negativeLogLikelihood(model, values, data.count(), iwSamples, new SplittableRandom(seed + 1));
    double seconds = (System.nanoTime() - start) / 1e9;
    double bitsDenominator = model.config().features() * Math.log(2);
    int active = elbo.activeUnits();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("model", modelInput.model.toString());
    result.put("data", dataInput.data);
    result.put("split", dataInput.loadedSplit);
    result.put("examples", data.count());
    result.put("negative_elbo", elbo.negativeElbo().mean());
    result.put("negative_elbo_se", elbo.negativeElbo().standardError());
    result.put("reconstruction", elbo.reconstruction());
    result.put("kl", elbo.kl());
    result.put("elbo_bits_per_dim", elbo.negativeElbo().mean() / bitsDenominator);
    if (iw != null) {
      result.put("iw_samples", iwSamples);
      result.put("iw_nll", iw.mean());
      result.put("iw_nll_se", iw.standardError());
      result.put("iw_bits_per_dim", iw.mean() / bitsDenominator);
    }
    result.put("active_units", active);
    result.put("latent_dimensions", model.latentDim());
    result.put("posterior_mean_variance", elbo.posteriorMeanVariance());
    result.put("kl_per_dimension", elbo.klPerDimension());
    result.put("mutual_information", elbo.mutualInformation());
    result.put("aggregate_posterior_kl", elbo.aggregateKl());
    String verdict = verdict(active, model.latentDim());
    result.put("verdict", verdict);
    result.put("prior", model.prior().spec().toString());
    result.put("seconds", seconds);
    if (json) {
      console.println(ModelFile.toJson(result).replaceAll("\\s*\\n\\s*", " "));
      return 0;
    }
    console.printf(Locale.ROOT, "%s on %s (%s split, %,d examples)%n", modelInput.model, dataInput.data,
        dataInput.loadedSplit, data.count());
    console.printf(Locale.ROOT, "  negative ELBO   %9.3f ± %.3f nats  (reconstruction %.3f + KL %.3f), %.4f bits/dim%n",
        elbo.negativeElbo().mean(), elbo.negativeElbo().standardError(), elbo.reconstruction(), elbo.kl(),
        elbo.negativeElbo().mean() / bitsDenominator);
    if (iw != null) {
      console.printf(Locale.ROOT, "  IW NLL (K=%d) %9.3f ± %.3f nats, %.4f bits/dim%n", iwSamples, iw.mean(),
          iw.standardError(), iw.mean() / bitsDenominator);
    }
    console.printf(Locale.ROOT, "  active units (posterior-mean variance > 0.01): %d of %d%n", active,
        model.latentDim());
    console.printf(Locale.ROOT, "  mutual information I(x; z) %.3f nats; KL(aggregate posterior || prior) %.3f nats%n",
        elbo.mutualInformation(), elbo.aggregateKl());
    console.printf(Locale.ROOT, "  %s%n", verdict);
    console.printf(Locale.ROOT, "  %.1f s%n", seconds);
    return 0;
  }
}
