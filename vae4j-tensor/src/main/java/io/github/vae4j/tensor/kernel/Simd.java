package io.github.vae4j.tensor.kernel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The elementwise kernels that dominate training once the matrix products are fast: the Adam
 * update, the Bernoulli (binary cross-entropy with logits) likelihood and its gradient, the
 * softmax's exponentials, ReLU and its gradient, sums, in-place adds, finiteness checks and
 * bytes-to-floats. Each has two implementations with the same contract: {@link ScalarKernels},
 * plain Java and the reference, and {@link VectorKernels}, written with the incubating Vector API
 * ({@code jdk.incubator.vector}).
 *
 * <p>Why the Vector API: HotSpot's auto-vectorizer handles short loops but gives up, or not, on
 * loops of this size depending on where the loop was compiled (measured on JDK 25: the same Adam
 * loop ran in 0.2 ms inlined into one caller and 2.8 ms compiled on its own, and an exp built from
 * arithmetic did not vectorize at all). Vector API code compiles to the same SIMD instructions in
 * every context.
 *
 * <p>The vector kernels are used when the JVM resolved the module ({@code --add-modules
 * jdk.incubator.vector}, which {@code bin/vae4j} and the tests pass; the JVM then prints a warning
 * that the module is incubating, which the launcher filters out) and the system property
 * {@value #PROPERTY} is not {@code false}; otherwise the scalar ones. The choice is logged once.
 * Results of the two agree to a few float ulps, not bit for bit; within one choice every result is
 * deterministic, compiled or not (see {@link VectorKernels}).
 */
public final class Simd {

  /** Set to {@code false} to use the scalar kernels even where the Vector API is available. */
  public static final String PROPERTY = "vae4j.simd";

  private static final Logger LOG = LoggerFactory.getLogger(Simd.class);
  private static final boolean VECTOR = chooseVector();

  private Simd() {
  }

  /** Whether the Vector API kernels are in use in this process. */
  public static boolean vectorized() {
    return VECTOR;
  }

  /** A name for the kernels in use, for logs and provenance: {@code vector-api} or {@code scalar}. */
  public static String name() {
    return VECTOR ? "vector-api" : "scalar";
  }

  /**
   * One Adam step over [from, to), without AMSGrad, as {@code torch.optim.Adam} computes it with
   * β1 > 0.5 (so that the first moment follows {@code m + w (g - m)}):
   * <pre>
   *   θ' = θ · shrink;  g' = g + decay · θ'
   *   m = flush(m + w (g' - m));  v = flush(β2 v + (1 - β2) g'²)
   *   θ = θ' - stepSize · m / (sqrt(v) / bc2Sqrt + eps)
   * </pre>
   * where flush(x) is 0 for |x| < 1e-30 (moments that would decay into subnormal floats, which
   * are many times slower) and x otherwise. shrink is 1 - lr λ for decoupled weight decay (AdamW),
   * else 1; decay is the coupled L2 weight decay λ, else 0.
   *
   * <p>Returns whether every updated θ is finite: a NaN or infinite gradient, or an update that
   * overflows, shows there, checked in the same pass (a separate scan of the gradients would read
   * them a second time).
   */
  public static boolean adam(float[] p, float[] g, float[] m, float[] v, int from, int to, AdamScalars s) {
    return VECTOR ? VectorKernels.adam(p, g, m, v, from, to, s) : ScalarKernels.adam(p, g, m, v, from, to, s);
  }

  /**
   * Binary cross-entropy with logits for i in [from, end): {@code loss[i] = max(x, 0) - x t +
   * log(1 + exp(-|x|))} for logit x = {@code x[xo + i]} and target t = {@code t[to + i]}, and,
   * when {@code sigmoid} is not null, {@code sigmoid[i] = 1 / (1 + exp(-x))}; neither overflows
   * for any finite x.
   */
  public static void bceWithLogits(float[] x, int xo, float[] t, int to, float[] loss, float[] sigmoid, int from,
      int end) {
    if (VECTOR) {
      VectorKernels.bceWithLogits(x, xo, t, to, loss, sigmoid, from, end);
    } else {
      ScalarKernels.bceWithLogits(x, xo, t, to, loss, sigmoid, from, end);
    }
  }

  /**
   * The sum of the binary cross-entropy with logits over i in [from, end) (terms as in
   * {@link #bceWithLogits}), writing {@code sigmoid[i]} when {@code sigmoid} is not null. The
   * sum runs in float, in an order that depends on the vector width.
   */
  public static float bceWithLogitsSum(float[] x, int xo, float[] t, int to, float[] sigmoid, int from, int end) {
    return VECTOR
        ? VectorKernels.bceWithLogitsSum(x, xo, t, to, sigmoid, from, end)
        : ScalarKernels.bceWithLogitsSum(x, xo, t, to, sigmoid, from, end);
  }

  /**
   * {@code y[yo + i] = e^x} for x = {@code x[xo + i]} ≤ 0, i in [0, n) (the shifted logits of a
   * softmax): exactly 0 where x < -87, whose exponential would be at or below the smallest normal
   * float (subnormals would slow every later operation), and NaN for NaN. x and y may be the same
   * array.
   */
  public static void expNonPositive(float[] x, int xo, float[] y, int yo, int n) {
    if (VECTOR) {
      VectorKernels.expNonPositive(x, xo, y, yo, n);
    } else {
      ScalarKernels.expNonPositive(x, xo, y, yo, n);
    }
  }

  /** {@code y[i] = max(x[xo + i], 0)} for i in [from, to); NaN stays NaN. */
  public static void relu(float[] x, int xo, float[] y, int from, int to) {
    if (VECTOR) {
      VectorKernels.relu(x, xo, y, from, to);
    } else {
      ScalarKernels.relu(x, xo, y, from, to);
    }
  }

  /**
   * The ReLU gradient from its output y: {@code gx[i] = g[i]} where y[i] > 0, 0 where y[i] is 0,
   * NaN where y[i] is NaN, for i in [from, to).
   */
  public static void reluBackward(float[] y, float[] g, float[] gx, int from, int to) {
    if (VECTOR) {
      VectorKernels.reluBackward(y, g, gx, from, to);
    } else {
      ScalarKernels.reluBackward(y, g, gx, from, to);
    }
  }

  /** {@code acc[ao + i] += g[go + i]} for i in [0, n). */
  public static void addInPlace(float[] acc, int ao, float[] g, int go, int n) {
    if (VECTOR) {
      VectorKernels.addInPlace(acc, ao, g, go, n);
    } else {
      ScalarKernels.addInPlace(acc, ao, g, go, n);
    }
  }

  /** {@code out[i] = scale * (a[i] - b[bo + i])} for i in [from, to). */
  public static void scaledDifference(float scale, float[] a, float[] b, int bo, float[] out, int from, int to) {
    if (VECTOR) {
      VectorKernels.scaledDifference(scale, a, b, bo, out, from, to);
    } else {
      ScalarKernels.scaledDifference(scale, a, b, bo, out, from, to);
    }
  }

  /**
   * The float sum of {@code x[from..to)}. The vector kernel keeps one partial sum per lane and
   * adds them at the end, so the rounding differs from a left-to-right sum by a few ulps.
   */
  public static float sum(float[] x, int from, int to) {
    return VECTOR ? VectorKernels.sum(x, from, to) : ScalarKernels.sum(x, from, to);
  }

  /**
   * Unsigned bytes to floats in [0, 1]: {@code dst[dOffset + i] = (src[sOffset + i] & 0xFF) / 255f}
   * for i in [0, n), the same floats as dividing each byte value by 255 in float.
   */
  public static void unitBytes(byte[] src, int sOffset, float[] dst, int dOffset, int n) {
    if (VECTOR) {
      VectorKernels.unitBytes(src, sOffset, dst, dOffset, n);
    } else {
      ScalarKernels.unitBytes(src, sOffset, dst, dOffset, n);
    }
  }

  /** Whether every element of {@code a} in [from, to) is finite (neither infinite nor NaN). */
  public static boolean allFinite(float[] a, int from, int to) {
    return VECTOR ? VectorKernels.allFinite(a, from, to) : ScalarKernels.allFinite(a, from, to);
  }

  /** The scalar parameters of one {@link #adam} call. */
  public record AdamScalars(float shrink, float decay, float w, float beta2, float oneMinusBeta2, float bc2Sqrt,
      float eps, float stepSize) {
  }

  private static boolean chooseVector() {
    boolean wanted = !"false".equalsIgnoreCase(System.getProperty(PROPERTY, "true"));
    boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    boolean use = wanted && present && VectorKernels.usable();
    if (use) {
      LOG.debug("Elementwise kernels: Vector API, {}-bit vectors", VectorKernels.bits());
    } else if (!present) {
      LOG.info("Elementwise kernels: scalar; run the JVM with --add-modules jdk.incubator.vector for the "
          + "vectorized ones (several times faster)");
    } else {
      LOG.info("Elementwise kernels: scalar ({}=false)", PROPERTY);
    }
    return use;
  }
}
