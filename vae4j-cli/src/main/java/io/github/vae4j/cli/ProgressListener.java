package io.github.vae4j.cli;

import io.github.vae4j.train.EpochMetrics;
import io.github.vae4j.train.TrainingListener;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.SequencedMap;

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
  public void onStep(int epoch, int step, int stepsPerEpoch, double loss, SequencedMap<String, Double> terms) {
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
    out.printf(Locale.ROOT, "\repoch %d/%d [%s] %d/%d  loss %.2f%s  ETA %s   ",
        epoch, epochs, bar, step, stepsPerEpoch, loss, terms(terms), duration(eta));
    out.flush();
  }

  @Override
  public void onEpoch(EpochMetrics m) {
    if (terminal) {
      out.print("\r" + " ".repeat(100) + "\r");
    }
    String validation = Double.isFinite(m.validationLoss())
        ? String.format(Locale.ROOT, "  val %.2f%s", m.validationLoss(), terms(m.validationTerms()))
        : "";
    out.printf(Locale.ROOT, "epoch %d/%d  train %.2f%s%s  %.3f bits/dim  %.1f s%n",
        m.epoch(), epochs, m.trainLoss(), terms(m.trainTerms()), validation, m.bitsPerDim(), m.seconds());
    out.flush();
  }

  @Override
  public void onRollback(String reason, double newLearningRate) {
    out.printf(Locale.ROOT, "%n%s; rolled back to the start of the epoch, learning rate now %.3g%n", reason,
        newLearningRate);
  }

  /** " (rec 81.06, kl 25.25)": the objective's terms under short names; "" when it reports none. */
  static String terms(Map<String, Double> terms) {
    if (terms.isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder(" (");
    for (Map.Entry<String, Double> e : terms.entrySet()) {
      if (text.length() > 2) {
        text.append(", ");
      }
      String name = switch (e.getKey()) {
        case "reconstruction" -> "rec";
        case "mutual_information" -> "mi";
        case "total_correlation" -> "tc";
        case "dimension_kl" -> "dim-kl";
        case "negative_elbo" -> "-elbo";
        case "iw_bound" -> "-L_k";
        default -> e.getKey();
      };
      text.append(name).append(' ').append(String.format(Locale.ROOT, e.getKey().equals("mmd") ? "%.4f" : "%.2f",
          e.getValue()));
    }
    return text.append(')').toString();
  }

  private static String duration(double seconds) {
    long s = Math.round(seconds);
    return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
