package io.github.vae4j.data;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes float32 arrays as NumPy {@code .npy} files ({@code '<f4'}, C order) that
 * {@code numpy.load} and {@link NpyReader} read back; the CLI writes latent codes this way.
 *
 * <p>The header is format 1.0, or 2.0 when it would not fit in 65535 bytes, padded with spaces
 * to a multiple of 64 bytes as numpy.lib.format does. Files are written atomically: to a
 * temporary file in the same folder, then renamed over the target.
 */
public final class NpyWriter {

  private NpyWriter() {
  }

  /**
   * Writes {@code values} with {@code shape} to {@code file}.
   *
   * @param values the array in C (row-major) order
   * @param shape the array shape; its product must equal {@code values.length}
   * @throws UncheckedIOException when the file cannot be written; its message names the file
   */
  public static void write(Path file, float[] values, int... shape) {
    long size = 1;
    for (int dimension : shape) {
      if (dimension < 0) {
        throw new IllegalArgumentException("shape dimensions must be >= 0, got "
            + Arrays.toString(shape));
      }
      size *= dimension;
    }
    if (size != values.length) {
      throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + size
          + " values, got " + values.length);
    }
    byte[] header = header(shape);
    try {
      DataFiles.writeAtomically(file, out -> {
        out.write(header);
        writeValues(out, values);
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Writes all of {@code dataset} as one array of shape (count, exampleShape...). */
  public static void write(Path file, Dataset dataset) {
    int[] example = dataset.exampleShapeArray();
    int[] shape = new int[example.length + 1];
    shape[0] = dataset.count();
    System.arraycopy(example, 0, shape, 1, example.length);
    write(file, dataset.copyValues(), shape);
  }

  /** The magic, version, header length and padded header dict for a '<f4' array of shape. */
  static byte[] header(int[] shape) {
    List<Long> dims = new ArrayList<>();
    for (int dimension : shape) {
      dims.add((long) dimension);
    }
    String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + NpyReader.tuple(dims)
        + ", }";
    int padded = padded(10, dict);
    boolean version1 = padded - 10 <= 0xFFFF;
    int prefix = 10;
    if (!version1) {
      prefix = 12;
      padded = padded(12, dict);
    }
    String text = dict + " ".repeat(padded - prefix - dict.length() - 1) + "\n";
    ByteBuffer out = ByteBuffer.allocate(padded).order(ByteOrder.LITTLE_ENDIAN);
    out.put(NpyReader.MAGIC).put((byte) (version1 ? 1 : 2)).put((byte) 0);
    if (version1) {
      out.putShort((short) text.length());
    } else {
      out.putInt(text.length());
    }
    out.put(text.getBytes(StandardCharsets.ISO_8859_1));
    return out.array();
  }

  /** The header size with a {@code prefix}-byte preamble: dict, spaces, newline, to 64n bytes. */
  private static int padded(int prefix, String dict) {
    return (prefix + dict.length() + 1 + 63) / 64 * 64;
  }

  private static void writeValues(OutputStream out, float[] values) throws IOException {
    ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    for (int start = 0; start < values.length; start += chunk.capacity() / 4) {
      int n = Math.min(chunk.capacity() / 4, values.length - start);
      chunk.clear();
      chunk.asFloatBuffer().put(values, start, n);
      out.write(chunk.array(), 0, n * 4);
    }
  }
}
