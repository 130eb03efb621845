package io.github.vae4j.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The Vector API kernels against the scalar reference, and both against double precision. */
class SimdTest {

  private static final Simd.AdamScalars ADAM = new Simd.AdamScalars(1f, 0f, 0.1f, 0.999f, 0.001f, 0.31f, 1e-8f, 2e-3f);
  private static final Simd.AdamScalars ADAM_DECAY =
      new Simd.AdamScalars(0.9999f, 0.01f, 0.2f, 0.99f, 0.01f, 0.7f, 1e-6f, 1e-2f);

  @Test
  void theTestJvmHasTheVectorKernels() {
    assertTrue(Simd.vectorized(), "surefire passes --add-modules jdk.incubator.vector");
    assertEquals("vector-api", Simd.name());
  }

  @Test
  void vectorAdamMatchesTheScalarOneBitForBit() {
    SplittableRandom random = new SplittableRandom(5);
    int n = 1037;
    for (Simd.AdamScalars s : new Simd.AdamScalars[] {ADAM, ADAM_DECAY}) {
      for (int step = 0; step < 3; step++) {
        float[] p = values(random, n);
        float[] g = values(random, n);
        float[] m = values(random, n);
        float[] v = values(random, n);
        for (int i = 0; i < n; i++) {
          v[i] = Math.abs(v[i]);
        }
        float[] p2 = p.clone();
        float[] m2 = m.clone();
        float[] v2 = v.clone();
        // an unaligned range, leaving elements on both sides untouched
        ScalarKernels.adam(p, g, m, v, 3, n - 5, s);
        VectorKernels.adam(p2, g, m2, v2, 3, n - 5, s);
        assertArrayEquals(p, p2);
        assertArrayEquals(m, m2);
        assertArrayEquals(v, v2);
      }
    }
  }

  @Test
  void adamFlushesTinyMomentsAndFollowsTheFormula() {
    float[] p = {1f, 1f, 1f, -2f};
    float[] g = {0f, 0f, 0.5f, -1f};
    float[] m = {1e-31f, -5e-31f, 0.1f, 0f};
    float[] v = {2e-31f, 1e-20f, 0.04f, 0f};
    VectorKernels.adam(p, g, m, v, 0, 4, ADAM);
    assertEquals(0f, m[0]);
    assertEquals(0f, m[1], "0.9 * -5e-31 is below 1e-30");
    assertEquals(0f, v[0]);
    assertEquals(0.999f * 1e-20f, v[1]);
    // element 2 by the formula, in double
    double mi = 0.1 + 0.1 * (0.5 - 0.1);
    double vi = 0.999 * 0.04 + 0.001 * 0.25;
    assertEquals(mi, m[2], 1e-7);
    assertEquals(vi, v[2], 1e-7);
    assertEquals(1 - 2e-3 * mi / (Math.sqrt(vi) / 0.31 + 1e-8), p[2], 1e-6);
    assertEquals(-2 - 2e-3 * (0.1 * -1) / (Math.sqrt(0.001) / 0.31 + 1e-8), p[3], 1e-6);
  }

  @Test
  void crossEntropyMatchesDoublePrecisionInBothKernels() {
    SplittableRandom random = new SplittableRandom(9);
    int n = 4099;
    float[] x = new float[n + 7];
    float[] t = new float[n + 2];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(-6, 3)));
    }
    float[] special = {0f, -0f, 1e-30f, -1e-30f, 88f, -88f, 104f, -104f, 1e4f, -1e4f, 1e30f, -1e30f};
    System.arraycopy(special, 0, x, 7, special.length);
    for (int i = 0; i < t.length; i++) {
      t[i] = i % 3 == 0 ? random.nextFloat() : i % 3 - 1;
    }
    for (boolean vector : new boolean[] {false, true}) {
      float[] loss = new float[n];
      float[] sig = new float[n];
      if (vector) {
        VectorKernels.bceWithLogits(x, 7, t, 2, loss, sig, 0, n);
      } else {
        ScalarKernels.bceWithLogits(x, 7, t, 2, loss, sig, 0, n);
      }
      for (int i = 0; i < n; i++) {
        double xi = x[7 + i];
        double ti = t[2 + i];
        double refLoss = Math.max(xi, 0) - xi * ti + Math.log1p(Math.exp(-Math.abs(xi)));
        double refSig = 1 / (1 + Math.exp(-xi));
        String at = (vector ? "vector" : "scalar") + " kernel at x = " + xi + ", t = " + ti;
        // the loss is a difference of float products: its error is relative to max(x, 0) and |x t|
        double scale = Math.max(1, Math.abs(xi));
        assertEquals(refLoss, loss[i], 2e-7 * scale, at);
        assertEquals(refSig, sig[i], 3e-7 * refSig + 1e-37, at);
      }
    }
  }

  @Test
  void crossEntropyPropagatesNaNAndSkipsTheSigmoidWhenNotAsked() {
    float[] x = new float[33];
    x[20] = Float.NaN;
    float[] t = new float[33];
    float[] loss = new float[33];
    VectorKernels.bceWithLogits(x, 0, t, 0, loss, null, 0, 33);
    assertTrue(Float.isNaN(loss[20]));
    assertEquals((float) Math.log(2), loss[0], 1e-7);
    assertEquals((float) Math.log(2), loss[32], 1e-7);
  }

  private static float[] values(SplittableRandom random, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      int kind = random.nextInt(6);
      a[i] = switch (kind) {
        case 0 -> 0f;
        case 1 -> (float) (random.nextDouble(-1, 1) * 1e-30);
        case 2 -> (float) (random.nextDouble(-1, 1) * 1e-18);
        default -> (float) random.nextGaussian();
      };
    }
    return a;
  }
}
