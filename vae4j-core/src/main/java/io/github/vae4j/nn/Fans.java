package io.github.vae4j.nn;

import java.util.Arrays;

/**
 * The fan-in and fan-out of a weight tensor, as PyTorch's {@code _calculate_fan_in_and_fan_out}
 * computes them: for a weight of shape [d0, d1, k...] with receptive field r = prod(k...),
 * fanIn = d1 * r and fanOut = d0 * r.
 *
 * <p>So a Linear weight [out, in] has fanIn = in, fanOut = out; a Conv2d weight [o, c, kh, kw] has
 * fanIn = c * kh * kw, fanOut = o * kh * kw; and a ConvTranspose2d weight, stored [c, o, kh, kw],
 * has fanIn = o * kh * kw, fanOut = c * kh * kw (PyTorch's convention for transposed convolutions,
 * kept so initial weights follow the same distribution as PyTorch's).
 *
 * @param fanIn inputs feeding one output unit
 * @param fanOut outputs fed by one input unit
 */
public record Fans(int fanIn, int fanOut) {

  public Fans {
    if (fanIn < 1) {
      throw new IllegalArgumentException("fanIn must be >= 1, got " + fanIn);
    }
    if (fanOut < 1) {
      throw new IllegalArgumentException("fanOut must be >= 1, got " + fanOut);
    }
  }

  /** The fans of a weight of rank >= 2 with the given shape. */
  public static Fans of(int... shape) {
    if (shape.length < 2) {
      throw new IllegalArgumentException("fans need a weight of rank >= 2, got shape " + Arrays.toString(shape));
    }
    long receptive = 1;
    for (int i = 2; i < shape.length; i++) {
      receptive *= shape[i];
    }
    return new Fans(Math.toIntExact(shape[1] * receptive), Math.toIntExact(shape[0] * receptive));
  }
}
