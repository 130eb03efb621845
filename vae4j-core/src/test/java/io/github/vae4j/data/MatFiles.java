package io.github.vae4j.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.zip.Deflater;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Sink;
import us.hebi.matlab.mat.types.Sinks;

/** Writes small MAT-files with MFL for tests. */
final class MatFiles {

  private MatFiles() {
  }

  /** Writes {@code mat} to {@code file}, zlib-compressed or not. */
  static void write(MatFile mat, Path file, boolean compressed) throws IOException {
    try (Sink sink = Sinks.newStreamingFile(file.toFile())) {
      Mat5.newWriter(sink).setDeflateLevel(compressed ? Deflater.DEFAULT_COMPRESSION
          : Deflater.NO_COMPRESSION).writeMat(mat);
    }
  }

  /**
   * An uncompressed Frey-like file: ff uint8 [rows, count], pixel p of image i = (p + 7 i) mod
   * 256.
   */
  static Path freyLike(Path file, int rows, int count) throws IOException {
    Matrix ff = Mat5.newMatrix(rows, count, MatlabType.UInt8);
    for (int i = 0; i < count; i++) {
      for (int p = 0; p < rows; p++) {
        ff.setDouble(p, i, (p + 7 * i) % 256);
      }
    }
    try (MatFile mat = Mat5.newMatFile().addArray("ff", ff)) {
      write(mat, file, false);
    }
    return file;
  }

  /** A table: X double [rows, 3] with X[r, c] = r + c / 10, y = r mod 2, and a char "note". */
  static Path table(Path file, int rows, boolean compressed) throws IOException {
    Matrix x = Mat5.newMatrix(rows, 3);
    Matrix y = Mat5.newMatrix(rows, 1);
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < 3; c++) {
        x.setDouble(r, c, r + c / 10.0);
      }
      y.setDouble(r, 0, r % 2);
    }
    try (MatFile mat = Mat5.newMatFile().addArray("X", x).addArray("y", y)
        .addArray("note", Mat5.newString("hello"))) {
      write(mat, file, compressed);
    }
    return file;
  }
}
