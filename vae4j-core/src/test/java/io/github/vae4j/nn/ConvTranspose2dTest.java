package io.github.vae4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vae4j.tensor.Tensor;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The forward* tests need {@code Tensor.convTranspose2d}; the others only the layer's bookkeeping. */
class ConvTranspose2dTest {

  @Test
  void parametersHavePytorchsLayout() {
    ConvTranspose2d deconv = new ConvTranspose2d(32, 16, 4, 2, 1, 0, new SplittableRandom(1));
    assertArrayEquals(new int[] {32, 16, 4, 4}, deconv.weight().shape());
    assertArrayEquals(new int[] {16}, deconv.bias().shape());
    assertEquals(32 * 16 * 16 + 16, deconv.parameterCount());
    // PyTorch's fan-in of a transposed convolution weight [in, out, k, k] is out * k * k
    double bound = 1 / Math.sqrt(16 * 16);
    double max = 0;
    for (float v : deconv.weight().toArray()) {
      max = Math.max(max, Math.abs(v));
    }
    assertTrue(max <= bound && max > 0.99 * bound);
  }

  @Test
  void outputSizeFollowsTheFormula() {
    SplittableRandom r = new SplittableRandom(1);
    assertEquals(14, new ConvTranspose2d(64, 32, 4, 2, 1, 0, r).outputSize(7));
    assertEquals(28, new ConvTranspose2d(32, 1, 4, 2, 1, 0, r).outputSize(14));
    assertEquals(14, new ConvTranspose2d(8, 8, 3, 2, 1, 1, r).outputSize(7));
    assertEquals(13, new ConvTranspose2d(8, 8, 3, 2, 1, 0, r).outputSize(7));
  }

  @Test
  void rejectsBadSettings() {
    SplittableRandom r = new SplittableRandom(1);
    assertEquals("outputPadding must be smaller than stride 2, got 2",
        assertThrows(IllegalArgumentException.class, () -> new ConvTranspose2d(1, 1, 3, 2, 1, 2, r)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> new ConvTranspose2d(1, 1, 3, 1, -1, 0, r));
    assertThrows(IllegalArgumentException.class,
        () -> new ConvTranspose2d(4, 1, 3, 1, 1, 0, r).forward(Tensor.zeros(1, 2, 3, 3)));
  }

  @Test
  void forwardShapesOfAnMnistDecoder() {
    SplittableRandom r = new SplittableRandom(2);
    Sequential decoder = new Sequential(new Linear(16, 64 * 7 * 7, r), new Reshape(64, 7, 7), Activation.relu(),
        new ConvTranspose2d(64, 32, 4, 2, 1, 0, r), Activation.relu(), new ConvTranspose2d(32, 1, 4, 2, 1, 0, r));
    Tensor z = Tensor.randn(new SplittableRandom(3), 5, 16);
    assertArrayEquals(new int[] {5, 1, 28, 28}, decoder.forward(z).shape());
  }

  @Test
  void forwardMatchesANaiveTransposedConvolution() {
    SplittableRandom r = new SplittableRandom(4);
    for (int[] setting : new int[][] {{3, 1, 0, 0}, {3, 1, 1, 0}, {4, 2, 1, 0}, {3, 2, 1, 1}}) {
      int k = setting[0];
      int s = setting[1];
      int p = setting[2];
      int op = setting[3];
      ConvTranspose2d deconv = new ConvTranspose2d(2, 3, k, s, p, op, r);
      int h = 4;
      int w = 5;
      Tensor x = Tensor.randn(r, 2, 2, h, w);
      Tensor y = deconv.forward(x);
      int oh = deconv.outputSize(h);
      int ow = deconv.outputSize(w);
      assertArrayEquals(new int[] {2, 3, oh, ow}, y.shape());
      double[][][][] expected = new double[2][3][oh][ow];
      for (int n = 0; n < 2; n++) {
        for (int o = 0; o < 3; o++) {
          for (double[] row : expected[n][o]) {
            Arrays.fill(row, deconv.bias().get(o));
          }
          for (int c = 0; c < 2; c++) {
            for (int i = 0; i < h; i++) {
              for (int j = 0; j < w; j++) {
                for (int u = 0; u < k; u++) {
                  for (int v = 0; v < k; v++) {
                    int yi = i * s - p + u;
                    int yj = j * s - p + v;
                    if (yi >= 0 && yi < oh && yj >= 0 && yj < ow) {
                      expected[n][o][yi][yj] += (double) x.get(n, c, i, j) * deconv.weight().get(c, o, u, v);
                    }
                  }
                }
              }
            }
          }
          for (int i = 0; i < oh; i++) {
            for (int j = 0; j < ow; j++) {
              assertEquals(expected[n][o][i][j], y.get(n, o, i, j), 1e-4,
                  "k=" + k + " s=" + s + " p=" + p + " op=" + op);
            }
          }
        }
      }
    }
  }

  @Test
  void forwardSendsGradientsToWeightAndBias() {
    ConvTranspose2d deconv = new ConvTranspose2d(1, 2, 4, 2, 1, 0, new SplittableRandom(5));
    deconv.forward(Tensor.ones(1, 1, 3, 3)).sum().backward();
    assertNotNull(deconv.weight().gradArray());
    assertArrayEquals(new float[] {36f, 36f}, deconv.bias().gradArray(), 1e-5f);
  }
}
