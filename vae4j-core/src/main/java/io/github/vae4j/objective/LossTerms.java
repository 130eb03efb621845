package io.github.vae4j.objective;

import io.github.vae4j.tensor.Tensor;

/**
 * One minibatch's loss and its parts. {@code loss} is the scalar to minimize (mean over the
 * batch); {@code reconstruction} (the negative expected log-likelihood) and {@code kl} are per
 * example, in nats, summed over data and latent dimensions.
 */
public record LossTerms(Tensor loss, double reconstruction, double kl, int batch) {

  /** The negative ELBO per example, reconstruction + kl, in nats (at β = 1). */
  public double negativeElbo() {
    return reconstruction + kl;
  }
}
