package io.github.vae4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.vae4j.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScheduleTest {

  private static final double BASE = 0.1;

  @Test
  void constant() {
    Schedule s = Schedule.constant();
    assertEquals(BASE, s.learningRate(BASE, 0));
    assertEquals(BASE, s.learningRate(BASE, 1_000_000));
  }

  @Test
  void stepDecaysEveryStepSize() {
    Schedule s = Schedule.step(10, 0.5);
    assertEquals(0.1, s.learningRate(BASE, 0), 1e-15);
    assertEquals(0.1, s.learningRate(BASE, 9), 1e-15);
    assertEquals(0.05, s.learningRate(BASE, 10), 1e-15);
    assertEquals(0.05, s.learningRate(BASE, 19), 1e-15);
    assertEquals(0.0125, s.learningRate(BASE, 35), 1e-15);
  }

  @Test
  void exponentialDecaysEveryStep() {
    Schedule s = Schedule.exponential(0.9);
    assertEquals(0.1, s.learningRate(BASE, 0), 1e-15);
    assertEquals(0.09, s.learningRate(BASE, 1), 1e-15);
    assertEquals(0.081, s.learningRate(BASE, 2), 1e-15);
    assertEquals(0.1 * Math.pow(0.9, 50), s.learningRate(BASE, 50), 1e-15);
  }

  @Test
  void cosineGoesFromBaseToMinimumThenStays() {
    Schedule s = Schedule.cosine(100, 0.001);
    assertEquals(0.1, s.learningRate(BASE, 0), 1e-15);
    assertEquals(0.001 + 0.099 / 2, s.learningRate(BASE, 50), 1e-15);
    assertEquals(0.001 + 0.099 * (1 + Math.cos(Math.PI / 4)) / 2, s.learningRate(BASE, 25), 1e-15);
    assertEquals(0.001, s.learningRate(BASE, 100), 1e-15);
    assertEquals(0.001, s.learningRate(BASE, 500), 1e-15);
  }

  @Test
  void linearWarmupRisesThenHandsOver() {
    Schedule s = Schedule.linearWarmup(4, Schedule.exponential(0.5));
    assertEquals(0.025, s.learningRate(BASE, 0), 1e-15);
    assertEquals(0.05, s.learningRate(BASE, 1), 1e-15);
    assertEquals(0.1, s.learningRate(BASE, 3), 1e-15);
    assertEquals(0.1, s.learningRate(BASE, 4), 1e-15);
    assertEquals(0.05, s.learningRate(BASE, 5), 1e-15);
    assertEquals(0.1, Schedule.linearWarmup(0, Schedule.constant()).learningRate(BASE, 0));
  }

  @Test
  void appliesToAnOptimizerFromItsInitialRate() {
    Sgd sgd = new Sgd(Map.of("p", Tensor.zeros(1).requiresGrad(true)), Sgd.Config.of(0.1));
    Schedule s = Schedule.step(2, 0.1);
    s.apply(sgd, 2);
    assertEquals(0.01, sgd.learningRate(), 1e-15);
    s.apply(sgd, 4);
    assertEquals(0.001, sgd.learningRate(), 1e-15);
  }

  @Test
  void printsItsSettings() {
    assertEquals("LinearWarmup[warmupSteps=10, then=Cosine[totalSteps=100, minLearningRate=0.0]]",
        Schedule.linearWarmup(10, Schedule.cosine(100, 0)).toString());
  }

  @Test
  void rejectsBadSettingsAndNegativeSteps() {
    assertEquals("stepSize must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> Schedule.step(0, 0.5)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> Schedule.exponential(0));
    assertThrows(IllegalArgumentException.class, () -> Schedule.cosine(0, 0));
    assertThrows(IllegalArgumentException.class, () -> Schedule.cosine(10, -1));
    assertThrows(IllegalArgumentException.class, () -> Schedule.linearWarmup(-1, Schedule.constant()));
    assertThrows(IllegalArgumentException.class, () -> Schedule.constant().learningRate(BASE, -1));
  }
}
