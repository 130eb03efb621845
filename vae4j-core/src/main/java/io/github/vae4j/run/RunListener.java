package io.github.vae4j.run;

import io.github.vae4j.model.VariationalAutoencoder;
import io.github.vae4j.train.TrainingListener;

/** Hears a run: when its model is built and its data resolved, then every step and epoch of training. */
public interface RunListener extends TrainingListener {

  /** Before the first step, with the model (its weights as initialized or about to be resumed) and the data. */
  default void onStart(VariationalAutoencoder model, TrainingData data) {
  }

  RunListener NONE = new RunListener() {
  };
}
