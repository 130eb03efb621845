package io.github.vae4j.data;

import java.util.Objects;

/**
 * A dataset cut in two disjoint parts: one to fit on, one to measure held-out loss on.
 *
 * @param train the examples to train on
 * @param validation the examples held out; may be empty
 */
public record TrainValidation(Dataset train, Dataset validation) {

  /** Checks that both parts are present and have the same example shape. */
  public TrainValidation {
    Objects.requireNonNull(train, "train must not be null");
    Objects.requireNonNull(validation, "validation must not be null");
    if (!train.exampleShape().equals(validation.exampleShape())) {
      throw new IllegalArgumentException("train and validation must share one example shape, got "
          + train.exampleShape() + " and " + validation.exampleShape());
    }
  }
}
