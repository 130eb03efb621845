package io.github.vae4j.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What every {@link Gemm} backend must do, checked against {@link ReferenceGemm}. Subclasses say
 * which backend.
 */
abstract class GemmContract {

  /** Marks elements of C outside the [m, n] window; a backend must leave them alone. */
  private static final float PADDING = 12345.5f;

  abstract Gemm gemm();

  /**
   * One product: shapes, scalars and layout. Leading dimensions are the row length plus the pad.
   */
  record Case(boolean transA, boolean transB, int m, int n, int k, float alpha, float beta,
      int aOffset, int aPad, int bOffset, int bPad, int cOffset, int cPad) {

    static Case plain(boolean transA, boolean transB, int m, int n, int k, float alpha,
        float beta) {
      return new Case(transA, transB, m, n, k, alpha, beta, 0, 0, 0, 0, 0, 0);
    }

    int lda() {
      return Math.max(1, transA ? m : k) + aPad;
    }

    int ldb() {
      return Math.max(1, transB ? k : n) + bPad;
    }

    int ldc() {
      return Math.max(1, n) + cPad;
    }
  }

  /** Runs a case on seeded random data and checks C, inside and outside its window. */
  void check(Case t, long seed, boolean nanInC) {
    SplittableRandom random = new SplittableRandom(seed);
    int aRows = t.transA() ? t.k() : t.m();
    int bRows = t.transB() ? t.n() : t.k();
    float[] a = randoms(random, t.aOffset() + aRows * t.lda() + 3);
    float[] b = randoms(random, t.bOffset() + bRows * t.ldb() + 3);
    float[] c = new float[t.cOffset() + t.m() * t.ldc() + 3];
    Arrays.fill(c, PADDING);
    for (int i = 0; i < t.m(); i++) {
      for (int j = 0; j < t.n(); j++) {
        c[t.cOffset() + i * t.ldc() + j] = nanInC ? Float.NaN : (float) random.nextDouble(-1, 1);
      }
    }
    double[][][] reference = ReferenceGemm.sgemm(t.transA(), t.transB(), t.m(), t.n(), t.k(),
        t.alpha(), a, t.aOffset(), t.lda(), b, t.bOffset(), t.ldb(), t.beta(), c, t.cOffset(),
        t.ldc());
    gemm().sgemm(t.transA(), t.transB(), t.m(), t.n(), t.k(), t.alpha(), a, t.aOffset(), t.lda(),
        b, t.bOffset(), t.ldb(), t.beta(), c, t.cOffset(), t.ldc());
    assertMatches(t, reference, c);
  }

  private void assertMatches(Case t, double[][][] reference, float[] c) {
    // float32 round-off of a k-term sum (any order, fused or not), alpha and beta: (k + 3) u,
    // doubled for margin; relative to the sum of the terms' magnitudes
    double tolerance = 2 * (t.k() + 3) * 0x1p-24;
    boolean[] inWindow = new boolean[c.length];
    for (int i = 0; i < t.m(); i++) {
      for (int j = 0; j < t.n(); j++) {
        int index = t.cOffset() + i * t.ldc() + j;
        inWindow[index] = true;
        double expected = reference[0][i][j];
        double bound = tolerance * reference[1][i][j] + Float.MIN_NORMAL;
        if (!(Math.abs(c[index] - expected) <= bound)) {
          fail(gemm().name() + " " + t + ": C[" + i + ", " + j + "] = " + c[index]
              + ", expected " + expected + " +- " + bound);
        }
      }
    }
    for (int index = 0; index < c.length; index++) {
      if (!inWindow[index] && c[index] != PADDING) {
        fail(gemm().name() + " " + t + ": wrote " + c[index] + " at " + index
            + ", outside the C window");
      }
    }
  }

  private static float[] randoms(SplittableRandom random, int length) {
    float[] values = new float[length];
    for (int i = 0; i < length; i++) {
      values[i] = (float) random.nextDouble(-1, 1);
    }
    return values;
  }

  @Test
  void oneByOne() {
    check(Case.plain(false, false, 1, 1, 1, 2f, 0.5f), 1, false);
    float[] c = {3f};
    gemm().sgemm(false, false, 1, 1, 1, 1f, new float[] {2f}, 0, 1, new float[] {5f}, 0, 1,
        0f, c, 0, 1);
    assertEquals(10f, c[0]);
  }

