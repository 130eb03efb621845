package io.github.vae4j.train;

/**
 * Hears what the trainer does, for progress bars and logs. The library itself never prints; the
 * CLI implements this to draw a progress bar on a terminal or plain lines otherwise.
 */
public interface TrainingListener {

  /** After each optimizer step. {@code loss} is the minibatch loss in nats per example. */
  default void onStep(int epoch, int step, int stepsPerEpoch, double loss, double reconstruction, double kl) {
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
