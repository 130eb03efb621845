package io.github.vae4j.objective;

import io.github.vae4j.model.VariationalAutoencoder;
import io.github.vae4j.prob.Distribution;
import io.github.vae4j.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.SequencedMap;
import java.util.random.RandomGenerator;

/**
 * The importance-weighted bound with k samples as a training objective:
 *
 * <pre>
 *   loss = -L_k(x) = -log (1/k) Σ_s w_s,   log w_s = log p(x|z_s) + log p(z_s) - log q(z_s|x)
 * </pre>
 *
 * averaged over the batch, from {@link VariationalAutoencoder#logWeights}, the same bound the
 * evaluation reports. At k = 1 it is the one-sample ELBO with a Monte Carlo KL, and equals it in
 * expectation.
 *
 * <p>With {@code dreg} (the command line's default) the encoder's gradient is the doubly
 * reparameterized estimator: the samples
 * are scored under q with its parameters stopped, and the gradient reaching the samples is
 * weighted by the squared normalized weights w̃_s² instead of w̃_s, which removes the score-function
 * term whose variance grows with k. The decoder's and the prior's gradients are those of L_k. Both
 * estimators are unbiased for the gradient of the same bound; without DReG the encoder's signal to
 * noise falls as k grows (Rainforth et al. 2018, Tighter Variational Bounds are Not Necessarily
 * Better), and on MNIST at 10 epochs the IWAE model then does not yet beat the VAE's
 * log-likelihood, in vae4j as in the PyTorch reference (docs/results.md); with DReG it does.
 *
 * <p>Terms: iw_bound (-L_k) and negative_elbo (-log w of the first sample, a one-sample estimate
 * of the negative ELBO), so that the gap between the two shows as training goes.
 *
 * <p>Burda, Grosse and Salakhutdinov, Importance Weighted Autoencoders, arXiv:1509.00519,
 * equations (8) and (14); Tucker, Lawson, Gu and Maddison, Doubly Reparameterized Gradient
 * Estimators for Monte Carlo Objectives, arXiv:1810.04152, equation (7).
 */
public record Iwae(int samples, boolean dreg) implements Objective {

  public Iwae {
    if (samples < 1) {
      throw new IllegalArgumentException("samples (k) must be >= 1, got " + samples);
    }
  }

  @Override
  public LossTerms loss(VariationalAutoencoder model, Tensor x, StepContext step, RandomGenerator random) {
    int batch = x.dim(0);
    Distribution posterior = model.encode(x);
    Tensor logWeights;
    float[] gradientScale = null;
    if (dreg) {
      // the hook of Tucker et al.'s code as a product: z' = z0 + (z - z0) * s has z's value
      // exactly (z - z0 is 0), and scales z's gradient by s, whose values (w̃ per row) are written
      // once the weights are known, before backward reads them
      Distribution repeated = posterior.repeat(samples);
      Tensor z = repeated.rsample(random);
      gradientScale = new float[samples * batch];
      Tensor scale = Tensor.wrap(gradientScale, samples * batch, 1);
      Tensor scaled = z.detach().add(z.sub(z.detach()).mul(scale));
      logWeights = model.logWeightsAt(repeated, scaled, x, true);
    } else {
      logWeights = model.logWeights(posterior, x, samples, false, random);
    }
    Tensor perSample = logWeights.reshape(samples, batch);
    Tensor bound = perSample.logSumExp(0, false).sub((float) Math.log(samples));   // [batch]
    Tensor loss = bound.sum().mul(-1f / batch);
    if (gradientScale != null) {
      float[] normalized = perSample.detach().softmax(0).toArray();
      System.arraycopy(normalized, 0, gradientScale, 0, normalized.length);
    }
    // the first sample's weights are a one-sample ELBO estimate: L_1 <= L_k shows in the two terms
    float[] w = logWeights.detach().toArray();
    double elbo = 0;
    for (int i = 0; i < batch; i++) {
      elbo += w[i];
    }
    SequencedMap<String, Double> terms = new LinkedHashMap<>();
    terms.put(Terms.IW_BOUND, (double) loss.item());
    terms.put(Terms.NEGATIVE_ELBO, -elbo / batch);
    return new LossTerms(loss, terms, batch);
  }

  /** IWAE with k samples and the doubly reparameterized encoder gradient. */
  public static Iwae of(int samples) {
    return new Iwae(samples, true);
  }

  @Override
  public String name() {
    return "iwae(k=" + samples + (dreg ? ", dreg" : "") + ")";
  }
}
