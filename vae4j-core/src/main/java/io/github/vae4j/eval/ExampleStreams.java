package io.github.vae4j.eval;

import java.util.random.RandomGenerator;

/**
 * A generator that hands the Gaussian draws of a sample-major [samples * batch, latentDim] tensor
 * (as {@code Tensor.randn} draws them, row by row) to each row's example's own stream: row r
 * belongs to example r mod batch. So an example's posterior draws come from its stream alone,
 * whatever batch it is evaluated in. Only {@link #nextGaussian} is served.
 */
final class ExampleStreams implements RandomGenerator {

  private final RandomGenerator[] streams;
  private final int latentDim;
  private long draws;

  ExampleStreams(RandomGenerator[] streams, int latentDim) {
    this.streams = streams;
    this.latentDim = latentDim;
  }

  @Override
  public double nextGaussian() {
    int row = (int) (draws++ / latentDim);
    return streams[row % streams.length].nextGaussian();
  }

  @Override
  public long nextLong() {
    throw new IllegalStateException("ExampleStreams serves the Gaussian draws of posterior samples only");
  }
}
