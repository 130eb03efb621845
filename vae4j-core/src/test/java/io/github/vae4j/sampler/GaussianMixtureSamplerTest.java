package io.github.vae4j.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vae4j.tensor.Tensor;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GaussianMixtureSamplerTest {

  /** n codes in 2-D: a quarter around (-4, 0) with σ 0.5, three quarters around (3, 2) with σ 1. */
  private static float[] twoClusters(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] codes = new float[2 * n];
    for (int i = 0; i < n; i++) {
      boolean first = i % 4 == 0;
      codes[2 * i] = (float) ((first ? -4 : 3) + (first ? 0.5 : 1) * random.nextGaussian());
      codes[2 * i + 1] = (float) ((first ? 0 : 2) + (first ? 0.5 : 1) * random.nextGaussian());
    }
    return codes;
  }

  @Test
  void emRecoversTwoSeparatedClusters() {
    GaussianMixtureSampler gmm = GaussianMixtureSampler.fit(twoClusters(4000, 1), 4000, 2, 2, new SplittableRandom(2));
    float[] means = gmm.tensors().get("sampler.means").toArray();
    float[] logVariances = gmm.tensors().get("sampler.logVariances").toArray();
    float[] logWeights = gmm.tensors().get("sampler.logWeights").toArray();
    int small = means[0] < means[2] ? 0 : 1;
    int large = 1 - small;
    assertEquals(-4, means[2 * small], 0.05);
    assertEquals(0, means[2 * small + 1], 0.05);
    assertEquals(3, means[2 * large], 0.06);
    assertEquals(2, means[2 * large + 1], 0.06);
    assertEquals(0.25, Math.exp(logWeights[small]), 0.01);
    assertEquals(0.25, Math.exp(logVariances[2 * small]), 0.02);
    assertEquals(1.0, Math.exp(logVariances[2 * large]), 0.06);
  }

  @Test
  void samplesFollowTheFittedMixture() {
    GaussianMixtureSampler gmm = GaussianMixtureSampler.fit(twoClusters(4000, 1), 4000, 2, 2, new SplittableRandom(2));
    float[] z = gmm.sample(20_000, new SplittableRandom(3)).toArray();
    int left = 0;
    for (int i = 0; i < 20_000; i++) {
      left += z[2 * i] < -0.5 ? 1 : 0;
    }
    assertEquals(0.25, left / 20_000.0, 0.015);
    // the fitted density is higher at the clusters than between them
    float[] lp = gmm.logProb(Tensor.of(new float[] {-4, 0, 3, 2, -0.5f, 1}, 3, 2)).toArray();
    assertTrue(lp[0] > lp[2] && lp[1] > lp[2], Arrays.toString(lp));
  }

  @Test
  void aMixtureFitsBetterThanOneGaussian() {
    float[] codes = twoClusters(2000, 4);
    Tensor z = Tensor.of(codes, 2000, 2);
    double one = GaussianMixtureSampler.fit(codes, 2000, 2, 1, new SplittableRandom(1)).logProb(z).mean().item();
    double two = GaussianMixtureSampler.fit(codes, 2000, 2, 2, new SplittableRandom(1)).logProb(z).mean().item();
    assertTrue(two > one + 0.5, "mean log-likelihood with 1 component " + one + ", with 2 " + two);
  }

  @Test
  void rejectsTooFewCodesAndBadParameters() {
    assertThrows(IllegalArgumentException.class, () -> GaussianMixtureSampler.fit(new float[4], 2, 2, 3,
        new SplittableRandom(1)));
    assertThrows(IllegalArgumentException.class, () -> new GaussianMixtureSampler(new float[] {0, Float.NaN},
        new float[2], new float[1]));
    assertThrows(IllegalArgumentException.class, () -> new GaussianMixtureSampler(new float[3], new float[3],
        new float[2]));
    assertEquals("gmm:3", new GaussianMixtureSampler(new float[6], new float[6], new float[3]).toString());
  }
}
