package io.github.vae4j.run;

import io.github.vae4j.data.Dataset;
import io.github.vae4j.model.VariationalAutoencoder;
import io.github.vae4j.sampler.GaussianMixtureSampler;
import io.github.vae4j.tensor.GradMode;
import io.github.vae4j.tensor.Tensor;
import java.util.random.RandomGenerator;

/** Fits post-hoc samplers to a trained model's aggregate posterior. */
public final class Samplers {

  private static final int BATCH = 1000;

  private Samplers() {
  }

  /** A K-component Gaussian mixture fitted by EM to the posterior means of every example of {@code data}. */
  public static GaussianMixtureSampler fitMixture(VariationalAutoencoder model, Dataset data, int components,
      RandomGenerator random) {
    if (data.features() != model.features()) {
      throw new IllegalArgumentException("the model reads examples of shape " + model.inputShape() + ", the data has "
          + data.exampleShape());
    }
    int d = model.latentDim();
    int n = data.count();
    float[] codes = new float[n * d];
    try (GradMode _ = GradMode.noGrad()) {
      for (int from = 0; from < n; from += BATCH) {
        int b = Math.min(BATCH, n - from);
        int[] indices = new int[b];
        for (int i = 0; i < b; i++) {
          indices[i] = from + i;
        }
        float[] means = model.encode(Tensor.wrap(data.batch(indices), model.batchShape(b))).mean().toArray();
        System.arraycopy(means, 0, codes, from * d, means.length);
      }
    }
    return GaussianMixtureSampler.fit(codes, n, d, components, random);
  }
}
