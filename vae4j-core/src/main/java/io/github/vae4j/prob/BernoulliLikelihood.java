package io.github.vae4j.prob;

import io.github.vae4j.tensor.Tensor;

/**
 * The "bernoulli" likelihood: the decoder outputs logits [batch, features...] and p(x|z) is
 * {@link Bernoulli}(sigmoid(logits)); log p(x|z) is minus the binary cross-entropy, and the mean
 * picture is sigmoid(logits).
 *
 * <p>Kingma and Welling, Auto-Encoding Variational Bayes, arXiv:1312.6114, Appendix C.1.
 */
record BernoulliLikelihood() implements Likelihood {

  @Override
  public String name() {
    return BERNOULLI;
  }

  @Override
  public int outputsPerFeature() {
    return 1;
  }

  @Override
  public Distribution distribution(Tensor decoderOutput) {
    return new Bernoulli(decoderOutput);
  }
}
