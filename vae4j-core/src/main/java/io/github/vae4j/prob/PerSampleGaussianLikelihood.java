package io.github.vae4j.prob;

import io.github.vae4j.tensor.Tensor;
import java.util.Arrays;

/**
 * The "gaussian-per-sample" likelihood: the decoder outputs [batch, 2 * f1, f2, ...], the mean in
 * the first f1 channels of axis 1 and the raw log-variance in the last f1, and
 * p(x|z) = {@link Normal}(mean, diag(exp(logVariance))) with
 * logVariance = bound + softplus(raw - bound), bound = 2 * {@value Likelihood#MIN_LOG_STANDARD_DEVIATION}.
 *
 * <p>Numerical note: the soft lower bound keeps a perfectly reconstructed feature from driving
 * the variance to 0 and the likelihood to infinity; there is no upper bound, since logProb only
 * multiplies by exp(-logVariance) and a large variance costs log-likelihood. Any finite decoder
 * output gives a finite logProb and gradient.
 *
 * <p>Kingma and Welling, Auto-Encoding Variational Bayes, arXiv:1312.6114, Appendix C.2.
 */
record PerSampleGaussianLikelihood() implements Likelihood {

  @Override
  public String name() {
    return GAUSSIAN_PER_SAMPLE;
  }

  @Override
  public int outputsPerFeature() {
    return 2;
  }

  @Override
  public Distribution distribution(Tensor decoderOutput) {
    Checks.parameter("gaussian-per-sample likelihood", "decoder output", decoderOutput);
    int[] shape = decoderOutput.shape();
    if (shape.length < 2 || shape[1] % 2 != 0) {
      throw new IllegalArgumentException("gaussian-per-sample likelihood expects a decoder output of"
          + " [batch, 2 * features, ...] (mean and log-variance blocks along axis 1), got " + Arrays.toString(shape));
    }
    int half = shape[1] / 2;
    Tensor mean = decoderOutput.slice(1, 0, half);
    Tensor raw = decoderOutput.slice(1, half, shape[1]);
    return new Normal(mean, SoftBound.below(raw, 2 * MIN_LOG_STANDARD_DEVIATION));
  }
}
