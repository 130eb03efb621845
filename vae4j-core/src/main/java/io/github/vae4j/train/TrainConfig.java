package io.github.vae4j.train;

import java.util.List;

/**
 * How to train: epochs, minibatches, optimizer, learning-rate schedule, validation and early
 * stopping, binarization, gradient clipping and what to do when the loss stops being finite. The
 * objective is not part of it: the trainer is handed one.
 *
 * <p>{@code optimizer}: adam, adamw, adagrad, sgd, rmsprop. {@code schedule}: constant, cosine,
 * step:EPOCHS:GAMMA, exponential:GAMMA, or warmup:STEPS (linear warm-up, then constant).
 * {@code binarization}: none, static (threshold 0.5 once), dynamic (Bernoulli draw per batch, as in
 * the IWAE paper). {@code patience} 0 turns early stopping off. {@code clipNorm} 0 turns clipping
 * off. {@code onNonFinite}: stop, or rollback (restore the last good epoch and halve the learning
 * rate, at most three times).
 */
public record TrainConfig(
    int epochs,
    int batchSize,
    String optimizer,
    double learningRate,
    double weightDecay,
    String schedule,
    long seed,
    double validationFraction,
    int patience,
    String binarization,
    double clipNorm,
    String onNonFinite) {

  public static final List<String> OPTIMIZERS = List.of("adam", "adamw", "adagrad", "sgd", "rmsprop");
  public static final List<String> BINARIZATIONS = List.of("none", "static", "dynamic");

  public TrainConfig {
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
    }
    if (!OPTIMIZERS.contains(optimizer)) {
      throw new IllegalArgumentException("optimizer must be one of " + OPTIMIZERS + ", got '" + optimizer + "'");
    }
    if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
      throw new IllegalArgumentException("learningRate must be > 0, got " + learningRate);
    }
    if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
      throw new IllegalArgumentException("weightDecay must be >= 0, got " + weightDecay);
    }
    ScheduleSpec.parse(schedule);
    if (!(validationFraction >= 0 && validationFraction < 1)) {
      throw new IllegalArgumentException("validationFraction must be in [0, 1), got " + validationFraction);
    }
    if (patience < 0) {
      throw new IllegalArgumentException("patience must be >= 0, got " + patience);
    }
    if (!BINARIZATIONS.contains(binarization)) {
      throw new IllegalArgumentException("binarization must be one of " + BINARIZATIONS + ", got '" + binarization + "'");
    }
    if (!(clipNorm >= 0) || !Double.isFinite(clipNorm)) {
      throw new IllegalArgumentException("clipNorm must be >= 0, got " + clipNorm);
    }
    if (!"stop".equals(onNonFinite) && !"rollback".equals(onNonFinite)) {
      throw new IllegalArgumentException("onNonFinite must be 'stop' or 'rollback', got '" + onNonFinite + "'");
    }
  }

  /** The PyTorch-examples settings: 10 epochs, batch 128, Adam 1e-3, a 10% validation split. */
  public static TrainConfig defaults() {
    return new TrainConfig(10, 128, "adam", 1e-3, 0.0, "constant", 1L, 0.1, 0, "none", 0.0, "stop");
  }

  public TrainConfig withEpochs(int value) {
    return new TrainConfig(value, batchSize, optimizer, learningRate, weightDecay, schedule, seed,
        validationFraction, patience, binarization, clipNorm, onNonFinite);
  }

  public TrainConfig withSeed(long value) {
    return new TrainConfig(epochs, batchSize, optimizer, learningRate, weightDecay, schedule, value,
        validationFraction, patience, binarization, clipNorm, onNonFinite);
  }

  public TrainConfig withLearningRate(double value) {
    return new TrainConfig(epochs, batchSize, optimizer, value, weightDecay, schedule, seed,
        validationFraction, patience, binarization, clipNorm, onNonFinite);
  }

  public TrainConfig withBatchSize(int value) {
    return new TrainConfig(epochs, value, optimizer, learningRate, weightDecay, schedule, seed,
        validationFraction, patience, binarization, clipNorm, onNonFinite);
  }

  public TrainConfig withValidationFraction(double value) {
    return new TrainConfig(epochs, batchSize, optimizer, learningRate, weightDecay, schedule, seed,
        value, patience, binarization, clipNorm, onNonFinite);
  }

  public TrainConfig withPatience(int value) {
    return new TrainConfig(epochs, batchSize, optimizer, learningRate, weightDecay, schedule, seed,
        validationFraction, value, binarization, clipNorm, onNonFinite);
  }

  public TrainConfig withBinarization(String value) {
    return new TrainConfig(epochs, batchSize, optimizer, learningRate, weightDecay, schedule, seed,
        validationFraction, patience, value, clipNorm, onNonFinite);
  }

  public TrainConfig withClipNorm(double value) {
    return new TrainConfig(epochs, batchSize, optimizer, learningRate, weightDecay, schedule, seed,
        validationFraction, patience, binarization, value, onNonFinite);
  }

  public TrainConfig withOptimizer(String value) {
    return new TrainConfig(epochs, batchSize, value, learningRate, weightDecay, schedule, seed,
        validationFraction, patience, binarization, clipNorm, onNonFinite);
  }

  public TrainConfig withSchedule(String value) {
    return new TrainConfig(epochs, batchSize, optimizer, learningRate, weightDecay, value, seed,
        validationFraction, patience, binarization, clipNorm, onNonFinite);
  }

  public TrainConfig withWeightDecay(double value) {
    return new TrainConfig(epochs, batchSize, optimizer, learningRate, value, schedule, seed,
        validationFraction, patience, binarization, clipNorm, onNonFinite);
  }

  public TrainConfig withOnNonFinite(String value) {
    return new TrainConfig(epochs, batchSize, optimizer, learningRate, weightDecay, schedule, seed,
        validationFraction, patience, binarization, clipNorm, value);
  }
}
