package io.github.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Runs the command line in-process and captures what it prints; trains one tiny run (sprites:300,
 * 1 epoch, hidden 32, latent 2, 20% validation) the first time a test asks for it, shared by the
 * CLI test classes of this JVM.
 */
final class Cli {

  static final ObjectMapper JSON = new ObjectMapper();

  private static Path run;

  private Cli() {
  }

  record Result(int code, String out, String err) {
    List<String> errLines() {
      return err.lines().toList();
    }
  }

  static Result cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }

  static Result ok(String... args) {
    Result r = cli(args);
    assertEquals(0, r.code(), () -> String.join(" ", args) + "\nstdout: " + r.out() + "\nstderr: " + r.err());
    return r;
  }

  /** Exit code 2, one line naming the command and the problem, a hint, and no stack trace. */
  static String fails(String... args) {
    Result r = cli(args);
    assertEquals(Main.EXIT_USAGE, r.code(), () -> String.join(" ", args) + "\nstdout: " + r.out());
    List<String> lines = r.errLines();
    assertEquals(2, lines.size(), r.err());
    assertTrue(lines.get(0).startsWith("vae4j " + args[0] + ": "), r.err());
    assertTrue(lines.get(1).startsWith("(run with --verbose") || lines.get(1).startsWith("(see 'vae4j"), r.err());
    assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), r.err());
    return lines.get(0).substring(("vae4j " + args[0] + ": ").length());
  }

  static BufferedImage png(Path file) throws IOException {
    assertTrue(Files.isRegularFile(file), file + " exists");
    BufferedImage image = ImageIO.read(file.toFile());
    assertNotNull(image, file + " is a PNG");
    return image;
  }

  /** The shared run folder, trained on first use and deleted when the JVM exits. */
  static synchronized Path run() {
    if (run == null) {
      Path folder;
      try {
        folder = Files.createTempDirectory("vae4j-cli-test");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(folder)));
      Result r = ok("train", "--data", "sprites:300", "--out", folder.toString(), "--epochs", "1", "--hidden", "32",
          "--latent", "2", "--validation", "0.2", "--batch", "64");
      assertTrue(r.out().contains("epoch 1/1"), r.out());
      assertTrue(r.out().contains("240 training and 60 validation examples"), r.out());
      run = folder;
    }
    return run;
  }

  /** The model file of {@link #run()}. */
  static Path model() {
    return run().resolve("model.vae");
  }

  private static void delete(Path folder) {
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
