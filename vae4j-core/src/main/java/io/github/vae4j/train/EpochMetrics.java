package io.github.vae4j.train;

/**
 * What one epoch measured, written as one JSON line to metrics.jsonl. Losses are negative ELBOs in
 * nats per example (reconstruction + β KL for the training loss); validation values are NaN when
 * there is no validation split. {@code bitsPerDim} is the validation (else training) negative
 * ELBO divided by features · ln 2.
 */
public record EpochMetrics(
    int epoch,
    double trainLoss,
    double trainReconstruction,
    double trainKl,
    double validationLoss,
    double validationReconstruction,
    double validationKl,
    double bitsPerDim,
    double learningRate,
    double seconds) {

  /** The metrics as one line of JSON; non-finite numbers become null. */
  public String toJson() {
    return "{\"epoch\":" + epoch
        + ",\"train_loss\":" + number(trainLoss)
        + ",\"train_reconstruction\":" + number(trainReconstruction)
        + ",\"train_kl\":" + number(trainKl)
        + ",\"val_loss\":" + number(validationLoss)
        + ",\"val_reconstruction\":" + number(validationReconstruction)
        + ",\"val_kl\":" + number(validationKl)
        + ",\"bits_per_dim\":" + number(bitsPerDim)
        + ",\"lr\":" + number(learningRate)
        + ",\"seconds\":" + number(seconds) + "}";
  }

  private static String number(double v) {
    return Double.isFinite(v) ? Double.toString(v) : "null";
  }
}
