package io.github.vae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyWriterTest {

  @TempDir
  Path dir;

  private List<String> entries() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(path -> path.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void writesTheSameBytesAsNumpy() throws IOException {
    Path file = dir.resolve("out.npy");
    NpyWriter.write(file, new float[] {-1f, -0.5f, 0f, 0.5f, 1f, 1.5f}, 2, 3);
    assertArrayEquals(Files.readAllBytes(NpyReaderTest.fixture("f4_2x3.npy")),
        Files.readAllBytes(file));
  }

  @Test
  void roundTripsThroughTheReader() {
    SplittableRandom random = new SplittableRandom(3);
    float[] values = new float[5 * 4 * 7];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextGaussian();
    }
    values[3] = Float.NaN;
    values[4] = Float.NEGATIVE_INFINITY;
    values[5] = -0f;
    Path file = dir.resolve("latents.npy");
    NpyWriter.write(file, values, 5, 4, 7);
    Dataset read = NpyReader.read(file);
    assertEquals(5, read.count());
    assertEquals(List.of(4, 7), read.exampleShape());
    float[] back = read.copyValues();
    for (int i = 0; i < values.length; i++) {
      assertEquals(Float.floatToRawIntBits(values[i]), Float.floatToRawIntBits(back[i]), "" + i);
    }
    Path copy = dir.resolve("copy.npy");
    NpyWriter.write(copy, read);
    assertArrayEquals(back, NpyReader.read(copy).copyValues());
  }

  @Test
  void headerIsPaddedToSixtyFourBytes() {
    for (int[] shape : new int[][] {{}, {7}, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}}) {
      byte[] header = NpyWriter.header(shape);
      assertEquals(0, header.length % 64, Arrays.toString(shape));
      assertEquals('\n', header[header.length - 1]);
      assertEquals(1, header[6]);
    }
    int[] ones = new int[30_000];
    Arrays.fill(ones, 1);
    byte[] wide = NpyWriter.header(ones);
    assertEquals(2, wide[6], "a header over 65535 bytes needs format 2.0");
    assertEquals(0, wide.length % 64);
  }

  @Test
  void writesAtomicallyAndReplacesTheTarget() throws IOException {
    Path file = dir.resolve("sub").resolve("z.npy");
    NpyWriter.write(file, new float[] {1, 2}, 2);
    NpyWriter.write(file, new float[] {3}, 1, 1);
    assertArrayEquals(new float[] {3}, NpyReader.read(file).copyValues());
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertEquals(List.of("z.npy"), files.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void failuresNameTheFileAndLeaveNoTemporaryFile() throws IOException {
    Path folder = Files.createDirectory(dir.resolve("taken.npy"));
    Files.writeString(folder.resolve("keep"), "x");
    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> NpyWriter.write(folder, new float[] {1}, 1));
    assertTrue(e.getMessage().startsWith("cannot write " + folder + ": "), e.getMessage());
    assertEquals(List.of("taken.npy"), entries());
    IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
        () -> NpyWriter.write(dir.resolve("x.npy"), new float[5], 2, 3));
    assertEquals("shape [2, 3] holds 6 values, got 5", shape.getMessage());
  }
}
