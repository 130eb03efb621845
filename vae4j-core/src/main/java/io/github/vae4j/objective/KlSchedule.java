package io.github.vae4j.objective;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.github.vae4j.tensor.Tensor;

/**
 * How an ELBO-shaped objective weighs its KL term as training goes on, the usual remedies for
 * posterior collapse. As configs and the command line write them:
 *
 * <ul>
 *   <li>{@code constant} or {@code constant:β}: β·KL throughout (β = 1 is the VAE, β &gt; 1 the
 *       β-VAE of Higgins et al. 2017);
 *   <li>{@code linear:STEPS}: KL warm-up, β rising linearly from 0 to 1 over STEPS steps, then 1
 *       (Bowman et al. 2016, Generating Sentences from a Continuous Space, arXiv:1511.06349);
 *   <li>{@code cyclical:CYCLES:RATIO}: the run cut into CYCLES equal cycles, β rising linearly from
 *       0 to 1 over the first RATIO of each and staying at 1 for the rest (Fu et al. 2019,
 *       Cyclical Annealing Schedule, arXiv:1903.10145, equation 4);
 *   <li>{@code capacity:CMAX:STEPS:GAMMA}: γ·|KL - C| with the capacity C rising linearly from 0
 *       to CMAX nats over STEPS steps (Burgess et al. 2018, Understanding disentangling in β-VAE,
 *       arXiv:1804.03599, equation 8).
 * </ul>
 *
 * The warm-ups end at the β of their own (1 unless written {@code linear:STEPS:β} or
 * {@code cyclical:CYCLES:RATIO:β}).
 */
public sealed interface KlSchedule {

  /** β·KL with β fixed. */
  record Constant(double beta) implements KlSchedule {
    public Constant {
      checkWeight("beta", beta);
    }

    @Override
    public double weight(StepContext step) {
      return beta;
    }

    @Override
    public String toString() {
      return beta == 1.0 ? "constant" : "constant:" + beta;
    }
  }

  /** β rising linearly from 0 to {@code beta} over {@code steps} steps. */
  record Linear(long steps, double beta) implements KlSchedule {
    public Linear {
      checkSteps(steps);
      checkWeight("beta", beta);
    }

    @Override
    public double weight(StepContext step) {
      return beta * Math.min(1.0, (double) step.step() / steps);
    }

    @Override
    public String toString() {
      return "linear:" + steps + (beta == 1.0 ? "" : ":" + beta);
    }
  }

  /** {@code cycles} cycles over the run, β rising over the first {@code ratio} of each. */
  record Cyclical(int cycles, double ratio, double beta) implements KlSchedule {
    public Cyclical {
      if (cycles < 1) {
        throw new IllegalArgumentException("cyclical:CYCLES:RATIO needs CYCLES >= 1, got " + cycles);
      }
      if (!(ratio > 0 && ratio <= 1)) {
        throw new IllegalArgumentException("cyclical:CYCLES:RATIO needs RATIO in (0, 1], got " + ratio);
      }
      checkWeight("beta", beta);
    }

    @Override
    public double weight(StepContext step) {
      double period = (double) step.totalSteps() / cycles;
      double tau = (step.step() % Math.max(1, (long) Math.ceil(period))) / period;
      return beta * Math.min(1.0, tau / ratio);
    }

    @Override
    public String toString() {
      return "cyclical:" + cycles + ":" + ratio + (beta == 1.0 ? "" : ":" + beta);
    }
  }

  /** γ·|KL - C|, C rising linearly from 0 to {@code maxCapacity} nats over {@code steps} steps. */
  record Capacity(double maxCapacity, long steps, double gamma) implements KlSchedule {
    public Capacity {
      checkWeight("CMAX", maxCapacity);
      checkSteps(steps);
      checkWeight("GAMMA", gamma);
    }

    /** The capacity C at this step, in nats. */
    public double capacity(StepContext step) {
      return maxCapacity * Math.min(1.0, (double) step.step() / steps);
    }

    @Override
    public double weight(StepContext step) {
      return gamma;
    }

    @Override
    public Tensor penalty(Tensor kl, StepContext step) {
      return kl.sub((float) capacity(step)).abs().mul((float) gamma);
    }

    @Override
    public String toString() {
      return "capacity:" + maxCapacity + ":" + steps + ":" + gamma;
    }
  }

  /** The weight on the KL at this step (for capacity annealing, γ). */
  double weight(StepContext step);

  /** What the objective adds to the reconstruction for a batch-mean KL (a scalar): weight · KL. */
  default Tensor penalty(Tensor kl, StepContext step) {
    double w = weight(step);
    return w == 1.0 ? kl : kl.mul((float) w);
  }

  /** β = 1 throughout: the plain ELBO. */
  static KlSchedule none() {
    return new Constant(1.0);
  }

  static KlSchedule constant(double beta) {
    return new Constant(beta);
  }

  /** The spec's text, as {@link #parse} reads it. */
  @JsonValue
  default String text() {
    return toString();
  }

  /**
   * Reads constant[:β], linear:STEPS[:β], cyclical:CYCLES:RATIO[:β] or capacity:CMAX:STEPS:GAMMA.
   */
  @JsonCreator
  static KlSchedule parse(String text) {
    String usage = "expected constant[:BETA], linear:STEPS[:BETA], cyclical:CYCLES:RATIO[:BETA] or "
        + "capacity:CMAX:STEPS:GAMMA";
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("KL schedule missing; " + usage);
    }
    String[] p = text.trim().split(":", -1);
    try {
      return switch (p[0]) {
        case "constant" -> p.length == 1 ? none() : p.length == 2 ? constant(Double.parseDouble(p[1])) : fail(text, usage);
        case "linear" -> p.length == 2 || p.length == 3
            ? new Linear(Long.parseLong(p[1]), p.length == 3 ? Double.parseDouble(p[2]) : 1.0) : fail(text, usage);
        case "cyclical" -> p.length == 3 || p.length == 4
            ? new Cyclical(Integer.parseInt(p[1]), Double.parseDouble(p[2]), p.length == 4 ? Double.parseDouble(p[3]) : 1.0)
            : fail(text, usage);
        case "capacity" -> p.length == 4
            ? new Capacity(Double.parseDouble(p[1]), Long.parseLong(p[2]), Double.parseDouble(p[3])) : fail(text, usage);
        default -> fail(text, usage);
      };
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("KL schedule '" + text + "' has a part that is not a number; " + usage);
    }
  }

  private static KlSchedule fail(String text, String usage) {
    throw new IllegalArgumentException("unknown KL schedule '" + text + "'; " + usage);
  }

  private static void checkWeight(String name, double value) {
    if (!(value >= 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException("KL schedule " + name + " must be a number >= 0, got " + value);
    }
  }

  private static void checkSteps(long steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("KL schedule STEPS must be >= 1, got " + steps);
    }
  }
}
