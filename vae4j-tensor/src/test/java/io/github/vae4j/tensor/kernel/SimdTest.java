package io.github.vae4j.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
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
  void divisionByAConstantIsTheCorrectlyRoundedQuotient() {
    // Adam's bias corrections sqrt(1 - beta2^t) early and late in training, and arbitrary values
    List<Float> constants = new ArrayList<>();
    for (double beta2 : new double[] {0.999, 0.99, 0.9999}) {
      for (int t : new int[] {1, 2, 3, 7, 10, 100, 1000, 5000, 20000}) {
        constants.add((float) Math.sqrt(1 - Math.pow(beta2, t)));
      }
    }
    SplittableRandom random = new SplittableRandom(9);
    for (int i = 0; i < 8; i++) {
      constants.add((float) random.nextDouble(1e-3, 1));
    }
    constants.add(1f);
    VectorSpecies<Float> species = FloatVector.SPECIES_PREFERRED;
    float[] x = new float[1 << 16];
    float[] q = new float[x.length];
    int mismatches = 0;
    for (float c : constants) {
      float r = 1f / c;
      // 2^16 significands in [1, 2) spread over all 2^23, then 2^16 random floats in [2^-64, 2^64)
      for (int round = 0; round < 2; round++) {
        for (int i = 0; i < x.length; i++) {
          x[i] = Float.intBitsToFloat(round == 0 ? 0x3f800000 | (i << 7 | random.nextInt(1 << 7))
              : random.nextInt(0x1f800000, 0x5f800000));
        }
        for (int i = 0; i < x.length; i += species.length()) {
          VectorKernels.divide(FloatVector.fromArray(species, x, i), c, r).intoArray(q, i);
        }
        for (int i = 0; i < x.length; i++) {
          if (Float.floatToRawIntBits(q[i]) != Float.floatToRawIntBits(x[i] / c)) {
            mismatches++;
          }
        }
      }
    }
    assertEquals(0, mismatches);
    float[] special = {0f, 0x1p-64f, Float.POSITIVE_INFINITY, Float.NaN, 1e-15f, 1.8e19f, 1f, 0f,
        0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f};
    float c = 0.031622775f;
    for (int i = 0; i + species.length() <= special.length; i += species.length()) {
      VectorKernels.divide(FloatVector.fromArray(species, special, i), c, 1f / c).intoArray(q, i);
      for (int j = i; j < i + species.length(); j++) {
        assertEquals(special[j] / c, q[j], "x = " + special[j]);
      }
    }
  }

  @Test
  void adamReportsNonFiniteResultsInBothKernels() {
    int n = 37; // two full 16-lane vectors (or more narrower ones) and a tail
    for (int bad : new int[] {-1, 3, 17, 35}) {
      for (float value : new float[] {Float.NaN, Float.NEGATIVE_INFINITY}) {
        for (boolean vector : new boolean[] {false, true}) {
          float[] p = new float[n];
          float[] g = new float[n];
          Arrays.fill(g, 0.25f);
          if (bad >= 0) {
            g[bad] = value;
          }
          boolean finite = vector ? VectorKernels.adam(p, g, new float[n], new float[n], 0, n, ADAM)
              : ScalarKernels.adam(p, g, new float[n], new float[n], 0, n, ADAM);
          assertEquals(bad < 0, finite, (vector ? "vector" : "scalar") + ", gradient " + value + " at " + bad);
        }
      }
    }
    // finite gradients, but an update that overflows the weights: -3e38 - 2.9e38
    Simd.AdamScalars huge = new Simd.AdamScalars(1f, 0f, 0.1f, 0.999f, 0.001f, 0.31f, 1e-8f, 3e38f);
    float[] g = new float[n];
    Arrays.fill(g, 1f);
    float[] p = new float[n];
    Arrays.fill(p, -3e38f);
    assertEquals(false, ScalarKernels.adam(p.clone(), g, new float[n], new float[n], 0, n, huge));
    assertEquals(false, VectorKernels.adam(p.clone(), g, new float[n], new float[n], 0, n, huge));
    Arrays.fill(p, -1e37f);
    assertEquals(true, VectorKernels.adam(p, g, new float[n], new float[n], 0, n, huge), "-1e37 - 2.9e38 is finite");
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
  void expOfNonPositiveValuesMatchesDoublePrecisionInBothKernels() {
    SplittableRandom random = new SplittableRandom(5);
    int n = 1000;
    float[] x = new float[n + 3];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) -(random.nextDouble() * Math.pow(10, random.nextInt(-8, 3)));
    }
    float[] special = {0f, -0f, -1e-30f, -86.9f, -87f, -87.1f, -104f, -1e30f, Float.NEGATIVE_INFINITY, Float.NaN};
    System.arraycopy(special, 0, x, 3, special.length);
    for (boolean vector : new boolean[] {false, true}) {
      float[] y = new float[n + 5];
      float[] inPlace = x.clone();
      if (vector) {
        VectorKernels.expNonPositive(x, 3, y, 5, n);
        VectorKernels.expNonPositive(inPlace, 3, inPlace, 3, n);
      } else {
        ScalarKernels.expNonPositive(x, 3, y, 5, n);
        ScalarKernels.expNonPositive(inPlace, 3, inPlace, 3, n);
      }
      for (int i = 0; i < n; i++) {
        float xi = x[3 + i];
        String at = (vector ? "vector" : "scalar") + " kernel at x = " + xi;
        assertEquals(y[5 + i], inPlace[3 + i], at + " (in place)");
        if (Float.isNaN(xi)) {
          assertTrue(Float.isNaN(y[5 + i]), at);
        } else if (xi < -87f) {
          assertEquals(0f, y[5 + i], at);
        } else {
          double ref = Math.exp(xi);
          assertEquals(ref, y[5 + i], 3e-7 * ref, at);
        }
      }
    }
  }

  @Test
  void crossEntropySumsAgreeWithTheElementwiseLossWithAndWithoutTheSigmoid() {
    SplittableRandom random = new SplittableRandom(12);
    int n = 1000;
    float[] x = new float[n + 3];
    float[] t = new float[n + 1];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (random.nextGaussian() * 4);
    }
    for (int i = 0; i < t.length; i++) {
      t[i] = random.nextFloat();
    }
    float[] loss = new float[n];
    float[] sigmoid = new float[n];
    ScalarKernels.bceWithLogits(x, 3, t, 1, loss, sigmoid, 0, n);
    double exact = 0;
    for (float l : loss) {
      exact += l;
    }
    for (boolean vector : new boolean[] {false, true}) {
      // the kernels index the sigmoid from 0, as they index the loss
      float[] kept = new float[n];
      float withSigmoid = vector ? VectorKernels.bceWithLogitsSum(x, 3, t, 1, kept, 0, n)
          : ScalarKernels.bceWithLogitsSum(x, 3, t, 1, kept, 0, n);
      float without = vector ? VectorKernels.bceWithLogitsSum(x, 3, t, 1, null, 0, n)
          : ScalarKernels.bceWithLogitsSum(x, 3, t, 1, null, 0, n);
      String kernel = vector ? "vector" : "scalar";
      assertEquals(exact, withSigmoid, 1e-5 * exact, kernel + " sum");
      assertEquals(withSigmoid, without, kernel + ": the sum does not depend on keeping the sigmoid");
      for (int i = 0; i < n; i++) {
        assertEquals(sigmoid[i], kept[i], 3e-7f, kernel + " sigmoid at " + i);
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

  @Test
  void allFiniteFindsAnInfinityOrNaNAnywhere() {
    float[] a = new float[77];
    Arrays.fill(a, 3e38f);
    assertTrue(VectorKernels.allFinite(a, 0, a.length));
    assertTrue(ScalarKernels.allFinite(a, 0, a.length));
    for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
      for (int at : new int[] {0, 15, 16, 63, 64, 76}) {
        float[] b = a.clone();
        b[at] = bad;
        assertEquals(false, VectorKernels.allFinite(b, 0, b.length), bad + " at " + at);
        assertEquals(false, ScalarKernels.allFinite(b, 0, b.length), bad + " at " + at);
        // outside the range it is not looked at
        assertEquals(at != 0, !VectorKernels.allFinite(b, 1, b.length), bad + " at " + at + " from 1");
      }
    }
  }

  @Test
  void simpleKernelsMatchTheScalarOnes() {
    SplittableRandom random = new SplittableRandom(11);
    int n = 203;
    float[] x = values(random, n + 4);
    x[9] = Float.NaN;
    x[40] = -0f;
    float[] g = values(random, n + 4);
    // relu and its gradient, over an unaligned range with an input offset
    float[] y1 = new float[n];
    float[] y2 = new float[n];
    ScalarKernels.relu(x, 4, y1, 1, n);
    VectorKernels.relu(x, 4, y2, 1, n);
    assertArrayEquals(y1, y2);
    assertTrue(Float.isNaN(y2[5]));
    float[] gx1 = new float[n];
    float[] gx2 = new float[n];
    ScalarKernels.reluBackward(y1, g, gx1, 1, n);
    VectorKernels.reluBackward(y1, g, gx2, 1, n);
    assertArrayEquals(gx1, gx2);
    for (int i = 1; i < n; i++) {
      float expected = y1[i] > 0 ? g[i] : Float.isNaN(y1[i]) ? Float.NaN : 0f;
      assertEquals(expected, gx2[i], "at " + i);
    }
    // in-place add with offsets
    float[] a1 = values(random, n);
    float[] a2 = a1.clone();
    ScalarKernels.addInPlace(a1, 2, g, 3, n - 2);
    VectorKernels.addInPlace(a2, 2, g, 3, n - 2);
    assertArrayEquals(a1, a2);
    // scaled difference
    float[] d1 = new float[n];
    float[] d2 = new float[n];
    ScalarKernels.scaledDifference(-0.75f, y1, g, 4, d1, 3, n);
    VectorKernels.scaledDifference(-0.75f, y1, g, 4, d2, 3, n);
    assertArrayEquals(d1, d2);
    assertEquals(-0.75f * (y1[100] - g[104]), d2[100]);
  }

  @Test
  void vectorSumIsCloseToTheExactSum() {
    SplittableRandom random = new SplittableRandom(12);
    float[] x = new float[10_007];
    double exact = 0;
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    for (int i = 5; i < x.length; i++) {
      exact += x[i];
    }
    assertEquals(exact, VectorKernels.sum(x, 5, x.length), 1e-3);
    assertEquals(exact, ScalarKernels.sum(x, 5, x.length), 1e-3);
    assertEquals(0f, VectorKernels.sum(x, 7, 7));
    assertEquals(x[3], VectorKernels.sum(x, 3, 4));
  }

  @Test
  void unitBytesMatchDividingBy255() {
    byte[] src = new byte[300];
    for (int i = 0; i < src.length; i++) {
      src[i] = (byte) (i * 7);
    }
    float[] v = new float[290];
    float[] s = new float[290];
    VectorKernels.unitBytes(src, 3, v, 1, 285);
    ScalarKernels.unitBytes(src, 3, s, 1, 285);
    assertArrayEquals(s, v);
    for (int i = 0; i < 285; i++) {
      assertEquals(((i + 3) * 7 & 0xFF) / 255f, v[1 + i]);
    }
    assertEquals(0f, v[0]);
    assertEquals(0f, v[289]);
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