  @ParameterizedTest(name = "transA={0} transB={1}")
  @CsvSource({"false,false", "false,true", "true,false", "true,true"})
  void threeByFiveTimesFiveBySeven(boolean transA, boolean transB) {
    check(Case.plain(transA, transB, 3, 7, 5, 1f, 0f), 2, false);
    check(Case.plain(transA, transB, 3, 7, 5, 1.5f, -0.75f), 3, false);
  }

  @ParameterizedTest(name = "transA={0} transB={1}")
  @CsvSource({"false,false", "false,true", "true,false", "true,true"})
  void offsetsAndPaddedLeadingDimensions(boolean transA, boolean transB) {
    check(new Case(transA, transB, 3, 7, 5, -1.25f, 0.5f, 3, 5, 7, 2, 11, 4), 4, false);
    check(new Case(transA, transB, 9, 6, 13, 0.3f, 2.5f, 1, 1, 2, 9, 5, 1), 5, false);
  }

  @ParameterizedTest(name = "transA={0} transB={1}")
  @CsvSource({"false,false", "false,true", "true,false", "true,true"})
  void betaZeroOverwritesNaN(boolean transA, boolean transB) {
    check(new Case(transA, transB, 5, 6, 7, 1f, 0f, 2, 3, 1, 0, 4, 2), 6, true);
    check(new Case(transA, transB, 70, 45, 300, 0.5f, 0f, 0, 0, 0, 1, 3, 5), 7, true);
  }

  @Test
  void betaZeroOverwritesAnEarlierLargerProduct() {
    SplittableRandom random = new SplittableRandom(8);
    float[] a = randoms(random, 4 * 784);
    float[] b = randoms(random, 784 * 6);
    float[] c = new float[4 * 6];
    gemm().sgemm(false, false, 4, 6, 784, 1f, a, 0, 784, b, 0, 6, 0f, c, 0, 6);
    float[] fresh = new float[4 * 6];
    gemm().sgemm(false, false, 4, 6, 3, 1f, a, 0, 784, b, 0, 6, 0f, fresh, 0, 6);
    gemm().sgemm(false, false, 4, 6, 3, 1f, a, 0, 784, b, 0, 6, 0f, c, 0, 6);
    assertArrayEquals(fresh, c);
  }

  @Test
  void alphaZeroOnlyScalesC() {
    float[] a = {Float.NaN, 1f, 2f, 3f};
    float[] b = {1f, Float.NaN, 2f, 3f};
    float[] c = {1f, -2f, 3f, 4f};
    gemm().sgemm(false, false, 2, 2, 2, 0f, a, 0, 2, b, 0, 2, -2f, c, 0, 2);
    assertArrayEquals(new float[] {-2f, 4f, -6f, -8f}, c);
  }

  @Test
  void emptySumScalesC() {
    float[] c = {1f, -2f, 3f, 4f, PADDING};
    gemm().sgemm(false, true, 2, 2, 0, 1f, new float[0], 0, 1, new float[0], 0, 1, 3f, c, 0, 2);
    assertArrayEquals(new float[] {3f, -6f, 9f, 12f, PADDING}, c);
    float[] nan = {Float.NaN, Float.NaN, PADDING, Float.NaN, Float.NaN};
    gemm().sgemm(true, false, 2, 2, 0, 1f, new float[0], 0, 2, new float[0], 0, 2, 0f, nan, 0, 3);
    assertArrayEquals(new float[] {0f, 0f, PADDING, 0f, 0f}, nan);
  }

  @Test
  void emptyResultTouchesNothing() {
    float[] c = {PADDING};
    gemm().sgemm(false, false, 0, 5, 3, 1f, new float[0], 0, 3, new float[15], 0, 5, 0f, c, 0, 5);
    gemm().sgemm(false, false, 5, 0, 3, 1f, new float[15], 0, 3, new float[0], 0, 1, 0f, c, 0, 1);
    assertArrayEquals(new float[] {PADDING}, c);
  }

