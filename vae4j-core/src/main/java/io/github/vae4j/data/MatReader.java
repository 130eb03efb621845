package io.github.vae4j.data;

import java.io.EOFException;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Sources;

/**
 * Reads numeric matrices from MATLAB 5 MAT-files (also what Octave and {@code scipy.io.savemat}
 * write), through the MFL library ({@code us.hebi.matlab.mat:mfl-core}).
 *
 * <p>{@link #readTable} turns a features matrix X [rows, columns] and an optional label vector
 * y [rows, 1] into a {@link Dataset} [rows, columns] with values as stored (no scaling), as in the
 * ODDS anomaly-detection tables. {@link Frey} uses the same reader for images.
 *
 * <p>MATLAB v7.3 files (HDF5) are not MAT 5 files and are refused with a message saying so. A
 * truncated or corrupt file is one {@link DataFormatException} naming the file.
 */
public final class MatReader {

  /** Size of the MAT 5 file header: 116 bytes of text, 8 of subsystem offset, version, endian. */
  private static final int HEADER_BYTES = 128;

  private static final Set<MatlabType> NUMERIC = EnumSet.of(MatlabType.Double,
      MatlabType.Single, MatlabType.Int8, MatlabType.UInt8, MatlabType.Int16, MatlabType.UInt16,
      MatlabType.Int32, MatlabType.UInt32, MatlabType.Int64, MatlabType.UInt64);

  private MatReader() {
  }

  /**
   * A numeric 2-D variable read from a MAT-file.
   *
   * @param name the variable name
   * @param type the MATLAB class, for example {@code "uint8"}
   * @param rows the number of rows
   * @param columns the number of columns
   * @param columnMajor rows * columns values, column after column, as MATLAB stores them
   */
  record NumericMatrix(String name, String type, int rows, int columns, double[] columnMajor) {

    /** The value at row {@code row}, column {@code column}. */
    double get(int row, int column) {
      return columnMajor[column * rows + row];
    }
  }

  /** The names of the variables in {@code file}, in file order. */
  public static List<String> variables(Path file) {
    byte[] raw = DataFiles.readAll(file);
    List<String> names = new ArrayList<>();
    try (Mat5File mat = open(file, raw)) {
      for (MatFile.Entry entry : mat.getEntries()) {
        names.add(entry.getName());
      }
    } catch (IOException e) {
      throw new DataFormatException(file, "cannot close MAT-file (" + e.getMessage() + ")", e);
    }
    return names;
  }

  /**
   * Reads a table: every row of {@code featuresVariable} is one example [columns], values as
   * stored; labels come from {@code labelsVariable}, a vector of non-negative integers with one
   * entry per row, or none when it is {@code null}. The checksum is the SHA-256 of the file.
   *
   * @throws DataFormatException when the file is malformed, a variable is missing or not a
   *     numeric matrix, or the labels do not fit
   */
  public static Dataset readTable(Path file, String featuresVariable, String labelsVariable) {
    byte[] raw = DataFiles.readAll(file);
    List<String> wanted = labelsVariable == null ? List.of(featuresVariable)
        : List.of(featuresVariable, labelsVariable);
    Map<String, NumericMatrix> matrices = read(file, raw, wanted);
    NumericMatrix x = matrices.get(featuresVariable);
    float[] values = new float[Math.multiplyExact(x.rows(), x.columns())];
    for (int r = 0; r < x.rows(); r++) {
      for (int c = 0; c < x.columns(); c++) {
        values[r * x.columns() + c] = (float) x.get(r, c);
      }
    }
    int[] labels = null;
    if (labelsVariable != null) {
      NumericMatrix y = matrices.get(labelsVariable);
      if (y.columnMajor().length != x.rows() || Math.min(y.rows(), y.columns()) != 1) {
        throw new DataFormatException(file, "labels '" + labelsVariable + "' must be a vector of "
            + x.rows() + " entries, one per row of '" + featuresVariable + "', got " + y.rows()
            + "x" + y.columns());
      }
      labels = new int[x.rows()];
      for (int i = 0; i < labels.length; i++) {
        double label = y.columnMajor()[i];
        if (label < 0 || label != Math.rint(label) || label > Integer.MAX_VALUE) {
          throw new DataFormatException(file, "labels '" + labelsVariable
              + "' must be non-negative integers, got " + label + " at row " + (i + 1));
        }
        labels[i] = (int) label;
      }
    }
    String source = "mat " + featuresVariable + (labelsVariable == null ? "" : "/" + labelsVariable)
        + " (" + file + ")";
    return new Dataset(source, DataFiles.sha256(raw), values, new int[] {x.columns()}, labels,
        List.of(), null, List.of());
  }

