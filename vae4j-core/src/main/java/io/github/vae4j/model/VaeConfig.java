package io.github.vae4j.model;

import io.github.vae4j.nn.ActivationKind;
import io.github.vae4j.nn.Init;
import io.github.vae4j.prior.PriorSpec;
import io.github.vae4j.prob.Likelihood;
import io.github.vae4j.prob.LikelihoodSpec;
import java.util.List;

/**
 * The architecture of a {@link Vae}: what it reads, how wide it is, and which likelihood its
 * decoder parameterizes.
 *
 * <p>{@code inputShape} is one example's shape: [features] for tabular rows, [channels, height,
 * width] for images. {@code architecture} "mlp" flattens the input and uses fully connected
 * layers of the {@code hidden} widths; "conv" uses stride-2 convolutions with {@code hidden}
 * channels (shapes inferred from the image size) and a mirrored transposed-convolution decoder.
 * {@code init} is an initializer spec ("pytorch", "normal:0.01", "xavier_uniform", ...);
 * {@code likelihood} is a {@link LikelihoodSpec} (bernoulli, gaussian:σ, laplace:b, ...);
 * {@code prior} is the prior p(z) ({@link PriorSpec}: standard, mog:K or vamp:K).
 */
public record VaeConfig(
    List<Integer> inputShape,
    String architecture,
    List<Integer> hidden,
    int latentDim,
    String activation,
    LikelihoodSpec likelihood,
    String init,
    PriorSpec prior) {

  public static final String MLP = "mlp";
  public static final String CONV = "conv";

  public VaeConfig {
    // JSON with a missing or null field reaches here too; say which field, not just "null"
    if (inputShape == null || inputShape.stream().anyMatch(java.util.Objects::isNull)) {
      throw new IllegalArgumentException("inputShape must be a list of dimensions, got " + inputShape);
    }
    if (hidden == null || hidden.stream().anyMatch(java.util.Objects::isNull)) {
      throw new IllegalArgumentException("hidden must be a list of layer widths, got " + hidden);
    }
    if (activation == null) {
      throw new IllegalArgumentException("activation must be given, got null");
    }
    if (init == null) {
      throw new IllegalArgumentException("init must be given, got null");
    }
    if (prior == null) {
      throw new IllegalArgumentException("prior must be given (standard, mog:K or vamp:K), got null");
    }
    inputShape = List.copyOf(inputShape);
    hidden = List.copyOf(hidden);
    if (inputShape.isEmpty() || inputShape.size() > 3) {
      throw new IllegalArgumentException("inputShape must be [features] or [channels, height, width], got " + inputShape);
    }
    for (int d : inputShape) {
      if (d < 1) {
        throw new IllegalArgumentException("inputShape dimensions must be >= 1, got " + inputShape);
      }
    }
    if (!MLP.equals(architecture) && !CONV.equals(architecture)) {
      throw new IllegalArgumentException("architecture must be 'mlp' or 'conv', got '" + architecture + "'");
    }
    if (CONV.equals(architecture) && inputShape.size() != 3) {
      throw new IllegalArgumentException("architecture 'conv' needs images [channels, height, width], got " + inputShape);
    }
    if (hidden.isEmpty()) {
      throw new IllegalArgumentException("hidden must list at least one layer width, got []");
    }
    for (int h : hidden) {
      if (h < 1) {
        throw new IllegalArgumentException("hidden widths must be >= 1, got " + hidden);
      }
    }
    if (latentDim < 1) {
      throw new IllegalArgumentException("latentDim must be >= 1, got " + latentDim);
    }
    if (CONV.equals(architecture)) {
      checkConvSizes(inputShape, hidden.size());
    }
    ActivationKind.parse(activation);
    if (likelihood == null) {
      throw new IllegalArgumentException("likelihood must be given; expected one of " + Likelihood.names());
    }
    Init.parse(init);
  }

  /**
   * A model with the standard normal prior and the likelihood of a name and a scale (read only by
   * gaussian and laplace), as the command line's --likelihood and --sigma give them.
   */
  public VaeConfig(List<Integer> inputShape, String architecture, List<Integer> hidden, int latentDim,
      String activation, String likelihood, double likelihoodScale, String init) {
    this(inputShape, architecture, hidden, latentDim, activation, LikelihoodSpec.of(likelihood, likelihoodScale), init,
        PriorSpec.standard());
  }

  /**
   * The conv encoder halves height and width once per hidden level, and the decoder undoes each
   * halving with a transposed convolution chosen by the parity of the size it restores, so both
   * sides must have equal parity, and at least 2 pixels, at every level.
   */
  private static void checkConvSizes(List<Integer> inputShape, int levels) {
    int h = inputShape.get(1);
    int w = inputShape.get(2);
    for (int level = 0; level < levels; level++) {
      if (h < 2 || w < 2) {
        throw new IllegalArgumentException("architecture 'conv' halves height and width " + levels
            + " times, too many for images " + inputShape + " (" + h + "x" + w + " before halving " + (level + 1)
            + "); use fewer hidden layers");
      }
      if (h % 2 != w % 2) {
        throw new IllegalArgumentException("architecture 'conv' needs height and width of equal parity at each of its "
            + levels + " halvings, but images " + inputShape + " reach " + h + "x" + w + "; use architecture 'mlp'");
      }
      h /= 2;
      w /= 2;
    }
  }

  /**
   * The PyTorch-examples MLP VAE for an input shape: hidden 400, latent 20, ReLU, Bernoulli,
   * PyTorch's initialization, the standard normal prior. The one source of model defaults.
   */
  public static VaeConfig defaults(List<Integer> inputShape) {
    return new VaeConfig(inputShape, MLP, List.of(400), 20, "relu", LikelihoodSpec.of(Likelihood.BERNOULLI, 1.0), "pytorch",
        PriorSpec.standard());
  }

  public VaeConfig withLatentDim(int value) {
    return new VaeConfig(inputShape, architecture, hidden, value, activation, likelihood, init, prior);
  }

  public VaeConfig withHidden(List<Integer> value) {
    return new VaeConfig(inputShape, architecture, value, latentDim, activation, likelihood, init, prior);
  }

  public VaeConfig withArchitecture(String value) {
    return new VaeConfig(inputShape, value, hidden, latentDim, activation, likelihood, init, prior);
  }

  public VaeConfig withActivation(String value) {
    return new VaeConfig(inputShape, architecture, hidden, latentDim, value, likelihood, init, prior);
  }

  public VaeConfig withLikelihood(String value, double scale) {
    return new VaeConfig(inputShape, architecture, hidden, latentDim, activation, LikelihoodSpec.of(value, scale), init,
        prior);
  }

  public VaeConfig withInit(String value) {
    return new VaeConfig(inputShape, architecture, hidden, latentDim, activation, likelihood, value, prior);
  }

  public VaeConfig withPrior(PriorSpec value) {
    return new VaeConfig(inputShape, architecture, hidden, latentDim, activation, likelihood, init, value);
  }

  /** Number of values in one example. */
  public int features() {
    int n = 1;
    for (int d : inputShape) {
      n *= d;
    }
    return n;
  }

  int[] inputShapeArray() {
    return inputShape.stream().mapToInt(Integer::intValue).toArray();
  }
}
