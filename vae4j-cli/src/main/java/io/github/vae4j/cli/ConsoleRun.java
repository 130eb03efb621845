package io.github.vae4j.cli;

import io.github.vae4j.model.VariationalAutoencoder;
import io.github.vae4j.run.RunListener;
import io.github.vae4j.run.TrainingData;
import io.github.vae4j.run.TrainingRun;
import io.github.vae4j.tensor.kernel.Gemms;
import io.github.vae4j.train.EpochMetrics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SequencedMap;

/**
 * A core {@link TrainingRun} on the console, for {@code train} and {@code demo}: the model and data
 * lines, the progress, and where the model and report went.
 */
final class ConsoleRun {

  private ConsoleRun() {
  }

  static TrainingRun.Outcome run(PrintWriter out, TrainingRun.Settings settings, TrainingData data, Path folder,
      boolean resume, boolean report) throws IOException {
    if (!resume && java.nio.file.Files.exists(folder.resolve("checkpoint.bin"))) {
      throw new IllegalArgumentException(folder + " already holds a run (checkpoint.bin); pass --resume to continue it"
          + " or choose another --out");
    }
    ProgressListener progress = new ProgressListener(out, settings.training().epochs());
    RunListener listener = new RunListener() {
      @Override
      public void onStart(VariationalAutoencoder model, TrainingData d) {
        out.printf(Locale.ROOT, "model: %s, %,d parameters; matrix products: %s%n", model.summary(),
            model.parameterCount(), Gemms.get().name());
        out.printf(Locale.ROOT, "objective: %s%n", settings.objective().name());
        out.printf(Locale.ROOT, "data: %s, %,d training and %s validation examples of shape %s%n", d.description(),
            d.train().count(), d.validation() == null ? "no" : String.format(Locale.ROOT, "%,d", d.validation().count()),
            d.train().exampleShape());
        out.flush();
      }

      @Override
      public void onStep(int epoch, int step, int steps, double loss, SequencedMap<String, Double> terms) {
        progress.onStep(epoch, step, steps, loss, terms);
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
    TrainingRun.Outcome outcome = TrainingRun.run(settings, data, folder, resume, report, listener);
    out.printf(Locale.ROOT, "trained %d epochs in %.1f s%s; model from epoch %d saved to %s%n",
        outcome.result().history().size(), outcome.seconds(), outcome.result().stoppedEarly() ? " (stopped early)" : "",
        outcome.result().bestEpoch(), outcome.modelFile());
    if (outcome.report() != null) {
      out.println("report: " + outcome.report());
    }
    return outcome;
  }
}
