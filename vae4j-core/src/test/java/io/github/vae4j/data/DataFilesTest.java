package io.github.vae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class DataFilesTest {

  private static final Path FILE = Path.of("test.gz");

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  private static byte[] bytes(int n, long seed) {
    byte[] b = new byte[n];
    new SplittableRandom(seed).nextBytes(b);
    // compressible runs, as in images
    Arrays.fill(b, n / 4, n / 2, (byte) 0);
    return b;
  }

  @Test
  void gunzipsToTheOriginalBytes() throws IOException {
    for (int n : new int[] {0, 1, 1000, 300_000}) {
      byte[] data = bytes(n, n);
      assertArrayEquals(data, DataFiles.gunzipIfNeeded(gzip(data), FILE));
    }
  }

  @Test
  void plainBytesComeBackAsTheyAre() {
    byte[] data = {0, 0, 8, 3, 1, 2};
    assertSame(data, DataFiles.gunzipIfNeeded(data, FILE));
  }

  /** Two gzip members: the trailer's size is the last member's only, and the rest must still come. */
  @Test
  void concatenatedMembersAreReadWhole() throws IOException {
    byte[] first = bytes(70_000, 1);
    byte[] second = bytes(500, 2);
    byte[] a = gzip(first);
    byte[] b = gzip(second);
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    byte[] expected = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, expected, first.length, second.length);
    assertArrayEquals(expected, DataFiles.gunzipIfNeeded(both, FILE));
  }

  @Test
  void aWrongSizeInTheTrailerIsACorruptStream() throws IOException {
    byte[] gz = gzip(bytes(5000, 3));
    gz[gz.length - 1] ^= 0x01;
    DataFormatException e = assertThrows(DataFormatException.class, () -> DataFiles.gunzipIfNeeded(gz, FILE));
    assertTrue(e.getMessage().contains("gzip"), e.getMessage());
  }

  @Test
  void aTruncatedStreamIsNamed() throws IOException {
    byte[] gz = gzip(bytes(5000, 4));
    byte[] cut = Arrays.copyOf(gz, gz.length / 2);
    DataFormatException e = assertThrows(DataFormatException.class, () -> DataFiles.gunzipIfNeeded(cut, FILE));
    assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("corrupt"), e.getMessage());
  }
}
