package io.github.vae4j.cli;

import io.github.vae4j.data.Dataset;
import io.github.vae4j.io.AtomicFiles;
import io.github.vae4j.model.ModelFile;
import io.github.vae4j.model.Preprocessing;
import io.github.vae4j.model.Provenance;
import io.github.vae4j.model.Vae;
import io.github.vae4j.model.VaeConfig;
import io.github.vae4j.report.RunReport;
import io.github.vae4j.tensor.kernel.Gemms;
import io.github.vae4j.tensor.kernel.Simd;
import io.github.vae4j.train.EpochMetrics;
import io.github.vae4j.train.TrainConfig;
import io.github.vae4j.train.Trainer;
import io.github.vae4j.train.TrainingListener;
import io.github.vae4j.train.TrainingResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One training run as the CLI does it for {@code train} and {@code demo}: trains with progress on
 * the console (the trainer keeps checkpoint.bin and metrics.jsonl current), then saves
 * model.vae and writes the report. Everything lands in the run folder.
 */
final class TrainingRun {

  private TrainingRun() {
  }

  record Outcome(Vae model, TrainingResult result, Path modelFile, Path report) {
  }

  static Outcome run(PrintWriter out, VaeConfig modelConfig, TrainConfig trainConfig, Dataset train,
      Dataset validation, String dataSpec, Path folder, boolean resume, boolean report) throws IOException {
    Files.createDirectories(folder);
    Path checkpoint = folder.resolve("checkpoint.bin");
    if (!resume && Files.exists(checkpoint)) {
      throw new IllegalArgumentException(folder + " already holds a run (checkpoint.bin); pass --resume to continue it"
          + " or choose another --out");
    }
    Vae model = new Vae(modelConfig, new SplittableRandom(trainConfig.seed()));
    out.printf(Locale.ROOT, "model: %s %s -> %d latent dims, %s likelihood, %,d parameters; matrix products: %s%n",
        modelConfig.architecture(), modelConfig.hidden(), modelConfig.latentDim(), modelConfig.likelihood(),
        model.parameterCount(), Gemms.get().name());
    out.printf(Locale.ROOT, "data: %s, %,d training and %s validation examples of shape %s%n", dataSpec, train.count(),
        validation == null ? "no" : String.format(Locale.ROOT, "%,d", validation.count()), train.exampleShape());
    ProgressListener progress = new ProgressListener(out, trainConfig.epochs());
    TrainingListener listener = new TrainingListener() {
      @Override
      public void onStep(int epoch, int step, int steps, double loss, double rec, double kl) {
        progress.onStep(epoch, step, steps, loss, rec, kl);
      }

      @Override
      public void onEpoch(EpochMetrics metrics) {
        progress.onEpoch(metrics);
      }

      @Override
      public void onRollback(String reason, double lr) {
        progress.onRollback(reason, lr);
      }
    };
    Trainer trainer = new Trainer(model, trainConfig, listener);
    long start = System.nanoTime();
    TrainingResult result = trainer.fit(train, validation, checkpoint, resume);
    double seconds = (System.nanoTime() - start) / 1e9;

    EpochMetrics last = result.history().get(result.bestEpoch() - 1);
    Map<String, Double> finalMetrics = new LinkedHashMap<>();
    finalMetrics.put("epochs", (double) result.history().size());
    finalMetrics.put("train_loss", last.trainLoss());
    if (Double.isFinite(last.validationLoss())) {
      finalMetrics.put("val_loss", last.validationLoss());
      finalMetrics.put("val_reconstruction", last.validationReconstruction());
      finalMetrics.put("val_kl", last.validationKl());
    }
    finalMetrics.put("bits_per_dim", last.bitsPerDim());
    Provenance provenance = new Provenance(Version.number(), trainConfig.seed(), dataSpec, train.sha256(),
        Runtime.version().toString(), Gemms.get().name() + "+" + Simd.name(), Instant.now().toString(), finalMetrics);
    Path modelFile = folder.resolve("model.vae");
    ModelFile.save(modelFile, model, new Preprocessing("unit", trainConfig.binarization()), provenance);
    AtomicFiles.writeString(folder.resolve("config.json"),
        ModelFile.toJson(Map.of("model", modelConfig, "training", trainConfig)) + "\n");
    out.printf(Locale.ROOT, "trained %d epochs in %.1f s%s; model from epoch %d saved to %s%n",
        result.history().size(), seconds, result.stoppedEarly() ? " (stopped early)" : "", result.bestEpoch(),
        modelFile);
    Path reportFile = null;
    if (report) {
      Map<String, Object> shown = new LinkedHashMap<>();
      shown.put("data", dataSpec);
      finalMetrics.forEach((k, v) -> shown.put(k, v));
      shown.put("seconds", seconds);
      shown.put("backend", Gemms.get().name() + "+" + Simd.name());
      Dataset pictures = validation != null ? validation : train;
      reportFile = RunReport.write(folder, "vae4j run: " + folder.getFileName(), model, pictures,
          result.history(), shown, trainConfig, new SplittableRandom(trainConfig.seed() + 1));
      out.println("report: " + reportFile);
    }
    return new Outcome(model, result, modelFile, reportFile);
  }


}
