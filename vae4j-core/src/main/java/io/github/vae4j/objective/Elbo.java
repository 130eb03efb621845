package io.github.vae4j.objective;

import io.github.vae4j.model.Vae;
import io.github.vae4j.prob.Normal;
import io.github.vae4j.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * The evidence lower bound with L Monte Carlo samples and a KL weight β:
 *
 * <pre>
 *   L(x) = (1/L) Σ_l log p(x | z_l) - β KL(q(z|x) ‖ N(0, I)),   z_l = μ + σ ⊙ ε_l,  ε_l ~ N(0, I)
 * </pre>
 *
 * with the KL in closed form, -½ Σ_j (1 + log σ_j² - μ_j² - σ_j²). The loss is -L(x) averaged over
 * the batch. β = 1 is the VAE; β &gt; 1 is the β-VAE.
 *
 * <p>Kingma and Welling, Auto-Encoding Variational Bayes, arXiv:1312.6114, equation (10);
 * Higgins et al., β-VAE, ICLR 2017.
 */
public record Elbo(double beta, int samples) implements Objective {

  public Elbo {
    if (!(beta >= 0) || !Double.isFinite(beta)) {
      throw new IllegalArgumentException("beta must be >= 0, got " + beta);
    }
    if (samples < 1) {
      throw new IllegalArgumentException("samples must be >= 1, got " + samples);
    }
  }

  @Override
  public LossTerms loss(Vae model, Tensor x, RandomGenerator random) {
    int batch = x.dim(0);
    Normal posterior = model.encode(x);
    Tensor logLikelihood = null;
    for (int l = 0; l < samples; l++) {
      Tensor z = posterior.rsample(random);
      Tensor term = model.logLikelihood(model.decoderOutput(z), x);
      logLikelihood = logLikelihood == null ? term : logLikelihood.add(term);
    }
    Tensor reconstruction = logLikelihood.sum().mul(-1f / (samples * batch));
    Tensor kl = posterior.klToStandardNormal().sum().mul(1f / batch);
    Tensor loss = beta == 1.0 ? reconstruction.add(kl) : reconstruction.add(kl.mul((float) beta));
    return new LossTerms(loss, reconstruction.item(), kl.item(), batch);
  }

  @Override
  public String name() {
    return beta == 1.0 && samples == 1 ? "elbo" : "elbo(beta=" + beta + ", samples=" + samples + ")";
  }
}
