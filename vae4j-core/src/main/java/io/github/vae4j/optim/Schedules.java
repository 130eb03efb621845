package io.github.vae4j.optim;

import java.util.Objects;

/** The {@link Schedule} implementations, as records so they print and compare by value. */
final class Schedules {

  private Schedules() {
  }

  static void checkStep(long step) {
    if (step < 0) {
      throw new IllegalArgumentException("step must be >= 0, got " + step);
    }
  }

  static void checkGamma(double gamma) {
    if (!(gamma > 0) || !Double.isFinite(gamma)) {
      throw new IllegalArgumentException("gamma must be a finite number > 0, got " + gamma);
    }
  }

  record Constant() implements Schedule {
    @Override
    public double learningRate(double base, long step) {
      checkStep(step);
      return base;
    }
  }

  record StepDecay(long stepSize, double gamma) implements Schedule {
    StepDecay {
      if (stepSize < 1) {
        throw new IllegalArgumentException("stepSize must be >= 1, got " + stepSize);
      }
      checkGamma(gamma);
    }

    @Override
    public double learningRate(double base, long step) {
      checkStep(step);
      return base * Math.pow(gamma, (double) (step / stepSize));
    }
  }

  record Exponential(double gamma) implements Schedule {
    Exponential {
      checkGamma(gamma);
    }

    @Override
    public double learningRate(double base, long step) {
      checkStep(step);
      return base * Math.pow(gamma, (double) step);
    }
  }

  record Cosine(long totalSteps, double minLearningRate) implements Schedule {
    Cosine {
      if (totalSteps < 1) {
        throw new IllegalArgumentException("totalSteps must be >= 1, got " + totalSteps);
      }
      if (!(minLearningRate >= 0) || !Double.isFinite(minLearningRate)) {
        throw new IllegalArgumentException("minLearningRate must be a finite number >= 0, got " + minLearningRate);
      }
    }

    @Override
    public double learningRate(double base, long step) {
      checkStep(step);
      if (step >= totalSteps) {
        return minLearningRate;
      }
      return minLearningRate + (base - minLearningRate) * (1 + Math.cos(Math.PI * step / totalSteps)) / 2;
    }
  }

  record IwaeStages(long stepsPerEpoch) implements Schedule {
    @Override
    public double learningRate(double baseLearningRate, long step) {
      long epoch = step / stepsPerEpoch;
      int stage = 0;
      long end = 1;
      long length = 1;
      while (epoch >= end) {
        stage++;
        length *= 3;
        end += length;
      }
      return baseLearningRate * Math.pow(10, -stage / 7.0);
    }
  }

  record LinearWarmup(long warmupSteps, Schedule then) implements Schedule {
    LinearWarmup {
      if (warmupSteps < 0) {
        throw new IllegalArgumentException("warmupSteps must be >= 0, got " + warmupSteps);
      }
      Objects.requireNonNull(then, "then");
    }

    @Override
    public double learningRate(double base, long step) {
      checkStep(step);
      if (step < warmupSteps) {
        return base * (step + 1) / warmupSteps;
      }
      return then.learningRate(base, step - warmupSteps);
    }
  }
}
