package io.github.vae4j.prob;

import io.github.vae4j.tensor.Tensor;
import java.util.Arrays;

/** Argument checks shared by the distributions, with messages that name the bad shape or value. */
final class Checks {

  private Checks() {
  }

  /** Rejects null and scalar parameters: a distribution's parameters are [batch, dims...]. */
  static Tensor parameter(String owner, String name, Tensor value) {
    if (value == null) {
      throw new IllegalArgumentException(owner + " " + name + " must not be null");
    }
    if (value.rank() < 1) {
      throw new IllegalArgumentException(owner + " " + name
          + " needs a batch axis: expected shape [batch, dims...], got a scalar");
    }
    return value;
  }

  /** Rejects a second parameter whose shape differs from the first's. */
  static void sameShape(String owner, String firstName, Tensor first, String secondName, Tensor second) {
    if (!Arrays.equals(first.shape(), second.shape())) {
      throw new IllegalArgumentException(owner + " needs " + firstName + " and " + secondName
          + " of the same shape, got " + Arrays.toString(first.shape()) + " and "
          + Arrays.toString(second.shape()));
    }
  }

  /** Rejects a value (x, say) whose shape is not the parameters' shape. */
  static Tensor matches(String owner, String what, int[] expected, Tensor value) {
    if (value == null) {
      throw new IllegalArgumentException(owner + "." + what + " must not be null");
    }
    if (!Arrays.equals(expected, value.shape())) {
      throw new IllegalArgumentException(owner + "." + what + " expects shape " + Arrays.toString(expected)
          + " (the parameters' shape), got " + Arrays.toString(value.shape()));
    }
    return value;
  }

  /** Rejects a random generator that is null. */
  static void random(String owner, Object random) {
    if (random == null) {
      throw new IllegalArgumentException(owner + " needs a RandomGenerator, got null");
    }
  }
}
