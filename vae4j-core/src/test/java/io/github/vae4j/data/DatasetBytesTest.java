package io.github.vae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dataset held as unsigned bytes (value k / 255f) against one held as the same floats: every
 * accessor must answer the same, bit for bit.
 */
class DatasetBytesTest {

  private static final String SHA = "ab".repeat(32);
  private static final int[] SHAPE = {1, 3, 4};
  private static final int FEATURES = 12;
  private static final int COUNT = 25;
  private static final int OFFSET = 7;

  /**
   * COUNT examples of SHAPE after OFFSET header bytes and before 5 trailing bytes; the values take
   * every byte from 0 to 255 and more, and example 0 starts with 0x80 so that firstOutside has
   * something to find past the start.
   */
  private static byte[] file() {
    byte[] file = new byte[OFFSET + COUNT * FEATURES + 5];
    for (int i = 0; i < file.length; i++) {
      file[i] = (byte) (i * 37 + 11);
    }
    file[OFFSET] = (byte) 0x80;
    file[OFFSET + 1] = (byte) 0xFF;
    file[OFFSET + 2] = 0;
    return file;
  }

  /** The float dataset that {@code bytes} stands for, with the same checksum. */
  private static Dataset floats(byte[] bytes, int offset, int count) {
    float[] values = new float[count * FEATURES];
    for (int i = 0; i < values.length; i++) {
      values[i] = (bytes[offset + i] & 0xFF) / 255f;
    }
    return new Dataset("src", SHA, values, SHAPE.clone(), null, List.of(), null, List.of());
  }

  private static Dataset bytes(byte[] bytes, int offset, int count) {
    return Dataset.ofUnitBytes("src", SHA, bytes, offset, count, SHAPE.clone());
  }

