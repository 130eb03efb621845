package io.github.vae4j.train;

import java.util.List;

/**
 * How to train: epochs, minibatches, optimizer, learning-rate schedule, validation and early
 * stopping, binarization, gradient clipping and what to do when the loss stops being finite. The
 * objective is not part of it: the trainer is handed one.
 *
 * <p>{@code optimizer}: adam, adamw, adagrad, sgd, rmsprop, with PyTorch's defaults for what is
 * not set here; {@code epsilon} is its ε, 0 for that optimizer's own default (1e-8 for Adam,
 * AdamW and RMSprop, 1e-10 for Adagrad; the IWAE paper trains with Adam at 1e-4).
 * {@code schedule}: constant, cosine, step:EPOCHS:GAMMA, exponential:GAMMA, warmup:STEPS (linear
 * warm-up, then constant), or iwae (the IWAE paper's stages: stage i trains 3^i epochs at
 * 10^(-i/7) times the rate). {@code binarization}: none, static (threshold 0.5 once), dynamic
 * (Bernoulli draw per batch, as in the IWAE paper). {@code patience} 0 turns early stopping off.
 * {@code clipNorm} 0 turns clipping off. {@code onNonFinite}: stop, or rollback (restore the last
 * good epoch and halve the learning rate, at most three times). {@code outputBiasFromData} starts
 * the decoder's output bias at the logit of each feature's mean over the training data, clipped to
 * [0.001, 0.999] (Burda et al.'s code; Bernoulli MLP models).
 *
 * <p>Start from {@link #defaults()} and change what differs, with the {@code with} methods or a
 * {@link #builder()}: the defaults live in one place.
 */
public record TrainConfig(
    int epochs,
    int batchSize,
    String optimizer,
    double learningRate,
    double weightDecay,
    double epsilon,
    String schedule,
    long seed,
    double validationFraction,
    int patience,
    String binarization,
    double clipNorm,
    String onNonFinite,
    boolean outputBiasFromData) {

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
    if (!(epsilon >= 0) || !Double.isFinite(epsilon)) {
      throw new IllegalArgumentException("epsilon must be >= 0 (0: the optimizer's default), got " + epsilon);
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
    return new TrainConfig(10, 128, "adam", 1e-3, 0.0, 0.0, "constant", 1L, 0.1, 0, "none", 0.0, "stop", false);
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return defaults().toBuilder();
  }

  /** A builder starting from this config. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  public TrainConfig withEpochs(int value) {
    return toBuilder().epochs(value).build();
  }

  public TrainConfig withSeed(long value) {
    return toBuilder().seed(value).build();
  }

  public TrainConfig withLearningRate(double value) {
    return toBuilder().learningRate(value).build();
  }

  public TrainConfig withBatchSize(int value) {
    return toBuilder().batchSize(value).build();
  }

  public TrainConfig withValidationFraction(double value) {
    return toBuilder().validationFraction(value).build();
  }

  public TrainConfig withOnNonFinite(String value) {
    return toBuilder().onNonFinite(value).build();
  }

  /** Sets fields one by one; {@link #build()} validates them all through the record's constructor. */
  public static final class Builder {
    private int epochs;
    private int batchSize;
    private String optimizer;
    private double learningRate;
    private double weightDecay;
    private double epsilon;
    private String schedule;
    private long seed;
    private double validationFraction;
    private int patience;
    private String binarization;
    private double clipNorm;
    private String onNonFinite;
    private boolean outputBiasFromData;

    private Builder(TrainConfig c) {
      epochs = c.epochs;
      batchSize = c.batchSize;
      optimizer = c.optimizer;
      learningRate = c.learningRate;
      weightDecay = c.weightDecay;
      epsilon = c.epsilon;
      schedule = c.schedule;
      seed = c.seed;
      validationFraction = c.validationFraction;
      patience = c.patience;
      binarization = c.binarization;
      clipNorm = c.clipNorm;
      onNonFinite = c.onNonFinite;
      outputBiasFromData = c.outputBiasFromData;
    }

    public Builder epochs(int value) {
      epochs = value;
      return this;
    }

    public Builder batchSize(int value) {
      batchSize = value;
      return this;
    }

    public Builder optimizer(String value) {
      optimizer = value;
      return this;
    }

    public Builder learningRate(double value) {
      learningRate = value;
      return this;
    }

    public Builder weightDecay(double value) {
      weightDecay = value;
      return this;
    }

    public Builder epsilon(double value) {
      epsilon = value;
      return this;
    }

    public Builder schedule(String value) {
      schedule = value;
      return this;
    }

    public Builder seed(long value) {
      seed = value;
      return this;
    }

    public Builder validationFraction(double value) {
      validationFraction = value;
      return this;
    }

    public Builder patience(int value) {
      patience = value;
      return this;
    }

    public Builder binarization(String value) {
      binarization = value;
      return this;
    }

    public Builder clipNorm(double value) {
      clipNorm = value;
      return this;
    }

    public Builder onNonFinite(String value) {
      onNonFinite = value;
      return this;
    }

    public Builder outputBiasFromData(boolean value) {
      outputBiasFromData = value;
      return this;
    }

    public TrainConfig build() {
      return new TrainConfig(epochs, batchSize, optimizer, learningRate, weightDecay, epsilon, schedule, seed,
          validationFraction, patience, binarization, clipNorm, onNonFinite, outputBiasFromData);
    }
  }
}
