package io.github.vae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatReaderTest {

  @TempDir
  Path dir;

  @Test
  void readsATableWithLabelsCompressedOrNot() throws IOException {
    for (boolean compressed : new boolean[] {false, true}) {
      Path file = MatFiles.table(dir.resolve("table-" + compressed + ".mat"), 5, compressed);
      Dataset data = MatReader.readTable(file, "X", "y");
      assertEquals(5, data.count());
      assertEquals(List.of(3), data.exampleShape());
      assertArrayEquals(new float[] {4f, 4.1f, 4.2f}, data.row(4));
      assertArrayEquals(new int[] {0, 1, 0, 1, 0}, data.labels());
      assertEquals(List.of("X", "y", "note"), MatReader.variables(file));
      assertFalse(MatReader.readTable(file, "X", null).hasLabels());
      assertEquals(DataFiles.sha256(Files.readAllBytes(file)), data.sha256());
    }
  }

  @Test
  void namesMissingAndNonNumericVariables() throws IOException {
    Path file = MatFiles.table(dir.resolve("table.mat"), 4, true);
    DataFormatException missing = assertThrows(DataFormatException.class,
        () -> MatReader.readTable(file, "Z", null));
    assertEquals(file + ": has no variable 'Z' (variables: X, y, note)", missing.getMessage());
    DataFormatException text = assertThrows(DataFormatException.class,
        () -> MatReader.readTable(file, "note", null));
    assertEquals(file + ": variable 'note' is a MATLAB char, expected a numeric matrix",
        text.getMessage());
    DataFormatException labels = assertThrows(DataFormatException.class,
        () -> MatReader.readTable(file, "X", "X"));
    assertEquals(file + ": labels 'X' must be a vector of 4 entries, one per row of 'X', got 4x3",
        labels.getMessage());
  }

  @Test
  void corruptCompressedDataIsOneClearError() throws IOException {
    byte[] good = Files.readAllBytes(MatFiles.table(dir.resolve("good.mat"), 50, true));
    byte[] bad = good.clone();
    for (int i = 140; i < 160; i++) {
      bad[i] ^= 0x55; // inside the zlib stream of X
    }
    Path file = Files.write(dir.resolve("bad.mat"), bad);
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> MatReader.readTable(file, "X", "y"));
    assertTrue(e.getMessage().startsWith(file + ": corrupt MAT-file ("), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
  }

  @Test
  void realCardioTable() {
    Path file = SharedData.require("tabular/cardio.mat");
    Dataset cardio = MatReader.readTable(file, "X", "y");
    assertEquals(1831, cardio.count());
    assertEquals(List.of(21), cardio.exampleShape());
    assertArrayEquals(new int[] {1831 - 176, 176}, cardio.labelCounts());
    assertEquals(0.004912314661768384, cardio.value(0, 0), 1e-7);
    assertEquals("5e568b6a73711012c481fa6cc984ab9c68e9a4fa44d6aeb3b43efa381c3f695b",
        cardio.sha256());
  }
}
