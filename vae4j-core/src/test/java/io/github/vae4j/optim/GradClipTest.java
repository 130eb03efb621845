package io.github.vae4j.optim;

import static io.github.vae4j.optim.OptimTesting.param;
import static io.github.vae4j.optim.OptimTesting.setGrad;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vae4j.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradClipTest {

  @Test
  void scalesAllGradientsByOneFactorWhenAboveTheLimit() {
    Tensor a = param(0f, 0f);
    Tensor b = param(0f);
    setGrad(a, 3f, 0f);
    setGrad(b, 4f);
    double norm = GradClip.clipGlobalNorm(List.of(a, b), 4.0);
    assertEquals(5.0, norm, 1e-12);
    double c = 4.0 / (5.0 + 1e-6);
    assertArrayEquals(new float[] {(float) (3 * c), 0f}, a.gradArray(), 1e-7f);
    assertArrayEquals(new float[] {(float) (4 * c)}, b.gradArray(), 1e-7f);
    assertEquals(4.0, GradClip.globalNorm(List.of(a, b)), 1e-6);
  }

  @Test
  void leavesGradientsBelowTheLimitAlone() {
    Tensor a = param(0f, 0f);
    setGrad(a, 0.3f, -0.4f);
    assertEquals(0.5, GradClip.clipGlobalNorm(List.of(a), 1.0), 1e-7);
    assertArrayEquals(new float[] {0.3f, -0.4f}, a.gradArray());
  }

  @Test
  void ignoresParametersWithoutGradient() {
    Tensor a = param(0f);
    Tensor none = param(7f);
    setGrad(a, -2f);
    assertEquals(2.0, GradClip.clipGlobalNorm(List.of(a, none), 10.0));
    assertEquals(0.0, GradClip.globalNorm(List.of(none)));
    assertEquals(0.0, GradClip.clipGlobalNorm(List.of(none), 1.0));
  }

  @Test
  void reportsANonFiniteNormWithoutTouchingGradients() {
    Tensor a = param(0f, 0f);
    setGrad(a, Float.POSITIVE_INFINITY, 1f);
    assertTrue(Double.isInfinite(GradClip.clipGlobalNorm(List.of(a), 1.0)));
    assertArrayEquals(new float[] {Float.POSITIVE_INFINITY, 1f}, a.gradArray());
  }

  @Test
  void rejectsANonPositiveLimit() {
    assertEquals("maxNorm must be a finite number > 0, got 0.0",
        assertThrows(IllegalArgumentException.class, () -> GradClip.clipGlobalNorm(List.of(), 0)).getMessage());
  }
}
