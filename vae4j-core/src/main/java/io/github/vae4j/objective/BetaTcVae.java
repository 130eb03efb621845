package io.github.vae4j.objective;

import io.github.vae4j.model.VariationalAutoencoder;
import io.github.vae4j.prob.Normal;
import io.github.vae4j.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.SequencedMap;
import java.util.random.RandomGenerator;

/**
 * β-TCVAE (Chen, Li, Grosse and Duvenaud 2018, Isolating Sources of Disentanglement in VAEs,
 * arXiv:1802.04942): the ELBO's KL split into three parts, each with its own weight,
 *
 * <pre>
 *   loss = -E_q log p(x|z) + α·I_q(z; n) + β·TC(z) + γ·Σ_j KL(q(z_j) ‖ p(z_j))
 *   I = E[log q(z|n) - log q(z)],  TC = E[log q(z) - log Π_j q(z_j)],  dimension KL = E[log Π_j q(z_j) - log p(z)]
 * </pre>
 *
 * with the aggregate-posterior densities estimated by minibatch weighted sampling over the M
 * examples of the batch drawn from a dataset of N (their equation 7):
 * log q(z_i) ≈ logsumexp_j log q(z_i | n_j) - log(N M), and the same per dimension.
 * α = γ = 1 leaves the ELBO's own weights on those parts; β = 6 is the paper's dSprites setting.
 * Needs a Gaussian posterior and a batch of at least 2.
 *
 * <p>Shapes: the pairwise densities log q(z_i,d | n_j) are [M, M, d]: about 3 MB at M = 128 and
 * d = 50.
 *
 * <p>Terms: reconstruction, kl, mutual_information, total_correlation, dimension_kl.
 */
public record BetaTcVae(double alpha, double beta, double gamma) implements Objective {

  private static final float LOG_TWO_PI = (float) Math.log(2 * Math.PI);

  public BetaTcVae {
    for (double w : new double[] {alpha, beta, gamma}) {
      if (!(w >= 0) || !Double.isFinite(w)) {
        throw new IllegalArgumentException("β-TCVAE weights must be >= 0, got α " + alpha + ", β " + beta + ", γ "
            + gamma);
      }
    }
  }

  public static BetaTcVae defaults() {
    return new BetaTcVae(1, 6, 1);
  }

  @Override
  public LossTerms loss(VariationalAutoencoder model, Tensor x, StepContext step, RandomGenerator random) {
    ElboParts parts = ElboParts.of(model, x, 1, random);
    if (!(parts.posterior() instanceof Normal q)) {
      throw new IllegalArgumentException("β-TCVAE needs a Gaussian posterior, got " + parts.posterior().getClass().getSimpleName());
    }
    int m = x.dim(0);
    if (m < 2) {
      throw new IllegalArgumentException("β-TCVAE estimates q(z) from the batch and needs a batch of >= 2, got " + m);
    }
    Tensor z = parts.firstSample();
    int d = z.dim(1);
    // log q(z_i,d | n_j) for every pair: [M, M, d]
    Tensor zi = z.reshape(m, 1, d);
    Tensor mean = q.mean().reshape(1, m, d);
    Tensor logVariance = q.logVariance().reshape(1, m, d);
    Tensor pairwise = zi.sub(mean).square().mul(logVariance.neg().exp()).add(logVariance).add(LOG_TWO_PI).mul(-0.5f);
    float logNm = (float) Math.log((double) step.datasetSize() * m);
    Tensor logQz = pairwise.sum(2).logSumExp(1, false).sub(logNm);                 // [M]
    Tensor logProductQzj = pairwise.logSumExp(1, false).sub(logNm).sum(1);          // [M]
    Tensor logQzGivenX = q.logProbSum(z);                                           // [M]
    Tensor logPz = model.prior().logProb(z);                                        // [M]
    Tensor mutualInformation = logQzGivenX.sub(logQz).mean();
    Tensor totalCorrelation = logQz.sub(logProductQzj).mean();
    Tensor dimensionKl = logProductQzj.sub(logPz).mean();
    Tensor reconstruction = parts.reconstruction();
    Tensor loss = reconstruction.add(mutualInformation.mul((float) alpha)).add(totalCorrelation.mul((float) beta))
        .add(dimensionKl.mul((float) gamma));
    SequencedMap<String, Double> terms = new LinkedHashMap<>();
    terms.put(Terms.RECONSTRUCTION, (double) reconstruction.item());
    terms.put(Terms.KL, (double) parts.kl().item());
    terms.put(Terms.MUTUAL_INFORMATION, (double) mutualInformation.item());
    terms.put(Terms.TOTAL_CORRELATION, (double) totalCorrelation.item());
    terms.put(Terms.DIMENSION_KL, (double) dimensionKl.item());
    return new LossTerms(loss, terms, m);
  }

  @Override
  public String name() {
    return "tcvae(alpha=" + alpha + ", beta=" + beta + ", gamma=" + gamma + ")";
  }
}
