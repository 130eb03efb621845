package io.github.vae4j.train;

import io.github.vae4j.optim.Schedule;

/** Parses learning-rate schedule specs of {@link TrainConfig} into {@link Schedule}s over steps. */
final class ScheduleSpec {

  private ScheduleSpec() {
  }

  /** Validates a spec; the schedule itself needs the number of steps per epoch. */
  static void parse(String spec) {
    of(spec, 1, 1);
  }

  static Schedule of(String spec, long stepsPerEpoch, int epochs) {
    if (spec == null) {
      throw new IllegalArgumentException("schedule must not be null");
    }
    String[] parts = spec.split(":", -1);
    try {
      return switch (parts[0]) {
        case "constant" -> {
          expect(spec, parts, 1);
          yield Schedule.constant();
        }
        case "cosine" -> {
          expect(spec, parts, 1);
          yield Schedule.cosine(Math.max(1, stepsPerEpoch * epochs), 0.0);
        }
        case "step" -> {
          expect(spec, parts, 3);
          long every = Long.parseLong(parts[1]);
          if (every < 1) {
            throw new IllegalArgumentException("schedule '" + spec + "' decays every " + every
                + " epochs; expected >= 1");
          }
          yield Schedule.step(every * Math.max(1, stepsPerEpoch), gamma(spec, parts[2]));
        }
        case "exponential" -> {
          // gamma per epoch, applied smoothly per step
          expect(spec, parts, 2);
          yield Schedule.exponential(Math.pow(gamma(spec, parts[1]), 1.0 / Math.max(1, stepsPerEpoch)));
        }
        case "iwae" -> {
          expect(spec, parts, 1);
          yield Schedule.iwaeStages(Math.max(1, stepsPerEpoch));
        }
        case "warmup" -> {
          expect(spec, parts, 2);
          yield Schedule.linearWarmup(Long.parseLong(parts[1]), Schedule.constant());
        }
        default -> throw new IllegalArgumentException("unknown schedule '" + spec
            + "'; expected constant, cosine, step:EPOCHS:GAMMA, exponential:GAMMA, warmup:STEPS or iwae");
      };
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad number in schedule '" + spec + "'", e);
    }
  }

  private static double gamma(String spec, String text) {
    double gamma = Double.parseDouble(text);
    if (!(gamma > 0) || !Double.isFinite(gamma)) {
      throw new IllegalArgumentException("schedule '" + spec + "' needs a factor GAMMA > 0, got " + text);
    }
    return gamma;
  }

  private static void expect(String spec, String[] parts, int count) {
    if (parts.length != count) {
      throw new IllegalArgumentException("schedule '" + spec + "' has " + (parts.length - 1)
          + " arguments, expected " + (count - 1));
    }
  }
}
