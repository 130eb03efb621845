package io.github.vae4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TensorTest {

  private static Tensor range(int... shape) {
    int n = Shapes.size(shape);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = i;
    }
    return Tensor.of(v, shape);
  }

  @Test
  void reshapeOfContiguousIsAViewAndTransposeDoesNotCopy() {
    Tensor a = range(2, 3);
    Tensor r = a.reshape(3, 2);
    assertSame(a.data, r.data);
    Tensor t = a.transpose(0, 1);
    assertSame(a.data, t.data);
    assertArrayEquals(new int[] {3, 2}, t.shape());
    assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, t.toArray());
    assertEquals(4f, t.get(1, 1));
    assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, t.reshape(-1).toArray());
  }

  @Test
  void sliceIsAViewWithOffset() {
    Tensor a = range(4, 3);
    Tensor s = a.slice(0, 1, 3);
    assertSame(a.data, s.data);
    assertArrayEquals(new float[] {3, 4, 5, 6, 7, 8}, s.toArray());
    assertArrayEquals(new float[] {1, 4, 7, 10}, a.slice(1, 1, 2).toArray());
  }

  @Test
  void broadcastingFollowsNumpyRules() {
    Tensor a = range(2, 3);
    Tensor b = Tensor.of(new float[] {10, 20, 30}, 3);
    assertArrayEquals(new float[] {10, 21, 32, 13, 24, 35}, a.add(b).toArray());
    Tensor c = Tensor.of(new float[] {100, 200}, 2, 1);
    assertArrayEquals(new float[] {100, 101, 102, 203, 204, 205}, a.add(c).toArray());
    assertArrayEquals(new int[] {2, 2, 3}, range(2, 1, 3).mul(range(2, 1)).shape());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.add(range(2)));
    assertTrue(e.getMessage().contains("do not broadcast"), e.getMessage());
  }

  @Test
  void reductionsComputeTheRightValues() {
    Tensor a = range(2, 3);
    assertEquals(15f, a.sum().item());
    assertArrayEquals(new float[] {3, 5, 7}, a.sum(0).toArray());
    assertArrayEquals(new float[] {3, 12}, a.sum(1).toArray());
    assertArrayEquals(new float[] {2, 5}, a.max(1, false).toArray());
    assertArrayEquals(new int[] {2, 1}, a.sum(true, 1).shape());
    assertArrayEquals(new float[] {1, 4}, a.mean(1).toArray());
  }

  @Test
  void logSumExpAndSoftmaxAreStableForLargeValues() {
    Tensor a = Tensor.of(new float[] {1000f, 1000f, -1000f, -1000f}, 2, 2);
    float[] lse = a.logSumExp(1, false).toArray();
    assertEquals(1000f + (float) Math.log(2), lse[0], 1e-3f);
    assertEquals(-1000f + (float) Math.log(2), lse[1], 1e-3f);
    assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f, 0.5f}, a.softmax(1).toArray(), 1e-6f);
    float[] logp = a.logSoftmax(1).toArray();
    assertEquals((float) -Math.log(2), logp[0], 1e-6f);
  }

  @Test
  void softmaxOverRowsAndOverAStridedAxisMatchDoublePrecision() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(3);
    int rows = 13;
    int n = 37;
    float[] logits = new float[rows * n];
    for (int i = 0; i < logits.length; i++) {
      logits[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(-2, 3)));
    }
    logits[5] = Float.NEGATIVE_INFINITY; // a masked class: probability exactly 0
    Tensor byRows = Tensor.of(logits, rows, n);
    // the same values laid out [n, rows] and reduced over axis 0 take the strided path
    Tensor byColumns = byRows.transpose(0, 1).contiguous();
    float[][] results = {byRows.softmax(1).toArray(), byRows.logSoftmax(1).toArray(),
        byColumns.softmax(0).transpose(0, 1).contiguous().toArray(),
        byColumns.logSoftmax(0).transpose(0, 1).contiguous().toArray()};
    for (int r = 0; r < rows; r++) {
      double m = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < n; k++) {
        m = Math.max(m, logits[r * n + k]);
      }
      double s = 0;
      for (int k = 0; k < n; k++) {
        s += Math.exp(logits[r * n + k] - m);
      }
      for (int k = 0; k < n; k++) {
        int i = r * n + k;
        if (logits[i] == Float.NEGATIVE_INFINITY) {
          for (int v = 0; v < results.length; v += 2) {
            assertEquals(0f, results[v][i]);
            assertEquals(Float.NEGATIVE_INFINITY, results[v + 1][i]);
          }
          continue;
        }
        double logP = logits[i] - m - Math.log(s);
        double p = Math.exp(logP);
        // float rounding of x - max is relative to |log p|, and so is the error of p
        double tolerance = 1e-6 * Math.max(1, Math.abs(logP));
        for (int v = 0; v < results.length; v += 2) {
          assertEquals(p, results[v][i], tolerance * p + 1e-38, "softmax at " + r + ", " + k);
          assertEquals(logP, results[v + 1][i], tolerance, "log-softmax at " + r + ", " + k);
        }
      }
    }
  }

  @Test
  void bceWithLogitsIsStableAtExtremeLogits() {
    Tensor logits = Tensor.of(new float[] {100f, -100f, 100f, -100f, 0f}, 5);
    Tensor target = Tensor.of(new float[] {1f, 0f, 0f, 1f, 1f}, 5);
    float[] loss = logits.binaryCrossEntropyWithLogits(target).toArray();
    assertEquals(0f, loss[0], 1e-6f);
    assertEquals(0f, loss[1], 1e-6f);
    assertEquals(100f, loss[2], 1e-3f);
    assertEquals(100f, loss[3], 1e-3f);
    assertEquals((float) Math.log(2), loss[4], 1e-6f);
    assertTrue(Tensor.of(new float[] {-1e30f, 1e30f}, 2).softplus().isFinite());
  }

  @Test
  void gradientsAccumulateAcrossBackwardCallsUntilZeroed() {
    Tensor w = Tensor.of(new float[] {1f, 2f}, 2).requiresGrad(true);
    w.mul(3f).sum().backward();
    w.mul(3f).sum().backward();
    assertArrayEquals(new float[] {6f, 6f}, w.gradArray());
    w.zeroGrad();
    assertNull(w.gradArray());
  }

  @Test
  void backwardReleasesTheGraphAndIntermediateGradients() {
    Tensor w = Tensor.of(new float[] {1f, 2f}, 2).requiresGrad(true);
    Tensor h = w.exp();
    Tensor loss = h.sum();
    loss.backward();
    assertNull(h.node);
    assertNull(h.grad);
    assertNull(loss.node);
    assertTrue(w.gradArray() != null);
  }

  @Test
  void sharedSubexpressionsSumTheirGradients() {
    Tensor x = Tensor.of(new float[] {3f}, 1).requiresGrad(true);
    Tensor y = x.mul(x).add(x);
    y.sum().backward();
    assertEquals(7f, x.gradArray()[0], 1e-6f);
  }

  @Test
  void noGradRecordsNothing() {
    Tensor w = Tensor.of(new float[] {1f, 2f}, 2).requiresGrad(true);
    try (GradMode _ = GradMode.noGrad()) {
      Tensor y = w.mul(2f);
      assertFalse(y.requiresGrad());
      assertNull(y.node);
      assertFalse(GradMode.isEnabled());
    }
    assertTrue(GradMode.isEnabled());
    assertTrue(w.mul(2f).requiresGrad());
  }

  @Test
  void randomTensorsAreReproducibleFromTheGenerator() {
    float[] a = Tensor.randn(new SplittableRandom(42), 1000).toArray();
    float[] b = Tensor.randn(new SplittableRandom(42), 1000).toArray();
    assertArrayEquals(a, b);
    double mean = 0;
    double sq = 0;
    for (float v : a) {
      mean += v;
      sq += v * v;
    }
    mean /= a.length;
    assertEquals(0, mean, 0.1);
    assertEquals(1, sq / a.length - mean * mean, 0.1);
    float[] u = Tensor.uniform(new SplittableRandom(1), 2f, 3f, 500).toArray();
    for (float v : u) {
      assertTrue(v >= 2f && v < 3f);
    }
  }

  @Test
  void largeElementwiseOpsAgreeWithTheSerialPath() {
    // above Parallel.GRAIN the kernels split across threads; values must not depend on it
    int n = Parallel.GRAIN * 3 + 17;
    Tensor a = Tensor.uniform(new SplittableRandom(5), -2f, 2f, n);
    float[] tanh = a.tanh().toArray();
    float[] src = a.toArray();
    for (int i = 0; i < n; i += 997) {
      assertEquals((float) Math.tanh(src[i]), tanh[i]);
    }
  }

  @Test
  void badArgumentsNameTheProblem() {
    assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[3], 2, 2));
    assertThrows(IllegalArgumentException.class, () -> range(2, 3).reshape(4, -1));
    assertThrows(IllegalArgumentException.class, () -> range(2, 3).matmul(range(2, 3)));
    assertThrows(IllegalArgumentException.class, () -> range(2, 3).slice(1, 2, 5));
    assertThrows(IllegalStateException.class, () -> range(2).requiresGrad(true).mul(2f).backward());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Tensor.linear(range(2, 5), range(3, 4), null));
    assertTrue(e.getMessage().contains("[..., 4]"), e.getMessage());
  }
}