  private static void assertSameBits(float[] expected, float[] actual) {
    assertEquals(expected.length, actual.length, "length");
    for (int i = 0; i < expected.length; i++) {
      assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]),
          "value " + i + ": expected " + expected[i] + ", got " + actual[i]);
    }
  }

  /** Checks every accessor of {@code actual} against {@code expected}. */
  private static void assertSameDataset(Dataset expected, Dataset actual) {
    assertEquals(expected.count(), actual.count());
    assertEquals(expected.features(), actual.features());
    assertEquals(expected.exampleShape(), actual.exampleShape());
    assertArrayEquals(expected.exampleShapeArray(), actual.exampleShapeArray());
    assertEquals(expected.source(), actual.source());
    assertEquals(expected.sha256(), actual.sha256());
    assertEquals(expected.toString(), actual.toString());
    assertEquals(expected.hasLabels(), actual.hasLabels());
    assertArrayEquals(expected.labels(), actual.labels());
    assertEquals(expected.classNames(), actual.classNames());
    assertEquals(expected.classCount(), actual.classCount());
    assertArrayEquals(expected.labelCounts(), actual.labelCounts());
    assertEquals(expected.hasFactors(), actual.hasFactors());
    assertEquals(expected.factorNames(), actual.factorNames());
    assertSameBits(expected.copyValues(), actual.copyValues());
    for (int i = 0; i < expected.count(); i++) {
      assertSameBits(expected.row(i), actual.row(i));
      for (int j = 0; j < expected.features(); j++) {
        assertEquals(Float.floatToRawIntBits(expected.value(i, j)),
            Float.floatToRawIntBits(actual.value(i, j)));
      }
      if (expected.hasFactors()) {
        assertSameBits(expected.factors(i), actual.factors(i));
      }
    }
    assertSameRanges(expected, actual);
  }

  private static void assertSameRanges(Dataset expected, Dataset actual) {
    float[][] ranges = {{0f, 1f}, {-0f, 1f}, {-1f, 2f}, {0.5f, 1f}, {0f, 0.5f}, {0f, 254 / 255f},
        {1 / 255f, 1f}, {128 / 255f, 128 / 255f}, {1f, 0f}, {Float.NaN, 1f}, {0f, Float.NaN},
        {Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY}};
    for (float[] range : ranges) {
      assertEquals(expected.firstOutside(range[0], range[1]),
          actual.firstOutside(range[0], range[1]), "[" + range[0] + ", " + range[1] + "]");
    }
  }

  @Test
  void bytesAfterAnOffsetReadAsTheFloatsTheyStandFor() {
    byte[] file = file();
    Dataset expected = floats(file, OFFSET, COUNT);
    Dataset actual = bytes(file, OFFSET, COUNT);
    assertEquals(COUNT, actual.count());
    assertEquals(0.5019608f, actual.value(0, 0)); // 128 / 255
    assertEquals(1f, actual.value(0, 1));
    assertEquals(0f, actual.value(0, 2));
    assertEquals(-1, actual.firstOutside(0f, 1f));
    assertEquals(2, actual.firstOutside(0.5f, 1f));
    assertEquals(1, actual.firstOutside(0f, 0.99f));
    assertSameDataset(expected, actual);
  }

  @Test
  void firstOutsideFindsNothingWhenTheRangeHoldsEveryUsedByte() {
    byte[] narrow = new byte[COUNT * FEATURES];
    for (int i = 0; i < narrow.length; i++) {
      narrow[i] = (byte) (20 + i % 100);
    }
    Dataset actual = bytes(narrow, 0, COUNT);
    assertEquals(-1, actual.firstOutside(20 / 255f, 119 / 255f));
    assertEquals(0, actual.firstOutside(21 / 255f, 119 / 255f));
    assertEquals(99, actual.firstOutside(20 / 255f, 118 / 255f));
    assertSameRanges(floats(narrow, 0, COUNT), actual);
  }

  @Test
  void batchesAgreeForRepeatedAndUnorderedIndices() {
    byte[] file = file();
    Dataset expected = floats(file, OFFSET, COUNT);
    Dataset actual = bytes(file, OFFSET, COUNT);
    int[] indices = {24, 3, 3, 0, 17, 24, 9, 3};
    assertSameBits(expected.batch(indices), actual.batch(indices));
    // into a longer buffer, whose tail is left alone
    float[] expectedOut = new float[indices.length * FEATURES + 3];
    float[] actualOut = new float[indices.length * FEATURES + 3];
    Arrays.fill(expectedOut, -7f);
    Arrays.fill(actualOut, -7f);
    expected.batch(indices, expectedOut);
    actual.batch(indices, actualOut);
    assertSameBits(expectedOut, actualOut);
    assertEquals(-7f, actualOut[actualOut.length - 1]);
    assertSameBits(new float[0], actual.batch(new int[0]));
    assertThrows(IndexOutOfBoundsException.class, () -> actual.batch(new int[] {0, COUNT}));
    assertThrows(IndexOutOfBoundsException.class, () -> actual.batch(new int[] {-1}));
    assertThrows(IllegalArgumentException.class,
        () -> actual.batch(indices, new float[indices.length * FEATURES - 1]));
    assertThrows(IndexOutOfBoundsException.class, () -> actual.row(COUNT));
    assertThrows(IndexOutOfBoundsException.class, () -> actual.value(0, FEATURES));
  }

  @Test
  void subsetsHeadsAndSplitsAgreeAndStayBytes() {
    byte[] file = file();
    int[] labels = new int[COUNT];
    float[] factors = new float[COUNT * 2];
    for (int i = 0; i < COUNT; i++) {
      labels[i] = i % 3;
      factors[2 * i] = i;
      factors[2 * i + 1] = -i;
    }
    List<String> names = List.of("a", "b", "c");
    Dataset expected = floats(file, OFFSET, COUNT).withLabels(labels).withClassNames(names)
        .withFactors(factors, List.of("f", "g")).withSource("renamed");
    Dataset actual = bytes(file, OFFSET, COUNT).withLabels(labels).withClassNames(names)
        .withFactors(factors, List.of("f", "g")).withSource("renamed");
    assertSameDataset(expected, actual);

    int[] indices = {5, 1, 1, 20, 0};
    assertSameDataset(expected.subset(indices), actual.subset(indices));
    assertSameDataset(expected.subset(new int[0]), actual.subset(new int[0]));
    assertThrows(IndexOutOfBoundsException.class, () -> actual.subset(new int[] {COUNT}));
    assertSameDataset(expected.head(4), actual.head(4));
    assertSame(actual, actual.head(COUNT));
    // a subset of a subset reads from the compact copy, not from the original offset
    assertSameDataset(expected.subset(indices).subset(new int[] {3, 0}),
        actual.subset(indices).subset(new int[] {3, 0}));

    TrainValidation expectedSplit = expected.split(0.3, new SplittableRandom(42));
    TrainValidation actualSplit = actual.split(0.3, new SplittableRandom(42));
    assertSameDataset(expectedSplit.train(), actualSplit.train());
    assertSameDataset(expectedSplit.validation(), actualSplit.validation());
    TrainValidation expectedTail = expected.splitTail(6);
    TrainValidation actualTail = actual.splitTail(6);
    assertSameDataset(expectedTail.train(), actualTail.train());
    assertSameDataset(expectedTail.validation(), actualTail.validation());

    // relabelling drops the class names on both and keeps the values
    int[] other = new int[COUNT];
    assertSameDataset(expected.withLabels(other), actual.withLabels(other));
    assertSameDataset(actual.withLabels(other), actual.withLabels(labels).withLabels(other));
  }

  @Test
  void anEmptyByteDatasetIsEmpty() {
    Dataset empty = bytes(new byte[3], 3, 0);
    assertEquals(0, empty.count());
    assertEquals(-1, empty.firstOutside(0.5f, 0.6f));
    assertSameDataset(floats(new byte[0], 0, 0), empty);
    assertEquals(0, empty.split(0.5, new SplittableRandom(1)).train().count());
  }

  @Test
  void rejectsBytesThatDoNotHoldTheExamples() {
    byte[] file = file();
    assertThrows(IllegalArgumentException.class, () -> bytes(file, OFFSET, COUNT + 1));
    assertThrows(IllegalArgumentException.class, () -> bytes(file, -1, 1));
    assertThrows(IllegalArgumentException.class, () -> bytes(file, 0, -1));
    assertThrows(IllegalArgumentException.class, () -> bytes(file, file.length - FEATURES + 1, 1));
    assertThrows(IllegalArgumentException.class,
        () -> Dataset.ofUnitBytes("src", SHA, file, 0, 1, new int[] {0, 2}));
    assertThrows(IllegalArgumentException.class,
        () -> Dataset.ofUnitBytes("src", "not hex", file, 0, 1, SHAPE));
    assertEquals(1, bytes(file, file.length - FEATURES, 1).count());
  }

  @Test
  void idxImagesReadAsTheUnitScaleOfTheirBytes(@TempDir Path dir) throws IOException {
    byte[] images = IdxFiles.images(6, 3, 4, 200);
    for (Path file : List.of(Files.write(dir.resolve("plain"), images),
        Files.write(dir.resolve("gzipped"), IdxFiles.gzip(images)))) {
      Dataset read = IdxReader.readImages(file);
      Dataset expected = new Dataset(read.source(), read.sha256(),
          floats(images, 16, 6).copyValues(), SHAPE.clone(), null, List.of(), null, List.of());
      assertSameDataset(expected, read);
    }
  }

  @Test
  void realMnistReadsAsTheUnitScaleOfItsBytes() {
    Path folder = SharedData.require("mnist");
    Dataset test = Mnist.load(folder, Split.TEST);
    byte[] raw = DataFiles.gunzipIfNeeded(DataFiles.readAll(folder.resolve(
        "t10k-images-idx3-ubyte.gz")), folder);
    float[] values = new float[10000 * 784];
    long firstDark = -1;
    for (int i = 0; i < values.length; i++) {
      int k = raw[16 + i] & 0xFF;
      values[i] = k / 255f;
      if (firstDark < 0 && k > 0) {
        firstDark = i;
      }
    }
    assertSameBits(values, test.copyValues());
    assertEquals(-1, test.firstOutside(0f, 1f));
    assertEquals(firstDark, test.firstOutside(0f, 0f));
    Dataset expected = new Dataset(test.source(), test.sha256(), values, new int[] {1, 28, 28},
        test.labels(), test.classNames(), null, List.of());
    int[] indices = {9999, 0, 4321, 0, 17};
    assertSameBits(expected.batch(indices), test.batch(indices));
    TrainValidation expectedSplit = expected.split(0.1, new SplittableRandom(7));
    TrainValidation actualSplit = test.split(0.1, new SplittableRandom(7));
    assertSameBits(expectedSplit.validation().copyValues(), actualSplit.validation().copyValues());
    assertArrayEquals(expectedSplit.train().labels(), actualSplit.train().labels());
    assertEquals(expected.toString(), test.toString());
  }
}
