package io.github.vae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {

  @TempDir
  Path dir;

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  private static String failure(Path file, CsvOptions options) {
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> CsvReader.read(file, options));
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    return e.getMessage();
  }

  @Test
  void detectsHeaderAndDelimiter() throws IOException {
    Path comma = write("comma.csv", "a,b,c\n1,2,3\r\n4.5,-6e-1,+7\n\n");
    Dataset data = CsvReader.read(comma);
    assertEquals(2, data.count());
    assertEquals(List.of(3), data.exampleShape());
    assertArrayEquals(new float[] {4.5f, -0.6f, 7f}, data.row(1));
    assertFalse(data.hasLabels());
    Path semicolon = write("semi.csv", "1;2\n3;4\n");
    assertArrayEquals(new float[] {1, 2, 3, 4}, CsvReader.read(semicolon).copyValues());
    Path tab = write("tab.tsv", "x\ty\n\"1\"\t2\n");
    Dataset tabbed = CsvReader.read(tab);
    assertEquals(1, tabbed.count());
    assertArrayEquals(new float[] {1, 2}, tabbed.row(0));
    Path single = write("single.csv", "0.5\n0.25\n");
    assertEquals(List.of(1), CsvReader.read(single).exampleShape());
  }

  @Test
  void headerAndDelimiterCanBeForced() throws IOException {
    Path file = write("numbers.csv", "1,2\n3,4\n");
    Dataset skipped = CsvReader.read(file, CsvOptions.defaults()
        .withHeader(CsvOptions.Header.PRESENT));
    assertEquals(1, skipped.count());
    Path semis = write("semis.csv", "1;2,5\n");
    Path dotted = write("dotted.csv", "1;2.5\n");
    Dataset forced = CsvReader.read(dotted, CsvOptions.defaults()
        .withDelimiter(CsvOptions.Delimiter.SEMICOLON).withHeader(CsvOptions.Header.ABSENT));
    assertEquals(2, forced.features());
    String decimalComma = failure(semis, CsvOptions.defaults()
        .withDelimiter(CsvOptions.Delimiter.SEMICOLON).withHeader(CsvOptions.Header.ABSENT));
    assertEquals(semis + ": line 1, column 2: not a number: \"2,5\"", decimalComma);
  }

  @Test
  void labelColumnByNameOrIndex() throws IOException {
    Path file = write("labelled.csv", "f1,class,f2\n0.1,2,0.2\n0.3,0,0.4\n0.5,1.0,0.6\n");
    Dataset byName = CsvReader.read(file, CsvOptions.defaults().withLabelColumn("class"));
    assertArrayEquals(new int[] {2, 0, 1}, byName.labels());
    assertArrayEquals(new float[] {0.3f, 0.4f}, byName.row(1));
    assertEquals(List.of(2), byName.exampleShape());
    Dataset byIndex = CsvReader.read(file, CsvOptions.defaults().withLabelColumn(1));
    assertArrayEquals(byName.copyValues(), byIndex.copyValues());
    assertEquals(file + ": no column named \"label\" in the header (columns: f1, class, f2)",
        failure(file, CsvOptions.defaults().withLabelColumn("label")));
    assertEquals(file + ": label column index 3 is out of range for 3 columns",
        failure(file, CsvOptions.defaults().withLabelColumn(3)));
    Path bad = write("bad-label.csv", "a,y\n1,0.5\n");
    assertEquals(bad + ": line 2, column 2 (\"y\"): label must be a non-negative integer, got "
        + "\"0.5\"", failure(bad, CsvOptions.defaults().withLabelColumn("y")));
    Path headerless = write("headerless.csv", "1,2\n");
    assertTrue(failure(headerless, CsvOptions.defaults().withLabelColumn("y"))
        .contains("is given by name but line 1 is not a header row"));
  }

  @Test
  void readsGzippedFiles() throws IOException {
    Path file = Files.write(dir.resolve("data.csv.gz"), IdxFiles.gzip(
        "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)));
    Dataset data = CsvReader.read(file);
    assertArrayEquals(new float[] {1, 2}, data.row(0));
    assertEquals(DataFiles.sha256(Files.readAllBytes(file)), data.sha256());
  }

  @Test
  void raggedRowNamesLineAndCounts() throws IOException {
    Path file = write("ragged.csv", "a,b,c\n1,2,3\n\n4,5\n");
    assertEquals(file + ": line 4: expected 3 columns, got 2",
        failure(file, CsvOptions.defaults()));
  }

  @Test
  void nonNumericCellNamesLineColumnAndValue() throws IOException {
    Path file = write("text.csv", "a,b\n1,2\n3,abc\n");
    assertEquals(file + ": line 3, column 2 (\"b\"): not a number: \"abc\"",
        failure(file, CsvOptions.defaults()));
    Path empty = write("empty-cell.csv", "1,,3\n");
    assertEquals(empty + ": line 1, column 2: empty cell", failure(empty, CsvOptions.defaults()
        .withHeader(CsvOptions.Header.ABSENT)));
    Path mixed = write("mixed.csv", "1,abc\n2,3\n");
    assertEquals(mixed + ": line 1, column 2: not a number: \"abc\"",
        failure(mixed, CsvOptions.defaults()));
    Path suffix = write("suffix.csv", "1,2\n3,4f\n");
    assertEquals(suffix + ": line 2, column 2: not a number: \"4f\"",
        failure(suffix, CsvOptions.defaults()));
  }

  @Test
  void nonFiniteCellsAreRejectedUnlessAllowed() throws IOException {
    Path file = write("nan.csv", "a,b\n1,NaN\n-inf,2\n");
    assertEquals(file + ": line 2, column 2 (\"b\"): non-finite value \"NaN\" (allow it with "
        + "CsvOptions.withNonFinite(true))", failure(file, CsvOptions.defaults()));
    Dataset allowed = CsvReader.read(file, CsvOptions.defaults().withNonFinite(true));
    assertTrue(Float.isNaN(allowed.value(0, 1)));
    assertEquals(Float.NEGATIVE_INFINITY, allowed.value(1, 0));
    Path infinity = write("inf.csv", "1,Infinity\n");
    assertTrue(failure(infinity, CsvOptions.defaults()).contains("line 1, column 2: non-finite"));
  }

  @Test
  void emptyFilesAreRejected() throws IOException {
    Path empty = write("empty.csv", "");
    assertEquals(empty + ": empty file: no rows", failure(empty, CsvOptions.defaults()));
    Path blank = write("blank.csv", "\n  \n");
    assertEquals(blank + ": empty file: no rows", failure(blank, CsvOptions.defaults()));
    Path header = write("header.csv", "a,b\n");
    assertEquals(header + ": no data rows after the header", failure(header,
        CsvOptions.defaults()));
  }

  @Test
  void optionsValidate() {
    IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
        () -> new CsvOptions(CsvOptions.Header.AUTO, CsvOptions.Delimiter.AUTO, "y", 2, false));
    assertTrue(both.getMessage().contains("labelName \"y\" and labelIndex 2"));
    assertThrows(IllegalArgumentException.class, () -> CsvOptions.defaults().withLabelColumn(-2));
  }

  @Test
  void realKddCupIsRefusedAtItsFirstCategoricalCell() {
    Path file = SharedData.require("tabular/kddcup.data_10_percent.gz");
    DataFormatException e = assertThrows(DataFormatException.class, () -> CsvReader.read(file));
    assertEquals(file + ": line 1, column 2: not a number: \"tcp\"", e.getMessage());
  }
}
