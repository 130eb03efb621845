package io.github.vae4j.train;

import java.util.List;

/**
 * The outcome of {@link Trainer#fit}: the metrics of every epoch, the epoch whose weights the model
 * now holds, whether early stopping ended the run, and how many rollbacks a non-finite loss caused.
 */
public record TrainingResult(List<EpochMetrics> history, int bestEpoch, boolean stoppedEarly, int rollbacks) {

  public TrainingResult {
    history = List.copyOf(history);
  }

  public EpochMetrics last() {
    return history.getLast();
  }
}
