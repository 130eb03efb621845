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

  @Option(names = "--split", defaultValue = "test",
      description = "test or train (default: ${DEFAULT-VALUE}; data without a test split has only train).")
  String split;

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

  Dataset load() {
    DataSource source = DataSource.parse(data);
    return switch (split) {
      case "train" -> source.train();
      case "test" -> source.test().orElseGet(() -> {
        if (source.hasTestSplit()) {
          throw new IllegalArgumentException(data + " has no test split");
        }
        return source.train();
      });
      default -> throw new IllegalArgumentException("--split must be test or train, got '" + split + "'");
    };
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
