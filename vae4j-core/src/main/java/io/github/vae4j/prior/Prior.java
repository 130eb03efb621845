package io.github.vae4j.prior;

import io.github.vae4j.nn.Module;
import io.github.vae4j.prob.Distribution;
import io.github.vae4j.tensor.Tensor;
import java.util.Arrays;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The prior p(z) of a latent variable model over [latentDim] codes. A prior with learned
 * parameters (a mixture's means, VampPrior's pseudo-inputs) registers them as a {@link Module}, so
 * the model trains and saves them under "prior.*"; the standard normal has none.
 *
 * <p>Shapes: {@link #sample} gives [count, latentDim]; {@link #logProb} takes z [n, latentDim]
 * and gives [n]; {@link #klPerDimension} gives [batch, latentDim].
 *
 * <p>The KL(q(z|x) ‖ p(z)) of an objective is closed-form where {@link #klPerDimension} answers
 * (a Gaussian posterior against the standard normal) and a Monte Carlo estimate, log q(z|x) -
 * log p(z) at the posterior's own samples, everywhere else.
 */
public abstract class Prior extends Module {

  private final int latentDim;

  protected Prior(int latentDim) {
    if (latentDim < 1) {
      throw new IllegalArgumentException("latentDim must be >= 1, got " + latentDim);
    }
    this.latentDim = latentDim;
  }

  public final int latentDim() {
    return latentDim;
  }

  /** count codes drawn from p(z), [count, latentDim]; no graph is recorded. */
  public abstract Tensor sample(int count, RandomGenerator random);

  /** log p(z) of each code: z [n, latentDim] -> [n]. */
  public abstract Tensor logProb(Tensor z);

  /**
   * KL(posterior ‖ p) of each latent dimension in closed form, [batch, latentDim], where one
   * exists for this posterior; empty otherwise.
   */
  public Optional<Tensor> klPerDimension(Distribution posterior) {
    return Optional.empty();
  }

  /** The spec this prior was built from, as configs name it. */
  public abstract PriorSpec spec();

  /** Throws unless z is [n, latentDim]. */
  protected final void checkCodes(Tensor z) {
    if (z.rank() != 2 || z.dim(1) != latentDim) {
      throw new IllegalArgumentException(getClass().getSimpleName() + " expects codes [n, " + latentDim + "], got "
          + Arrays.toString(z.shape()));
    }
  }

  @Override
  protected String describe() {
    return spec() + ", latentDim=" + latentDim;
  }
}
