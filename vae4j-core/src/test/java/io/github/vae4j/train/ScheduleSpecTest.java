package io.github.vae4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vae4j.optim.Schedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleSpecTest {

  private static final double BASE = 0.1;

  @Test
  void constantKeepsTheBaseRate() {
    Schedule s = ScheduleSpec.of("constant", 10, 3);
    assertEquals(BASE, s.learningRate(BASE, 0));
    assertEquals(BASE, s.learningRate(BASE, 1000));
  }

  @Test
  void cosineFallsToZeroOverAllEpochs() {
    Schedule s = ScheduleSpec.of("cosine", 10, 3);
    assertEquals(BASE, s.learningRate(BASE, 0), 1e-12);
    assertEquals(BASE / 2, s.learningRate(BASE, 15), 1e-12);
    assertEquals(0, s.learningRate(BASE, 30), 1e-12);
  }

  @Test
  void stepDecaysEveryFewEpochs() {
    Schedule s = ScheduleSpec.of("step:2:0.5", 10, 9);
    assertEquals(BASE, s.learningRate(BASE, 19), 1e-12);
    assertEquals(BASE / 2, s.learningRate(BASE, 20), 1e-12);
    assertEquals(BASE / 4, s.learningRate(BASE, 40), 1e-12);
  }

  @Test
  void exponentialAppliesGammaPerEpochSmoothlyPerStep() {
    Schedule s = ScheduleSpec.of("exponential:0.5", 4, 9);
    assertEquals(BASE / 2, s.learningRate(BASE, 4), 1e-12);
    assertEquals(BASE / 8, s.learningRate(BASE, 12), 1e-12);
    double between = s.learningRate(BASE, 2);
    assertTrue(between < BASE && between > BASE / 2);
  }

  @Test
  void warmupRisesOverSteps() {
    Schedule s = ScheduleSpec.of("warmup:10", 100, 1);
    assertEquals(BASE / 10, s.learningRate(BASE, 0), 1e-12);
    assertEquals(BASE, s.learningRate(BASE, 9), 1e-12);
    assertEquals(BASE, s.learningRate(BASE, 500), 1e-12);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "linear | unknown schedule 'linear'",
      "constant:1 | schedule 'constant:1' has 1 arguments, expected 0",
      "step:2 | schedule 'step:2' has 1 arguments, expected 2",
      "step:x:0.5 | bad number in schedule 'step:x:0.5'",
      "step:0:0.5 | schedule 'step:0:0.5' decays every 0 epochs; expected >= 1",
      "step:-3:0.5 | schedule 'step:-3:0.5' decays every -3 epochs; expected >= 1",
      "step:2:0 | schedule 'step:2:0' needs a factor GAMMA > 0, got 0",
      "exponential:-0.5 | schedule 'exponential:-0.5' needs a factor GAMMA > 0, got -0.5",
      "exponential:NaN | schedule 'exponential:NaN' needs a factor GAMMA > 0, got NaN",
      "warmup:-5 | warmupSteps must be >= 0, got -5"})
  void rejectsBadSpecsSayingWhy(String spec, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScheduleSpec.parse(spec));
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "cosine:"})
  void rejectsEmptyAndNull(String spec) {
    assertThrows(IllegalArgumentException.class, () -> ScheduleSpec.parse(spec));
  }

  @org.junit.jupiter.api.Test
  void iwaeStagesTrainThreeToTheIEpochsAtATenthOverSevenStages() {
    // 10 steps per epoch; stage 0 is epoch 0, stage 1 epochs 1-3, stage 2 epochs 4-12, stage 4 ends at epoch 120
    io.github.vae4j.optim.Schedule s = ScheduleSpec.of("iwae", 10, 121);
    org.junit.jupiter.api.Assertions.assertEquals(1e-3, s.learningRate(1e-3, 9), 1e-15);
    org.junit.jupiter.api.Assertions.assertEquals(1e-3 * Math.pow(10, -1 / 7.0), s.learningRate(1e-3, 10), 1e-15);
    org.junit.jupiter.api.Assertions.assertEquals(1e-3 * Math.pow(10, -1 / 7.0), s.learningRate(1e-3, 39), 1e-15);
    org.junit.jupiter.api.Assertions.assertEquals(1e-3 * Math.pow(10, -2 / 7.0), s.learningRate(1e-3, 40), 1e-15);
    org.junit.jupiter.api.Assertions.assertEquals(1e-3 * Math.pow(10, -4 / 7.0), s.learningRate(1e-3, 1209), 1e-15);
    // the paper's table: stage 4 at 2.7e-4, stage 7 at 1e-4
    org.junit.jupiter.api.Assertions.assertEquals(2.7e-4, s.learningRate(1e-3, 400), 0.05e-4);
    org.junit.jupiter.api.Assertions.assertEquals(1e-4, s.learningRate(1e-3, 10 * 1093), 1e-12);
  }
}
