package io.github.vae4j.prior;

import io.github.vae4j.prob.Normal;
import io.github.vae4j.tensor.GradMode;
import io.github.vae4j.tensor.Tensor;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * The VampPrior: a uniform mixture of the model's own posteriors at K learned pseudo-inputs,
 *
 * <pre>
 *   p(z) = (1/K) Σ_k q(z | u_k)
 * </pre>
 *
 * <p>The pseudo-inputs "pseudoInputs" [K, ...inputShape] are parameters trained with the model;
 * they start uniform in [0, 1] (the range of image data; a Gaussian-likelihood model's data of
 * another range moves them there). Every call of {@link #logProb} or {@link #sample} runs the
 * encoder over the K pseudo-inputs, so the prior follows the encoder as it trains. No closed-form
 * KL: objectives estimate it by Monte Carlo.
 *
 * <p>Tomczak and Welling, VAE with a VampPrior, AISTATS 2018, arXiv:1705.07120, equation (9).
 */
public final class VampPrior extends Prior {

  private final Tensor pseudoInputs;
  private final Function<Tensor, Normal> encoder;

  /**
   * K pseudo-inputs of {@code inputShape}; {@code encoder} maps [K, ...inputShape] to the
   * Gaussian posterior over [K, latentDim] (the model's own encoder).
   */
  public VampPrior(int components, int latentDim, int[] inputShape, Function<Tensor, Normal> encoder,
      RandomGenerator random) {
    super(latentDim);
    if (components < 1) {
      throw new IllegalArgumentException("components must be >= 1, got " + components);
    }
    int[] shape = new int[inputShape.length + 1];
    shape[0] = components;
    System.arraycopy(inputShape, 0, shape, 1, inputShape.length);
    this.pseudoInputs = registerParameter("pseudoInputs", Tensor.rand(random, shape).requiresGrad(true));
    this.encoder = encoder;
  }

  public int components() {
    return pseudoInputs.dim(0);
  }

  /** The mixture's components, q(z | u_k) over [K, latentDim]. */
  public Normal components(boolean record) {
    if (record) {
      return encoder.apply(pseudoInputs);
    }
    try (GradMode _ = GradMode.noGrad()) {
      return encoder.apply(pseudoInputs);
    }
  }

  @Override
  public Tensor sample(int count, RandomGenerator random) {
    try (GradMode _ = GradMode.noGrad()) {
      Normal q = components(false);
      int k = components();
      return GaussianMixtures.sample(count, q.mean(), q.logVariance(), Tensor.full((float) -Math.log(k), k), random);
    }
  }

  @Override
  public Tensor logProb(Tensor z) {
    checkCodes(z);
    Normal q = components(true);
    int k = components();
    return GaussianMixtures.logProb(z, q.mean(), q.logVariance(), Tensor.full((float) -Math.log(k), k));
  }

  @Override
  public PriorSpec spec() {
    return PriorSpec.vamp(components());
  }
}
