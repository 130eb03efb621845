package io.github.vae4j.prior;

import io.github.vae4j.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * The log density of a mixture of K diagonal Gaussians, and draws from it (a component by its
 * weight, then a Gaussian draw), shared by the learned mixture prior, VampPrior and the post-hoc
 * sampler:
 *
 * <pre>
 *   log p(z) = logsumexp_k [ log π_k - ½ Σ_j (log 2π + v_kj + (z_j - μ_kj)² e^{-v_kj}) ]
 * </pre>
 *
 * <p>Shapes: z [n, d]; means and logVariances [K, d]; logWeights [K] (normalized log π_k) -> [n].
 *
 * <p>The squared distances are expanded, Σ_j z_j² e^{-v_kj} - 2 z_j μ_kj e^{-v_kj} + μ_kj² e^{-v_kj},
 * so that they come from two [n, d] x [d, K] products instead of an [n, K, d] tensor (at n =
 * 4,096 evaluation rows and K = 500 components that would be 400 MB). The expansion loses a few
 * ulps where z is very close to a narrow component; the terms are summed in float like any product.
 */
public final class GaussianMixtures {

  private static final float LOG_TWO_PI = (float) Math.log(2 * Math.PI);

  private GaussianMixtures() {
  }

  public static Tensor logProb(Tensor z, Tensor means, Tensor logVariances, Tensor logWeights) {
    int d = z.dim(1);
    Tensor precision = logVariances.neg().exp();                          // [K, d]
    Tensor quadratic = z.square().matmul(precision.transpose(0, 1))       // [n, K]
        .sub(z.matmul(means.mul(precision).transpose(0, 1)).mul(2f));
    Tensor constant = means.square().mul(precision).add(logVariances).sum(1)  // [K]
        .add(d * LOG_TWO_PI).mul(-0.5f).add(logWeights);
    return quadratic.mul(-0.5f).add(constant.reshape(1, constant.dim(0))).logSumExp(1, false);
  }

  /** count draws [count, d]; means, logVariances [K, d], logWeights [K] normalized. No graph. */
  public static Tensor sample(int count, Tensor means, Tensor logVariances, Tensor logWeights, RandomGenerator random) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be >= 1, got " + count);
    }
    float[] mu = means.toArray();
    float[] lv = logVariances.toArray();
    float[] w = logWeights.toArray();
    int k = w.length;
    int d = means.dim(1);
    double[] cumulative = new double[k];
    double total = 0;
    for (int c = 0; c < k; c++) {
      total += Math.exp(w[c]);
      cumulative[c] = total;
    }
    float[] out = new float[count * d];
    for (int i = 0; i < count; i++) {
      double u = random.nextDouble() * total;
      int c = 0;
      while (c < k - 1 && cumulative[c] <= u) {
        c++;
      }
      for (int j = 0; j < d; j++) {
        out[i * d + j] = (float) (mu[c * d + j] + Math.exp(0.5 * lv[c * d + j]) * random.nextGaussian());
      }
    }
    return Tensor.wrap(out, count, d);
  }
}
