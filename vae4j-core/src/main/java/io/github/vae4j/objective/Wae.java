package io.github.vae4j.objective;

import io.github.vae4j.model.VariationalAutoencoder;
import io.github.vae4j.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.SequencedMap;
import java.util.random.RandomGenerator;

/**
 * The Wasserstein autoencoder with the MMD penalty (Tolstikhin, Bousquet, Gelly and Schölkopf
 * 2018, Wasserstein Auto-Encoders, arXiv:1711.01558, Algorithm 2), with a deterministic encoder
 * z = the posterior mean and the likelihood's negative log density as the cost:
 *
 * <pre>
 *   loss = -log p(x | z) + λ·MMD²({z_i}, {z̃_i}),   z̃_i ~ p(z)
 * </pre>
 *
 * No KL is optimized: the posterior's variance goes untrained, and only its mean is used.
 * Default λ = 100 with the IMQ kernel of bandwidth 1: the paper's λ = 10 weighs a squared error
 * of [0, 1] pixels, which a Bernoulli negative log-likelihood in nats exceeds about tenfold.
 *
 * <p>Terms: reconstruction, mmd.
 */
public record Wae(double lambda, MmdKernel kernel, double bandwidth) implements Objective {

  public Wae {
    if (!(lambda >= 0) || !Double.isFinite(lambda)) {
      throw new IllegalArgumentException("WAE needs λ >= 0, got " + lambda);
    }
    checkKernel(kernel, bandwidth);
  }

  public static Wae defaults() {
    return new Wae(100, MmdKernel.IMQ, 1);
  }

  static void checkKernel(MmdKernel kernel, double bandwidth) {
    if (kernel == null) {
      throw new IllegalArgumentException("the MMD kernel must be given (rbf or imq), got null");
    }
    if (!(bandwidth > 0) || !Double.isFinite(bandwidth)) {
      throw new IllegalArgumentException("the MMD kernel bandwidth must be > 0, got " + bandwidth);
    }
  }

  @Override
  public LossTerms loss(VariationalAutoencoder model, Tensor x, StepContext step, RandomGenerator random) {
    Tensor z = model.encode(x).mean();
    int batch = x.dim(0);
    Tensor reconstruction = model.logLikelihood(model.decoderOutput(z), x).sum().mul(-1f / batch);
    Tensor mmd = kernel.mmd(z, model.prior().sample(batch, random), bandwidth);
    Tensor loss = reconstruction.add(mmd.mul((float) lambda));
    SequencedMap<String, Double> terms = new LinkedHashMap<>();
    terms.put(Terms.RECONSTRUCTION, (double) reconstruction.item());
    terms.put(Terms.MMD, (double) mmd.item());
    return new LossTerms(loss, terms, batch);
  }

  @Override
  public String name() {
    return "wae(lambda=" + lambda + ", kernel=" + kernel + ", bandwidth=" + bandwidth + ")";
  }
}
