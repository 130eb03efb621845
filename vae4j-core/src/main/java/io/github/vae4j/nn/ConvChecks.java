package io.github.vae4j.nn;

/** Argument checks shared by the convolution layers. */
final class ConvChecks {

  private ConvChecks() {
  }

  static void positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, got " + value);
    }
  }

  static void nonNegative(String name, int value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must be >= 0, got " + value);
    }
  }
}
