package io.github.vae4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vae4j.io.FileFormatException;
import io.github.vae4j.optim.Adam;
import io.github.vae4j.optim.OptimizerState;
import io.github.vae4j.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {


  @TempDir
  Path dir;

  private static Checkpoint sample() {
    SequencedMap<String, float[]> weights = new LinkedHashMap<>();
    weights.put("encoder.1.weight", new float[] {1.5f, -0f, Float.MIN_VALUE, 3e38f});
    weights.put("decoder.0.bias", new float[] {0.25f});
    SequencedMap<String, float[]> best = new LinkedHashMap<>();
    best.put("encoder.1.weight", new float[] {1, 2, 3, 4});
    best.put("decoder.0.bias", new float[] {5});
    Tensor w = Tensor.of(new float[] {1, 2, 3}, 3).requiresGrad(true);
    Adam adam = new Adam(Map.of("w", w), new Adam.Config(1e-2, 0.9, 0.999, 1e-8, 0, false));
    w.mul(w).sum().backward();
    adam.step();
    List<EpochMetrics> history = List.of(
        ElboMetrics.of(1, 100.5, 90.25, 10.25, Double.NaN, Double.NaN, Double.NaN, 0.18, 1e-3, 0.5),
        ElboMetrics.of(2, 95, 86, 9, 97, 88, 9, 0.17, 5e-4, 0.25));
    return new Checkpoint("run", 2, 40, 5e-4, Double.POSITIVE_INFINITY, 0, 1, 1, weights, best, adam.state(), history);
  }

  private static void assertSameWeights(Map<String, float[]> expected, Map<String, float[]> actual) {
    assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.keySet()));
    expected.forEach((name, v) -> {
      float[] a = actual.get(name);
      assertEquals(v.length, a.length, name);
      for (int i = 0; i < v.length; i++) {
        assertEquals(Float.floatToRawIntBits(v[i]), Float.floatToRawIntBits(a[i]), name + "[" + i + "]");
      }
    });
  }

  private Path written() throws IOException {
    Path file = dir.resolve("checkpoint.bin");
    sample().write(file);
    return file;
  }

  @Test
  void roundTripKeepsEverythingBitForBit() throws IOException {
    Checkpoint original = sample();
    Checkpoint read = Checkpoint.read(written());
    assertEquals(original.epoch(), read.epoch());
    assertEquals(original.step(), read.step());
    assertEquals(original.learningRate(), read.learningRate());
    assertEquals(original.bestValidationLoss(), read.bestValidationLoss());
    assertEquals(original.bestEpoch(), read.bestEpoch());
    assertEquals(original.badEpochs(), read.badEpochs());
    assertEquals(original.rollbacks(), read.rollbacks());
    assertSameWeights(original.weights(), read.weights());
    assertSameWeights(original.bestWeights(), read.bestWeights());
    assertArrayEquals(original.optimizer().toBytes(), read.optimizer().toBytes());
    assertEquals(original.history(), read.history());
  }

  @Test
  void writingLeavesNoTemporaryFilesBehind() throws IOException {
    written();
    sample().write(dir.resolve("checkpoint.bin"));
    try (var files = Files.list(dir)) {
      assertEquals(List.of(dir.resolve("checkpoint.bin")), files.toList());
    }
  }

  private static String readFails(Path file) {
    FileFormatException e = assertThrows(FileFormatException.class, () -> Checkpoint.read(file));
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    return e.problem();
  }

  @Test
  void truncatedAnywhereIsReportedAsTruncated() throws IOException {
    byte[] bytes = Files.readAllBytes(written());
    Path cut = dir.resolve("cut.bin");
    for (int length = 8; length < bytes.length; length += Math.max(1, bytes.length / 40)) {
      Files.write(cut, Arrays.copyOf(bytes, length));
      String problem = readFails(cut);
      assertTrue(problem.startsWith("truncated checkpoint") || problem.startsWith("corrupt checkpoint"),
          "cut at " + length + ": " + problem);
    }
    Files.write(cut, Arrays.copyOf(bytes, bytes.length - 1));
    assertTrue(readFails(cut).startsWith("truncated checkpoint"));
    Files.write(cut, new byte[0]);
    assertTrue(readFails(cut).startsWith("truncated checkpoint"));
  }

  @Test
  void aFlippedBitIsCaught() throws IOException {
    Path file = written();
    byte[] bytes = Files.readAllBytes(file);
    // flip one bit in every position past the header in turn
    for (int i = 12; i < bytes.length; i += 7) {
      byte[] copy = bytes.clone();
      copy[i] ^= 0x10;
      Files.write(file, copy);
      String problem = readFails(file);
      assertTrue(problem.startsWith("corrupt checkpoint") || problem.startsWith("truncated checkpoint"),
          "flip at " + i + ": " + problem);
    }
  }

  @Test
  void aHugeLengthIsRefusedWithoutAllocatingIt() throws IOException {
    Path file = written();
    byte[] bytes = Files.readAllBytes(file);
    // header: magic 8, version 4, run config (2 + 3), epoch 4, step 8, lr 8, best 8, 3 ints 12 = 57; then the map size
    // (4) and the first name (2 + 16 bytes), then its length
    int lengthAt = 57 + 4 + 2 + "encoder.1.weight".length();
    assertEquals(4, ByteBuffer.wrap(bytes, lengthAt, 4).getInt());
    ByteBuffer.wrap(bytes).putInt(lengthAt, Integer.MAX_VALUE);
    Files.write(file, bytes);
    assertTrue(readFails(file).startsWith("corrupt checkpoint (2147483647 values for encoder.1.weight"));
  }

  @Test
  void otherFilesAreNotCheckpoints() throws IOException {
    Path file = dir.resolve("model.vae");
    Files.writeString(file, "not a checkpoint at all, just some text");
    assertEquals("not a vae4j checkpoint (wrong magic number)", readFails(file));
    byte[] bytes = Files.readAllBytes(written());
    ByteBuffer.wrap(bytes).putInt(8, 99);
    Files.write(file, bytes);
    assertEquals("checkpoint version 99 is not supported (expected 4)", readFails(file));
  }

  @Test
  void trailingBytesAreCorrupt() throws IOException {
    byte[] bytes = Files.readAllBytes(written());
    Path file = dir.resolve("long.bin");
    Files.write(file, Arrays.copyOf(bytes, bytes.length + 3));
    assertEquals("corrupt checkpoint (bytes after the end)", readFails(file));
  }

  @Test
  void optimizerStateSurvivesInFull() throws IOException {
    OptimizerState state = Checkpoint.read(written()).optimizer();
    assertEquals(sample().optimizer().toBytes().length, state.toBytes().length);
  }
}
