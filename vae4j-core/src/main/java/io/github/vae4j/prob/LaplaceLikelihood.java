package io.github.vae4j.prob;

import io.github.vae4j.tensor.Tensor;

/**
 * The "laplace" likelihood with a fixed scale b from the config: the decoder outputs the location
 * [batch, features...] and p(x|z) = {@link Laplace}(location, b), so
 * log p(x|z) = -||x - location||_1 / b - D log(2 b): a scaled L1 loss.
 */
record LaplaceLikelihood(double scale) implements Likelihood {

  LaplaceLikelihood {
    if (!(scale > 0) || !Double.isFinite(scale)) {
      throw new IllegalArgumentException("laplace likelihood scale must be finite and > 0, got " + scale);
    }
  }

  @Override
  public String name() {
    return LAPLACE;
  }

  @Override
  public int outputsPerFeature() {
    return 1;
  }

  @Override
  public Distribution distribution(Tensor decoderOutput) {
    Checks.parameter("laplace likelihood", "decoder output", decoderOutput);
    return new Laplace(decoderOutput, Tensor.full((float) Math.log(scale), decoderOutput.shape()));
  }
}
