package io.github.vae4j.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.SequencedMap;

/**
 * What one epoch measured, written as one JSON line to metrics.jsonl. {@code trainLoss} is the
 * objective's loss and {@code trainTerms} its named terms ("reconstruction", "kl", "mmd", ...),
 * per-example means over the epoch; the validation loss is the negative ELBO, with its terms
 * "reconstruction" and "kl" (NaN and empty when there is no validation split). {@code bitsPerDim}
 * is the validation loss (else the training loss) divided by features · ln 2.
 */
public record EpochMetrics(
    int epoch,
    double trainLoss,
    SequencedMap<String, Double> trainTerms,
    double validationLoss,
    SequencedMap<String, Double> validationTerms,
    double bitsPerDim,
    double learningRate,
    double seconds) {

  public EpochMetrics {
    trainTerms = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(trainTerms));
    validationTerms = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(validationTerms));
  }

  /** A training term by name; NaN where the objective does not report it. */
  public double trainTerm(String name) {
    Double v = trainTerms.get(name);
    return v == null ? Double.NaN : v;
  }

  /** A validation term by name; NaN where there is none. */
  public double validationTerm(String name) {
    Double v = validationTerms.get(name);
    return v == null ? Double.NaN : v;
  }

  /** The metrics as one line of JSON: train_loss, train_TERM..., val_loss, val_TERM...; non-finite numbers become null. */
  public String toJson() {
    StringBuilder json = new StringBuilder("{\"epoch\":").append(epoch);
    json.append(",\"train_loss\":").append(number(trainLoss));
    trainTerms.forEach((name, v) -> json.append(",\"train_").append(name).append("\":").append(number(v)));
    json.append(",\"val_loss\":").append(number(validationLoss));
    validationTerms.forEach((name, v) -> json.append(",\"val_").append(name).append("\":").append(number(v)));
    return json.append(",\"bits_per_dim\":").append(number(bitsPerDim))
        .append(",\"lr\":").append(number(learningRate))
        .append(",\"seconds\":").append(number(seconds)).append('}').toString();
  }

  private static String number(double v) {
    return Double.isFinite(v) ? Double.toString(v) : "null";
  }
}
