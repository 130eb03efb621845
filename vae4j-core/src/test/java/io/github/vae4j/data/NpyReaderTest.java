package io.github.vae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads files written by NumPy 1.24 ({@code np.save}, {@code format.write_array}). */
class NpyReaderTest {

  @TempDir
  Path dir;

  static Path fixture(String name) {
    try {
      return Path.of(NpyReaderTest.class.getResource("npy/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String failure(Path file) {
    DataFormatException e = assertThrows(DataFormatException.class, () -> NpyReader.read(file));
    assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    return e.getMessage().substring(file.toString().length() + 2);
  }

  @Test
  void readsFloat32InAllThreeFormatVersions() {
    // np.arange(6, dtype='<f4').reshape(2, 3) * 0.5 - 1
    float[] expected = {-1f, -0.5f, 0f, 0.5f, 1f, 1.5f};
    for (String name : List.of("f4_2x3.npy", "v2_f4_2x3.npy", "v3_f4_2x3.npy")) {
      Dataset data = NpyReader.read(fixture(name));
      assertEquals(2, data.count(), name);
      assertEquals(List.of(3), data.exampleShape(), name);
      assertArrayEquals(expected, data.copyValues(), name);
    }
  }

  @Test
  void convertsTheOtherDtypes() {
    Dataset f8 = NpyReader.read(fixture("f8_be_3x2.npy"));
    assertEquals(3, f8.count());
    assertArrayEquals(new float[] {0, 0.25f, 0.5f, 0.75f, 1, 1.25f}, f8.copyValues());
    Dataset u1 = NpyReader.read(fixture("u1_2x2x2.npy"));
    assertEquals(List.of(2, 2), u1.exampleShape());
    assertArrayEquals(new float[] {0, 0.2f, 0.4f, 0.6f, 0.8f, 1, 1 / 255f, 254 / 255f},
        u1.copyValues());
    for (String name : List.of("i4_1d.npy", "i4_be_1d.npy")) {
      Dataset i4 = NpyReader.read(fixture(name));
      assertEquals(4, i4.count());
      assertEquals(List.of(1), i4.exampleShape());
      assertArrayEquals(new float[] {-3, 0, 7, 123456}, i4.copyValues(), name);
    }
    assertArrayEquals(new float[] {-5, 6, 0x1p40f, -0x1p20f},
        NpyReader.read(fixture("i8_2x2.npy")).copyValues());
    Dataset scalar = NpyReader.read(fixture("scalar_f8.npy"));
    assertEquals(1, scalar.count());
    assertEquals(2.5f, scalar.value(0, 0));
  }

  @Test
  void checksumIsOfTheFileBytes() throws IOException {
    Path file = fixture("f4_2x3.npy");
    assertEquals(DataFiles.sha256(Files.readAllBytes(file)), NpyReader.read(file).sha256());
  }

  @Test
  void refusesFortranOrderAndUnsupportedDtypes() {
    assertEquals("fortran_order is True; only C-order arrays are supported (save with "
        + "np.ascontiguousarray(a))", failure(fixture("fortran_2x3.npy")));
    assertTrue(failure(fixture("structured.npy")).startsWith("bad .npy header: structured dtypes "
        + "(a list descr) are not supported"));
    assertTrue(failure(fixture("complex_c8.npy")).startsWith("unsupported dtype '<c8' "
        + "(supported: f2 f4 f8 i1 i2 i4 i8 u1 u2 u4 u8 b1"));
  }

  @Test
  void refusesBadMagicAndVersions() throws IOException {
    byte[] good = Files.readAllBytes(fixture("f4_2x3.npy"));
    byte[] magic = good.clone();
    magic[1] = 'X';
    assertEquals("not a .npy file: it does not start with the magic bytes \\x93NUMPY",
        failure(Files.write(dir.resolve("magic.npy"), magic)));
    byte[] version = good.clone();
    version[6] = 4;
    assertEquals("unsupported .npy format version 4.0 (supported: 1.0, 2.0, 3.0)",
        failure(Files.write(dir.resolve("version.npy"), version)));
    assertTrue(failure(Files.write(dir.resolve("tiny.npy"), Arrays.copyOf(good, 4)))
        .startsWith("not a .npy file"));
  }

  @Test
  void refusesTruncatedAndOverlongData() throws IOException {
    byte[] good = Files.readAllBytes(fixture("f4_2x3.npy"));
    assertEquals("truncated: shape (2, 3) of dtype '<f4' needs 24 data bytes, got 20",
        failure(Files.write(dir.resolve("short.npy"), Arrays.copyOf(good, good.length - 4))));
    assertEquals("4 unexpected bytes after the 24 data bytes that shape (2, 3) of dtype '<f4' "
        + "needs", failure(Files.write(dir.resolve("long.npy"), Arrays.copyOf(good,
        good.length + 4))));
    assertEquals("truncated: the header promises 118 bytes, got 40",
        failure(Files.write(dir.resolve("header.npy"), Arrays.copyOf(good, 50))));
  }

  @Test
  void refusesHeadersThatDoNotParse() throws IOException {
    assertTrue(failure(withHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (2, x), }"))
        .startsWith("bad .npy header: expected a non-negative integer in the shape at character"));
    assertTrue(failure(withHeader("{'descr': '<f4', 'fortran_order': False }"))
        .startsWith("bad .npy header: 'shape' is missing"));
    assertTrue(failure(withHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (2,)"))
        .startsWith("bad .npy header: expected ',' or '}'"));
    assertTrue(failure(withHeader("['descr']")).startsWith("bad .npy header: expected '{'"));
    assertTrue(failure(withHeader("{'descr': '<f9', 'fortran_order': False, 'shape': (2,), }"))
        .startsWith("unsupported dtype '<f9'"));
    assertTrue(failure(withHeader("{'descr': '|f4', 'fortran_order': False, 'shape': (2,), }"))
        .startsWith("unsupported dtype '|f4'"));
    assertTrue(failure(withHeader("{'descr': '<f4', 'fortran_order': 0, 'shape': (2,), }"))
        .startsWith("bad .npy header: expected a string, True, False or a tuple"));
  }

  /** A version 1.0 file with {@code header} and 8 zero data bytes. */
  private Path withHeader(String header) throws IOException {
    byte[] text = (header + "\n").getBytes(StandardCharsets.ISO_8859_1);
    byte[] out = new byte[10 + text.length + 8];
    System.arraycopy(NpyReader.MAGIC, 0, out, 0, 6);
    out[6] = 1;
    out[8] = (byte) text.length;
    out[9] = (byte) (text.length >> 8);
    System.arraycopy(text, 0, out, 10, text.length);
    return Files.write(Files.createTempFile(dir, "header", ".npy"), out);
  }
}
