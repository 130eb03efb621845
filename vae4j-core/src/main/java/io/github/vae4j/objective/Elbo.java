package io.github.vae4j.objective;

import io.github.vae4j.model.VariationalAutoencoder;
import io.github.vae4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;
import java.util.random.RandomGenerator;

/**
 * The evidence lower bound with L Monte Carlo samples, a KL schedule and free bits:
 *
 * <pre>
 *   loss = -(1/L) Σ_l log p(x | z_l) + penalty_t(KL),   z_l = μ + σ ⊙ ε_l,  ε_l ~ N(0, I)
 * </pre>
 *
 * where penalty_t is β_t·KL for the constant, linear and cyclical schedules and γ·|KL - C_t| for
 * capacity annealing ({@link KlSchedule}), and KL is KL(q(z|x) ‖ p(z)) in closed form where the
 * prior has one. With free bits λ &gt; 0 the KL inside the penalty is Σ_j max(λ, KL_j), each
 * latent dimension's KL averaged over the batch and floored at λ (Kingma et al. 2016, Improved
 * Variational Inference with Inverse Autoregressive Flow, arXiv:1606.04934, Appendix C.8). The
 * loss is averaged over the batch; the reported "kl" is always the plain KL.
 *
 * <p>Terms: reconstruction, kl, and beta when the schedule changes it.
 *
 * <p>Kingma and Welling, Auto-Encoding Variational Bayes, arXiv:1312.6114, equation (10);
 * Higgins et al., β-VAE, ICLR 2017.
 */
public record Elbo(int samples, KlSchedule klSchedule, double freeBits) implements Objective {

  public Elbo {
    if (samples < 1) {
      throw new IllegalArgumentException("samples must be >= 1, got " + samples);
    }
    if (klSchedule == null) {
      throw new IllegalArgumentException("klSchedule must be given (constant for the plain ELBO), got null");
    }
    if (!(freeBits >= 0) || !Double.isFinite(freeBits)) {
      throw new IllegalArgumentException("freeBits must be >= 0 nats, got " + freeBits);
    }
  }

  /** The plain ELBO: one sample, β = 1, no free bits. */
  public static Elbo standard() {
    return new Elbo(1, KlSchedule.none(), 0);
  }

  @Override
  public LossTerms loss(VariationalAutoencoder model, Tensor x, StepContext step, RandomGenerator random) {
    ElboParts parts = ElboParts.of(model, x, samples, random);
    Tensor reconstruction = parts.reconstruction();
    Tensor kl = parts.kl();
    Tensor penalized = freeBits > 0 ? parts.freeBitsKl(freeBits) : kl;
    Tensor loss = reconstruction.add(klSchedule.penalty(penalized, step));
    SequencedMap<String, Double> terms = new LinkedHashMap<>();
    terms.put(Terms.RECONSTRUCTION, (double) reconstruction.item());
    terms.put(Terms.KL, (double) kl.item());
    if (!(klSchedule instanceof KlSchedule.Constant)) {
      terms.put(Terms.BETA, klSchedule.weight(step));
    }
    return new LossTerms(loss, terms, x.dim(0));
  }

  @Override
  public String name() {
    List<String> settings = new ArrayList<>();
    if (samples != 1) {
      settings.add("samples=" + samples);
    }
    if (!klSchedule.equals(KlSchedule.none())) {
      settings.add("kl=" + klSchedule);
    }
    if (freeBits > 0) {
      settings.add("free-bits=" + freeBits);
    }
    return settings.isEmpty() ? "elbo" : "elbo(" + String.join(", ", settings) + ")";
  }
}
