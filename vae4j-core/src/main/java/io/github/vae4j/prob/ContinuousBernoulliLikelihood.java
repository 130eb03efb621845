package io.github.vae4j.prob;

import io.github.vae4j.tensor.Tensor;

/**
 * The "continuous-bernoulli" likelihood: the decoder outputs logits [batch, features...] and
 * p(x|z) is {@link ContinuousBernoulli}(sigmoid(logits)) over x in [0, 1]; the mean picture is the
 * distribution's mean, which differs from sigmoid(logits) (it is pulled towards 1/2).
 *
 * <p>Loaiza-Ganem and Cunningham, The continuous Bernoulli, arXiv:1907.06845.
 */
record ContinuousBernoulliLikelihood() implements Likelihood {

  @Override
  public String name() {
    return CONTINUOUS_BERNOULLI;
  }

  @Override
  public int outputsPerFeature() {
    return 1;
  }

  @Override
  public Distribution distribution(Tensor decoderOutput) {
    return new ContinuousBernoulli(decoderOutput);
  }
}
