package io.github.vae4j.tensor.kernel;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process-wide choice of {@link Gemm} backend.
 *
 * <p>{@link #get()} returns OpenBLAS when its native library loads and the pure-Java GEMM
 * otherwise. The system property {@value #BACKEND_PROPERTY} ({@code openblas} or {@code java})
 * forces one; forcing {@code openblas} where it cannot load is an error rather than a silent
 * fallback. The choice is made and logged once, on the first call.
 *
 * <p>OpenBLAS is used single-threaded, its large products split across the engine's {@link Workers}
 * by {@link SplitGemm}; choosing it sets OpenBLAS's own thread count to one for the process.
 */
public final class Gemms {

  /** The system property that forces a backend: {@code openblas} or {@code java}. */
  public static final String BACKEND_PROPERTY = "vae4j.backend";

  private static final Logger LOG = LoggerFactory.getLogger(Gemms.class);
  private static final JavaGemm JAVA = new JavaGemm();
  private static volatile Gemm chosen;
  private static SplitGemm split;

  private Gemms() {
  }

  /**
   * The default backend of this process, chosen on the first call as the class comment says.
   *
   * @throws IllegalStateException when {@value #BACKEND_PROPERTY} forces {@code openblas} and it
   *     cannot load (the cause says why)
   * @throws IllegalArgumentException when {@value #BACKEND_PROPERTY} names no backend
   */
  public static Gemm get() {
    Gemm gemm = chosen;
    if (gemm == null) {
      synchronized (Gemms.class) {
        gemm = chosen;
        if (gemm == null) {
          gemm = choose(System.getProperty(BACKEND_PROPERTY));
          chosen = gemm;
        }
      }
    }
    return gemm;
  }

  /**
   * Makes {@code gemm} the backend of this process from now on, in place of the one {@link #get()}
   * chose, and returns the one it replaces: for a tool that wraps the backend, such as a benchmark
   * that times every product inside a training step. Operations already running keep the backend
   * they started with.
   */
  public static synchronized Gemm use(Gemm gemm) {
    Objects.requireNonNull(gemm, "gemm");
    Gemm previous = get();
    chosen = gemm;
    return previous;
  }

  /** The pure-Java backend, using all processors for large products. */
  public static Gemm java() {
    return JAVA;
  }

  /** The OpenBLAS backend, or empty when its native library cannot be loaded here. */
  public static Optional<Gemm> openBlas() {
    try {
      return Optional.of(OpenBlasGemm.load());
    } catch (IllegalStateException e) {
      return Optional.empty();
    }
  }

  /** Picks and logs the backend for a value of {@value #BACKEND_PROPERTY} (null: automatic). */
  static Gemm choose(String property) {
    String forced = property == null ? "" : property.strip().toLowerCase(Locale.ROOT);
    Gemm gemm = switch (forced) {
      case "java" -> JAVA;
      case "openblas" -> split(OpenBlasGemm.load());
      case "", "auto" -> automatic();
      default -> throw new IllegalArgumentException(BACKEND_PROPERTY
          + " must be openblas or java, got '" + property + "'");
    };
    LOG.debug("Matrix products: {}{}", describe(gemm),
        forced.isEmpty() || forced.equals("auto") ? "" : " (forced by -D" + BACKEND_PROPERTY + ")");
    return gemm;
  }

  private static Gemm automatic() {
    try {
      return split(OpenBlasGemm.load());
    } catch (IllegalStateException e) {
      LOG.warn("OpenBLAS could not be loaded, using the pure-Java GEMM instead: {}",
          e.getCause() == null ? e.getMessage() : e.getCause().toString());
      LOG.debug("OpenBLAS load failure", e);
      return JAVA;
    }
  }

  /** OpenBLAS on one thread, its products split across {@link Workers}; made once. */
  private static synchronized Gemm split(OpenBlasGemm openBlas) {
    if (split == null) {
      openBlas.setThreads(1);
      split = new SplitGemm(openBlas);
    }
    return split;
  }

  private static String describe(Gemm gemm) {
    if (gemm instanceof SplitGemm s && s.inner() instanceof OpenBlasGemm openBlas) {
      return "openblas (" + openBlas.config() + ", one thread per part, products split across "
          + Workers.threads() + " threads)";
    }
    if (gemm instanceof OpenBlasGemm openBlas) {
      return "openblas (" + openBlas.config() + ", " + openBlas.threads() + " threads)";
    }
    if (gemm instanceof JavaGemm java) {
      return "java (pure-Java GEMM, up to " + java.parallelism() + " threads)";
    }
    return gemm.name();
  }
}
