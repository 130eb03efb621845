package io.github.vae4j.model;

import io.github.vae4j.nn.Init;
import io.github.vae4j.nn.Layer;
import io.github.vae4j.nn.Linear;
import io.github.vae4j.nn.Module;
import io.github.vae4j.prob.Distribution;
import io.github.vae4j.prob.Likelihood;
import io.github.vae4j.prob.Normal;
import io.github.vae4j.tensor.GradMode;
import io.github.vae4j.tensor.Tensor;
import java.util.Arrays;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The variational autoencoder of Kingma and Welling: an encoder q(z|x) = N(mean(x),
 * diag(exp(logVariance(x)))), a standard normal prior p(z) = N(0, I), and a decoder whose output
 * parameterizes the likelihood p(x|z).
 *
 * <p>Shapes: x [batch, ...inputShape]; encode(x) gives mean and logVariance [batch, latentDim];
 * decoderOutput(z) is [batch, ...likelihood.decoderOutputShape(inputShape)].
 *
 * <p>Parameter names are stable ("encoder.*", "posterior.mean.*", "posterior.logVariance.*",
 * "decoder.*", "likelihood.*") because model files store weights under them.
 *
 * <p>Kingma and Welling, Auto-Encoding Variational Bayes, arXiv:1312.6114, Section 3 and Appendix C.
 */
public final class Vae extends Module {

  private final VaeConfig config;
  private final Likelihood likelihood;
  private final Layer encoder;
  private final Linear meanHead;
  private final Linear logVarianceHead;
  private final Layer decoder;
  private final int[] inputShape;

  /** Builds the model with weights drawn from {@code random} by the config's initializer. */
  public Vae(VaeConfig config, RandomGenerator random) {
    this.config = config;
    this.inputShape = config.inputShapeArray();
    Init init = Init.parse(config.init());
    this.likelihood = Likelihood.named(config.likelihood(), config.likelihoodScale(), inputShape);
    Networks.Body body = Networks.encoder(config, init, random);
    this.encoder = registerModule("encoder", body.layer());
    PosteriorHead head = registerModule("posterior", new PosteriorHead(body.outFeatures(), config.latentDim(), init, random));
    this.meanHead = head.mean;
    this.logVarianceHead = head.logVariance;
    int[] outputShape = likelihood.decoderOutputShape(inputShape);
    this.decoder = registerModule("decoder", Networks.decoder(config, outputShape, init, random));
    registerModule("likelihood", new LikelihoodParameters(likelihood.parameters()));
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

  public VaeConfig config() {
    return config;
  }

  public Likelihood likelihood() {
    return likelihood;
  }

  public int latentDim() {
    return config.latentDim();
  }

  /** q(z|x): x [batch, ...inputShape] -> Normal over [batch, latentDim]. */
  public Normal encode(Tensor x) {
    checkInput(x);
    Tensor h = encoder.forward(x);
    return new Normal(meanHead.forward(h), logVarianceHead.forward(h));
  }

  /** The decoder's raw output for z [batch, latentDim], the likelihood's parameters. */
  public Tensor decoderOutput(Tensor z) {
    if (z.rank() != 2 || z.dim(1) != config.latentDim()) {
      throw new IllegalArgumentException("expected latents [batch, " + config.latentDim() + "], got "
          + Arrays.toString(z.shape()));
    }
    return decoder.forward(z);
  }

  /** p(x|z) for z [batch, latentDim]. */
  public Distribution decode(Tensor z) {
    return likelihood.distribution(decoderOutput(z));
  }

  /** log p(x|z) summed over features: decoderOutput [batch, ...], x [batch, ...] -> [batch]. */
  public Tensor logLikelihood(Tensor decoderOutput, Tensor x) {
    return likelihood.logProb(decoderOutput, x);
  }

  /** The mean of p(x|z), shaped like the data: [batch, ...inputShape]. No graph is recorded. */
  public Tensor decodeMean(Tensor z) {
    try (GradMode _ = GradMode.noGrad()) {
      return likelihood.mean(decoderOutput(z)).reshape(batchShape(z.dim(0)));
    }
  }

  /** Reconstructions: the mean of p(x|z) at z = the posterior mean. No graph is recorded. */
  public Tensor reconstruct(Tensor x) {
    try (GradMode _ = GradMode.noGrad()) {
      return decodeMean(encode(x).mean());
    }
  }

  /** Samples from the model: means of p(x|z) for z ~ N(0, I). [count, ...inputShape]. */
  public Tensor generate(int count, RandomGenerator random) {
    return decodeMean(Tensor.randn(random, count, config.latentDim()));
  }

  /** [batch, ...inputShape]. */
  public int[] batchShape(int batch) {
    int[] shape = new int[inputShape.length + 1];
    shape[0] = batch;
    System.arraycopy(inputShape, 0, shape, 1, inputShape.length);
    return shape;
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
