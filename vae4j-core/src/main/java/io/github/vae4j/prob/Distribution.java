package io.github.vae4j.prob;

import io.github.vae4j.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * A batch of independent distributions, one per element of a parameter tensor.
 *
 * <p>Shapes: every parameter has the same shape [batch, dims...] (rank at least 1; axis 0 is the
 * batch). {@link #logProb} takes x of exactly that shape and returns the log density of each
 * element, of that shape too; {@link #logProbSum} adds up all non-batch axes and returns [batch],
 * the log density of each sample under the factorized distribution. {@link #sample},
 * {@link #rsample}, {@link #mean} and {@link #variance} have the parameters' shape. There is no
 * implicit broadcasting between x and the parameters: a mismatch is an
 * {@link IllegalArgumentException} naming both shapes.
 *
 * <p>Randomness always comes from the caller's {@link RandomGenerator}; nothing here keeps or
 * uses a global generator.
 *
 * <p>Modelled on the distribution objects of NVAE (Vahdat and Kautz, NVAE: A Deep Hierarchical
 * Variational Autoencoder, arXiv:2007.03898) and PyTorch's {@code torch.distributions}.
 */
public interface Distribution {

  /** The parameters' shape [batch, dims...], a copy. */
  int[] shape();

  /** A draw of the parameters' shape, cut from the graph: no gradient reaches the parameters. */
  Tensor sample(RandomGenerator random);

  /** True when {@link #rsample} exists, that is when a draw is a differentiable function of the parameters. */
  boolean hasRsample();

  /**
   * A reparameterized draw: a deterministic, differentiable function of the parameters and of
   * noise from {@code random}, so gradients of functions of the draw reach the parameters.
   *
   * @throws UnsupportedOperationException for distributions without one (discrete ones)
   */
  default Tensor rsample(RandomGenerator random) {
    throw new UnsupportedOperationException(getClass().getSimpleName()
        + " has no reparameterized sample; use sample(random), which carries no gradient");
  }

  /** log p(x) of each element; x and the result have the parameters' shape. */
  Tensor logProb(Tensor x);

  /** log p(x) of each sample, the sum of {@link #logProb} over all non-batch axes: [batch]. */
  default Tensor logProbSum(Tensor x) {
    return sumPerSample(logProb(x));
  }

  /**
   * This distribution repeated {@code times} times along the batch axis: [times * batch, dims...],
   * copy t holding rows t * batch to (t + 1) * batch - 1. Gradients from every copy reach the
   * parameters. Importance sampling draws several samples per example through it.
   *
   * @throws UnsupportedOperationException for distributions that do not implement it
   */
  default Distribution repeat(int times) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot be repeated along the batch");
  }

  /**
   * The same distribution with its parameters cut from the graph: its log density carries no
   * gradient to them (the doubly reparameterized estimator scores samples this way).
   *
   * @throws UnsupportedOperationException for distributions that do not implement it
   */
  default Distribution detach() {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot be detached");
  }

  /** The mean of each element, of the parameters' shape. */
  Tensor mean();

  /** The variance of each element, of the parameters' shape. */
  Tensor variance();

  /**
   * Sums a [batch, dims...] tensor over every axis but the first, giving [batch]; a [batch] tensor
   * is returned as it is. Use it on elementwise log densities and KL divergences.
   */
  static Tensor sumPerSample(Tensor values) {
    int rank = values.rank();
    if (rank == 0) {
      throw new IllegalArgumentException("sumPerSample needs a batch axis, got a scalar");
    }
    if (rank == 1) {
      return values;
    }
    int[] axes = new int[rank - 1];
    for (int i = 0; i < axes.length; i++) {
      axes[i] = i + 1;
    }
    return values.sum(false, axes);
  }
}