  /**
   * Reads the named numeric 2-D variables of a MAT-file held in {@code raw}.
   *
   * @throws DataFormatException when the file is malformed or a variable is missing, not numeric,
   *     complex, or has more than two dimensions
   */
  static Map<String, NumericMatrix> read(Path file, byte[] raw, List<String> names) {
    Map<String, NumericMatrix> out = new LinkedHashMap<>();
    try (Mat5File mat = open(file, raw)) {
      List<String> present = new ArrayList<>();
      for (MatFile.Entry entry : mat.getEntries()) {
        present.add(entry.getName());
      }
      for (String name : names) {
        if (!present.contains(name)) {
          throw new DataFormatException(file, "has no variable '" + name + "' (variables: "
              + String.join(", ", present) + ")");
        }
        out.put(name, numeric(file, name, mat.getArray(name)));
      }
    } catch (IOException e) {
      throw new DataFormatException(file, "cannot close MAT-file (" + e.getMessage() + ")", e);
    }
    return out;
  }

  private static NumericMatrix numeric(Path file, String name, Array array) {
    int[] dims = array.getDimensions();
    if (!(array instanceof Matrix matrix) || !NUMERIC.contains(array.getType())) {
      throw new DataFormatException(file, "variable '" + name + "' is a MATLAB "
          + array.getType() + ", expected a numeric matrix");
    }
    if (matrix.isComplex()) {
      throw new DataFormatException(file, "variable '" + name + "' is complex, expected real");
    }
    if (dims.length != 2) {
      throw new DataFormatException(file, "variable '" + name + "' has " + dims.length
          + " dimensions, expected a 2-D matrix");
    }
    double[] values = new double[matrix.getNumElements()];
    for (int i = 0; i < values.length; i++) {
      values[i] = matrix.getDouble(i);
    }
    return new NumericMatrix(name, array.getType().toString(), dims[0], dims[1], values);
  }

  /** Checks the header by hand (for clear messages), then parses the rest with MFL. */
  private static Mat5File open(Path file, byte[] raw) {
    if (DataFiles.isGzip(raw)) {
      throw new DataFormatException(file, "is gzip-compressed; MAT-files are read uncompressed");
    }
    if (raw.length < HEADER_BYTES) {
      throw new DataFormatException(file, "truncated: " + raw.length + " bytes is too short for "
          + "the " + HEADER_BYTES + "-byte MAT-file header");
    }
    String text = new String(raw, 0, 116, StandardCharsets.ISO_8859_1);
    if (text.startsWith("MATLAB 7.3")) {
      throw new DataFormatException(file, "is a MATLAB v7.3 (HDF5) MAT-file, which is not "
          + "supported; save it with the -v7 option");
    }
    String endian = new String(raw, 126, 2, StandardCharsets.ISO_8859_1);
    if (!endian.equals("IM") && !endian.equals("MI")) {
      throw new DataFormatException(file, "not a MATLAB 5 MAT-file (no IM/MI endian indicator "
          + "at byte 126" + (text.startsWith("MATLAB") ? "" : ", header does not start with "
          + "\"MATLAB\"") + ")");
    }
    try {
      return Mat5.newReader(Sources.wrap(raw)).readMat();
    } catch (IOException | RuntimeException e) {
      if (causedBy(e, EOFException.class)
          || causedBy(e, BufferUnderflowException.class)) {
        throw new DataFormatException(file, "truncated MAT-file: data ends before the last "
            + "variable does", e);
      }
      throw new DataFormatException(file, "corrupt MAT-file (" + rootMessage(e) + ")", e);
    }
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName()
        : root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
