package io.github.vae4j.eval;

import io.github.vae4j.model.Vae;
import io.github.vae4j.model.VaeConfig;
import io.github.vae4j.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A VAE whose log p(x) is known in closed form: probabilistic PCA, x = W z + b + σ ε with
 * z ~ N(0, I), so p(x) = N(b, W Wᵀ + σ² I). Identity activations make the MLP decoder linear, and
 * the encoder is set to the exact posterior N(M⁻¹ Wᵀ (x - b) / σ², M⁻¹) with M = I + Wᵀ W / σ²;
 * W has orthogonal columns so that M, and the posterior covariance, are diagonal. With q equal to
 * the true posterior every importance weight p(x, z) / q(z|x) equals p(x) exactly.
 *
 * <p>Tipping and Bishop, Probabilistic Principal Component Analysis, 1999.
 */
final class LinearGaussian {

  static final double SIGMA = 0.5;
  /** Loadings [4, 2]; the columns (1, 1, 0, 0) and (0, 0, 2, -1) are orthogonal. */
  static final double[][] W = {{1, 0}, {1, 0}, {0, 2}, {0, -1}};
  static final double[] B = {0.5, -1, 0, 2};
  static final int D = 4;
  static final int LATENT = 2;

  private LinearGaussian() {
  }

  /** Diagonal of M = I + Wᵀ W / σ². */
  private static double[] m() {
    double[] m = new double[LATENT];
    for (int j = 0; j < LATENT; j++) {
      double s = 0;
      for (int i = 0; i < D; i++) {
        s += W[i][j] * W[i][j];
      }
      m[j] = 1 + s / (SIGMA * SIGMA);
    }
    return m;
  }

  static Vae model() {
    Vae vae = new Vae(new VaeConfig(List.of(D), "mlp", List.of(D), LATENT, "identity", "gaussian", SIGMA,
        "pytorch"), new SplittableRandom(1));
    Map<String, Tensor> p = vae.namedParameters();
    double[] m = m();
    float[] identity = new float[D * D];
    for (int i = 0; i < D; i++) {
      identity[i * D + i] = 1;
    }
    float[] meanWeight = new float[LATENT * D];
    float[] meanBias = new float[LATENT];
    float[] logVarBias = new float[LATENT];
    float[] loadings = new float[D * LATENT];
    for (int j = 0; j < LATENT; j++) {
      double offset = 0;
      for (int i = 0; i < D; i++) {
        double a = W[i][j] / (SIGMA * SIGMA) / m[j];
        meanWeight[j * D + i] = (float) a;
        offset -= a * B[i];
        loadings[i * LATENT + j] = (float) W[i][j];
      }
      meanBias[j] = (float) offset;
      logVarBias[j] = (float) Math.log(1 / m[j]);
    }
    set(p, "encoder.1.weight", identity);
    set(p, "encoder.1.bias", new float[D]);
    set(p, "posterior.mean.weight", meanWeight);
    set(p, "posterior.mean.bias", meanBias);
    set(p, "posterior.logVariance.weight", new float[LATENT * D]);
    set(p, "posterior.logVariance.bias", logVarBias);
    set(p, "decoder.0.weight", loadings);
    set(p, "decoder.0.bias", new float[D]);
    set(p, "decoder.2.weight", identity);
    float[] bias = new float[D];
    for (int i = 0; i < D; i++) {
      bias[i] = (float) B[i];
    }
    set(p, "decoder.2.bias", bias);
    return vae;
  }

  private static void set(Map<String, Tensor> parameters, String name, float[] values) {
    float[] target = parameters.get(name).array();
    if (target.length != values.length) {
      throw new IllegalStateException(name + " has " + target.length + " values, not " + values.length);
    }
    System.arraycopy(values, 0, target, 0, values.length);
  }

  /** count examples drawn from the model, row-major [count, D]. */
  static float[] data(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] x = new float[count * D];
    for (int n = 0; n < count; n++) {
      double z0 = random.nextGaussian();
      double z1 = random.nextGaussian();
      for (int i = 0; i < D; i++) {
        x[n * D + i] = (float) (W[i][0] * z0 + W[i][1] * z1 + B[i] + SIGMA * random.nextGaussian());
      }
    }
    return x;
  }

  /**
   * log p(x) = -½ (D log 2π + log det C + rᵀ C⁻¹ r) with C = W Wᵀ + σ² I and r = x - b, by the
   * determinant lemma and Woodbury: log det C = D log σ² + log det M, and
   * rᵀ C⁻¹ r = |r|² / σ² - uᵀ M⁻¹ u with u = Wᵀ r / σ².
   */
  static double logMarginal(float[] x, int example) {
    double[] m = m();
    double s2 = SIGMA * SIGMA;
    double rr = 0;
    double[] u = new double[LATENT];
    for (int i = 0; i < D; i++) {
      double r = x[example * D + i] - B[i];
      rr += r * r;
      for (int j = 0; j < LATENT; j++) {
        u[j] += W[i][j] * r / s2;
      }
    }
    double quad = rr / s2;
    double logDet = D * Math.log(s2);
    for (int j = 0; j < LATENT; j++) {
      quad -= u[j] * u[j] / m[j];
      logDet += Math.log(m[j]);
    }
    return -0.5 * (D * Math.log(2 * Math.PI) + logDet + quad);
  }

  static double meanLogMarginal(float[] x, int count) {
    double s = 0;
    for (int n = 0; n < count; n++) {
      s += logMarginal(x, n);
    }
    return s / count;
  }
}
