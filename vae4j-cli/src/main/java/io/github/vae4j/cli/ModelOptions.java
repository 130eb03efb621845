package io.github.vae4j.cli;

import io.github.vae4j.model.VaeConfig;
import io.github.vae4j.prior.PriorSpec;
import io.github.vae4j.prob.LikelihoodSpec;
import java.util.List;
import picocli.CommandLine.Option;

/** The options that shape a new model, shared by {@code train} and {@code demo}. */
final class ModelOptions {

  @Option(names = "--architecture", defaultValue = "mlp", description = "mlp or conv (default: ${DEFAULT-VALUE}).")
  String architecture;

  @Option(names = "--hidden", split = ",", description = "Hidden layer widths (mlp) or channels (conv), e.g. 400 or 32,64.")
  List<Integer> hidden;

  @Option(names = "--latent", defaultValue = "20", description = "Latent dimensions (default: ${DEFAULT-VALUE}).")
  int latent;

  @Option(names = "--activation", defaultValue = "relu",
      description = "relu, leaky_relu, elu, gelu, tanh, sigmoid, softplus (default: ${DEFAULT-VALUE}).")
  String activation;

  @Option(names = "--likelihood", defaultValue = "bernoulli",
      description = "bernoulli, continuous-bernoulli, gaussian, gaussian-learned, gaussian-per-sample, laplace; "
          + "gaussian:SIGMA and laplace:SCALE set the fixed scale (default: ${DEFAULT-VALUE}).")
  String likelihood;

  @Option(names = "--sigma", defaultValue = "1.0",
      description = "σ of the fixed gaussian likelihood, or b of the laplace one (default: ${DEFAULT-VALUE}).")
  double sigma;

  @Option(names = "--init", defaultValue = "pytorch",
      description = "Weight initializer: pytorch, normal:0.01 (the AEVB paper), xavier_uniform, he_normal, ... "
          + "(default: ${DEFAULT-VALUE}).")
  String init;

  @Option(names = "--prior", defaultValue = "standard",
      description = "standard (N(0, I)), mog:K (a learned mixture of K Gaussians) or vamp:K (VampPrior, K "
          + "pseudo-inputs) (default: ${DEFAULT-VALUE}).")
  String prior;

  VaeConfig config(List<Integer> inputShape, List<Integer> defaultHidden) {
    List<Integer> widths = hidden == null || hidden.isEmpty() ? defaultHidden : hidden;
    LikelihoodSpec spec = likelihood.contains(":") ? LikelihoodSpec.parse(likelihood) : LikelihoodSpec.of(likelihood, sigma);
    return new VaeConfig(inputShape, architecture, widths, latent, activation, spec, init, PriorSpec.parse(prior));
  }
}
