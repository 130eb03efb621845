package io.github.vae4j.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Loads the Frey Face dataset from Sam Roweis's {@code frey_rawface.mat}: 1965 grey images of one
 * face, 28 rows by 20 columns, from sequential video frames.
 *
 * <p>The file holds one uint8 variable {@code ff} of shape (560, 1965), one image per column; in
 * NumPy terms the images are {@code ff.T.reshape(1965, 28, 20)}, so pixel (row, column) of image
 * i is {@code ff[row * 20 + column, i]}. The result is [1965, 1, 28, 20] scaled to [0, 1]
 * (value / 255), without labels; the checksum is the SHA-256 of the file.
 *
 * <p>Frey, Colmenarez and Huang, Mixtures of local linear subspaces for face recognition, 1998;
 * used as a continuous-data benchmark in Kingma and Welling, arXiv:1312.6114, section 5.
 */
public final class Frey {

  /** Image height in pixels. */
  public static final int ROWS = 28;
  /** Image width in pixels. */
  public static final int COLUMNS = 20;
  /** The name of the image variable in the file. */
  public static final String VARIABLE = "ff";

  private Frey() {
  }

  /** Loads all images of {@code file}: [count, 1, 28, 20] in [0, 1]. */
  public static Dataset load(Path file) {
    byte[] raw = DataFiles.readAll(file);
    Map<String, MatReader.NumericMatrix> matrices = MatReader.read(file, raw, List.of(VARIABLE));
    MatReader.NumericMatrix ff = matrices.get(VARIABLE);
    int pixels = ROWS * COLUMNS;
    if (ff.rows() != pixels) {
      throw new DataFormatException(file, "variable '" + VARIABLE + "' has shape " + ff.rows()
          + "x" + ff.columns() + ", expected " + pixels + " rows (one " + ROWS + "x" + COLUMNS
          + " image per column)");
    }
    int count = ff.columns();
    float[] values = new float[count * pixels];
    double[] columnMajor = ff.columnMajor();
    // column i of ff is contiguous in MATLAB's column-major order and is image i, row-major
    for (int i = 0; i < values.length; i++) {
      double value = columnMajor[i];
      if (!(value >= 0 && value <= 255)) {
        throw new DataFormatException(file, "pixel " + (i % pixels) + " of image " + (i / pixels)
            + " is " + value + ", expected 0-255");
      }
      values[i] = (float) value / 255f;
    }
    return new Dataset("frey (" + file + ")", DataFiles.sha256(raw), values,
        new int[] {1, ROWS, COLUMNS}, null, List.of(), null, List.of());
  }
}
