package io.github.vae4j.train;

import java.util.LinkedHashMap;
import java.util.SequencedMap;

/** Epoch metrics as an ELBO run reports them, for tests of what reads them (checkpoints, curves, reports). */
public final class ElboMetrics {

  private ElboMetrics() {
  }

  /** Reconstruction and kl terms for training and, unless valLoss is NaN, validation. */
  public static EpochMetrics of(int epoch, double loss, double rec, double kl, double valLoss, double valRec,
      double valKl, double bits, double lr, double seconds) {
    SequencedMap<String, Double> train = new LinkedHashMap<>();
    train.put("reconstruction", rec);
    train.put("kl", kl);
    SequencedMap<String, Double> validation = new LinkedHashMap<>();
    if (!Double.isNaN(valLoss)) {
      validation.put("reconstruction", valRec);
      validation.put("kl", valKl);
    }
    return new EpochMetrics(epoch, loss, train, valLoss, validation, bits, lr, seconds);
  }
}
