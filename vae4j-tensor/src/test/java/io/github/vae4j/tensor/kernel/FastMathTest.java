package io.github.vae4j.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FastMathTest {

  private static void assertRelative(double expected, float actual, double tolerance, String what) {
    // below float's normal range only absolute error makes sense: allow a couple of subnormal steps
    double err = Math.abs(actual - expected) <= 3 * Float.MIN_VALUE ? 0
        : Math.abs(actual - expected) / Math.abs(expected);
    assertTrue(err <= tolerance, what + ": expected " + expected + ", got " + actual + " (relative error " + err + ")");
  }

  @Test
  void expIsAccurateToAFewUlpsOverTheWholeRange() {
    for (double x = -87; x <= 88.5; x += 0.0137) {
      assertRelative(Math.exp((float) x), FastMath.exp((float) x), 4e-7, "exp(" + (float) x + ")");
    }
    assertEquals(1f, FastMath.exp(0f));
    assertEquals(0f, FastMath.exp(-200f));
    assertEquals(Float.POSITIVE_INFINITY, FastMath.exp(100f));
    assertTrue(Float.isNaN(FastMath.exp(Float.NaN)));
    assertRelative(Math.exp(-100f), FastMath.exp(-100f), 0, "subnormal exp(-100)");
  }

  @Test
  void log1pUnitKeepsRelativePrecisionForTinyArguments() {
    for (double e = 1e-30; e <= 1; e *= 1.37) {
      assertRelative(Math.log1p((float) e), FastMath.log1pUnit((float) e), 3e-7, "log1p(" + (float) e + ")");
    }
    assertRelative(Math.log(2), FastMath.log1pUnit(1f), 2e-7, "log(2)");
    assertEquals(0f, FastMath.log1pUnit(0f));
  }

  @Test
  void softplusAndSigmoidMatchTheirDefinitions() {
    for (double x = -120; x <= 120; x += 0.0731) {
      float v = (float) x;
      double softplus = Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
      assertRelative(softplus, FastMath.softplus(v), 5e-7, "softplus(" + v + ")");
      double sigmoid = 1 / (1 + Math.exp(-v));
      assertRelative(sigmoid, FastMath.sigmoid(v), 5e-7, "sigmoid(" + v + ")");
    }
  }
}
