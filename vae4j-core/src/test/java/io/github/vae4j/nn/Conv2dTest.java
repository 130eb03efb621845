package io.github.vae4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vae4j.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The forward* tests need {@code Tensor.conv2d}; the others only the layer's bookkeeping. */
class Conv2dTest {

  @Test
  void parametersHavePytorchsLayout() {
    Conv2d conv = new Conv2d(3, 8, 5, 1, 2, new SplittableRandom(1));
    assertArrayEquals(new int[] {8, 3, 5, 5}, conv.weight().shape());
    assertArrayEquals(new int[] {8}, conv.bias().shape());
    assertEquals(List.of("weight", "bias"), List.copyOf(conv.namedParameters().keySet()));
    assertEquals(8 * 3 * 25 + 8, conv.parameterCount());
    double bound = 1 / Math.sqrt(3 * 25);
    for (float v : conv.weight().toArray()) {
      assertTrue(Math.abs(v) <= bound);
    }
    for (float v : conv.bias().toArray()) {
      assertTrue(Math.abs(v) <= bound);
    }
  }

  @Test
  void outputSizeFollowsTheFormula() {
    SplittableRandom r = new SplittableRandom(1);
    assertEquals(14, new Conv2d(1, 32, 4, 2, 1, r).outputSize(28));
    assertEquals(7, new Conv2d(32, 64, 4, 2, 1, r).outputSize(14));
    assertEquals(28, new Conv2d(1, 4, 3, 1, 1, r).outputSize(28));
    assertEquals(13, new Conv2d(1, 4, 3, 2, 0, r).outputSize(28));
    assertThrows(IllegalArgumentException.class, () -> new Conv2d(1, 4, 5, 1, 0, r).outputSize(3));
  }

  @Test
  void rejectsBadSettings() {
    SplittableRandom r = new SplittableRandom(1);
    assertEquals("stride must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> new Conv2d(1, 4, 3, 0, 1, r)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Conv2d(0, 4, 3, 1, 1, r));
    assertThrows(IllegalArgumentException.class, () -> new Conv2d(1, 4, 0, 1, 1, r));
    assertThrows(IllegalArgumentException.class, () -> new Conv2d(1, 4, 3, 1, -1, r));
    assertThrows(IllegalArgumentException.class, () -> new Conv2d(3, 4, 3, 1, 1, r).forward(Tensor.zeros(2, 1, 8, 8)));
    assertThrows(IllegalArgumentException.class, () -> new Conv2d(3, 4, 3, 1, 1, r).forward(Tensor.zeros(3, 8, 8)));
  }

  @Test
  void forwardShapesOfAnMnistEncoder() {
    SplittableRandom r = new SplittableRandom(2);
    Sequential encoder = new Sequential(new Conv2d(1, 32, 4, 2, 1, r), Activation.relu(),
        new Conv2d(32, 64, 4, 2, 1, r), Activation.relu(), new Flatten(), new Linear(64 * 7 * 7, 16, r));
    Tensor x = Tensor.rand(new SplittableRandom(3), 5, 1, 28, 28);
    assertArrayEquals(new int[] {5, 32, 14, 14}, encoder.get(0).forward(x).shape());
    assertArrayEquals(new int[] {5, 16}, encoder.forward(x).shape());
  }

  @Test
  void forwardMatchesANaiveConvolution() {
    SplittableRandom r = new SplittableRandom(4);
    for (int[] setting : new int[][] {{3, 1, 0}, {3, 1, 1}, {4, 2, 1}, {3, 2, 0}}) {
      int k = setting[0];
      int s = setting[1];
      int p = setting[2];
      Conv2d conv = new Conv2d(2, 3, k, s, p, r);
      Tensor x = Tensor.randn(r, 2, 2, 7, 6);
      Tensor y = conv.forward(x);
      int oh = conv.outputSize(7);
      int ow = conv.outputSize(6);
      assertArrayEquals(new int[] {2, 3, oh, ow}, y.shape());
      for (int n = 0; n < 2; n++) {
        for (int o = 0; o < 3; o++) {
          for (int i = 0; i < oh; i++) {
            for (int j = 0; j < ow; j++) {
              double sum = conv.bias().get(o);
              for (int c = 0; c < 2; c++) {
                for (int u = 0; u < k; u++) {
                  for (int v = 0; v < k; v++) {
                    int h = i * s - p + u;
                    int w = j * s - p + v;
                    if (h >= 0 && h < 7 && w >= 0 && w < 6) {
                      sum += (double) x.get(n, c, h, w) * conv.weight().get(o, c, u, v);
                    }
                  }
                }
              }
              assertEquals(sum, y.get(n, o, i, j), 1e-4, "k=" + k + " s=" + s + " p=" + p);
            }
          }
        }
      }
    }
  }

  @Test
  void forwardSendsGradientsToWeightAndBias() {
    Conv2d conv = new Conv2d(1, 2, 3, 1, 1, new SplittableRandom(5));
    conv.forward(Tensor.ones(1, 1, 4, 4)).sum().backward();
    assertNotNull(conv.weight().gradArray());
    // every output position adds 1 to each bias: 4 * 4 positions
    assertArrayEquals(new float[] {16f, 16f}, conv.bias().gradArray(), 1e-5f);
  }
}