  @ParameterizedTest(name = "transA={0} transB={1}")
  @CsvSource({"false,false", "false,true", "true,false", "true,true"})
  void crossesBlockBoundaries(boolean transA, boolean transB) {
    // m not a multiple of 4, n > JavaGemm.NC, k > JavaGemm.KC and not a multiple of 4; large
    // enough for JavaGemm to split it across threads
    check(new Case(transA, transB, 37, 600, 530, 0.75f, -0.5f, 5, 3, 2, 1, 7, 9), 9, false);
  }

  @Test
  void mlpForward() {
    // [128, 784] x [784, 400], then X W^T with W stored [out, in] = [400, 784]
    check(Case.plain(false, false, 128, 400, 784, 1f, 0f), 10, true);
    check(Case.plain(false, true, 128, 400, 784, 1f, 0f), 11, true);
    check(Case.plain(false, true, 128, 20, 400, 1f, 1f), 12, false);
  }

  @Test
  void mlpBackward() {
    // dW = dY^T X: [400, 128] x [128, 784], dY stored [128, 400]; beta 1 accumulates
    check(Case.plain(true, false, 400, 784, 128, 1f, 0f), 13, true);
    check(Case.plain(true, false, 400, 784, 128, 1f, 1f), 14, false);
    // dX = dY W: [128, 400] x [400, 784]
    check(Case.plain(false, false, 128, 784, 400, 1f, 0f), 15, true);
    check(Case.plain(true, false, 20, 400, 128, 1f, 0f), 16, false);
    check(Case.plain(false, false, 128, 400, 20, 1f, 0f), 17, false);
  }

  @Test
  void randomAwkwardShapes() {
    SplittableRandom random = new SplittableRandom(18);
    float[] scalars = {0f, 1f, -1f, 0.5f, -2.25f};
    for (int trial = 0; trial < 60; trial++) {
      Case t = new Case(random.nextBoolean(), random.nextBoolean(),
          random.nextInt(1, 40), random.nextInt(1, 40), random.nextInt(1, 70),
          scalars[random.nextInt(1, scalars.length)], scalars[random.nextInt(scalars.length)],
          random.nextInt(6), random.nextInt(4), random.nextInt(6), random.nextInt(4),
          random.nextInt(6), random.nextInt(4));
      check(t, trial, t.beta() == 0f && random.nextBoolean());
    }
  }

  @Test
  void concurrentCallsAreIndependent() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int task = 0; task < 8; task++) {
        long seed = 100 + task;
        boolean transB = task % 2 == 0;
        futures.add(pool.submit(() -> check(Case.plain(false, transB, 64, 96, 200, 1f, 0f), seed,
            false)));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void rejectsBadArguments() {
    Gemm g = gemm();
    float[] a = new float[6];
    float[] b = new float[6];
    float[] c = new float[4];
    assertMessage("m must be >= 0, got -1",
        () -> g.sgemm(false, false, -1, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 2));
    assertMessage("lda must be >= max(1, k) = 3, got 2",
        () -> g.sgemm(false, false, 2, 2, 3, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2));
    assertMessage("lda must be >= max(1, m) = 2, got 1",
        () -> g.sgemm(true, false, 2, 2, 3, 1f, a, 0, 1, b, 0, 2, 0f, c, 0, 2));
    assertMessage("ldb must be >= max(1, k) = 3, got 2",
        () -> g.sgemm(false, true, 2, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 2));
    assertMessage("ldc must be >= max(1, n) = 2, got 1",
        () -> g.sgemm(false, false, 2, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 1));
    assertMessage("a is too short",
        () -> g.sgemm(false, false, 2, 2, 3, 1f, a, 1, 3, b, 0, 2, 0f, c, 0, 2));
    assertMessage("b is too short",
        () -> g.sgemm(false, false, 2, 2, 3, 1f, a, 0, 3, b, 0, 3, 0f, c, 0, 2));
    assertMessage("c is too short",
        () -> g.sgemm(false, false, 2, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 1, 2));
    assertMessage("cOffset must be in [0, 4]",
        () -> g.sgemm(false, false, 2, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, -1, 2));
    assertThrows(NullPointerException.class,
        () -> g.sgemm(false, false, 2, 2, 3, 1f, null, 0, 3, b, 0, 2, 0f, c, 0, 2));
  }

  private static void assertMessage(String expected, Runnable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    assertTrue(e.getMessage().startsWith(expected), () -> "message: " + e.getMessage());
  }
}
