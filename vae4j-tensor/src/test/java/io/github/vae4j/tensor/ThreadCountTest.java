package io.github.vae4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.vae4j.tensor.kernel.Workers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The same computation on 1, 2, 3 and 5 threads gives the same bits: the engine's promise that a
 * model trains to the same result on any machine with the same backend. The thread count is fixed
 * when {@link Workers} loads, so each count runs in a JVM of its own ({@link Probe}), and the
 * digests of everything it computed are compared.
 */
@org.junit.jupiter.api.Tag("slow")
class ThreadCountTest {

  @org.junit.jupiter.api.io.TempDir
  Path dir;

  @Test
  void givesTheSameBitsOnAnyNumberOfThreads() throws IOException, InterruptedException {
    String one = probe(1);
    for (int threads : new int[] {2, 3, 5}) {
      assertEquals(one, probe(threads), threads + " threads against 1");
    }
  }

  private String probe(int threads) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-D" + Workers.THREADS_PROPERTY + "=" + threads);
    command.add("--enable-native-access=ALL-UNNAMED");
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
      command.add("--add-modules=jdk.incubator.vector");
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Probe.class.getName());
    Path digest = dir.resolve("digest-" + threads);
    command.add(digest.toString());
    // the child's output goes to a file, not a pipe: nothing here blocks on it, so the timeout holds
    Path log = dir.resolve("probe-" + threads + ".log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the probe on " + threads + " threads did not finish in 120 s");
    }
    String output = read(log);
    assertEquals(0, process.exitValue(), () -> "the probe on " + threads + " threads failed:\n" + output);
    return read(digest);
  }

  private static String read(Path file) throws IOException {
    return java.nio.file.Files.exists(file) ? java.nio.file.Files.readString(file, StandardCharsets.UTF_8).strip() : "";
  }

  /**
   * Computes, with gradients, convolutions and transposed convolutions whose batches are split
   * across threads, and linear layers whose products are, then prints a SHA-256 of every output
   * and gradient.
   */
  static final class Probe {

    /** Writes the digest to the file named by args[0]. */
    public static void main(String[] args) throws NoSuchAlgorithmException, IOException {
      SplittableRandom random = new SplittableRandom(11);
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      // 37 images: the batch splits unevenly, and in different places for each thread count
      Tensor x = Tensor.randn(random, 37, 3, 12, 12).requiresGrad(true);
      Tensor w = Tensor.randn(random, 8, 3, 3, 3).requiresGrad(true);
      Tensor b = Tensor.randn(random, 8).requiresGrad(true);
      Tensor wt = Tensor.randn(random, 8, 4, 4, 4).requiresGrad(true);
      Tensor bt = Tensor.randn(random, 4).requiresGrad(true);
      Tensor h = Tensor.conv2d(x, w, b, 1, 1).relu();
      Tensor y = Tensor.convTranspose2d(h, wt, bt, 2, 1, 0);
      // linear layers whose products are of 1-15 million multiply-adds
      Tensor in = Tensor.randn(random, 120, 300).requiresGrad(true);
      Tensor w1 = Tensor.randn(random, 400, 300).requiresGrad(true);
      Tensor w2 = Tensor.randn(random, 36, 400).requiresGrad(true);
      Tensor z = Tensor.linear(Tensor.linear(in, w1, null).relu(), w2, null);
      // its input gradient, [120, 100] x [100, 100], is small enough for OpenBLAS's direct kernel
      Tensor in2 = Tensor.randn(random, 120, 100).requiresGrad(true);
      Tensor w3 = Tensor.randn(random, 100, 100).requiresGrad(true);
      Tensor z2 = Tensor.linear(in2, w3, null);
      Tensor loss = y.square().mean().add(z.square().mean()).add(z2.square().mean());
      loss.backward();
      for (Tensor t : new Tensor[] {y, z, z2, x.grad(), w.grad(), b.grad(), wt.grad(), bt.grad(), in.grad(),
          w1.grad(), w2.grad(), in2.grad(), w3.grad()}) {
        for (float v : t.toArray()) {
          int bits = Float.floatToRawIntBits(v);
          digest.update(new byte[] {(byte) bits, (byte) (bits >>> 8), (byte) (bits >>> 16), (byte) (bits >>> 24)});
        }
      }
      java.nio.file.Files.writeString(Path.of(args[0]), HexFormat.of().formatHex(digest.digest()));
    }
  }
}
