package io.github.vae4j.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPOutputStream;

/** Builds small IDX files in memory for tests. */
final class IdxFiles {

  private IdxFiles() {
  }

  /** An IDX image file: magic 2051, count, rows, columns, then pixel i = (seed + i) mod 256. */
  static byte[] images(int count, int rows, int columns, int seed) {
    ByteBuffer out = ByteBuffer.allocate(16 + count * rows * columns);
    out.putInt(IdxReader.IMAGES_MAGIC).putInt(count).putInt(rows).putInt(columns);
    for (int i = 0; i < count * rows * columns; i++) {
      out.put((byte) (seed + i));
    }
    return out.array();
  }

  /** An IDX label file: magic 2049, count, then label i = i mod 10. */
  static byte[] labels(int count) {
    ByteBuffer out = ByteBuffer.allocate(8 + count);
    out.putInt(IdxReader.LABELS_MAGIC).putInt(count);
    for (int i = 0; i < count; i++) {
      out.put((byte) (i % 10));
    }
    return out.array();
  }

  /** {@code bytes} gzip-compressed. */
  static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(buffer)) {
      out.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.toByteArray();
  }
}
