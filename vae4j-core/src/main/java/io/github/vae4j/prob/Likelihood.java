package io.github.vae4j.prob;

import io.github.vae4j.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The observation model p(x|z) of a VAE's decoder: how the decoder's raw output becomes a
 * distribution over the data.
 *
 * <p>A model asks the likelihood for {@link #outputsPerFeature()} (or directly for
 * {@link #decoderOutputShape}) to size its last layer, registers {@link #parameters()} (learned
 * tensors the likelihood owns, such as a per-feature log sigma) with its optimizer and its saved
 * state, and then calls {@link #logProb(Tensor, Tensor)} for the reconstruction term of the ELBO
 * and {@link #mean(Tensor)} for the picture to show.
 *
 * <p>Layout: data x is [batch, features...], for example [batch, 784] or [batch, 1, 28, 28]. A
 * likelihood with k outputs per feature reads a decoder output of [batch, k * f1, f2, ...]: k
 * equal blocks along axis 1 (the channel axis of images, the only feature axis of vectors), the
 * first block being the mean or logits and the second the log-variance.
 *
 * <table class="striped">
 *   <caption>The likelihoods by config name</caption>
 *   <tr><th>name</th><th>outputs per feature</th><th>parameters</th><th>p(x|z)</th><th>mean</th></tr>
 *   <tr><td>bernoulli</td><td>1 (logits)</td><td>none</td><td>{@link Bernoulli}</td><td>sigmoid(logits)</td></tr>
 *   <tr><td>continuous-bernoulli</td><td>1 (logits)</td><td>none</td><td>{@link ContinuousBernoulli}</td><td>its mean, not sigmoid(logits)</td></tr>
 *   <tr><td>gaussian</td><td>1 (mean)</td><td>none; sigma fixed by config</td><td>{@link Normal}</td><td>the output</td></tr>
 *   <tr><td>gaussian-learned</td><td>1 (mean)</td><td>logStandardDeviation [features...]</td><td>{@link Normal}</td><td>the output</td></tr>
 *   <tr><td>gaussian-per-sample</td><td>2 (mean, log-variance)</td><td>none</td><td>{@link Normal}</td><td>the first block</td></tr>
 *   <tr><td>laplace</td><td>1 (location)</td><td>none; scale fixed by config</td><td>{@link Laplace}</td><td>the output</td></tr>
 * </table>
 *
 * <p>Numerical note: the two Gaussians whose sigma is learned bound log sigma softly from below at
 * {@value #MIN_LOG_STANDARD_DEVIATION} (sigma about 0.0025), through
 * bound + softplus(t - bound): a feature the decoder reconstructs perfectly (the constant border of
 * MNIST) would otherwise drive sigma to 0 and log p(x|z) to infinity. Above the bound the map is
 * smooth and monotone, so maximum likelihood still finds any sigma the data supports. Rybkin,
 * Daniilidis and Levine, Simple and Effective VAE Training with Calibrated Decoders,
 * arXiv:2006.13202, use the same soft clip.
 */
public interface Likelihood {

  /** Config name of {@link #bernoulli()}. */
  String BERNOULLI = "bernoulli";
  /** Config name of {@link #continuousBernoulli()}. */
  String CONTINUOUS_BERNOULLI = "continuous-bernoulli";
  /** Config name of {@link #gaussian(double)}. */
  String GAUSSIAN = "gaussian";
  /** Config name of {@link #gaussianLearned(int...)}. */
  String GAUSSIAN_LEARNED = "gaussian-learned";
  /** Config name of {@link #gaussianPerSample()}. */
  String GAUSSIAN_PER_SAMPLE = "gaussian-per-sample";
  /** Config name of {@link #laplace(double)}. */
  String LAPLACE = "laplace";

  /** The soft lower bound on a learned log sigma (the log-variance is bounded at twice it). */
  float MIN_LOG_STANDARD_DEVIATION = -6f;

  /** The name used in configs and JSON, one of {@link #names()}. */
  String name();

  /** How many decoder output channels each data feature needs: 1 or 2. */
  int outputsPerFeature();

  /**
   * The decoder output shape, without the batch axis, for data of the given feature shape
   * (without the batch axis): the first dimension times {@link #outputsPerFeature()}.
   */
  default int[] decoderOutputShape(int... featureShape) {
    if (featureShape == null || featureShape.length == 0) {
      throw new IllegalArgumentException(name() + " needs a feature shape of rank >= 1, got none");
    }
    int[] shape = featureShape.clone();
    for (int d : shape) {
      if (d < 1) {
        throw new IllegalArgumentException(name() + " needs feature dimensions >= 1, got "
            + Arrays.toString(featureShape));
      }
    }
    shape[0] *= outputsPerFeature();
    return shape;
  }

  /**
   * Learned tensors this likelihood owns, by name (leaves with requiresGrad set); the model must
   * train and save them with its own parameters. Empty for most likelihoods.
   */
  default Map<String, Tensor> parameters() {
    return Map.of();
  }

  /** p(x|z) for a decoder output of [batch, k * f1, f2, ...]; the distribution is [batch, features...]. */
  Distribution distribution(Tensor decoderOutput);

  /** log p(x|z) per sample: decoder output [batch, k * f1, ...], x [batch, features...] -> [batch]. */
  default Tensor logProb(Tensor decoderOutput, Tensor x) {
    return distribution(decoderOutput).logProbSum(x);
  }

  /** The mean of p(x|z), [batch, features...]: for images, the picture to show. */
  default Tensor mean(Tensor decoderOutput) {
    return distribution(decoderOutput).mean();
  }

  /** Bernoulli over binary (or binarized) data; the decoder outputs logits. */
  static Likelihood bernoulli() {
    return new BernoulliLikelihood();
  }

  /** Continuous Bernoulli over data in [0, 1]; the decoder outputs logits. */
  static Likelihood continuousBernoulli() {
    return new ContinuousBernoulliLikelihood();
  }

  /** Gaussian with a fixed standard deviation (> 0); the decoder outputs the mean. */
  static Likelihood gaussian(double standardDeviation) {
    return new GaussianLikelihood(standardDeviation);
  }

  /**
   * Gaussian with a learned log standard deviation per feature, a parameter of the feature shape
   * initialized to 0 (sigma = 1); the decoder outputs the mean.
   */
  static Likelihood gaussianLearned(int... featureShape) {
    return new LearnedGaussianLikelihood(featureShape);
  }

  /** Gaussian whose mean and log-variance the decoder outputs for every sample and feature. */
  static Likelihood gaussianPerSample() {
    return new PerSampleGaussianLikelihood();
  }

  /** Laplace with a fixed scale b (> 0), the L1 loss; the decoder outputs the location. */
  static Likelihood laplace(double scale) {
    return new LaplaceLikelihood(scale);
  }

  /**
   * The likelihood of a config: {@code name} one of {@link #names()}; {@code scale} is sigma for
   * "gaussian" and b for "laplace" and ignored by the others; {@code featureShape} (without the
   * batch axis) is needed by "gaussian-learned" and checked by all.
   */
  static Likelihood named(String name, double scale, int... featureShape) {
    if (name == null) {
      throw new IllegalArgumentException("likelihood name must not be null; expected one of " + names());
    }
    return switch (name) {
      case BERNOULLI -> bernoulli();
      case CONTINUOUS_BERNOULLI -> continuousBernoulli();
      case GAUSSIAN -> gaussian(scale);
      case GAUSSIAN_LEARNED -> gaussianLearned(featureShape);
      case GAUSSIAN_PER_SAMPLE -> gaussianPerSample();
      case LAPLACE -> laplace(scale);
      default -> throw new IllegalArgumentException("unknown likelihood '" + name + "'; expected one of " + names());
    };
  }

  /** Every config name, in the order of the table above. */
  static List<String> names() {
    return List.of(BERNOULLI, CONTINUOUS_BERNOULLI, GAUSSIAN, GAUSSIAN_LEARNED, GAUSSIAN_PER_SAMPLE, LAPLACE);
  }
}
