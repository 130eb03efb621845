package io.github.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WarmUpTest {

  /** The warm-up runs to its end on its own model: it must never fail the command it runs beside. */
  @Test
  void runsToTheEndWithoutTouchingAnythingElse() {
    assertTimeoutPreemptively(Duration.ofSeconds(60), WarmUp::run);
  }
}
