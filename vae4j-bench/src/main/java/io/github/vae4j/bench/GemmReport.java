package io.github.vae4j.bench;

import io.github.vae4j.tensor.kernel.Gemm;
import io.github.vae4j.tensor.kernel.Gemms;
import io.github.vae4j.tensor.kernel.JavaGemm;
import io.github.vae4j.tensor.kernel.OpenBlasGemm;
import io.github.vae4j.tensor.kernel.Workers;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Times every {@link GemmShape} on each backend and prints GFLOP/s: a quicker read than JMH's
 * output, and the Java half of {@code gemm-vs-c.sh}. Each shape is run for the warm-up time, then
 * calls are counted until the timed window has passed; GFLOP/s = calls * 2 m n k / seconds / 1e9.
 * {@code gemm_ref.c} times the same way.
 *
 * <p>Backends: {@code openblas} (one cblas_sgemm call per product, OpenBLAS's own threads),
 * {@code engine} (what the engine uses, {@code Gemms.get()}: OpenBLAS single-threaded, products
 * split across the engine's threads; run it in a JVM of its own, since choosing it sets OpenBLAS
 * to one thread for the process) and {@code java} (the pure-Java GEMM).
 *
 * <p>Options: {@code --backends openblas,java} (default these two), {@code --seconds 1.5} (timed
 * window per shape), {@code --warmup 1} (seconds), {@code --threads N} (OpenBLAS threads; default
 * OpenBLAS's own: OPENBLAS_NUM_THREADS, else all cores), {@code --java-threads N} (most tasks
 * a pure-Java product is split into; default: the number of processors), {@code --tsv} (lines of
 * shape, backend, GFLOP/s, then a comment line naming the OpenBLAS build and thread count, for
 * scripts). Needs {@code --enable-native-access=ALL-UNNAMED}.
 */
public final class GemmReport {

  private GemmReport() {
  }

  public static void main(String[] args) {
    List<String> backends = List.of("openblas", "java");
    double seconds = 1.5;
    double warmup = 1.0;
    int threads = 0;
    int javaThreads = Runtime.getRuntime().availableProcessors();
    boolean tsv = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--backends" -> backends = List.of(value(args, ++i).split(","));
        case "--seconds" -> seconds = Double.parseDouble(value(args, ++i));
        case "--warmup" -> warmup = Double.parseDouble(value(args, ++i));
        case "--threads" -> threads = Integer.parseInt(value(args, ++i));
        case "--java-threads" -> javaThreads = Integer.parseInt(value(args, ++i));
        case "--tsv" -> tsv = true;
        default -> throw new IllegalArgumentException("unknown option '" + args[i]
            + "'; options: --backends openblas,engine,java --seconds S --warmup S --threads N"
            + " --java-threads N --tsv");
      }
    }
    List<Gemm> gemms = new ArrayList<>();
    for (String backend : backends) {
      switch (backend) {
        case "openblas" -> {
          OpenBlasGemm openBlas = OpenBlasGemm.load();
          if (threads > 0) {
            openBlas.setThreads(threads);
          }
          gemms.add(openBlas);
        }
        case "engine" -> {
          System.setProperty(Gemms.BACKEND_PROPERTY, "openblas");
          gemms.add(new Labelled("engine", Gemms.get()));
        }
        case "java" -> gemms.add(new JavaGemm(javaThreads));
        default -> throw new IllegalArgumentException(
            "backend must be openblas, engine or java, got '" + backend + "'");
      }
    }
    PrintStream out = System.out;
    double[][] gflops = new double[GemmShape.values().length][gemms.size()];
    for (GemmShape shape : GemmShape.values()) {
      GemmShape.Operands operands = shape.operands(42);
      for (int g = 0; g < gemms.size(); g++) {
        gflops[shape.ordinal()][g] = measure(gemms.get(g), operands, warmup, seconds);
        if (tsv) {
          out.printf(Locale.ROOT, "%s\t%s\t%.2f%n", shape.label(), gemms.get(g).name(),
              gflops[shape.ordinal()][g]);
        }
      }
    }
    if (tsv) {
      out.println("# " + describe(gemms));
    } else {
      printTable(out, gemms, gflops, seconds);
    }
  }

  /** GFLOP/s of one shape on one backend. */
  static double measure(Gemm gemm, GemmShape.Operands operands, double warmup, double seconds) {
    run(gemm, operands, (long) (warmup * 1e9));
    long[] callsAndNanos = run(gemm, operands, (long) (seconds * 1e9));
    return callsAndNanos[0] * (double) operands.shape().flops() / callsAndNanos[1];
  }

  /** Calls the product until at least {@code nanos} have passed; returns {calls, elapsed ns}. */
  private static long[] run(Gemm gemm, GemmShape.Operands operands, long nanos) {
    long start = System.nanoTime();
    long elapsed;
    long calls = 0;
    do {
      operands.run(gemm);
      calls++;
      elapsed = System.nanoTime() - start;
    } while (elapsed < nanos);
    return new long[] {calls, elapsed};
  }

  private static void printTable(PrintStream out, List<Gemm> gemms, double[][] gflops,
      double seconds) {
    StringBuilder header = new StringBuilder(String.format(Locale.ROOT,
        "%-12s %5s %5s %5s %3s %3s %7s", "shape", "m", "n", "k", "tA", "tB", "MFLOP"));
    for (Gemm gemm : gemms) {
      header.append(String.format(Locale.ROOT, " %10s", gemm.name()));
    }
    out.println("GFLOP/s, " + seconds + " s per shape after warm-up; "
        + Runtime.getRuntime().availableProcessors() + " processors; " + describe(gemms));
    out.println(header);
    for (GemmShape shape : GemmShape.values()) {
      StringBuilder row = new StringBuilder(String.format(Locale.ROOT,
          "%-12s %5d %5d %5d %3s %3s %7.1f", shape.label(), shape.m(), shape.n(), shape.k(),
          shape.transA() ? "T" : "N", shape.transB() ? "T" : "N", shape.flops() / 1e6));
      for (double value : gflops[shape.ordinal()]) {
        row.append(String.format(Locale.ROOT, " %10.1f", value));
      }
      out.println(row);
    }
  }

  private static String describe(List<Gemm> gemms) {
    List<String> parts = new ArrayList<>();
    for (Gemm gemm : gemms) {
      if (gemm instanceof OpenBlasGemm openBlas) {
        parts.add(openBlas.config() + ", " + openBlas.threads() + " threads");
      } else if (gemm instanceof JavaGemm java) {
        parts.add("java: up to " + java.parallelism() + " threads");
      } else if (gemm instanceof Labelled labelled) {
        parts.add(labelled.name() + ": OpenBLAS on one thread per part, products split across " + Workers.threads()
            + " threads");
      }
    }
    return String.join("; ", parts);
  }

  /**
   * The engine's backend under a name of its own: {@code Gemms.get()} splits OpenBLAS products
   * across the engine's threads, and still calls itself "openblas".
   */
  private record Labelled(String name, Gemm gemm) implements Gemm {
    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOffset,
        int lda, float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc) {
      gemm.sgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
    }
  }

  private static String value(String[] args, int index) {
    if (index >= args.length) {
      throw new IllegalArgumentException(args[index - 1] + " needs a value");
    }
    return args[index];
  }
}
