package io.github.vae4j.cli;

import io.github.vae4j.train.EpochMetrics;
import io.github.vae4j.train.TrainingListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Training progress on the console: on a terminal, a bar redrawn in place with the step, the loss
 * terms and an ETA; otherwise one plain line per epoch, so logs stay readable.
 */
final class ProgressListener implements TrainingListener {

  private static final int BAR = 24;

  private final PrintWriter out;
  private final boolean terminal;
  private final int epochs;
  private long epochStart;
  private long lastDraw;

  ProgressListener(PrintWriter out, int epochs) {
    this.out = out;
    this.epochs = epochs;
    java.io.Console console = System.console();
    this.terminal = console != null && console.isTerminal();
  }

  @Override
  public void onStep(int epoch, int step, int stepsPerEpoch, double loss, double reconstruction, double kl) {
    if (step == 1) {
      epochStart = System.nanoTime();
    }
    if (!terminal) {
      return;
    }
    long now = System.nanoTime();
    if (now - lastDraw < 100_000_000L && step != stepsPerEpoch) {
      return;
    }
    lastDraw = now;
    double elapsed = (now - epochStart) / 1e9;
    double eta = step == 0 ? 0 : elapsed / step * (stepsPerEpoch - step);
    int filled = (int) ((long) BAR * step / stepsPerEpoch);
    String bar = "#".repeat(filled) + "-".repeat(BAR - filled);
    out.printf(Locale.ROOT, "\repoch %d/%d [%s] %d/%d  loss %.2f (rec %.2f, kl %.2f)  ETA %s   ",
        epoch, epochs, bar, step, stepsPerEpoch, loss, reconstruction, kl, duration(eta));
    out.flush();
  }

  @Override
  public void onEpoch(EpochMetrics m) {
    if (terminal) {
      out.print("\r" + " ".repeat(100) + "\r");
    }
    String validation = Double.isFinite(m.validationLoss())
        ? String.format(Locale.ROOT, "  val %.2f (rec %.2f, kl %.2f)", m.validationLoss(), m.validationReconstruction(),
            m.validationKl())
        : "";
    out.printf(Locale.ROOT, "epoch %d/%d  train %.2f (rec %.2f, kl %.2f)%s  %.3f bits/dim  %.1f s%n",
        m.epoch(), epochs, m.trainLoss(), m.trainReconstruction(), m.trainKl(), validation, m.bitsPerDim(),
        m.seconds());
    out.flush();
  }

  @Override
  public void onRollback(String reason, double newLearningRate) {
    out.printf(Locale.ROOT, "%n%s; rolled back to the start of the epoch, learning rate now %.3g%n", reason,
        newLearningRate);
  }

  private static String duration(double seconds) {
    long s = Math.round(seconds);
    return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
