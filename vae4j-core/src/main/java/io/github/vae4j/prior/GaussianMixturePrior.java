package io.github.vae4j.prior;

import io.github.vae4j.tensor.GradMode;
import io.github.vae4j.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * A learned mixture of K diagonal Gaussians, p(z) = Σ_k π_k N(z; μ_k, diag(e^{v_k})), with π =
 * softmax(logits). Parameters "means" [K, latentDim] (drawn from N(0, I), so that the components
 * start apart), "logVariances" [K, latentDim] (zeros) and "logits" [K] (zeros), all trained with
 * the model. No closed-form KL: objectives estimate it by Monte Carlo.
 *
 * <p>Dilokthanakul et al., Deep Unsupervised Clustering with Gaussian Mixture Variational
 * Autoencoders, arXiv:1611.02648; Tomczak and Welling, VAE with a VampPrior, arXiv:1705.07120,
 * Section 3 (the "mixture of Gaussians" prior they compare against).
 */
public final class GaussianMixturePrior extends Prior {

  private final Tensor means;
  private final Tensor logVariances;
  private final Tensor logits;

  public GaussianMixturePrior(int components, int latentDim, RandomGenerator random) {
    super(latentDim);
    if (components < 1) {
      throw new IllegalArgumentException("components must be >= 1, got " + components);
    }
    means = registerParameter("means", Tensor.randn(random, components, latentDim).requiresGrad(true));
    logVariances = registerParameter("logVariances", Tensor.zeros(components, latentDim).requiresGrad(true));
    logits = registerParameter("logits", Tensor.zeros(components).requiresGrad(true));
  }

  public int components() {
    return logits.dim(0);
  }

  @Override
  public Tensor sample(int count, RandomGenerator random) {
    try (GradMode _ = GradMode.noGrad()) {
      return GaussianMixtures.sample(count, means, logVariances, logits.logSoftmax(0), random);
    }
  }

  @Override
  public Tensor logProb(Tensor z) {
    checkCodes(z);
    return GaussianMixtures.logProb(z, means, logVariances, logits.logSoftmax(0));
  }

  @Override
  public PriorSpec spec() {
    return PriorSpec.mixture(components());
  }
}
