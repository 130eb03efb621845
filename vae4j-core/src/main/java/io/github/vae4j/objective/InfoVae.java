package io.github.vae4j.objective;

import io.github.vae4j.model.VariationalAutoencoder;
import io.github.vae4j.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.SequencedMap;
import java.util.random.RandomGenerator;

/**
 * InfoVAE with the MMD divergence (Zhao, Song and Ermon 2017, InfoVAE: Information Maximizing
 * Variational Autoencoders, arXiv:1706.02262, equation 6, written as a loss):
 *
 * <pre>
 *   loss = -E_q log p(x|z) + (1 - α)·KL(q(z|x) ‖ p(z)) + (α + λ - 1)·MMD²(q(z), p(z))
 * </pre>
 *
 * with MMD² between the batch's posterior samples and as many prior samples. α = 1 drops the KL
 * (the MMD-VAE); α = 0, λ = 1 is the plain ELBO. Defaults α = 0, λ = 1000: the KL keeps each
 * posterior honest and the MMD term pulls the aggregate posterior onto the prior.
 *
 * <p>Terms: reconstruction, kl, mmd.
 */
public record InfoVae(double alpha, double lambda, MmdKernel kernel, double bandwidth) implements Objective {

  public InfoVae {
    if (!Double.isFinite(alpha) || !Double.isFinite(lambda) || alpha > 1) {
      throw new IllegalArgumentException("InfoVAE needs finite α <= 1 and λ, got α " + alpha + ", λ " + lambda);
    }
    if (alpha + lambda - 1 < 0) {
      throw new IllegalArgumentException("InfoVAE needs α + λ >= 1 (a non-negative MMD weight), got α " + alpha
          + ", λ " + lambda);
    }
    Wae.checkKernel(kernel, bandwidth);
  }

  public static InfoVae defaults() {
    return new InfoVae(0, 1000, MmdKernel.IMQ, 1);
  }

  @Override
  public LossTerms loss(VariationalAutoencoder model, Tensor x, StepContext step, RandomGenerator random) {
    ElboParts parts = ElboParts.of(model, x, 1, random);
    Tensor reconstruction = parts.reconstruction();
    Tensor kl = parts.kl();
    Tensor z = parts.firstSample();
    Tensor mmd = kernel.mmd(z, model.prior().sample(z.dim(0), random), bandwidth);
    Tensor loss = reconstruction;
    if (alpha != 1) {
      loss = loss.add(kl.mul((float) (1 - alpha)));
    }
    loss = loss.add(mmd.mul((float) (alpha + lambda - 1)));
    SequencedMap<String, Double> terms = new LinkedHashMap<>();
    terms.put(Terms.RECONSTRUCTION, (double) reconstruction.item());
    terms.put(Terms.KL, (double) kl.item());
    terms.put(Terms.MMD, (double) mmd.item());
    return new LossTerms(loss, terms, x.dim(0));
  }

  @Override
  public String name() {
    return "mmd(alpha=" + alpha + ", lambda=" + lambda + ", kernel=" + kernel + ", bandwidth=" + bandwidth + ")";
  }
}
