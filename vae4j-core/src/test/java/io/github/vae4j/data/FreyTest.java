package io.github.vae4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FreyTest {

  @TempDir
  Path dir;

  @Test
  void imagesAreColumnsReshapedRowMajor() throws IOException {
    Dataset faces = Frey.load(MatFiles.freyLike(dir.resolve("f.mat"), 560, 3));
    assertEquals(3, faces.count());
    assertEquals(List.of(1, 28, 20), faces.exampleShape());
    assertFalse(faces.hasLabels());
    // pixel (row 1, column 2) of image 2 is ff[1 * 20 + 2, 2] = 22 + 14
    assertEquals(36 / 255f, faces.value(2, 22));
    assertEquals(0f, faces.value(0, 0));
  }

  @Test
  void rejectsTheWrongImageSize() throws IOException {
    Path file = MatFiles.freyLike(dir.resolve("small.mat"), 500, 2);
    DataFormatException e = assertThrows(DataFormatException.class, () -> Frey.load(file));
    assertEquals(file + ": variable 'ff' has shape 500x2, expected 560 rows (one 28x20 image per "
        + "column)", e.getMessage());
  }

  @Test
  void truncatedAndMalformedFilesAreOneClearError() throws IOException {
    byte[] good = Files.readAllBytes(MatFiles.freyLike(dir.resolve("good.mat"), 560, 4));
    assertTrue(good.length > 4 * 560, "an uncompressed file of " + good.length + " bytes");
    Path truncated = Files.write(dir.resolve("truncated.mat"), Arrays.copyOf(good, 1000));
    DataFormatException cut = assertThrows(DataFormatException.class, () -> Frey.load(truncated));
    assertEquals(truncated + ": truncated MAT-file: data ends before the last variable does",
        cut.getMessage());
    Path header = Files.write(dir.resolve("header.mat"), Arrays.copyOf(good, 100));
    assertEquals(header + ": truncated: 100 bytes is too short for the 128-byte MAT-file header",
        assertThrows(DataFormatException.class, () -> Frey.load(header)).getMessage());
    byte[] noEndian = good.clone();
    noEndian[126] = 'X';
    Path endian = Files.write(dir.resolve("endian.mat"), noEndian);
    assertEquals(endian + ": not a MATLAB 5 MAT-file (no IM/MI endian indicator at byte 126)",
        assertThrows(DataFormatException.class, () -> Frey.load(endian)).getMessage());
    Path hdf5 = Files.write(dir.resolve("v73.mat"), ("MATLAB 7.3 MAT-file, Platform: GLNXA64"
        + " ".repeat(120)).getBytes(StandardCharsets.US_ASCII));
    assertTrue(assertThrows(DataFormatException.class, () -> Frey.load(hdf5)).getMessage()
        .contains("MATLAB v7.3 (HDF5) MAT-file, which is not supported"));
    Path gz = Files.write(dir.resolve("gz.mat"), IdxFiles.gzip(good));
    assertTrue(assertThrows(DataFormatException.class, () -> Frey.load(gz)).getMessage()
        .contains("is gzip-compressed"));
    Path padded = Files.write(dir.resolve("padded.mat"), Arrays.copyOf(good, good.length + 64));
    String garbage = assertThrows(DataFormatException.class, () -> Frey.load(padded))
        .getMessage();
    assertTrue(garbage.startsWith(padded + ": corrupt MAT-file ("), garbage);
  }

  @Test
  void realFreyFace() {
    Path file = SharedData.require("frey/frey_rawface.mat");
    Dataset faces = Frey.load(file);
    assertEquals(1965, faces.count());
    assertEquals(List.of(1, 28, 20), faces.exampleShape());
    assertEquals("265a83a23adb081755cd3de375509828e690324d1d60f076b8ecebc840d59c64",
        faces.sha256());
    // ff[0, 0] = 81, ff[1, 0] = 136, ff[0, 1] = 85
    assertEquals(81 / 255f, faces.value(0, 0));
    assertEquals(136 / 255f, faces.value(0, 1));
    assertEquals(85 / 255f, faces.value(1, 0));
    float min = 1;
    float max = 0;
    for (float value : faces.copyValues()) {
      min = Math.min(min, value);
      max = Math.max(max, value);
    }
    assertEquals(8 / 255f, min);
    assertEquals(238 / 255f, max);
  }

  @Test
  void truncatedRealFreyFace() throws IOException {
    Path file = SharedData.require("frey/frey_rawface.mat");
    byte[] bytes = Files.readAllBytes(file);
    Path truncated = Files.write(dir.resolve("frey_rawface.mat"), Arrays.copyOf(bytes,
        bytes.length - 1000));
    DataFormatException e = assertThrows(DataFormatException.class, () -> Frey.load(truncated));
    assertEquals(truncated + ": truncated MAT-file: data ends before the last variable does",
        e.getMessage());
  }
}
