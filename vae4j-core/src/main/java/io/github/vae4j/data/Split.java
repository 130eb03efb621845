package io.github.vae4j.data;

import java.util.Locale;

/** The published halves of a dataset that ships as separate training and test files. */
public enum Split {
  /** The training files ({@code train-*} for MNIST and Fashion-MNIST). */
  TRAIN,
  /** The held-out test files ({@code t10k-*} for MNIST and Fashion-MNIST). */
  TEST;

  /** The lower-case name used in dataset descriptions: {@code "train"} or {@code "test"}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
