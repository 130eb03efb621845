package io.github.vae4j.objective;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.github.vae4j.model.VariationalAutoencoder;
import io.github.vae4j.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.SequencedMap;
import java.util.random.RandomGenerator;

/**
 * A training objective over a model's parts: what the trainer minimizes. The trainer is handed
 * one and knows nothing of how it assembles its loss.
 *
 * <p>Reduction rule, the same for every objective: sum over data and latent dimensions, mean over
 * the batch. So a loss is in nats per example, comparable to PyTorch's summed BCE divided by N.
 *
 * <p>The trainer calls {@link #loss} inside a step's {@code Buffers} scope: an implementation must
 * not keep the tensors it makes (or their arrays) from one call to the next.
 *
 * <p>The built-in objectives are records, so that a config names one with its parameters and
 * JSON holds it as {@code {"type": "elbo", "samples": 1, ...}}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Elbo.class, name = "elbo"),
    @JsonSubTypes.Type(value = Iwae.class, name = "iwae"),
    @JsonSubTypes.Type(value = InfoVae.class, name = "mmd"),
    @JsonSubTypes.Type(value = Wae.class, name = "wae"),
    @JsonSubTypes.Type(value = BetaTcVae.class, name = "tcvae")})
public interface Objective {

  /** The loss for a minibatch x [batch, ...inputShape] at a training step, recording the graph for backward. */
  LossTerms loss(VariationalAutoencoder model, Tensor x, StepContext step, RandomGenerator random);

  /** A short name for logs and provenance, with the parameters that differ from the defaults: "elbo", "iwae(k=5)". */
  String name();

  /**
   * What validation reports, the same for every objective so that runs compare: the negative
   * ELBO with one sample, as reconstruction + KL (Monte Carlo for priors without a closed form).
   */
  default LossTerms validation(VariationalAutoencoder model, Tensor x, RandomGenerator random) {
    ElboParts parts = ElboParts.of(model, x, 1, random);
    Tensor reconstruction = parts.reconstruction();
    Tensor kl = parts.kl();
    SequencedMap<String, Double> terms = new LinkedHashMap<>();
    terms.put(Terms.RECONSTRUCTION, (double) reconstruction.item());
    terms.put(Terms.KL, (double) kl.item());
    return new LossTerms(reconstruction.add(kl), terms, x.dim(0));
  }

  /** The ELBO of Kingma and Welling with one Monte Carlo sample. */
  static Objective elbo() {
    return Elbo.standard();
  }

  /** The ELBO with the KL term weighted by a constant β (β-VAE, Higgins et al. 2017) and L samples. */
  static Objective elbo(double beta, int samples) {
    return new Elbo(samples, KlSchedule.constant(beta), 0);
  }
}
