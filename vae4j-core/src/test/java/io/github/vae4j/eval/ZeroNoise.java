package io.github.vae4j.eval;

import java.util.random.RandomGenerator;

/** A generator whose Gaussian draws are all 0: every posterior sample is the posterior mean. */
final class ZeroNoise implements RandomGenerator {

  @Override
  public long nextLong() {
    return 0;
  }

  @Override
  public double nextGaussian() {
    return 0;
  }
}
