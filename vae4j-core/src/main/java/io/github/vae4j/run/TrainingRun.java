package io.github.vae4j.run;

import io.github.vae4j.data.Dataset;
import io.github.vae4j.io.AtomicFiles;
import io.github.vae4j.io.Json;
import io.github.vae4j.model.ModelFile;
import io.github.vae4j.model.Preprocessing;
import io.github.vae4j.model.Provenance;
import io.github.vae4j.model.Vae;
import io.github.vae4j.model.VaeConfig;
import io.github.vae4j.objective.Objective;
import io.github.vae4j.prob.LikelihoodSpec;
import io.github.vae4j.report.RunReport;
import io.github.vae4j.train.EpochMetrics;
import io.github.vae4j.train.TrainConfig;
import io.github.vae4j.train.Trainer;
import io.github.vae4j.train.TrainingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One training run into a folder: builds the model from its config (weights drawn from the seed),
 * checks the data against the likelihood, trains on the objective (the trainer keeps
 * checkpoint.bin and metrics.jsonl current after every epoch), then saves model.vae with its
 * provenance and preprocessing, config.json, and (optionally) the pictures and report.html. A
 * model trained from Java through this class is the same, bit for bit, as one trained by
 * {@code vae4j train} with the same settings.
 *
 * <p>The model, the training config and the objective together are the run's {@link Settings},
 * which config.json holds as {@code {"model": ..., "training": ..., "objective": ...}}.
 */
public final class TrainingRun {

  /** What a run trains: the model's architecture, how to train it, and on which objective. */
  public record Settings(VaeConfig model, TrainConfig training, Objective objective) {
    public Settings {
      if (model == null || training == null || objective == null) {
        throw new IllegalArgumentException("a run needs a model config, a training config and an objective");
      }
    }
  }

  /** What a run leaves: the trained model, the trainer's result, and where model and report were written. */
  public record Outcome(Vae model, TrainingResult result, Path modelFile, Path report, double seconds) {
  }

  private TrainingRun() {
  }

  /**
   * Trains into {@code folder}, which must not hold a run unless {@code resume} is set. {@code
   * report} also writes the pictures and report.html.
   */
  public static Outcome run(Settings settings, TrainingData data, Path folder, boolean resume, boolean report,
      RunListener listener) throws IOException {
    RunListener events = listener == null ? RunListener.NONE : listener;
    checkSupport(data.train(), settings.model().likelihood());
    Files.createDirectories(folder);
    Path checkpoint = folder.resolve("checkpoint.bin");
    if (!resume && Files.exists(checkpoint)) {
      throw new IllegalArgumentException(folder + " already holds a run (checkpoint.bin); resume it or choose another"
          + " folder");
    }
    TrainConfig training = settings.training().withValidationFraction(data.validationFraction());
    Vae model = new Vae(settings.model(), new SplittableRandom(training.seed()));
    events.onStart(model, data);
    Trainer trainer = new Trainer(model, settings.objective(), training, events);
    long start = System.nanoTime();
    TrainingResult result = trainer.fit(data.train(), data.validation(), checkpoint, resume);
    double seconds = (System.nanoTime() - start) / 1e9;

    Map<String, Double> metrics = finalMetrics(result);
    Provenance provenance = new Provenance(Vae4j.version(), training.seed(), settings.objective().name(), data.description(), data.train().sha256(),
        Runtime.version().toString(), Vae4j.backend(), Instant.now().toString(), metrics);
    Path modelFile = folder.resolve("model.vae");
    ModelFile.save(modelFile, model, new Preprocessing(data.scaling(), training.binarization()), provenance);
    AtomicFiles.writeString(folder.resolve("config.json"),
        Json.pretty(new Settings(settings.model(), training, settings.objective())) + "\n");
    Path reportFile = null;
    if (report) {
      Map<String, Object> shown = new LinkedHashMap<>();
      shown.put("data", data.description());
      shown.put("objective", settings.objective().name());
      metrics.forEach(shown::put);
      shown.put("seconds", seconds);
      shown.put("backend", Vae4j.backend());
      Dataset pictures = data.validation() != null ? data.validation() : data.train();
      reportFile = RunReport.write(folder, "vae4j run: " + folder.getFileName(), model, pictures, result.history(),
          shown, training, new SplittableRandom(training.seed() + 1));
    }
    return new Outcome(model, result, modelFile, reportFile, seconds);
  }

  /** The metrics of the epoch whose model was kept, for provenance and the report. */
  private static Map<String, Double> finalMetrics(TrainingResult result) {
    EpochMetrics last = result.history().get(result.bestEpoch() - 1);
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("epochs", (double) result.history().size());
    metrics.put("train_loss", last.trainLoss());
    last.trainTerms().forEach((name, v) -> metrics.put("train_" + name, v));
    if (Double.isFinite(last.validationLoss())) {
      metrics.put("val_loss", last.validationLoss());
      last.validationTerms().forEach((name, v) -> metrics.put("val_" + name, v));
    }
    metrics.put("bits_per_dim", last.bitsPerDim());
    return metrics;
  }

  /** Bernoulli-type likelihoods need data in [0, 1]; say so before training rather than after. */
  public static void checkSupport(Dataset data, LikelihoodSpec likelihood) {
    if (!likelihood.needsUnitInterval()) {
      return;
    }
    long i = data.firstOutside(0f, 1f);
    if (i >= 0) {
      int example = (int) (i / data.features());
      float value = data.value(example, (int) (i % data.features()));
      throw new IllegalArgumentException("the " + likelihood + " likelihood needs values in [0, 1], but example "
          + example + " of " + data.source() + " has " + value + "; scale the data or use --likelihood gaussian");
    }
  }
}
