package io.github.vae4j.objective;

/**
 * Where a training step stands, as an objective sees it: the global step (0 for the first step of
 * the run), the epoch (from 1), the steps per epoch, the epochs of the whole run and the size of
 * the training set. Schedules (KL warm-up, cyclical annealing, capacity) read it; β-TCVAE's
 * minibatch-weighted sampling needs the dataset size.
 */
public record StepContext(long step, int epoch, int stepsPerEpoch, int epochs, int datasetSize) {

  public StepContext {
    if (step < 0) {
      throw new IllegalArgumentException("step must be >= 0, got " + step);
    }
    if (epoch < 1 || epochs < 1 || stepsPerEpoch < 1 || datasetSize < 1) {
      throw new IllegalArgumentException("epoch, epochs, stepsPerEpoch and datasetSize must be >= 1, got epoch "
          + epoch + ", epochs " + epochs + ", stepsPerEpoch " + stepsPerEpoch + ", datasetSize " + datasetSize);
    }
  }

  /** A context for calls outside training (tests, evaluation): step 0 of one epoch of one step. */
  public static StepContext single(int datasetSize) {
    return new StepContext(0, 1, 1, 1, datasetSize);
  }

  /** Steps in the whole run, epochs x stepsPerEpoch. */
  public long totalSteps() {
    return (long) epochs * stepsPerEpoch;
  }

  /** The same position at another global step (for tests of schedules). */
  public StepContext atStep(long value) {
    return new StepContext(value, (int) Math.min(epochs, value / stepsPerEpoch + 1), stepsPerEpoch, epochs,
        datasetSize);
  }
}
