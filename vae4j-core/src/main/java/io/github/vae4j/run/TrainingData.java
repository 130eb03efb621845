package io.github.vae4j.run;

import io.github.vae4j.data.DataSource;
import io.github.vae4j.data.Dataset;
import io.github.vae4j.data.TrainValidation;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The data of a run: the training set, the validation set (or null), the fraction of the training
 * data held out for it (0 when it is a test split or absent), what the data was called, and how
 * its values were scaled when read ("unit" for images and generated sprites, "none" for CSV and
 * .npy, which are kept as written).
 */
public record TrainingData(Dataset train, Dataset validation, double validationFraction, String description,
    String scaling) {

  public TrainingData {
    if (train == null || description == null || scaling == null) {
      throw new IllegalArgumentException("training data needs a training set, a description and a scaling");
    }
  }

  /**
   * Reads {@code dataSpec} (as {@link DataSource#parse} takes it) and resolves {@code validation}:
   * a fraction of the training data held out (seeded), "test" for the data's test split (an error
   * where there is none), "auto" for the test split where there is one and 10% otherwise, or "0"
   * for none.
   */
  public static TrainingData resolve(String dataSpec, String validation, long seed) {
    DataSource source = DataSource.parse(dataSpec);
    Dataset all = source.train();
    String scaling = source.kind() == DataSource.Kind.CSV || source.kind() == DataSource.Kind.NPY ? "none" : "unit";
    return split(all, source.test(), validation, seed, dataSpec, scaling);
  }

  /** The same resolution over data already read; {@code test} may be empty. */
  public static TrainingData split(Dataset all, Optional<Dataset> test, String validation, long seed,
      String description, String scaling) {
    if (validation == null || "auto".equals(validation)) {
      return test.isPresent() ? new TrainingData(all, test.get(), 0.0, description, scaling)
          : holdOut(all, 0.1, seed, description, scaling);
    }
    if ("test".equals(validation)) {
      return new TrainingData(all, test.orElseThrow(() -> new IllegalArgumentException(
          "validation 'test' needs data with a test split (mnist or fashion-mnist), not " + description)), 0.0,
          description, scaling);
    }
    double fraction;
    try {
      fraction = Double.parseDouble(validation);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("validation must be a fraction in [0, 1), 'test' or 'auto', got '"
          + validation + "'");
    }
    if (fraction == 0) {
      return new TrainingData(all, null, 0.0, description, scaling);
    }
    return holdOut(all, fraction, seed, description, scaling);
  }

  private static TrainingData holdOut(Dataset all, double fraction, long seed, String description, String scaling) {
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException("validation fraction must be in [0, 1), got " + fraction);
    }
    TrainValidation tv = all.split(fraction, new SplittableRandom(seed ^ 0x2545F4914F6CDD1DL));
    return new TrainingData(tv.train(), tv.validation(), fraction, description, scaling);
  }
}
