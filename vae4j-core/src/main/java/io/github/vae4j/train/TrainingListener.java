package io.github.vae4j.train;

import java.util.SequencedMap;

/**
 * Hears what the trainer does, for progress bars and logs. The library itself never prints; the
 * CLI implements this to draw a progress bar on a terminal or plain lines otherwise.
 */
public interface TrainingListener {

  /**
   * After each optimizer step. {@code loss} is the minibatch loss in nats per example and
   * {@code terms} the objective's named terms, as the objective reported them.
   */
  default void onStep(int epoch, int step, int stepsPerEpoch, double loss, SequencedMap<String, Double> terms) {
  }

  /** After each epoch, with its metrics. */
  default void onEpoch(EpochMetrics metrics) {
  }

  /** When a non-finite loss made the trainer roll back and lower the learning rate. */
  default void onRollback(String reason, double newLearningRate) {
  }

  TrainingListener NONE = new TrainingListener() {
  };
}
