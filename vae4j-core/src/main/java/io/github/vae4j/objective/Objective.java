package io.github.vae4j.objective;

import io.github.vae4j.model.Vae;
import io.github.vae4j.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * A training objective over a VAE's encoder and decoder: what the trainer minimizes.
 *
 * <p>Reduction rule, the same for every objective: sum over data and latent dimensions, mean over
 * the batch. So a loss is in nats per example, comparable to PyTorch's summed BCE divided by N.
 *
 * <p>The trainer calls {@link #loss} inside a step's {@code Buffers} scope: an implementation must
 * not keep the tensors it makes (or their arrays) from one call to the next.
 */
public interface Objective {

  /** The loss for a minibatch x [batch, ...inputShape], recording the graph for backward. */
  LossTerms loss(Vae model, Tensor x, RandomGenerator random);

  /** A short name for logs and configs, such as "elbo" or "beta-elbo(4.0)". */
  String name();

  /** The ELBO of Kingma and Welling with one Monte Carlo sample. */
  static Objective elbo() {
    return new Elbo(1.0, 1);
  }

  /** The ELBO with the KL term weighted by β (β-VAE, Higgins et al. 2017) and L samples. */
  static Objective elbo(double beta, int samples) {
    return new Elbo(beta, samples);
  }
}
