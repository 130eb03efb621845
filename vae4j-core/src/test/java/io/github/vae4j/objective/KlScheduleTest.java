package io.github.vae4j.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vae4j.io.Json;
import io.github.vae4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KlScheduleTest {

  /** 10 epochs of 100 steps. */
  private static final StepContext RUN = new StepContext(0, 1, 100, 10, 12_800);

  private static double at(KlSchedule schedule, long step) {
    return schedule.weight(RUN.atStep(step));
  }

  @Test
  void constantIsBetaThroughout() {
    KlSchedule beta = KlSchedule.parse("constant:4");
    assertEquals(4.0, at(beta, 0));
    assertEquals(4.0, at(beta, 999));
    assertEquals(1.0, at(KlSchedule.parse("constant"), 500));
  }

  @Test
  void linearWarmUpRisesFromZeroToOneOverItsSteps() {
    KlSchedule warmUp = KlSchedule.parse("linear:200");
    assertEquals(0.0, at(warmUp, 0));
    assertEquals(0.25, at(warmUp, 50), 1e-12);
    assertEquals(0.5, at(warmUp, 100), 1e-12);
    assertEquals(1.0, at(warmUp, 200));
    assertEquals(1.0, at(warmUp, 900));
    assertEquals(2.0, at(KlSchedule.parse("linear:200:4"), 100), 1e-12);
  }

  @Test
  void cyclicalRisesOverTheFirstRatioOfEachCycle() {
    // 1,000 steps in 4 cycles of 250; β rises over the first half of each (Fu et al., M = 4, R = 0.5)
    KlSchedule cyclical = KlSchedule.parse("cyclical:4:0.5");
    assertEquals(0.0, at(cyclical, 0));
    assertEquals(0.5, at(cyclical, 62), 0.01);
    assertEquals(1.0, at(cyclical, 125), 1e-12);
    assertEquals(1.0, at(cyclical, 249));
    assertEquals(0.0, at(cyclical, 250));
    assertEquals(0.4, at(cyclical, 300), 1e-12);
    assertEquals(1.0, at(cyclical, 999));
  }

  @Test
  void capacityPenalizesTheDistanceToARisingCapacity() {
    KlSchedule.Capacity capacity = (KlSchedule.Capacity) KlSchedule.parse("capacity:25:500:1000");
    assertEquals(0.0, capacity.capacity(RUN.atStep(0)));
    assertEquals(10.0, capacity.capacity(RUN.atStep(200)), 1e-12);
    assertEquals(25.0, capacity.capacity(RUN.atStep(800)));
    assertEquals(1000.0, at(capacity, 10));
    // γ |KL - C|: at step 200 (C = 10) a KL of 12 costs 2000, a KL of 7 costs 3000
    assertEquals(2000f, capacity.penalty(Tensor.scalar(12f), RUN.atStep(200)).item(), 1e-2);
    assertEquals(3000f, capacity.penalty(Tensor.scalar(7f), RUN.atStep(200)).item(), 1e-2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"constant", "constant:4.0", "linear:1000", "linear:1000:2.0", "cyclical:4:0.5",
      "cyclical:3:0.25:0.5", "capacity:25.0:10000:1000.0"})
  void textRoundTripsThroughParseAndJson(String text) {
    KlSchedule schedule = KlSchedule.parse(text);
    assertEquals(text, schedule.toString());
    assertEquals("\"" + text + "\"", Json.compact(schedule));
    assertEquals(schedule, Json.mapper().convertValue(text, KlSchedule.class));
  }

  @Test
  void badSchedulesAreNamed() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> KlSchedule.parse("warmup:10")).getMessage()
        .startsWith("unknown KL schedule 'warmup:10'; expected constant"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> KlSchedule.parse("linear:ten")).getMessage()
        .contains("not a number"));
    assertEquals("KL schedule STEPS must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> KlSchedule.parse("linear:0")).getMessage());
    assertEquals("cyclical:CYCLES:RATIO needs RATIO in (0, 1], got 1.5",
        assertThrows(IllegalArgumentException.class, () -> KlSchedule.parse("cyclical:2:1.5")).getMessage());
    assertThrows(IllegalArgumentException.class, () -> KlSchedule.parse("capacity:5:10"));
    assertThrows(IllegalArgumentException.class, () -> KlSchedule.parse(""));
  }
}
