package io.github.vae4j.model;

import io.github.vae4j.nn.Init;
import io.github.vae4j.nn.Layer;
import io.github.vae4j.nn.Linear;
import io.github.vae4j.nn.Module;
import io.github.vae4j.prior.Prior;
import io.github.vae4j.prob.Likelihood;
import io.github.vae4j.prob.Normal;
import io.github.vae4j.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The variational autoencoder of Kingma and Welling: an encoder q(z|x) = N(mean(x),
 * diag(exp(logVariance(x)))), a prior p(z) (the standard normal of the paper, or a learned mixture
 * or VampPrior, as the config's {@link io.github.vae4j.prior.PriorSpec} says), and a decoder whose
 * output parameterizes the likelihood p(x|z).
 *
 * <p>Shapes: x [batch, ...inputShape]; encode(x) gives mean and logVariance [batch, latentDim];
 * decoderOutput(z) is [batch, ...likelihood.decoderOutputShape(inputShape)].
 *
 * <p>Parameter names are stable ("encoder.*", "posterior.mean.*", "posterior.logVariance.*",
 * "decoder.*", "likelihood.*", "prior.*") because model files store weights under them.
 *
 * <p>Kingma and Welling, Auto-Encoding Variational Bayes, arXiv:1312.6114, Section 3 and Appendix C.
 */
public final class Vae extends Module implements VariationalAutoencoder {

  private final VaeConfig config;
  private final Likelihood likelihood;
  private final Layer encoder;
  private final Linear meanHead;
  private final Linear logVarianceHead;
  private final Layer decoder;
  private final Prior prior;
  private final int[] inputShape;

  /** Builds the model with weights drawn from {@code random} by the config's initializer. */
  public Vae(VaeConfig config, RandomGenerator random) {
    this.config = config;
    this.inputShape = config.inputShapeArray();
    Init init = Init.parse(config.init());
    this.likelihood = config.likelihood().build(inputShape);
    Networks.Body body = Networks.encoder(config, init, random);
    this.encoder = registerModule("encoder", body.layer());
    PosteriorHead head = registerModule("posterior", new PosteriorHead(body.outFeatures(), config.latentDim(), init, random));
    this.meanHead = head.mean;
    this.logVarianceHead = head.logVariance;
    int[] outputShape = likelihood.decoderOutputShape(inputShape);
    this.decoder = registerModule("decoder", Networks.decoder(config, outputShape, init, random));
    registerModule("likelihood", new LikelihoodParameters(likelihood.parameters()));
    // built last: the standard prior draws nothing, so a model's weights do not depend on whether
    // its prior was spelt out
    this.prior = registerModule("prior", config.prior().build(config.latentDim(), inputShape, this::encode, random));
  }

  /** The two linear maps from encoder features to the posterior's mean and log-variance. */
  private static final class PosteriorHead extends Module {
    final Linear mean;
    final Linear logVariance;

    PosteriorHead(int in, int latent, Init init, RandomGenerator random) {
      mean = registerModule("mean", new Linear(in, latent, true, init, random));
      logVariance = registerModule("logVariance", new Linear(in, latent, true, init, random));
    }
  }

  /** Holds a likelihood's own learned parameters (a per-feature log σ, say) under stable names. */
  private static final class LikelihoodParameters extends Module {
    LikelihoodParameters(Map<String, Tensor> parameters) {
      parameters.forEach(this::registerParameter);
    }
  }

  @Override
  public VaeConfig config() {
    return config;
  }

  @Override
  public Likelihood likelihood() {
    return likelihood;
  }

  @Override
  public Prior prior() {
    return prior;
  }

  @Override
  public List<Integer> inputShape() {
    return config.inputShape();
  }

  @Override
  public int features() {
    return config.features();
  }

  @Override
  public int latentDim() {
    return config.latentDim();
  }

  @Override
  public String summary() {
    return config.architecture() + " " + config.hidden() + " -> " + config.latentDim() + " latent dims, "
        + likelihood.name() + " likelihood, " + config.prior() + " prior";
  }

  /** q(z|x): x [batch, ...inputShape] -> Normal over [batch, latentDim]. */
  @Override
  public Normal encode(Tensor x) {
    checkInput(x);
    Tensor h = encoder.forward(x);
    return new Normal(meanHead.forward(h), logVarianceHead.forward(h));
  }

  /** The decoder's raw output for z [batch, latentDim], the likelihood's parameters. */
  @Override
  public Tensor decoderOutput(Tensor z) {
    if (z.rank() != 2 || z.dim(1) != config.latentDim()) {
      throw new IllegalArgumentException("expected latents [batch, " + config.latentDim() + "], got "
          + Arrays.toString(z.shape()));
    }
    return decoder.forward(z);
  }

  @Override
  public void initializeOutputBias(float[] featureMeans) {
    if (!VaeConfig.MLP.equals(config.architecture())
        || !(Likelihood.BERNOULLI.equals(likelihood.name()) || Likelihood.CONTINUOUS_BERNOULLI.equals(likelihood.name()))) {
      throw new IllegalArgumentException("the output bias starts at the data's logits for mlp models with a bernoulli "
          + "likelihood, not " + config.architecture() + " with " + likelihood.name());
    }
    if (featureMeans.length != config.features()) {
      throw new IllegalArgumentException("expected " + config.features() + " feature means, got " + featureMeans.length);
    }
    Tensor bias = null;
    for (Map.Entry<String, Tensor> e : decoder.namedParameters().entrySet()) {
      if (e.getKey().endsWith(".bias")) {
        bias = e.getValue(); // the last one: the output layer's
      }
    }
    if (bias == null || bias.size() != featureMeans.length) {
      throw new IllegalStateException("the decoder has no output bias of " + featureMeans.length + " values");
    }
    float[] b = bias.array();
    for (int i = 0; i < b.length; i++) {
      double p = Math.min(0.999, Math.max(0.001, featureMeans[i]));
      b[i] = (float) Math.log(p / (1 - p));
    }
  }

  private void checkInput(Tensor x) {
    int[] shape = x.shape();
    if (shape.length != inputShape.length + 1
        || !Arrays.equals(Arrays.copyOfRange(shape, 1, shape.length), inputShape)) {
      throw new IllegalArgumentException("expected input [batch, " + Arrays.toString(inputShape).replaceAll("[\\[\\]]", "")
          + "], got " + Arrays.toString(shape));
    }
  }
}
