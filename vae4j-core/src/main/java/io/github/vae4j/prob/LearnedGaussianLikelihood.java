package io.github.vae4j.prob;

import io.github.vae4j.tensor.Tensor;
import java.util.Arrays;
import java.util.Map;

/**
 * The "gaussian-learned" likelihood: the decoder outputs the mean [batch, features...] and the
 * likelihood owns a learned log standard deviation per feature, logStandardDeviation [features...]
 * (initialized to 0, sigma = 1), shared by all samples:
 * p(x|z) = {@link Normal}(mean, diag(sigma^2)) with
 * log sigma = bound + softplus(logStandardDeviation - bound), bound =
 * {@value Likelihood#MIN_LOG_STANDARD_DEVIATION}.
 *
 * <p>The model must register {@link #parameters()} with its optimizer and saved state. The
 * variance is broadcast over the batch, so the gradient of the summed log-likelihood reaches the
 * parameter summed over the batch.
 *
 * <p>Rybkin, Daniilidis and Levine, Simple and Effective VAE Training with Calibrated Decoders,
 * arXiv:2006.13202 (sigma-VAE), here with one sigma per feature.
 */
final class LearnedGaussianLikelihood implements Likelihood {

  /** The parameter's name in {@link #parameters()}. */
  static final String PARAMETER = "logStandardDeviation";

  private final int[] featureShape;
  private final Tensor logStandardDeviation;

  LearnedGaussianLikelihood(int... featureShape) {
    if (featureShape == null || featureShape.length == 0) {
      throw new IllegalArgumentException("gaussian-learned likelihood needs the feature shape (without the batch axis), got none");
    }
    for (int d : featureShape) {
      if (d < 1) {
        throw new IllegalArgumentException("gaussian-learned likelihood needs feature dimensions >= 1, got "
            + Arrays.toString(featureShape));
      }
    }
    this.featureShape = featureShape.clone();
    this.logStandardDeviation = Tensor.zeros(featureShape).requiresGrad(true);
  }

  @Override
  public String name() {
    return GAUSSIAN_LEARNED;
  }

  @Override
  public int outputsPerFeature() {
    return 1;
  }

  @Override
  public Map<String, Tensor> parameters() {
    return Map.of(PARAMETER, logStandardDeviation);
  }

  /** sigma per feature after the soft bound, [features...]. */
  Tensor standardDeviation() {
    return SoftBound.below(logStandardDeviation, MIN_LOG_STANDARD_DEVIATION).exp();
  }

  @Override
  public Distribution distribution(Tensor decoderOutput) {
    Checks.parameter("gaussian-learned likelihood", "decoder output", decoderOutput);
    int[] shape = decoderOutput.shape();
    if (shape.length != featureShape.length + 1
        || !Arrays.equals(Arrays.copyOfRange(shape, 1, shape.length), featureShape)) {
      throw new IllegalArgumentException("gaussian-learned likelihood was built for features "
          + Arrays.toString(featureShape) + " and expects a decoder output of [batch, "
          + Arrays.toString(featureShape).substring(1) + ", got " + Arrays.toString(shape));
    }
    Tensor logVariance = SoftBound.below(logStandardDeviation, MIN_LOG_STANDARD_DEVIATION).mul(2f);
    return new Normal(decoderOutput, Tensor.zeros(shape).add(logVariance));
  }

  @Override
  public String toString() {
    return GAUSSIAN_LEARNED + Arrays.toString(featureShape);
  }
}
