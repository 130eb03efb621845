package io.github.vae4j.eval;

import io.github.vae4j.model.Vae;
import io.github.vae4j.prob.Distribution;
import io.github.vae4j.prob.Normal;
import io.github.vae4j.tensor.GradMode;
import io.github.vae4j.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * The negative ELBO of a model on a set of examples, per example and with its standard error,
 * split into reconstruction (-E_q log p(x|z), one sample) and KL(q(z|x) ‖ p(z)), plus the KL of
 * each latent dimension averaged over examples (a dimension with KL near 0 is inactive).
 */
public final class Evaluation {

  private static final int BATCH = 1000;

  /** Negative ELBO, its parts, and KL per latent dimension, in nats. */
  public record ElboReport(Estimate negativeElbo, double reconstruction, double kl, double[] klPerDimension) {
  }

  private Evaluation() {
  }

  /** Evaluates {@code count} examples stored row-major in {@code values}. */
  public static ElboReport negativeElbo(Vae model, float[] values, int count, RandomGenerator random) {
    int features = model.config().features();
    if ((long) count * features != values.length || count < 1) {
      throw new IllegalArgumentException("expected " + count + " examples of " + features + " values, got "
          + values.length + " values");
    }
    int d = model.latentDim();
    Estimate.Accumulator acc = new Estimate.Accumulator();
    double rec = 0;
    double kl = 0;
    double[] klDims = new double[d];
    try (GradMode _ = GradMode.noGrad()) {
      for (int start = 0; start < count; start += BATCH) {
        int b = Math.min(BATCH, count - start);
        float[] x = new float[b * features];
        System.arraycopy(values, start * features, x, 0, x.length);
        Tensor input = Tensor.wrap(x, model.batchShape(b));
        Normal q = model.encode(input);
        Distribution decoded = model.decode(q.rsample(random));
        float[] logPx = decoded.logProbSum(input).toArray();
        float[] klElements = q.klToStandardNormal().toArray();
        for (int i = 0; i < b; i++) {
          double klI = 0;
          for (int j = 0; j < d; j++) {
            klI += klElements[i * d + j];
            klDims[j] += klElements[i * d + j];
          }
          rec -= logPx[i];
          kl += klI;
          acc.add(-logPx[i] + klI);
        }
      }
    }
    for (int j = 0; j < d; j++) {
      klDims[j] /= count;
    }
    return new ElboReport(acc.result(), rec / count, kl / count, klDims);
  }
}
