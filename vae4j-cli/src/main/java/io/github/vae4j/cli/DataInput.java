package io.github.vae4j.cli;

import io.github.vae4j.data.DataSource;
import io.github.vae4j.data.Dataset;
import io.github.vae4j.model.Preprocessing;
import io.github.vae4j.model.Vae;
import java.util.List;
import java.util.SplittableRandom;
import picocli.CommandLine.Option;

/** The {@code --data} and {@code --split} options of commands that read examples. */
final class DataInput {

  @Option(names = "--data", required = true,
      description = "mnist:DIR, fashion-mnist:DIR, frey:FILE, csv:FILE, npy:FILE, images:DIR or sprites[:COUNT].")
  String data;

  @Option(names = "--split",
      description = "test or train (default: test where the data has a published test split, as mnist and "
          + "fashion-mnist do; else train, the whole set).")
  String split;

  /** The split that {@link #load()} read: the one asked for, or the default for the data. */
  String loadedSplit;

  /** The chosen split, checked against the model's input shape and prepared as it was in training. */
  Dataset load(Vae model, Preprocessing preprocessing, long seed) {
    Dataset dataset = load();
    List<Integer> expected = model.config().inputShape();
    if (dataset.features() != model.config().features()) {
      throw new IllegalArgumentException("the model reads examples of shape " + expected + ", " + data + " has "
          + dataset.exampleShape());
    }
    return prepare(dataset, preprocessing, seed);
  }

  /**
   * The chosen split. Without --split: the test split where there is one, else the whole set. An
   * explicit --split test on data without one is an error rather than a silent switch to the
   * examples the model may have been trained on.
   */
  Dataset load() {
    if (split != null && !split.equals("test") && !split.equals("train")) {
      throw new IllegalArgumentException("--split must be test or train, got '" + split + "'");
    }
    DataSource source = DataSource.parse(data);
    loadedSplit = split != null ? split : source.hasTestSplit() ? "test" : "train";
    if (loadedSplit.equals("train")) {
      return source.train();
    }
    return source.test().orElseThrow(() -> new IllegalArgumentException(data + " has no test split (only mnist "
        + "and fashion-mnist have one); use --split train to read the whole set"));
  }

  /** Applies the binarization the model was trained with: a threshold, or one seeded Bernoulli draw. */
  static Dataset prepare(Dataset dataset, Preprocessing preprocessing, long seed) {
    String mode = preprocessing.binarization();
    if ("none".equals(mode)) {
      return dataset;
    }
    float[] v = dataset.copyValues();
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < v.length; i++) {
      v[i] = "static".equals(mode) ? (v[i] >= 0.5f ? 1f : 0f) : (random.nextFloat() < v[i] ? 1f : 0f);
    }
    Dataset out = Dataset.of(dataset.source() + " (binarized: " + mode + ")", v, dataset.exampleShape());
    return dataset.hasLabels() ? out.withLabels(dataset.labels()).withClassNames(dataset.classNames()) : out;
  }
}
