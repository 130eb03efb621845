package io.github.vae4j.prior;

import io.github.vae4j.tensor.Tensor;
import java.util.random.RandomGenerator;

/** Draws from a mixture of diagonal Gaussians: a component by its weight, then a Gaussian draw. */
final class MixtureSampling {

  private MixtureSampling() {
  }

  /** count draws [count, d]; means, logVariances [K, d], logWeights [K] normalized. No graph. */
  static Tensor sample(int count, Tensor means, Tensor logVariances, Tensor logWeights, RandomGenerator random) {
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
