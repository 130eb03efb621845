package io.github.vae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DatasetTest {

  /** Ten examples of shape [2, 3]; example i holds 10 i + j. */
  private static Dataset tens() {
    float[] values = new float[60];
    for (int i = 0; i < 10; i++) {
      for (int j = 0; j < 6; j++) {
        values[i * 6 + j] = 10 * i + j;
      }
    }
    return Dataset.of("test", values, List.of(2, 3));
  }

  @Test
  void shapeCountAndRows() {
    Dataset data = tens();
    assertEquals(10, data.count());
    assertEquals(6, data.features());
    assertEquals(List.of(2, 3), data.exampleShape());
    assertArrayEquals(new int[] {2, 3}, data.exampleShapeArray());
    assertArrayEquals(new float[] {30, 31, 32, 33, 34, 35}, data.row(3));
    assertEquals(42, data.value(4, 2));
    assertFalse(data.hasLabels());
    assertEquals(0, data.labels().length);
    assertEquals(0, data.classCount());
    assertThrows(IndexOutOfBoundsException.class, () -> data.row(10));
    assertThrows(IllegalStateException.class, () -> data.label(0));
  }

  @Test
  void ofCopiesItsInputAndChecksumsTheValues() {
    float[] values = {1, 2, 3, 4};
    Dataset data = Dataset.of("x", values, List.of(2));
    values[0] = 99;
    assertEquals(1, data.value(0, 0));
    assertEquals(64, data.sha256().length());
    assertEquals(data.sha256(), Dataset.of("y", new float[] {1, 2, 3, 4}, List.of(2)).sha256());
    assertNotEquals(data.sha256(), Dataset.of("x", new float[] {1, 2, 3, 5}, List.of(2)).sha256());
    // SHA-256 of the little-endian float32 bytes of 1, 2, 3, 4
    assertEquals(DataFiles.sha256(new byte[] {0, 0, (byte) 0x80, 0x3f, 0, 0, 0, 0x40,
        0, 0, 0x40, 0x40, 0, 0, (byte) 0x80, 0x40}), data.sha256());
  }

  @Test
  void rejectsInconsistentConstruction() {
    IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
        () -> Dataset.of("x", new float[7], List.of(2, 3)));
    assertTrue(ragged.getMessage().contains("values length 7"), ragged.getMessage());
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
        () -> Dataset.of("x", new float[6], List.of(0, 3)));
    assertTrue(zero.getMessage().contains("[0, 3]"), zero.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Dataset.of("x", new float[6], List.of()));
    IllegalArgumentException labels = assertThrows(IllegalArgumentException.class,
        () -> tens().withLabels(new int[9]));
    assertEquals("expected 10 labels, one per example, got 9", labels.getMessage());
    assertThrows(IllegalArgumentException.class, () -> tens().withLabels(new int[] {0, 1, 2, 3, 4,
        5, 6, 7, 8, -1}));
    IllegalArgumentException names = assertThrows(IllegalArgumentException.class,
        () -> tens().withLabels(IntStream.range(0, 10).toArray())
            .withClassNames(List.of("a", "b")));
    assertTrue(names.getMessage().contains("label 2 at 2 has no class name"), names.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> tens().withFactors(new float[19], List.of("a", "b")));
  }

  @Test
  void batchCopiesTheChosenRowsInOrder() {
    Dataset data = tens();
    assertArrayEquals(new float[] {70, 71, 72, 73, 74, 75, 0, 1, 2, 3, 4, 5},
        data.batch(new int[] {7, 0}));
    float[] buffer = new float[18];
    Arrays.fill(buffer, -1);
    data.batch(new int[] {9}, buffer);
    assertEquals(95, buffer[5]);
    assertEquals(-1, buffer[6]);
    assertThrows(IllegalArgumentException.class, () -> data.batch(new int[] {1, 2}, new float[11]));
    IndexOutOfBoundsException out = assertThrows(IndexOutOfBoundsException.class,
        () -> data.batch(new int[] {3, 10}));
    assertEquals("example index 10 out of range for 10 examples", out.getMessage());
  }

  @Test
  void subsetKeepsLabelsFactorsAndProvenance() {
    int[] labels = {0, 1, 2, 0, 1, 2, 0, 1, 2, 0};
    float[] factors = new float[10];
    for (int i = 0; i < 10; i++) {
      factors[i] = i / 10f;
    }
    Dataset data = tens().withLabels(labels).withClassNames(List.of("a", "b", "c"))
        .withFactors(factors, List.of("f"));
    Dataset subset = data.subset(new int[] {5, 1, 5});
    assertEquals(3, subset.count());
    assertArrayEquals(new int[] {2, 1, 2}, subset.labels());
    assertArrayEquals(new float[] {0.5f}, subset.factors(0));
    assertArrayEquals(data.row(1), subset.row(1));
    assertEquals(data.sha256(), subset.sha256());
    assertEquals(List.of("a", "b", "c"), subset.classNames());
    assertArrayEquals(new int[] {4, 3, 3}, data.labelCounts());
    assertArrayEquals(new int[] {2, 1}, data.batchLabels(new int[] {2, 4}));
    assertEquals(List.of("f"), data.factorNames());
    assertTrue(data.hasFactors());
    assertSame(data, data.head(10));
    assertEquals(4, data.head(4).count());
  }

  @Test
  void randomSplitIsDisjointCompleteAndReproducible() {
    Dataset data = tens().withLabels(IntStream.range(0, 10).toArray());
    TrainValidation first = data.split(0.3, new SplittableRandom(7));
    TrainValidation again = data.split(0.3, new SplittableRandom(7));
    assertEquals(7, first.train().count());
    assertEquals(3, first.validation().count());
    assertArrayEquals(first.validation().labels(), again.validation().labels());
    int[] all = IntStream.concat(Arrays.stream(first.train().labels()),
        Arrays.stream(first.validation().labels())).sorted().toArray();
    assertArrayEquals(IntStream.range(0, 10).toArray(), all);
    // each part keeps the original order
    int[] train = first.train().labels();
    for (int i = 1; i < train.length; i++) {
      assertTrue(train[i - 1] < train[i]);
    }
    // the label travels with its row
    assertEquals(10f * first.validation().label(0), first.validation().value(0, 0));
    assertEquals(0, data.split(0, new SplittableRandom(1)).validation().count());
    assertThrows(IllegalArgumentException.class, () -> data.split(1.0, new SplittableRandom(1)));
    assertThrows(IllegalArgumentException.class, () -> data.split(Double.NaN,
        new SplittableRandom(1)));
  }

  @Test
  void tailSplitHoldsOutTheLastExamples() {
    TrainValidation split = tens().splitTail(2);
    assertEquals(8, split.train().count());
    assertArrayEquals(tens().row(8), split.validation().row(0));
    assertThrows(IllegalArgumentException.class, () -> tens().splitTail(11));
  }

  @Test
  void shuffledIndicesArePermutationsThatDependOnTheSeed() {
    Dataset data = tens();
    int[] a = data.shuffledIndices(new SplittableRandom(1));
    int[] b = data.shuffledIndices(new SplittableRandom(1));
    int[] c = data.shuffledIndices(new SplittableRandom(2));
    assertArrayEquals(a, b);
    assertFalse(Arrays.equals(a, c));
    assertArrayEquals(IntStream.range(0, 10).toArray(), Arrays.stream(a).sorted().toArray());
  }

  @Test
  void describesItself() {
    String text = tens().withLabels(new int[10]).toString();
    assertTrue(text.startsWith("Dataset[test, 10 x [2, 3], 1 classes, sha256 "), text);
  }
}
