package io.github.vae4j.prob;

import io.github.vae4j.tensor.Tensor;

/**
 * The "gaussian" likelihood with a fixed standard deviation sigma from the config: the decoder
 * outputs the mean [batch, features...] and p(x|z) = {@link Normal}(mean, sigma^2 I), so
 * log p(x|z) = -||x - mean||^2 / (2 sigma^2) - D log(sigma sqrt(2 pi)): a scaled squared error.
 *
 * <p>Kingma and Welling, Auto-Encoding Variational Bayes, arXiv:1312.6114, Appendix C.2 (with the
 * variance fixed).
 */
record GaussianLikelihood(double standardDeviation) implements Likelihood {

  GaussianLikelihood {
    if (!(standardDeviation > 0) || !Double.isFinite(standardDeviation)) {
      throw new IllegalArgumentException("gaussian likelihood standardDeviation must be finite and > 0, got "
          + standardDeviation);
    }
  }

  @Override
  public String name() {
    return GAUSSIAN;
  }

  @Override
  public int outputsPerFeature() {
    return 1;
  }

  @Override
  public Distribution distribution(Tensor decoderOutput) {
    Checks.parameter("gaussian likelihood", "decoder output", decoderOutput);
    float logVariance = (float) (2 * Math.log(standardDeviation));
    return new Normal(decoderOutput, Tensor.full(logVariance, decoderOutput.shape()));
  }
}
