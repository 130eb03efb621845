package io.github.vae4j.objective;

import io.github.vae4j.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.SequencedMap;

/**
 * One minibatch's loss and its named parts. {@code loss} is the scalar to minimize (mean over the
 * batch); {@code terms} are per-example values in nats, by name ("reconstruction", "kl", "mmd",
 * "total_correlation", ...), in the order the objective reports them. The trainer, the progress
 * line, metrics.jsonl, the report's curves and {@code eval --json} carry them as they are.
 */
public record LossTerms(Tensor loss, SequencedMap<String, Double> terms, int batch) {

  public LossTerms {
    if (loss == null || terms == null) {
      throw new IllegalArgumentException("loss and terms must be given");
    }
    terms = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(terms));
  }

  /** A term by name; NaN where the objective does not report it. */
  public double term(String name) {
    Double v = terms.get(name);
    return v == null ? Double.NaN : v;
  }
}
