package io.github.vae4j.tensor.kernel;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Single-precision GEMM by OpenBLAS's {@code cblas_sgemm}, called through the Foreign Function and
 * Memory API: C = alpha * op(A) * op(B) + beta * C, row-major.
 *
 * <p>Shapes: op(A) [m, k], op(B) [k, n], C [m, n], as in {@link Gemm}.
 *
 * <p>The {@code float[]} arrays are passed to native code in place, without copying: each is
 * wrapped with {@link MemorySegment#ofArray(float[])}, sliced at its offset, and the downcall is
 * linked with {@link Linker.Option#critical(boolean) critical(true)}, which lets native code read
 * the Java heap directly. The price is that the garbage collector waits for a call in progress, so
 * products are best kept to milliseconds (every product of a VAE's MLP is). Arguments are checked
 * in Java before the call, since OpenBLAS would report bad ones on stderr or read out of bounds.
 * When k == 0 or alpha == 0 no call is made: C = beta * C is done in Java, so that, as the BLAS
 * contract says and as in {@link JavaGemm}, A and B are not read (NaN there does not reach C).
 *
 * <p>The library is the one shipped in {@code org.bytedeco:openblas} (a DYNAMIC_ARCH build that
 * picks kernels for the CPU at load time); see {@link OpenBlasLibrary}. It is loaded once per
 * process, when this class is first used. OpenBLAS runs large products on its own thread pool;
 * its size defaults to the number of cores, or to {@code OPENBLAS_NUM_THREADS} when that is set,
 * and {@link #setThreads(int)} changes it for the whole process.
 */
public final class OpenBlasGemm implements Gemm {

  private static final Logger LOG = LoggerFactory.getLogger(OpenBlasGemm.class);

  // CBLAS enum values (cblas.h)
  private static final int CBLAS_ROW_MAJOR = 101;
  private static final int CBLAS_NO_TRANS = 111;
  private static final int CBLAS_TRANS = 112;

  // static final, so that C2 treats the handles as constants and inlines the downcall
  private static final MethodHandle SGEMM;
  private static final MethodHandle SET_NUM_THREADS;
  private static final MethodHandle GET_NUM_THREADS;
  private static final MethodHandle GET_CONFIG;
  private static final Path FOLDER;
  private static final RuntimeException LOAD_FAILURE;
  private static final OpenBlasGemm INSTANCE;

  static {
    Handles handles = null;
    RuntimeException failure = null;
    try {
      handles = link(OpenBlasLibrary.load());
    } catch (RuntimeException | LinkageError e) {
      // IllegalStateException (not on the class path), UncheckedIOException (extraction),
      // IllegalArgumentException (dlopen failed), NoSuchElementException (symbol missing),
      // IllegalCallerException (native access denied)
      failure = new IllegalStateException("OpenBLAS is not available on "
          + OpenBlasLibrary.platform() + ": " + e, e);
    }
    SGEMM = handles == null ? null : handles.sgemm();
    SET_NUM_THREADS = handles == null ? null : handles.setThreads();
    GET_NUM_THREADS = handles == null ? null : handles.getThreads();
    GET_CONFIG = handles == null ? null : handles.getConfig();
    FOLDER = handles == null ? null : handles.folder();
    LOAD_FAILURE = failure;
    INSTANCE = failure == null ? new OpenBlasGemm() : null;
  }

  private record Handles(MethodHandle sgemm, MethodHandle setThreads, MethodHandle getThreads,
      MethodHandle getConfig, Path folder) {
  }

  // Linking native functions is restricted; this class exists to do it (the JVM grants it with
  // --enable-native-access=ALL-UNNAMED or the jar manifest's Enable-Native-Access entry).
  @SuppressWarnings("restricted")
  private static Handles link(OpenBlasLibrary.Loaded loaded) {
    SymbolLookup symbols = loaded.symbols();
    Linker linker = Linker.nativeLinker();
    MethodHandle sgemm = linker.downcallHandle(symbols.findOrThrow("cblas_sgemm"),
        FunctionDescriptor.ofVoid(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
            JAVA_FLOAT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_FLOAT, ADDRESS, JAVA_INT),
        Linker.Option.critical(true));
    MethodHandle setThreads = linker.downcallHandle(
        symbols.findOrThrow("openblas_set_num_threads"), FunctionDescriptor.ofVoid(JAVA_INT));
    MethodHandle getThreads = linker.downcallHandle(
        symbols.findOrThrow("openblas_get_num_threads"), FunctionDescriptor.of(JAVA_INT));
    MethodHandle getConfig = linker.downcallHandle(
        symbols.findOrThrow("openblas_get_config"), FunctionDescriptor.of(ADDRESS));
    LOG.debug("Loaded OpenBLAS {} from {}", loaded.version(), loaded.folder());
    return new Handles(sgemm, setThreads, getThreads, getConfig, loaded.folder());
  }

  private OpenBlasGemm() {
  }

  /**
   * The process-wide OpenBLAS backend, loading the library on first use.
   *
   * @throws IllegalStateException when OpenBLAS cannot be loaded, with the reason as its cause;
   *     every later call throws again with the same cause
   */
  public static OpenBlasGemm load() {
    if (LOAD_FAILURE != null) {
      throw new IllegalStateException(LOAD_FAILURE.getMessage(), LOAD_FAILURE.getCause());
    }
    return INSTANCE;
  }

  @Override
  public String name() {
    return "openblas";
  }

  @Override
  public void sgemm(boolean transA, boolean transB, int m, int n, int k,
      float alpha, float[] a, int aOffset, int lda,
      float[] b, int bOffset, int ldb,
      float beta, float[] c, int cOffset, int ldc) {
    GemmChecks.check(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0 || alpha == 0f) {
      // BLAS reads neither A nor B then; OpenBLAS would still multiply them (0 * NaN is NaN)
      GemmChecks.scale(m, n, beta, c, cOffset, ldc);
      return;
    }
    MemorySegment aSegment = MemorySegment.ofArray(a).asSlice((long) aOffset * Float.BYTES);
    MemorySegment bSegment = MemorySegment.ofArray(b).asSlice((long) bOffset * Float.BYTES);
    MemorySegment cSegment = MemorySegment.ofArray(c).asSlice((long) cOffset * Float.BYTES);
    try {
      SGEMM.invokeExact(CBLAS_ROW_MAJOR, transA ? CBLAS_TRANS : CBLAS_NO_TRANS,
          transB ? CBLAS_TRANS : CBLAS_NO_TRANS, m, n, k,
          alpha, aSegment, lda, bSegment, ldb, beta, cSegment, ldc);
    } catch (Throwable e) {
      throw rethrow(e);
    }
  }

  /** The number of threads OpenBLAS uses for large products, in the whole process. */
  public int threads() {
    try {
      return (int) GET_NUM_THREADS.invokeExact();
    } catch (Throwable e) {
      throw rethrow(e);
    }
  }

  /**
   * Sets the number of threads OpenBLAS uses for large products, in the whole process (it is one
   * library with one thread pool). OpenBLAS caps it at the MAX_THREADS it was built with.
   */
  public void setThreads(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    try {
      SET_NUM_THREADS.invokeExact(threads);
    } catch (Throwable e) {
      throw rethrow(e);
    }
  }

  /**
   * OpenBLAS's build description, such as {@code "OpenBLAS 0.3.30 DYNAMIC_ARCH NO_AFFINITY
   * SkylakeX MAX_THREADS=64"}; the fourth word is the kernel set chosen for this CPU.
   */
  @SuppressWarnings("restricted") // the returned char* is a static NUL-terminated string
  public String config() {
    try {
      MemorySegment text = (MemorySegment) GET_CONFIG.invokeExact();
      return text.reinterpret(Integer.MAX_VALUE).getString(0).strip();
    } catch (Throwable e) {
      throw rethrow(e);
    }
  }

  /** The folder the native libraries were loaded from. */
  public Path folder() {
    return FOLDER;
  }

  private static RuntimeException rethrow(Throwable e) {
    if (e instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (e instanceof Error error) {
      throw error;
    }
    // downcalls declare Throwable but throw nothing checked
    throw new IllegalStateException("native call failed", e);
  }
}
