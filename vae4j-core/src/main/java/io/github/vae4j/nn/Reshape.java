package io.github.vae4j.nn;

import io.github.vae4j.tensor.Tensor;
import java.util.Arrays;

/**
 * Reshapes each sample, keeping the batch axis: [n, ...] -> [n, sampleShape...] (the bridge from a
 * decoder's linear layer to its transposed convolutions, e.g. [n, 1024] -> [n, 64, 4, 4]).
 * One entry of the sample shape may be -1, inferred from the size.
 */
public final class Reshape extends Layer {

  private final int[] sampleShape;

  public Reshape(int... sampleShape) {
    if (sampleShape.length == 0) {
      throw new IllegalArgumentException("Reshape needs a sample shape, got none");
    }
    int inferred = 0;
    for (int d : sampleShape) {
      if (d == -1) {
        inferred++;
      } else if (d < 1) {
        throw new IllegalArgumentException("sample shape entries must be >= 1 or -1, got " + Arrays.toString(sampleShape));
      }
    }
    if (inferred > 1) {
      throw new IllegalArgumentException("at most one sample shape entry may be -1, got " + Arrays.toString(sampleShape));
    }
    this.sampleShape = sampleShape.clone();
  }

  /** x [n, ...] -> [n, sampleShape...]. */
  @Override
  public Tensor forward(Tensor x) {
    if (x.rank() < 1) {
      throw new IllegalArgumentException("Reshape needs a batch axis, got a scalar");
    }
    int[] shape = new int[sampleShape.length + 1];
    shape[0] = x.dim(0);
    System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
    return x.reshape(shape);
  }

  /** The target shape of one sample (a copy). */
  public int[] sampleShape() {
    return sampleShape.clone();
  }

  @Override
  protected String describe() {
    return Arrays.toString(sampleShape);
  }
}
