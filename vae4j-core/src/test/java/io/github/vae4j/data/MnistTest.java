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
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistTest {

  @TempDir
  Path dir;

  @Test
  void loadsBothSplitsFromTheStandardNames() throws IOException {
    Files.write(dir.resolve("train-images-idx3-ubyte.gz"), IdxFiles.gzip(IdxFiles.images(12, 28,
        28, 0)));
    Files.write(dir.resolve("train-labels-idx1-ubyte.gz"), IdxFiles.gzip(IdxFiles.labels(12)));
    Files.write(dir.resolve("t10k-images-idx3-ubyte"), IdxFiles.images(3, 28, 28, 1));
    Files.write(dir.resolve("t10k-labels-idx1-ubyte"), IdxFiles.labels(3));
    Dataset train = Mnist.load(dir, Split.TRAIN);
    Dataset test = Mnist.loadFashion(dir, Split.TEST);
    assertEquals(12, train.count());
    assertEquals(List.of(1, 28, 28), train.exampleShape());
    assertEquals(Mnist.DIGITS, train.classNames());
    assertEquals("mnist train (" + dir + ")", train.source());
    assertEquals(3, test.count());
    assertEquals("Trouser", test.classNames().get(test.label(1)));
    assertEquals(1 / 255f, test.value(0, 0));
  }

  @Test
  void acceptsTheOlderDottedNames() throws IOException {
    Files.write(dir.resolve("train-images.idx3-ubyte"), IdxFiles.images(2, 28, 28, 0));
    Files.write(dir.resolve("train-labels.idx1-ubyte.gz"), IdxFiles.gzip(IdxFiles.labels(2)));
    assertEquals(2, Mnist.load(dir, Split.TRAIN).count());
  }

  @Test
  void missingFilesNameWhatWasLookedFor() throws IOException {
    Files.write(dir.resolve("train-images-idx3-ubyte.gz"), IdxFiles.gzip(IdxFiles.images(2, 28,
        28, 0)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Mnist.load(dir, Split.TRAIN));
    assertEquals("no mnist train labels file in " + dir + ": looked for "
        + "train-labels-idx1-ubyte.gz, train-labels-idx1-ubyte, train-labels.idx1-ubyte.gz, "
        + "train-labels.idx1-ubyte", e.getMessage());
    IllegalArgumentException folder = assertThrows(IllegalArgumentException.class,
        () -> Mnist.load(dir.resolve("nope"), Split.TEST));
    assertEquals("no such folder for mnist: " + dir.resolve("nope"), folder.getMessage());
  }

  @Test
  void realMnistHasThePublishedCountsAndChecksums() {
    Path folder = SharedData.require("mnist");
    Dataset train = Mnist.load(folder, Split.TRAIN);
    assertEquals(60000, train.count());
    assertEquals(List.of(1, 28, 28), train.exampleShape());
    assertArrayEquals(new int[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949},
        train.labelCounts());
    float[] values = train.copyValues();
    float min = 1;
    float max = 0;
    for (float value : values) {
      min = Math.min(min, value);
      max = Math.max(max, value);
    }
    assertEquals(0f, min);
    assertEquals(1f, max);
    assertEquals(5, train.label(0)); // the first training digit is a 5
    Dataset test = Mnist.load(folder, Split.TEST);
    assertEquals(10000, test.count());
    assertEquals(7, test.label(0)); // and the first test digit a 7
    assertEquals("8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
        IdxReader.readImages(folder.resolve("t10k-images-idx3-ubyte.gz")).sha256());
  }

  @Test
  void realFashionMnistHasBalancedClasses() {
    Path folder = SharedData.require("fashion-mnist");
    Dataset train = Mnist.loadFashion(folder, Split.TRAIN);
    Dataset test = Mnist.loadFashion(folder, Split.TEST);
    assertEquals(60000, train.count());
    int[] sixThousand = new int[10];
    Arrays.fill(sixThousand, 6000);
    assertArrayEquals(sixThousand, train.labelCounts());
    int[] thousand = new int[10];
    Arrays.fill(thousand, 1000);
    assertArrayEquals(thousand, test.labelCounts());
    assertEquals(Mnist.FASHION_CLASSES, test.classNames());
    assertEquals("bb300cfdad3c16e7a12a480ee83cd310", md5(folder.resolve(
        "t10k-labels-idx1-ubyte.gz")));
  }

  @Test
  void corruptedCopiesOfTheRealFilesFailWithOneLine() throws IOException {
    Path folder = SharedData.require("mnist");
    byte[] images = Files.readAllBytes(folder.resolve("t10k-images-idx3-ubyte.gz"));
    byte[] labels = Files.readAllBytes(folder.resolve("t10k-labels-idx1-ubyte.gz"));
    Path truncatedImages = Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"),
        Arrays.copyOf(images, 200_000));
    Path goodLabels = Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), labels);
    DataFormatException truncated = assertThrows(DataFormatException.class,
        () -> Mnist.load(dir, Split.TEST));
    assertTrue(truncated.getMessage().startsWith(truncatedImages + ": truncated gzip stream"),
        truncated.getMessage());

    Files.write(truncatedImages, images);
    byte[] flipped = labels.clone();
    flipped[labels.length / 2] ^= 0x10;
    Files.write(goodLabels, flipped);
    DataFormatException corrupt = assertThrows(DataFormatException.class,
        () -> Mnist.load(dir, Split.TEST));
    assertTrue(corrupt.getMessage().startsWith(goodLabels + ": corrupt gzip stream"),
        corrupt.getMessage());
  }

  private static String md5(Path file) {
    try {
      return HexFormat.of().formatHex(DataFiles.digest("MD5").digest(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
