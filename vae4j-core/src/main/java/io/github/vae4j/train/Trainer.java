package io.github.vae4j.train;

import io.github.vae4j.data.Dataset;
import io.github.vae4j.io.Json;
import io.github.vae4j.model.VariationalAutoencoder;
import io.github.vae4j.objective.LossTerms;
import io.github.vae4j.objective.Objective;
import io.github.vae4j.objective.StepContext;
import io.github.vae4j.optim.GradClip;
import io.github.vae4j.optim.Optimizer;
import io.github.vae4j.optim.OptimizerState;
import io.github.vae4j.optim.Schedule;
import io.github.vae4j.tensor.Buffers;
import io.github.vae4j.tensor.GradMode;
import io.github.vae4j.tensor.Tensor;
import io.github.vae4j.tensor.kernel.Simd;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link VariationalAutoencoder} with minibatch gradient descent on the {@link Objective}
 * it is handed; how the objective assembles its loss is no concern of the trainer's, which carries
 * the objective's named terms to the listener, the metrics and the checkpoint as they are.
 *
 * <p>Each epoch shuffles the training set with a generator derived from (seed, epoch), so an epoch
 * does the same work whether the run went straight through or was resumed from a checkpoint: with
 * the same seed and backend, a resumed run ends with the same model, bit for bit. After each epoch
 * it evaluates the validation split, writes a {@link Checkpoint} and metrics.jsonl beside it (both
 * atomically) when a checkpoint file is given, and then reports the {@link EpochMetrics} to the
 * listener, so a run killed from there on keeps the epoch.
 *
 * <p>Resuming needs the same training data (its SHA-256), model config, training config and
 * objective: the checkpoint records them as JSON and a resume compares them field by field, so
 * that only {@code epochs} may differ. Raising {@code epochs} extends a run (a cosine schedule or a
 * cyclical KL schedule, spread over all epochs, then changes from the resumed epoch on).
 *
 * <p>Non-finite guard: a NaN or infinite loss or gradient stops the run with a message naming the
 * step (the last good checkpoint is kept), or with {@code onNonFinite = rollback} restores the
 * state at the start of the epoch, halves the learning rate and tries the epoch again. A non-finite
 * gradient, or weights that overflow in an update, are caught by the update itself, which checks the
 * values it writes ({@link Optimizer#step()}).
 *
 * <p>Each step (and each validation batch) runs inside a {@link Buffers} scope: the tensors an
 * {@link Objective} produces are valid until its step ends, and must not be kept beyond it.
 */
public final class Trainer {

  private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
  private static final int MAX_ROLLBACKS = 3;
  private static final int EVAL_BATCH = 1000;

  private final VariationalAutoencoder model;
  private final Objective objective;
  private final TrainConfig config;
  private final TrainingListener listener;

  /** A trainer of {@code model} on {@code objective}; {@code listener} may be null. */
  public Trainer(VariationalAutoencoder model, Objective objective, TrainConfig config, TrainingListener listener) {
    if (model == null || objective == null || config == null) {
      throw new IllegalArgumentException("a trainer needs a model, an objective and a config");
    }
    this.model = model;
    this.objective = objective;
    this.config = config;
    this.listener = listener == null ? TrainingListener.NONE : listener;
  }

  /** The generator for one epoch's shuffling and sampling, derived from the seed alone. */
  static RandomGenerator epochRandom(long seed, int epoch) {
    return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch * 0xBF58476D1CE4E5B9L + 1);
  }

  /**
   * Trains on {@code train}, evaluating {@code validation} (may be null) after each epoch. With a
   * {@code checkpoint} path the state is saved there after every epoch; with {@code resume} and an
   * existing checkpoint, training continues from it.
   */
  public TrainingResult fit(Dataset train, Dataset validation, Path checkpoint, boolean resume) {
    checkShape(train, "training");
    if (validation != null) {
      checkShape(validation, "validation");
    }
    Map<String, Tensor> parameters = model.namedParameters();
    Optimizer optimizer = Optimizers.create(config, parameters);
    int stepsPerEpoch = Math.ceilDiv(train.count(), config.batchSize());
    Schedule schedule = ScheduleSpec.of(config.schedule(), stepsPerEpoch, config.epochs());
    Dataset trainData = "static".equals(config.binarization()) ? binarizeStatic(train) : train;
    Dataset validationData = validation != null && "static".equals(config.binarization())
        ? binarizeStatic(validation) : validation;

    State state = new State();
    state.baseLearningRate = config.learningRate();
    String runConfig = runConfig(train);
    if (resume && checkpoint != null && Files.exists(checkpoint)) {
      Checkpoint saved = read(checkpoint);
      if (!Json.tree(saved.runConfig()).equals(Json.tree(runConfig))) {
        throw new IllegalArgumentException(checkpoint + " was written by a run with other settings (only the number of"
            + " epochs may change on resume): saved " + saved.runConfig() + ", now " + runConfig);
      }
      restoreWeights(saved.weights());
      optimizer.loadState(saved.optimizer());
      state.epoch = saved.epoch();
      state.step = saved.step();
      state.baseLearningRate = saved.learningRate();
      state.bestLoss = saved.bestValidationLoss();
      state.bestEpoch = saved.bestEpoch();
      state.badEpochs = saved.badEpochs();
      state.rollbacks = saved.rollbacks();
      state.bestWeights = saved.bestWeights();
      state.history.addAll(saved.history());
      LOG.info("resuming from {} after epoch {}", checkpoint, state.epoch);
    } else if (config.outputBiasFromData()) {
      model.initializeOutputBias(featureMeans(trainData));
    }

    // a resumed run that had already stopped early stays stopped, as the uninterrupted run did
    boolean stoppedEarly = config.patience() > 0 && state.badEpochs >= config.patience();
    while (!stoppedEarly && state.epoch < config.epochs()) {
      int epoch = state.epoch + 1;
      // what a rollback returns to (copies; nothing to keep when a non-finite step stops the run)
      boolean mayRollBack = "rollback".equals(config.onNonFinite()) && state.rollbacks < MAX_ROLLBACKS;
      SequencedMap<String, float[]> startWeights = mayRollBack ? snapshot() : null;
      OptimizerState startOptimizer = mayRollBack ? optimizer.state() : null;
      long startStep = state.step;
      long started = System.nanoTime();
      Sums sums;
      try {
        sums = runEpoch(epoch, trainData, optimizer, schedule, state);
      } catch (NonFiniteException e) {
        if (!mayRollBack) {
          String kept = checkpoint != null && Files.exists(checkpoint)
              ? "; the last good checkpoint (epoch " + state.epoch + ") is kept at " + checkpoint
              : "";
          throw new TrainingDivergedException(e.getMessage() + kept
              + ". Lower the learning rate, clip gradients (--clip-norm) or use --on-nan rollback.");
        }
        restoreWeights(startWeights);
        optimizer.loadState(startOptimizer);
        state.step = startStep;
        state.rollbacks++;
        state.baseLearningRate /= 2;
        listener.onRollback(e.getMessage(), state.baseLearningRate);
        LOG.warn("{}; rolled back to the start of epoch {} with learning rate {}", e.getMessage(), epoch,
            state.baseLearningRate);
        continue;
      }
      Sums val = validationData == null ? null : evaluate(validationData, epoch);
      double valLoss = val == null ? Double.NaN : val.loss();
      double reference = val == null ? sums.loss() : valLoss;
      EpochMetrics metrics = new EpochMetrics(epoch, sums.loss(), sums.terms(), valLoss,
          val == null ? new LinkedHashMap<>() : val.terms(), reference / (model.features() * Math.log(2)),
          optimizer.learningRate(), (System.nanoTime() - started) / 1e9);
      state.epoch = epoch;
      double monitored = val == null ? metrics.trainLoss() : valLoss;
      if (monitored < state.bestLoss) {
        state.bestLoss = monitored;
        state.bestEpoch = epoch;
        state.badEpochs = 0;
        state.bestWeights = config.patience() > 0 ? snapshot() : new LinkedHashMap<>();
      } else {
        state.badEpochs++;
      }
      state.history.add(metrics);
      // save before telling the listener: a run killed while the epoch is reported (or by the
      // listener itself) must not lose the epoch it just finished
      if (checkpoint != null) {
        Checkpoint saved = new Checkpoint(runConfig, state.epoch, state.step, state.baseLearningRate, state.bestLoss,
            state.bestEpoch, state.badEpochs, state.rollbacks, snapshot(), state.bestWeights,
            optimizer.state(), state.history);
        io(() -> {
          saved.write(checkpoint);
          writeMetrics(metricsFile(checkpoint), state.history);
          return null;
        });
      }
      listener.onEpoch(metrics);
      if (config.patience() > 0 && state.badEpochs >= config.patience()) {
        stoppedEarly = true;
        LOG.info("early stop after epoch {}: no improvement for {} epochs", epoch, config.patience());
        break;
      }
    }
    int finalEpoch = state.epoch;
    if (config.patience() > 0 && !state.bestWeights.isEmpty() && state.bestEpoch != state.epoch) {
      restoreWeights(state.bestWeights);
      finalEpoch = state.bestEpoch;
    }
    return new TrainingResult(state.history, finalEpoch, stoppedEarly, state.rollbacks);
  }

  /**
   * What a resumed run must share with the run that wrote the checkpoint, as JSON: the model's
   * config, the training config but its epochs, the objective and the training data's SHA-256.
   */
  private String runConfig(Dataset train) {
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("model", model.config());
    run.put("training", config.withEpochs(1));
    run.put("objective", objective.name());
    run.put("data_sha256", train.sha256());
    return Json.compact(run);
  }

  /** Per-example sums of a loss and its named terms over an epoch or a validation pass. */
  private static final class Sums {
    private double loss;
    private final SequencedMap<String, Double> terms = new LinkedHashMap<>();
    private long examples;

    void add(LossTerms batch, double batchLoss) {
      int b = batch.batch();
      loss += batchLoss * b;
      batch.terms().forEach((name, v) -> terms.merge(name, v * b, Double::sum));
      examples += b;
    }

    double loss() {
      return loss / examples;
    }

    SequencedMap<String, Double> terms() {
      SequencedMap<String, Double> means = new LinkedHashMap<>();
      terms.forEach((name, v) -> means.put(name, v / examples));
      return means;
    }
  }

  /** Mutable counters of one run; what a checkpoint saves. */
  private static final class State {
    int epoch;
    long step;
    double baseLearningRate;
    double bestLoss = Double.POSITIVE_INFINITY;
    int bestEpoch;
    int badEpochs;
    int rollbacks;
    SequencedMap<String, float[]> bestWeights = new LinkedHashMap<>();
    final List<EpochMetrics> history = new ArrayList<>();
  }

  private static final class NonFiniteException extends Exception {
    private static final long serialVersionUID = 1L;

    NonFiniteException(String message) {
      super(message);
    }
  }

  /** One pass over the training data; returns the per-example sums of the loss and its terms. */
  private Sums runEpoch(int epoch, Dataset data, Optimizer optimizer, Schedule schedule, State state)
      throws NonFiniteException {
    RandomGenerator random = epochRandom(config.seed(), epoch);
    int[] order = data.shuffledIndices(random);
    int batchSize = config.batchSize();
    int steps = Math.ceilDiv(order.length, batchSize);
    boolean dynamic = "dynamic".equals(config.binarization());
    Sums sums = new Sums();
    model.train();
    float[] buffer = new float[batchSize * data.features()];
    for (int s = 0; s < steps; s++) {
      int from = s * batchSize;
      int b = Math.min(batchSize, order.length - from);
      int[] indices = java.util.Arrays.copyOfRange(order, from, from + b);
      float[] values = b == batchSize ? buffer : new float[b * data.features()];
      data.batch(indices, values);
      if (dynamic) {
        for (int i = 0; i < values.length; i++) {
          values[i] = random.nextFloat() < values[i] ? 1f : 0f;
        }
      }
      optimizer.setLearningRate(schedule.learningRate(state.baseLearningRate, state.step));
      double loss;
      LossTerms terms;
      // the step's activations and gradients reuse the previous step's arrays (see Buffers): every
      // value needed later is read before the scope closes
      try (Buffers.Scope _ = Buffers.scope()) {
        // wrapped, not copied: the buffer is refilled only after this step's graph is released
        Tensor x = Tensor.wrap(values, model.batchShape(b));
        StepContext context = new StepContext(state.step, epoch, stepsPerEpoch(data), config.epochs(), data.count());
        terms = objective.loss(model, x, context, random);
        loss = terms.loss().item();
        if (!Double.isFinite(loss)) {
          throw new NonFiniteException("the loss became " + loss + " at epoch " + epoch + ", step "
              + (s + 1) + " of " + steps + " (global step " + (state.step + 1) + ")");
        }
        terms.loss().backward();
        if (config.clipNorm() > 0) {
          GradClip.clipGlobalNorm(optimizer.parameters(), config.clipNorm());
        }
        // the update reports non-finite values as it writes them: a NaN or infinite gradient, or
        // finite gradients that overflow the weights (a huge learning rate). The weights are broken
        // then, and the epoch is rolled back or the run stopped with the last checkpoint kept.
        if (!optimizer.step()) {
          String bad = firstNonFiniteGradient(optimizer);
          String where = " at epoch " + epoch + ", step " + (s + 1) + " of " + steps + " (global step "
              + (state.step + 1) + ")";
          throw new NonFiniteException(bad != null
              ? "the gradient of " + bad + " became non-finite" + where
              : "the weights of " + firstNonFiniteWeight(optimizer) + " became non-finite after the update" + where);
        }
        optimizer.zeroGrad();
      }
      state.step++;
      sums.add(terms, loss);
      listener.onStep(epoch, s + 1, steps, loss, terms.terms());
    }
    return sums;
  }

  private int stepsPerEpoch(Dataset data) {
    return Math.ceilDiv(data.count(), config.batchSize());
  }

  private static String firstNonFiniteGradient(Optimizer optimizer) {
    for (Map.Entry<String, Tensor> e : optimizer.namedParameters().entrySet()) {
      float[] g = e.getValue().gradArray();
      if (g != null && !Simd.allFinite(g, 0, g.length)) {
        return e.getKey();
      }
    }
    return null;
  }

  private static String firstNonFiniteWeight(Optimizer optimizer) {
    for (Map.Entry<String, Tensor> e : optimizer.namedParameters().entrySet()) {
      float[] w = e.getValue().array();
      if (!Simd.allFinite(w, 0, w.length)) {
        return e.getKey();
      }
    }
    return null;
  }

  /** The objective's validation loss and terms per example over a dataset, with a generator fixed per epoch. */
  private Sums evaluate(Dataset data, int epoch) {
    RandomGenerator random = epochRandom(config.seed() ^ 0x5DEECE66DL, epoch);
    model.eval();
    Sums sums = new Sums();
    try (GradMode _ = GradMode.noGrad()) {
      for (int from = 0; from < data.count(); from += EVAL_BATCH) {
        int b = Math.min(EVAL_BATCH, data.count() - from);
        int[] indices = new int[b];
        for (int i = 0; i < b; i++) {
          indices[i] = from + i;
        }
        float[] values = data.batch(indices);
        if ("dynamic".equals(config.binarization())) {
          for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat() < values[i] ? 1f : 0f;
          }
        }
        try (Buffers.Scope _ = Buffers.scope()) {
          LossTerms terms = objective.validation(model, Tensor.wrap(values, model.batchShape(b)), random);
          sums.add(terms, terms.loss().item());
        }
      }
    }
    model.train();
    return sums;
  }

  /** Each feature's mean over the data, in double precision. */
  private static float[] featureMeans(Dataset data) {
    int f = data.features();
    double[] sums = new double[f];
    for (int from = 0; from < data.count(); from += EVAL_BATCH) {
      int b = Math.min(EVAL_BATCH, data.count() - from);
      int[] indices = new int[b];
      for (int i = 0; i < b; i++) {
        indices[i] = from + i;
      }
      float[] values = data.batch(indices);
      for (int i = 0; i < values.length; i++) {
        sums[i % f] += values[i];
      }
    }
    float[] means = new float[f];
    for (int j = 0; j < f; j++) {
      means[j] = (float) (sums[j] / data.count());
    }
    return means;
  }

  private SequencedMap<String, float[]> snapshot() {
    SequencedMap<String, float[]> copy = new LinkedHashMap<>();
    model.namedParameters().forEach((name, t) -> copy.put(name, t.array().clone()));
    return copy;
  }

  private void restoreWeights(Map<String, float[]> weights) {
    Map<String, Tensor> params = model.namedParameters();
    if (!params.keySet().equals(weights.keySet())) {
      throw new IllegalArgumentException("checkpoint weights " + weights.keySet() + " do not match the model's "
          + params.keySet());
    }
    params.forEach((name, t) -> {
      float[] src = weights.get(name);
      float[] dst = t.array();
      if (src.length != dst.length) {
        throw new IllegalArgumentException("checkpoint weight " + name + " has " + src.length + " values, the model "
            + dst.length);
      }
      System.arraycopy(src, 0, dst, 0, dst.length);
    });
  }

  private void checkShape(Dataset data, String what) {
    if (data.features() != model.features()) {
      throw new IllegalArgumentException("the " + what + " data has examples of shape " + data.exampleShape()
          + ", the model expects " + model.inputShape());
    }
    if (data.count() == 0) {
      throw new IllegalArgumentException("the " + what + " data is empty");
    }
  }

  private static Dataset binarizeStatic(Dataset data) {
    float[] v = data.copyValues();
    for (int i = 0; i < v.length; i++) {
      v[i] = v[i] >= 0.5f ? 1f : 0f;
    }
    Dataset out = Dataset.of(data.source() + " (binarized at 0.5)", v, data.exampleShape());
    return data.hasLabels() ? out.withLabels(data.labels()) : out;
  }

  /** metrics.jsonl beside the checkpoint: one JSON line per epoch, rewritten whole each epoch. */
  public static Path metricsFile(Path checkpoint) {
    Path parent = checkpoint.toAbsolutePath().getParent();
    return parent.resolve("metrics.jsonl");
  }

  private static void writeMetrics(Path file, List<EpochMetrics> history) throws IOException {
    StringBuilder text = new StringBuilder();
    for (EpochMetrics m : history) {
      text.append(m.toJson()).append('\n');
    }
    io.github.vae4j.io.AtomicFiles.writeString(file, text);
  }

  private static Checkpoint read(Path checkpoint) {
    return io(() -> Checkpoint.read(checkpoint));
  }

  @FunctionalInterface
  private interface IoSupplier<T> {
    T get() throws IOException;
  }

  private static <T> T io(IoSupplier<T> body) {
    try {
      return body.get();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
