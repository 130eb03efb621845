package io.github.vae4j.objective;

import io.github.vae4j.model.VariationalAutoencoder;
import io.github.vae4j.prob.Distribution;
import io.github.vae4j.tensor.Tensor;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The parts every ELBO-shaped objective builds on, for one minibatch: the posterior, L
 * reparameterized samples decoded, and the KL to the prior (closed-form per latent dimension
 * where the prior has one, else the Monte Carlo estimate log q(z|x) - log p(z) at the same
 * samples). β-VAE, warm-ups, free bits, InfoVAE and β-TCVAE differ only in how they weigh these.
 *
 * <p>Shapes: {@code logLikelihoodSum} [batch] (log p(x|z_l) summed over the L samples);
 * {@code klPerDimension} [batch, latentDim] or null; {@code klPerExample} [batch].
 */
public record ElboParts(Distribution posterior, Tensor firstSample, Tensor logLikelihoodSum, int samples,
    Tensor klPerDimension, Tensor klPerExample, int batch) {

  /** Encodes x [batch, ...], draws and decodes {@code samples} codes per example, and takes the KL. */
  public static ElboParts of(VariationalAutoencoder model, Tensor x, int samples, RandomGenerator random) {
    int batch = x.dim(0);
    Distribution posterior = model.encode(x);
    Optional<Tensor> closed = model.prior().klPerDimension(posterior);
    Tensor logLikelihood = null;
    Tensor monteCarloKl = null;
    Tensor first = null;
    for (int l = 0; l < samples; l++) {
      Tensor z = posterior.rsample(random);
      first = first == null ? z : first;
      Tensor term = model.logLikelihood(model.decoderOutput(z), x);
      logLikelihood = logLikelihood == null ? term : logLikelihood.add(term);
      if (closed.isEmpty()) {
        Tensor kl = posterior.logProbSum(z).sub(model.prior().logProb(z));
        monteCarloKl = monteCarloKl == null ? kl : monteCarloKl.add(kl);
      }
    }
    Tensor klPerDimension = closed.orElse(null);
    Tensor klPerExample = closed.isPresent() ? Distribution.sumPerSample(klPerDimension)
        : samples == 1 ? monteCarloKl : monteCarloKl.mul(1f / samples);
    return new ElboParts(posterior, first, logLikelihood, samples, klPerDimension, klPerExample, batch);
  }

  /** -(1/L) Σ_l log p(x|z_l), averaged over the batch: a scalar. */
  public Tensor reconstruction() {
    return logLikelihoodSum.sum().mul(-1f / (samples * batch));
  }

  /** KL(q ‖ p) averaged over the batch: a scalar. */
  public Tensor kl() {
    return (klPerDimension != null ? klPerDimension.sum() : klPerExample.sum()).mul(1f / batch);
  }

  /**
   * Free bits: Σ_j max(λ, mean over the batch of KL_j), the KL of each latent dimension floored
   * at λ nats, so that no dimension is pushed below λ (Kingma et al. 2016, Appendix C.8).
   */
  Tensor freeBitsKl(double lambda) {
    if (klPerDimension == null) {
      throw new IllegalArgumentException("free bits need the KL of each latent dimension in closed form, and this "
          + "prior has none (only the standard prior does); use --prior standard or drop --free-bits");
    }
    Tensor perDimension = klPerDimension.mean(0);
    return perDimension.maximum(Tensor.full((float) lambda, perDimension.shape())).sum();
  }
}
