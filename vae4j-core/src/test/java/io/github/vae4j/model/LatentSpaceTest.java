package io.github.vae4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LatentSpaceTest {

  private static float[] row(float[] codes, int index, int d) {
    return Arrays.copyOfRange(codes, index * d, (index + 1) * d);
  }

  private static double norm(float[] v) {
    double s = 0;
    for (float x : v) {
      s += (double) x * x;
    }
    return Math.sqrt(s);
  }

  @Test
  void linearRunsFromAToBInEqualSteps() {
    float[] a = {1, -2, 0.5f};
    float[] b = {3, 2, 0.5f};
    float[] path = LatentSpace.linear(a, b, 5);
    assertEquals(15, path.length);
    assertArrayEquals(a, row(path, 0, 3));
    assertArrayEquals(b, row(path, 4, 3));
    assertArrayEquals(new float[] {2, 0, 0.5f}, row(path, 2, 3), 1e-6f);
    assertArrayEquals(new float[] {1.5f, -1, 0.5f}, row(path, 1, 3), 1e-6f);
  }

  @Test
  void sphericalKeepsTheNormBetweenCodesOfEqualNorm() {
    float[] a = {3, 0, 0, 0};
    float[] b = {0, 0, 0, 3};
    float[] path = LatentSpace.spherical(a, b, 7);
    assertArrayEquals(a, row(path, 0, 4), 1e-6f);
    assertArrayEquals(b, row(path, 6, 4), 1e-6f);
    for (int s = 0; s < 7; s++) {
      assertEquals(3.0, norm(row(path, s, 4)), 1e-5, "step " + s);
    }
    // the midpoint is on the bisector; the straight line's midpoint would have norm 3 / sqrt(2)
    float m = (float) (3 / Math.sqrt(2));
    assertArrayEquals(new float[] {m, 0, 0, m}, row(path, 3, 4), 1e-5f);
    assertEquals(3 / Math.sqrt(2), norm(row(LatentSpace.linear(a, b, 7), 3, 4)), 1e-5);
  }

  @Test
  void sphericalInterpolatesNormsOfUnequalCodesAndHitsBothEnds() {
    float[] a = {1, 2, -1};
    float[] b = {-2, 0.5f, 3};
    float[] path = LatentSpace.spherical(a, b, 4);
    assertArrayEquals(a, row(path, 0, 3), 1e-6f);
    assertArrayEquals(b, row(path, 3, 3), 1e-6f);
    for (int s = 0; s < 4; s++) {
      double n = norm(row(path, s, 3));
      assertTrue(n >= Math.min(norm(a), norm(b)) * 0.99 && n <= Math.max(norm(a), norm(b)) * 1.01, "norm " + n);
    }
  }

  @Test
  void sphericalFallsBackToTheLineForParallelOrZeroCodes() {
    float[] a = {1, 1};
    assertArrayEquals(LatentSpace.linear(a, new float[] {2, 2}, 3), LatentSpace.spherical(a, new float[] {2, 2}, 3));
    assertArrayEquals(LatentSpace.linear(a, new float[] {-1, -1}, 3),
        LatentSpace.spherical(a, new float[] {-1, -1}, 3));
    assertArrayEquals(LatentSpace.linear(new float[2], a, 3), LatentSpace.spherical(new float[2], a, 3));
  }

  @Test
  void interpolationRejectsBadArguments() {
    assertEquals("latent codes differ in length: 2 and 3", assertThrows(IllegalArgumentException.class,
        () -> LatentSpace.linear(new float[2], new float[3], 4)).getMessage());
    assertEquals("interpolation needs steps >= 2, got 1", assertThrows(IllegalArgumentException.class,
        () -> LatentSpace.spherical(new float[2], new float[2], 1)).getMessage());
  }

  @Test
  void traversalHasOneRowPerDimensionFromMinusToPlusRange() {
    float[] base = {0.5f, -1, 2};
    int steps = 5;
    float[] codes = LatentSpace.traversal(base, steps, 2.0);
    assertEquals(3 * steps * 3, codes.length);
    for (int dim = 0; dim < 3; dim++) {
      for (int s = 0; s < steps; s++) {
        float[] code = row(codes, dim * steps + s, 3);
        for (int j = 0; j < 3; j++) {
          float expected = j == dim ? -2f + s : base[j];
          assertEquals(expected, code[j], 1e-6f, "dim " + dim + " step " + s + " coordinate " + j);
        }
      }
    }
    assertThrows(IllegalArgumentException.class, () -> LatentSpace.traversal(base, 1, 2));
    assertThrows(IllegalArgumentException.class, () -> LatentSpace.traversal(base, 3, 0));
    assertThrows(IllegalArgumentException.class, () -> LatentSpace.traversal(base, 3, Double.NaN));
  }

  @Test
  void manifoldGridCoversEqualPriorMassWithUpBeingUp() {
    int side = 4;
    float[] grid = LatentSpace.manifoldGrid(side);
    assertEquals(side * side * 2, grid.length);
    double q1 = LatentSpace.inverseNormalCdf(0.125);
    double q2 = LatentSpace.inverseNormalCdf(0.375);
    float[] xs = {(float) q1, (float) q2, (float) -q2, (float) -q1};
    for (int r = 0; r < side; r++) {
      for (int c = 0; c < side; c++) {
        int i = r * side + c;
        assertEquals(xs[c], grid[2 * i], 1e-6f, "x of row " + r + " column " + c);
        assertEquals(xs[side - 1 - r], grid[2 * i + 1], 1e-6f, "y of row " + r + " column " + c);
      }
    }
    assertTrue(grid[1] > 0 && grid[grid.length - 1] < 0, "the top row has the largest z2");
    assertEquals(-0.6744897, LatentSpace.manifoldGrid(2)[0], 1e-6);
    assertThrows(IllegalArgumentException.class, () -> LatentSpace.manifoldGrid(1));
  }

  @ParameterizedTest
  @CsvSource({
      "0.975, 1.959963985",
      "0.5, 0",
      "1e-6, -4.753424309",
      "0.8413447460685429, 1.0",
      "0.02275013194817921, -2.0",
      "0.02425, -1.9729610513",
      "0.9986501019683699, 3.0",
      "1e-12, -7.034483825",
      "0.25, -0.6744897502"})
  void inverseNormalCdfMatchesKnownQuantiles(double p, double expected) {
    assertEquals(expected, LatentSpace.inverseNormalCdf(p), 1e-6 * Math.max(1, Math.abs(expected)));
  }

  @Test
  void inverseNormalCdfIsSymmetricAndIncreasing() {
    double previous = Double.NEGATIVE_INFINITY;
    for (int i = 1; i < 2000; i++) {
      double p = i / 2000.0;
      double x = LatentSpace.inverseNormalCdf(p);
      assertEquals(-x, LatentSpace.inverseNormalCdf(1 - p), 1e-8, "p = " + p);
      assertTrue(x > previous, "increasing at p = " + p);
      previous = x;
    }
    for (double p : new double[] {1e-9, 1e-6, 0.01, 0.0242, 0.0243, 0.02425}) {
      double x = LatentSpace.inverseNormalCdf(p);
      assertEquals(-x, LatentSpace.inverseNormalCdf(1 - p), 1e-6 * Math.abs(x), "p = " + p);
    }
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, 1, -0.1, 1.5, Double.NaN})
  void inverseNormalCdfRejectsProbabilitiesOutsideTheOpenInterval(double p) {
    assertThrows(IllegalArgumentException.class, () -> LatentSpace.inverseNormalCdf(p));
  }
}
