package io.github.vae4j.optim;

/**
 * A learning-rate schedule: the learning rate at a zero-based step, given the base rate (the
 * optimizer config's). What a step is, an optimizer step or an epoch, is the trainer's choice;
 * the schedules only count.
 *
 * <p>With base rate η and step t:
 * <ul>
 *   <li>{@link #constant()}: η.</li>
 *   <li>{@link #step(long, double)}: η γ^floor(t / stepSize) (PyTorch's StepLR).</li>
 *   <li>{@link #exponential(double)}: η γ^t (ExponentialLR).</li>
 *   <li>{@link #cosine(long, double)}: η_min + (η - η_min) (1 + cos(π t / T)) / 2 for t ≤ T, then
 *       η_min (CosineAnnealingLR without restarts; Loshchilov and Hutter, SGDR, arXiv:1608.03983).</li>
 *   <li>{@link #linearWarmup(long, Schedule)}: η (t + 1) / W for t &lt; W, then the next schedule
 *       at step t - W; so the first step already moves and step W - 1 reaches η.</li>
 * </ul>
 */
@FunctionalInterface
public interface Schedule {

  /** The learning rate at zero-based {@code step} for base rate {@code baseLearningRate}. */
  double learningRate(double baseLearningRate, long step);

  /** Sets the optimizer's rate for {@code step} from its initial (config) rate. */
  default void apply(Optimizer optimizer, long step) {
    optimizer.setLearningRate(learningRate(optimizer.initialLearningRate(), step));
  }

  /**
   * The IWAE paper's stages: stage i = 0, 1, 2, ... trains 3^i epochs at base · 10^(-i/7), so
   * that stages 0-7 are 3,280 epochs ending at a tenth of the rate (Burda et al. 2015, Section 5).
   */
  static Schedule iwaeStages(long stepsPerEpoch) {
    return new Schedules.IwaeStages(stepsPerEpoch);
  }

  /** The base rate at every step. */
  static Schedule constant() {
    return new Schedules.Constant();
  }

  /** Multiplies the rate by {@code gamma} every {@code stepSize} steps. */
  static Schedule step(long stepSize, double gamma) {
    return new Schedules.StepDecay(stepSize, gamma);
  }

  /** Multiplies the rate by {@code gamma} every step. */
  static Schedule exponential(double gamma) {
    return new Schedules.Exponential(gamma);
  }

  /** Half a cosine from the base rate down to {@code minLearningRate} over {@code totalSteps}. */
  static Schedule cosine(long totalSteps, double minLearningRate) {
    return new Schedules.Cosine(totalSteps, minLearningRate);
  }

  /** Rises linearly to the base rate over {@code warmupSteps}, then follows {@code then}. */
  static Schedule linearWarmup(long warmupSteps, Schedule then) {
    return new Schedules.LinearWarmup(warmupSteps, then);
  }
}
