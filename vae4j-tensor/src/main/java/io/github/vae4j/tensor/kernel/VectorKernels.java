package io.github.vae4j.tensor.kernel;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API implementations of the {@link Simd} kernels, at the platform's preferred width
 * (16 floats with AVX-512, 8 with AVX2). Each loop handles whole vectors and leaves the remainder
 * to {@link ScalarKernels}. The Adam update gives the scalar one's floats bit for bit: the same
 * operations in the same order, except one division by a constant done exactly in fused
 * multiply-adds.
 *
 * <p>Determinism: results must not depend on whether HotSpot has compiled a kernel yet. So the
 * kernels use only operations whose result IEEE 754 fixes (add, multiply, fused multiply-add,
 * divide, square root, min, max, conversions, bit operations), and lanes are summed in a fixed order. The Vector API's
 * EXP and LOG1P are not used: compiled, they are SVML's; interpreted, they are {@link Math}'s, and
 * the two differ in the last bit. The cross-entropy's exp and log1p here follow {@link FastMath}'s
 * formulas and differ from them by an ulp or two.
 *
 * <p>Loaded only when the module {@code jdk.incubator.vector} is present (see {@link Simd}).
 */
final class VectorKernels {

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  /** As many bytes and ints as S has floats. */
  private static final VectorSpecies<Byte> BYTES = VectorSpecies.of(byte.class, VectorShape.forBitSize(S.length() * 8));
  private static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, S.vectorShape());
  private static final float LOG2E = 1.44269504f;
  private static final float LN2_HI = 0.693145751953125f;
  private static final float LN2_LO = 1.428606765330187e-06f;

  private VectorKernels() {
  }

  /** Whether vectors here are wide enough to be worth it: at least four floats. */
  static boolean usable() {
    return S.length() >= 4;
  }

  static int bits() {
    return S.vectorBitSize();
  }

  static boolean adam(float[] p, float[] g, float[] m, float[] v, int from, int to, Simd.AdamScalars s) {
    // x - x is 0 for finite x and NaN otherwise, as in allFinite
    FloatVector nonFinite = FloatVector.zero(S);
    float bc2 = s.bc2Sqrt();
    float bc2Reciprocal = 1f / bc2;
    int step = S.length();
    int i = from;
    for (int bound = from + S.loopBound(to - from); i < bound; i += step) {
      FloatVector theta = FloatVector.fromArray(S, p, i).mul(s.shrink());
      FloatVector grad = FloatVector.fromArray(S, g, i).add(theta.mul(s.decay()));
      FloatVector mi = FloatVector.fromArray(S, m, i);
      mi = mi.add(grad.sub(mi).mul(s.w()));
      mi = mi.blend(0f, mi.abs().lt(1e-30f));
      FloatVector vi = FloatVector.fromArray(S, v, i).mul(s.beta2()).add(grad.mul(s.oneMinusBeta2()).mul(grad));
      vi = vi.blend(0f, vi.abs().lt(1e-30f));
      mi.intoArray(m, i);
      vi.intoArray(v, i);
      FloatVector denom = divide(vi.sqrt(), bc2, bc2Reciprocal).add(s.eps());
      FloatVector updated = theta.sub(mi.mul(s.stepSize()).div(denom));
      updated.intoArray(p, i);
      nonFinite = nonFinite.add(updated.sub(updated));
    }
    return sumLanes(nonFinite) == 0f & ScalarKernels.adam(p, g, m, v, i, to, s);
  }

  /**
   * x / c, correctly rounded, for x = 0, +infinity, NaN or in [2^-64, 2^64], and a constant c in
   * [1e-19, 1] whose reciprocal r = 1 / c was rounded to float (in Adam, x is the square root of a
   * second moment, which is 0 or at least 1e-30): the same float as {@code x.div(c)}, in multiplies
   * and fused multiply-adds instead of a division (the divider, which the square root also needs,
   * bounds the Adam update's speed). q0 = x r is within an ulp of x / c; the remainder x - q0 c is
   * then exact in one fused multiply-add, and q0 plus the remainder times r is the correctly
   * rounded quotient (Markstein's theorem; SimdTest also checks it exhaustively over every float
   * significand for a range of c). x = +infinity, where the remainder would be NaN, keeps q0.
   */
  static FloatVector divide(FloatVector x, float c, float r) {
    FloatVector q0 = x.mul(r);
    FloatVector remainder = q0.neg().lanewise(VectorOperators.FMA, c, x);
    return remainder.lanewise(VectorOperators.FMA, r, q0).blend(q0, q0.eq(Float.POSITIVE_INFINITY));
  }

  static void expNonPositive(float[] x, int xo, float[] y, int yo, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += S.length()) {
      FloatVector xv = FloatVector.fromArray(S, x, xo + i);
      expNegative(xv.neg()).blend(0f, xv.lt(-87f)).intoArray(y, yo + i);
    }
    ScalarKernels.expNonPositive(x, xo + i, y, yo + i, n - i);
  }

  static void bceWithLogits(float[] x, int xo, float[] t, int to, float[] loss, float[] sigmoid, int from, int end) {
    int step = S.length();
    int i = from;
    for (int bound = from + S.loopBound(end - from); i < bound; i += step) {
      FloatVector xv = FloatVector.fromArray(S, x, xo + i);
      FloatVector e = expNegative(xv.abs());
      xv.max(0f).sub(xv.mul(FloatVector.fromArray(S, t, to + i))).add(log1pUnit(e)).intoArray(loss, i);
      if (sigmoid != null) {
        VectorMask<Float> nonNegative = xv.compare(VectorOperators.GE, 0f);
        e.blend(1f, nonNegative).div(e.add(1f)).intoArray(sigmoid, i);
      }
    }
    ScalarKernels.bceWithLogits(x, xo, t, to, loss, sigmoid, i, end);
  }

  static float bceWithLogitsSum(float[] x, int xo, float[] t, int to, float[] sigmoid, int from, int end) {
    // two loops, so that each is compiled for the one case its callers use: training always keeps
    // the sigmoid and evaluation never does. One loop with the test inside was compiled from
    // training's profile, deoptimized when evaluation took the other branch, and then ran with
    // its vectors boxed (gigabytes of garbage in a long evaluation).
    if (sigmoid == null) {
      return bceWithLogitsSumOnly(x, xo, t, to, from, end);
    }
    FloatVector acc = FloatVector.zero(S);
    int step = S.length();
    int i = from;
    for (int bound = from + S.loopBound(end - from); i < bound; i += step) {
      FloatVector xv = FloatVector.fromArray(S, x, xo + i);
      FloatVector e = expNegative(xv.abs());
      acc = acc.add(xv.max(0f).sub(xv.mul(FloatVector.fromArray(S, t, to + i))).add(log1pUnit(e)));
      VectorMask<Float> nonNegative = xv.compare(VectorOperators.GE, 0f);
      e.blend(1f, nonNegative).div(e.add(1f)).intoArray(sigmoid, i);
    }
    return sumLanes(acc) + ScalarKernels.bceWithLogitsSum(x, xo, t, to, sigmoid, i, end);
  }

  private static float bceWithLogitsSumOnly(float[] x, int xo, float[] t, int to, int from, int end) {
    FloatVector acc = FloatVector.zero(S);
    int step = S.length();
    int i = from;
    for (int bound = from + S.loopBound(end - from); i < bound; i += step) {
      FloatVector xv = FloatVector.fromArray(S, x, xo + i);
      FloatVector e = expNegative(xv.abs());
      acc = acc.add(xv.max(0f).sub(xv.mul(FloatVector.fromArray(S, t, to + i))).add(log1pUnit(e)));
    }
    return sumLanes(acc) + ScalarKernels.bceWithLogitsSum(x, xo, t, to, null, i, end);
  }

  /**
   * e^-a for a >= 0 (NaN for NaN), as {@link FastMath#exp} computes it: e^-a = 2^-n e^r with
   * n = round(a / ln 2), r = n ln 2 - a in [-ln 2 / 2, ln 2 / 2] (Cody and Waite's two-part ln 2),
   * e^r by its Taylor series to degree 7, and 2^-n built in the exponent bits. a is clamped at 87,
   * so results stay at or above e^-87 (about 1.6e-38; the smallest normal float is 1.2e-38): a
   * subnormal here would slow every later operation it reaches, products included.
   */
  private static FloatVector expNegative(FloatVector a) {
    FloatVector c = a.min(87f);
    IntVector n = (IntVector) c.mul(LOG2E).add(0.5f).convert(VectorOperators.F2I, 0);
    FloatVector nf = (FloatVector) n.convert(VectorOperators.I2F, 0);
    FloatVector r = nf.mul(LN2_HI).sub(c).add(nf.mul(LN2_LO));
    FloatVector p = r.mul(1f / 5040).add(1f / 720).mul(r).add(1f / 120).mul(r).add(1f / 24).mul(r).add(1f / 6)
        .mul(r).add(0.5f).mul(r).add(1f).mul(r).add(1f);
    FloatVector scale = n.neg().add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
    return p.mul(scale);
  }

  /** log(1 + e) for e in [0, 1], as {@link FastMath#log1pUnit}: 2 atanh(s), s = e / (2 + e). */
  private static FloatVector log1pUnit(FloatVector e) {
    FloatVector s = e.div(e.add(2f));
    FloatVector s2 = s.mul(s);
    FloatVector series = s2.mul(1f / 13).add(1f / 11).mul(s2).add(1f / 9).mul(s2).add(1f / 7).mul(s2).add(1f / 5)
        .mul(s2).add(1f / 3).mul(s2).add(1f);
    return s.mul(2f).mul(series);
  }

  /** The lanes of {@code v} added left to right: the same rounding compiled or not. */
  private static float sumLanes(FloatVector v) {
    float s = 0f;
    for (int lane = 0, lanes = v.length(); lane < lanes; lane++) {
      s += v.lane(lane);
    }
    return s;
  }

  static void relu(float[] x, int xo, float[] y, int from, int to) {
    int i = from;
    for (int bound = from + S.loopBound(to - from); i < bound; i += S.length()) {
      FloatVector.fromArray(S, x, xo + i).max(0f).intoArray(y, i);
    }
    ScalarKernels.relu(x, xo, y, i, to);
  }

  static void reluBackward(float[] y, float[] g, float[] gx, int from, int to) {
    int i = from;
    for (int bound = from + S.loopBound(to - from); i < bound; i += S.length()) {
      FloatVector yv = FloatVector.fromArray(S, y, i);
      FloatVector.fromArray(S, g, i)
          .blend(0f, yv.compare(VectorOperators.EQ, 0f))
          .blend(Float.NaN, yv.test(VectorOperators.IS_NAN))
          .intoArray(gx, i);
    }
    ScalarKernels.reluBackward(y, g, gx, i, to);
  }

  static void addInPlace(float[] acc, int ao, float[] g, int go, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += S.length()) {
      FloatVector.fromArray(S, acc, ao + i).add(FloatVector.fromArray(S, g, go + i)).intoArray(acc, ao + i);
    }
    ScalarKernels.addInPlace(acc, ao + i, g, go + i, n - i);
  }

  static void scaledDifference(float scale, float[] a, float[] b, int bo, float[] out, int from, int to) {
    int i = from;
    for (int bound = from + S.loopBound(to - from); i < bound; i += S.length()) {
      FloatVector.fromArray(S, a, i).sub(FloatVector.fromArray(S, b, bo + i)).mul(scale).intoArray(out, i);
    }
    ScalarKernels.scaledDifference(scale, a, b, bo, out, i, to);
  }

  static float sum(float[] x, int from, int to) {
    FloatVector acc = FloatVector.zero(S);
    int i = from;
    for (int bound = from + S.loopBound(to - from); i < bound; i += S.length()) {
      acc = acc.add(FloatVector.fromArray(S, x, i));
    }
    return sumLanes(acc) + ScalarKernels.sum(x, i, to);
  }

  static void unitBytes(byte[] src, int sOffset, float[] dst, int dOffset, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += S.length()) {
      ByteVector b = ByteVector.fromArray(BYTES, src, sOffset + i);
      IntVector k = ((IntVector) b.convertShape(VectorOperators.B2I, INTS, 0)).and(0xFF);
      ((FloatVector) k.convert(VectorOperators.I2F, 0)).div(255f).intoArray(dst, dOffset + i);
    }
    ScalarKernels.unitBytes(src, sOffset + i, dst, dOffset + i, n - i);
  }

  static boolean allFinite(float[] a, int from, int to) {
    // x - x is 0 for finite x and NaN for infinities and NaN; a NaN stays in the sum
    FloatVector acc = FloatVector.zero(S);
    int step = S.length();
    int i = from;
    for (int bound = from + S.loopBound(to - from); i < bound; i += step) {
      FloatVector x = FloatVector.fromArray(S, a, i);
      acc = acc.add(x.sub(x));
    }
    return sumLanes(acc) == 0f && ScalarKernels.allFinite(a, i, to);
  }
}
