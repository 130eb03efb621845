package io.github.vae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

  @TempDir
  Path dir;

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  /** The message of the DataFormatException that reading {@code images} with labels throws. */
  private static String failure(Path images, Path labels) {
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> IdxReader.read(images, labels));
    assertEquals(1, e.getMessage().lines().count(), "one line: " + e.getMessage());
    return e.getMessage();
  }

  @Test
  void readsPlainAndGzippedFilesAlike() throws IOException {
    byte[] images = IdxFiles.images(3, 4, 5, 250);
    Path plain = write("images", images);
    Path gzipped = write("images.gz", IdxFiles.gzip(images));
    Path labels = write("labels", IdxFiles.labels(3));
    Dataset fromPlain = IdxReader.read(plain, labels);
    Dataset fromGzip = IdxReader.read(gzipped, labels);
    assertEquals(3, fromPlain.count());
    assertEquals(List.of(1, 4, 5), fromPlain.exampleShape());
    assertArrayEquals(fromPlain.copyValues(), fromGzip.copyValues());
    assertArrayEquals(new int[] {0, 1, 2}, fromPlain.labels());
    // pixel i is (250 + i) mod 256, scaled by 1/255
    assertEquals(250 / 255f, fromPlain.value(0, 0));
    assertEquals(1f, fromPlain.value(0, 5));
    assertEquals(0f, fromPlain.value(0, 6));
    assertEquals(DataFiles.sha256(images, Files.readAllBytes(labels)), fromPlain.sha256());
    assertEquals(DataFiles.sha256(images), IdxReader.readImages(plain).sha256());
  }

  @Test
  void detectsGzipByMagicBytesNotByName() throws IOException {
    Path gzipNamedPlain = write("looks-plain.idx", IdxFiles.gzip(IdxFiles.labels(4)));
    Path plainNamedGzip = write("looks-gzipped.gz", IdxFiles.labels(4));
    assertArrayEquals(new int[] {0, 1, 2, 3}, IdxReader.readLabels(gzipNamedPlain));
    assertArrayEquals(new int[] {0, 1, 2, 3}, IdxReader.readLabels(plainNamedGzip));
  }

  @Test
  void rejectsAWrongMagicNumber() throws IOException {
    Path labels = write("labels", IdxFiles.labels(2));
    String swapped = failure(labels, labels);
    assertTrue(swapped.startsWith(labels + ": wrong magic number: expected 2051 (0x00000803) for "
        + "IDX images, got 2049 (0x00000801) (this is an IDX label file)"), swapped);
    Path text = write("text", "hello, this is not IDX".getBytes(StandardCharsets.UTF_8));
    String garbage = failure(text, labels);
    assertTrue(garbage.contains("(not an IDX file)"), garbage);
  }

  @Test
  void rejectsTruncatedFiles() throws IOException {
    byte[] images = IdxFiles.images(3, 4, 5, 0);
    Path labels = write("labels", IdxFiles.labels(3));
    Path shortPixels = write("short", Arrays.copyOf(images, images.length - 7));
    assertEquals(shortPixels + ": truncated: header promises 3 images of 4x5 (60 bytes), got 53 "
        + "bytes", failure(shortPixels, labels));
    Path shortHeader = write("header", Arrays.copyOf(images, 10));
    assertEquals(shortHeader + ": truncated: the IDX header needs 16 bytes, got 10",
        failure(shortHeader, labels));
    Path tiny = write("tiny", new byte[] {0, 0});
    assertTrue(failure(tiny, labels).contains("too short for an IDX header"));
    Path shortLabels = write("short-labels", Arrays.copyOf(IdxFiles.labels(3), 10));
    Path goodImages = write("images", images);
    assertEquals(shortLabels + ": truncated: header promises 3 labels (3 bytes), got 2 bytes",
        failure(goodImages, shortLabels));
  }

  @Test
  void rejectsTrailingBytes() throws IOException {
    byte[] images = IdxFiles.images(2, 2, 2, 0);
    Path longer = write("long", Arrays.copyOf(images, images.length + 3));
    Path labels = write("labels", IdxFiles.labels(2));
    assertTrue(failure(longer, labels).endsWith(": 3 unexpected bytes after the 2 images of 2x2 "
        + "the header promises"));
  }

  @Test
  void rejectsImageAndLabelCountsThatDisagree() throws IOException {
    Path images = write("images", IdxFiles.images(5, 2, 2, 0));
    Path labels = write("labels", IdxFiles.labels(4));
    assertEquals(labels + ": holds 4 labels but the images file " + images + " holds 5 images",
        failure(images, labels));
  }

  @Test
  void rejectsNegativeDimensions() throws IOException {
    byte[] images = IdxFiles.images(1, 2, 2, 0);
    ByteBuffer.wrap(images).putInt(8, -2);
    Path file = write("negative", images);
    assertTrue(failure(file, file).contains("dimension 1 of the IDX header is negative"));
  }

  @Test
  void rejectsACorruptGzipStream() throws IOException {
    byte[] gz = IdxFiles.gzip(IdxFiles.images(20, 8, 8, 3));
    Path labels = write("labels", IdxFiles.labels(20));
    byte[] flipped = gz.clone();
    flipped[flipped.length - 6] ^= 0x5A; // inside the CRC-32 of the trailer
    Path badCrc = write("bad-crc.gz", flipped);
    String crc = failure(badCrc, labels);
    assertTrue(crc.startsWith(badCrc + ": corrupt gzip stream ("), crc);
    byte[] mangled = gz.clone();
    for (int i = 12; i < 30; i++) {
      mangled[i] = (byte) 0xFF; // the deflate blocks
    }
    Path badData = write("bad-data.gz", mangled);
    assertTrue(failure(badData, labels).startsWith(badData + ": corrupt gzip stream ("));
    Path truncated = write("truncated.gz", Arrays.copyOf(gz, gz.length / 2));
    assertTrue(failure(truncated, labels).startsWith(truncated + ": truncated gzip stream"));
  }

  @Test
  void missingFilesAreOneClearError() {
    Path absent = dir.resolve("absent");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> IdxReader.readImages(absent));
    assertEquals("no such file: " + absent, e.getMessage());
  }
}
