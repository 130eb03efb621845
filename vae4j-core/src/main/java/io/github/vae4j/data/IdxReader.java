package io.github.vae4j.data;

import java.nio.file.Path;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST, gzipped or not (gzip is recognised by
 * its magic bytes 1f 8b, not by the file name).
 *
 * <p>Layout, big-endian: a magic number {@code 0x00 0x00 type dims} (images: 2051 = 0x00000803,
 * unsigned bytes in 3 dimensions; labels: 2049 = 0x00000801, unsigned bytes in 1 dimension),
 * then one int32 per dimension, then the values in row-major order.
 *
 * <p>Images become a {@link Dataset} of shape [count, 1, rows, columns] with pixels scaled to
 * [0, 1] (value / 255), kept as the file's bytes and converted on access. Every defect (wrong
 * magic number, truncated file, trailing bytes, corrupt gzip stream, image and label counts that
 * disagree) is one {@link DataFormatException} naming the file. LeCun et al., Gradient-based
 * learning applied to document recognition, 1998.
 */
public final class IdxReader {

  /** Magic number of an IDX file of unsigned bytes in 3 dimensions (images). */
  public static final int IMAGES_MAGIC = 0x00000803;
  /** Magic number of an IDX file of unsigned bytes in 1 dimension (labels). */
  public static final int LABELS_MAGIC = 0x00000801;

  private IdxReader() {
  }

  /**
   * Reads an image file: [count, 1, rows, columns] scaled to [0, 1], without labels; the
   * checksum is the SHA-256 of the file as stored.
   */
  public static Dataset readImages(Path file) {
    byte[] raw = DataFiles.readAll(file);
    return images(file, raw, DataFiles.sha256(raw), "idx images (" + file + ")");
  }

  /** Reads a label file: one unsigned byte label per example. */
  public static int[] readLabels(Path file) {
    return labels(file, DataFiles.readAll(file));
  }

  /**
   * Reads an image file and its label file. The checksum is the SHA-256 of the image file's
   * bytes followed by the label file's bytes, as stored.
   *
   * @throws DataFormatException when either file is malformed or their counts disagree
   */
  public static Dataset read(Path images, Path labels) {
    return read(images, labels, "idx (" + images + ", " + labels + ")");
  }

  static Dataset read(Path images, Path labels, String source) {
    byte[] rawImages = DataFiles.readAll(images);
    byte[] rawLabels = DataFiles.readAll(labels);
    Dataset dataset = images(images, rawImages, DataFiles.sha256(rawImages, rawLabels), source);
    int[] labelValues = labels(labels, rawLabels);
    if (labelValues.length != dataset.count()) {
      throw new DataFormatException(labels, "holds " + labelValues.length
          + " labels but the images file " + images + " holds " + dataset.count() + " images");
    }
    return dataset.withLabels(labelValues);
  }

  private static Dataset images(Path file, byte[] raw, String sha256, String source) {
    byte[] data = DataFiles.gunzipIfNeeded(raw, file);
    int[] dims = header(file, data, IMAGES_MAGIC);
    int offset = 4 + 4 * dims.length;
    int rows = dims[1];
    int columns = dims[2];
    if (rows == 0 || columns == 0) {
      throw new DataFormatException(file, "the IDX header promises images of " + rows + "x"
          + columns + " pixels");
    }
    // the pixels stay bytes, read in place after the header and scaled to k / 255f on access
    return Dataset.ofUnitBytes(source, sha256, data, offset, dims[0], new int[] {1, rows, columns});
  }

  private static int[] labels(Path file, byte[] raw) {
    byte[] data = DataFiles.gunzipIfNeeded(raw, file);
    int[] dims = header(file, data, LABELS_MAGIC);
    int offset = 4 + 4 * dims.length;
    int[] out = new int[dims[0]];
    for (int i = 0; i < out.length; i++) {
      out[i] = data[offset + i] & 0xFF;
    }
    return out;
  }

  /**
   * Checks the magic number and that the payload is exactly as long as the dimensions promise.
   *
   * @return the dimensions
   */
  private static int[] header(Path file, byte[] data, int expectedMagic) {
    String what = expectedMagic == IMAGES_MAGIC ? "images" : "labels";
    if (data.length < 4) {
      throw new DataFormatException(file, "truncated: " + data.length
          + " bytes is too short for an IDX header");
    }
    int magic = readInt(data, 0);
    if (magic != expectedMagic) {
      String hint = "";
      if (magic == LABELS_MAGIC) {
        hint = " (this is an IDX label file)";
      } else if (magic == IMAGES_MAGIC) {
        hint = " (this is an IDX image file)";
      } else if ((magic >>> 16) != 0) {
        hint = " (not an IDX file)";
      }
      throw new DataFormatException(file, String.format("wrong magic number: expected %d "
          + "(0x%08X) for IDX %s, got %d (0x%08X)%s", expectedMagic, expectedMagic, what,
          magic, magic, hint));
    }
    int rank = expectedMagic & 0xFF;
    int headerBytes = 4 + 4 * rank;
    if (data.length < headerBytes) {
      throw new DataFormatException(file, "truncated: the IDX header needs " + headerBytes
          + " bytes, got " + data.length);
    }
    int[] dims = new int[rank];
    long payload = 1;
    for (int d = 0; d < rank; d++) {
      dims[d] = readInt(data, 4 + 4 * d);
      if (dims[d] < 0) {
        throw new DataFormatException(file, "dimension " + d + " of the IDX header is negative: "
            + Integer.toUnsignedLong(dims[d]));
      }
      payload *= dims[d];
    }
    long available = data.length - (long) headerBytes;
    if (available < payload) {
      throw new DataFormatException(file, "truncated: header promises " + describe(dims) + " ("
          + payload + " bytes), got " + available + " bytes");
    }
    if (available > payload) {
      throw new DataFormatException(file, (available - payload) + " unexpected bytes after the "
          + describe(dims) + " the header promises");
    }
    return dims;
  }

  private static String describe(int[] dims) {
    return dims.length == 3 ? dims[0] + " images of " + dims[1] + "x" + dims[2]
        : dims[0] + " labels";
  }

  private static int readInt(byte[] data, int offset) {
    return (data[offset] & 0xFF) << 24 | (data[offset + 1] & 0xFF) << 16
        | (data[offset + 2] & 0xFF) << 8 | (data[offset + 3] & 0xFF);
  }
}
