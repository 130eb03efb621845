package io.github.vae4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.vae4j.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LinearTest {

  @Test
  void forwardMatchesAManualProduct() {
    Linear layer = new Linear(3, 2, new SplittableRandom(7));
    float[] w = layer.weight().toArray();
    float[] b = layer.bias().toArray();
    float[] x = {0.5f, -1f, 2f, 3f, 0.25f, -0.75f};
    Tensor y = layer.forward(Tensor.of(x, 2, 3));
    assertArrayEquals(new int[] {2, 2}, y.shape());
    for (int n = 0; n < 2; n++) {
      for (int o = 0; o < 2; o++) {
        double expected = b[o];
        for (int i = 0; i < 3; i++) {
          expected += (double) x[n * 3 + i] * w[o * 3 + i];
        }
        assertEquals(expected, y.get(n, o), 1e-5);
      }
    }
  }

  @Test
  void keepsLeadingAxes() {
    Linear layer = new Linear(5, 4, new SplittableRandom(1));
    assertArrayEquals(new int[] {2, 3, 4}, layer.forward(Tensor.zeros(2, 3, 5)).shape());
    // with zero input the output is the bias
    assertArrayEquals(layer.bias().toArray(), layer.forward(Tensor.zeros(1, 5)).toArray());
  }

  @Test
  void withoutBias() {
    Linear layer = new Linear(3, 2, false, Init.xavierNormal(), new SplittableRandom(1));
    assertNull(layer.bias());
    assertEquals(List.of("weight"), List.copyOf(layer.namedParameters().keySet()));
    assertArrayEquals(new float[4], layer.forward(Tensor.zeros(2, 3)).toArray());
  }

  @Test
  void defaultInitIsPytorchsUniformBound() {
    Linear layer = new Linear(100, 50, new SplittableRandom(3));
    float bound = (float) (1 / Math.sqrt(100));
    for (float v : layer.weight().toArray()) {
      assertEquals(0, v, bound);
    }
    for (float v : layer.bias().toArray()) {
      assertEquals(0, v, bound);
    }
  }

  @Test
  void sameSeedSameLayer() {
    assertArrayEquals(new Linear(8, 4, new SplittableRandom(5)).weight().toArray(),
        new Linear(8, 4, new SplittableRandom(5)).weight().toArray());
  }

  @Test
  void gradientsReachWeightAndBias() {
    Linear layer = new Linear(2, 1, new SplittableRandom(2));
    layer.forward(Tensor.of(new float[] {1f, 2f, 3f, 4f}, 2, 2)).sum().backward();
    // d(sum y)/dW = column sums of x; d/db = batch size
    assertArrayEquals(new float[] {4f, 6f}, layer.weight().gradArray(), 1e-6f);
    assertArrayEquals(new float[] {2f}, layer.bias().gradArray(), 1e-6f);
  }

  @Test
  void rejectsBadSizesAndInputs() {
    SplittableRandom r = new SplittableRandom(0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Linear(0, 3, r));
    assertEquals("inFeatures must be >= 1, got 0", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Linear(3, -1, r));
    assertThrows(IllegalArgumentException.class, () -> new Linear(3, 2, r).forward(Tensor.zeros(2, 4)));
  }
}
