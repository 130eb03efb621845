package io.github.vae4j.prior;

import io.github.vae4j.prob.Distribution;
import io.github.vae4j.prob.Normal;
import io.github.vae4j.tensor.Tensor;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * p(z) = N(0, I), the prior of Kingma and Welling: the one place in vae4j that writes it.
 *
 * <p>log p(z) = -½ Σ_j (z_j² + log 2π). Against a Gaussian posterior the KL per dimension is the
 * closed form of AEVB Appendix B, -½ (1 + log σ² - μ² - σ²).
 */
public final class StandardNormalPrior extends Prior {

  private static final float LOG_TWO_PI = (float) Math.log(2 * Math.PI);

  public StandardNormalPrior(int latentDim) {
    super(latentDim);
  }

  @Override
  public Tensor sample(int count, RandomGenerator random) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be >= 1, got " + count);
    }
    return Tensor.randn(random, count, latentDim());
  }

  @Override
  public Tensor logProb(Tensor z) {
    checkCodes(z);
    return z.square().add(LOG_TWO_PI).sum(1).mul(-0.5f);
  }

  @Override
  public Optional<Tensor> klPerDimension(Distribution posterior) {
    return posterior instanceof Normal normal ? Optional.of(normal.klToStandardNormal()) : Optional.empty();
  }

  @Override
  public PriorSpec spec() {
    return PriorSpec.standard();
  }
}
