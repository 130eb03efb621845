package io.github.vae4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vae4j.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {

  @TempDir
  Path folder;

  // ---------------------------------------------------------------- round trip

  @Test
  void roundTripKeepsNamesOrderShapesValuesAndMetadata() throws IOException {
    SplittableRandom random = new SplittableRandom(7);
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("scalar", Tensor.scalar(-3.25f));
    tensors.put("empty", Tensor.zeros(0));
    tensors.put("empty.matrix", Tensor.zeros(0, 3));
    tensors.put("special", Tensor.of(new float[] {Float.NaN, Float.POSITIVE_INFINITY, -0f, Float.MIN_VALUE}, 4));
    tensors.put("transposed", Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3).transpose(0, 1));
    for (int i = 0; i < 60; i++) {
      // reverse alphabetical names, so that order is kept rather than sorted
      tensors.put("layer." + (99 - i) + ".weight", Tensor.randn(random, 1 + i % 4, 2, 1 + i % 3));
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("seed", "7");
    metadata.put("config", "{\"latentDim\": 2, \"name\": \"b\u00e9ta \u2192 VAE\"}");
    Path file = folder.resolve("model.safetensors");

    SafeTensors.write(file, tensors, metadata);
    NamedTensors read = SafeTensors.read(file);

    assertEquals(List.copyOf(tensors.keySet()), List.copyOf(read.tensors().keySet()));
    for (Map.Entry<String, Tensor> entry : tensors.entrySet()) {
      Tensor back = read.tensor(entry.getKey());
      assertArrayEquals(entry.getValue().shape(), back.shape(), entry.getKey());
      assertBitsEqual(entry.getValue().toArray(), back.toArray());
    }
    assertEquals(metadata, read.metadata());
    assertEquals(0, headerLength(file) % 8, "header padded to a multiple of 8");
  }

  @Test
  void writesNoMetadataKeyWhenThereIsNone() throws IOException {
    Path file = folder.resolve("plain.safetensors");
    SafeTensors.write(file, NamedTensors.of(Map.of("x", Tensor.scalar(1f))));
    assertTrue(!header(file).contains("__metadata__"), header(file));
    assertTrue(SafeTensors.read(file).metadata().isEmpty());
  }

  // ---------------------------------------------------------------- exact layout

  @Test
  void headerLayoutIsByteExact() throws IOException {
    Path file = folder.resolve("tiny.safetensors");
    SafeTensors.write(file, Map.of("a", Tensor.of(new float[] {1f, -2f}, 2)), Map.of());

    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    // header length 56, unsigned 64-bit little-endian
    expected.writeBytes(new byte[] {0x38, 0, 0, 0, 0, 0, 0, 0});
    // 54 bytes of JSON and 2 spaces of padding
    expected.writeBytes("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}  "
        .getBytes(StandardCharsets.US_ASCII));
    // 1.0f and -2.0f, little-endian IEEE 754
    expected.writeBytes(new byte[] {0, 0, (byte) 0x80, 0x3F, 0, 0, 0, (byte) 0xC0});
    assertArrayEquals(expected.toByteArray(), Files.readAllBytes(file));
  }

  @Test
  void metadataComesFirstInTheHeader() throws IOException {
    Path file = folder.resolve("meta.safetensors");
    SafeTensors.write(file, Map.of("w", Tensor.scalar(0.5f)), Map.of("k", "v"));
    assertEquals("{\"__metadata__\":{\"k\":\"v\"},\"w\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}}  ",
        header(file));
  }

  // ---------------------------------------------------------------- interop

  /** Written by Hugging Face's safetensors 0.8.0 (numpy API), see make_python_fixture.py. */
  @Test
  void readsAFileWrittenByPythonSafetensors() throws IOException {
    Path file = folder.resolve("python_fixture.safetensors");
    try (InputStream in = SafeTensorsTest.class.getResourceAsStream("/safetensors/python_fixture.safetensors")) {
      Files.write(file, in.readAllBytes());
    }
    NamedTensors read = SafeTensors.read(file);

    assertEquals(Map.of("format", "np", "written_by", "make_python_fixture.py"), read.metadata());
    assertEquals(10, read.tensors().size());
    assertTensor(read, "encoder.weight", new int[] {2, 3}, 0f, 0.25f, 0.5f, 0.75f, 1f, 1.25f);
    assertTensor(read, "special", new int[] {4}, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f);
    assertTensor(read, "half", new int[] {5}, 0.5f, -1.25f, 65504f, 0x1p-14f, 0x1p-24f);
    assertTensor(read, "double", new int[] {2, 2}, 0.1f, -2.5f, 1e-3f, 3f);
    assertTensor(read, "steps", new int[] {3}, -3f, 0f, 0x1p40f);
    assertTensor(read, "counts", new int[] {2, 1}, 7f, -8f);
    assertTensor(read, "bytes", new int[] {3}, 0f, 128f, 255f);
    assertTensor(read, "mask", new int[] {3}, 1f, 0f, 1f);
    assertTensor(read, "scalar", new int[] {}, 42.5f);
    assertTensor(read, "empty", new int[] {0, 3});
  }

  @Test
  void readsBf16AndF16() throws IOException {
    // bf16 1.0 = 0x3F80, -2.5 = 0xC020; f16 1.0 = 0x3C00, -0.5 = 0xB800
    Path file = file("{\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[0,4]},"
        + "\"h\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[4,8]}}",
        bytes(0x80, 0x3F, 0x20, 0xC0, 0x00, 0x3C, 0x00, 0xB8));
    NamedTensors read = SafeTensors.read(file);
    assertTensor(read, "b", new int[] {2}, 1f, -2.5f);
    assertTensor(read, "h", new int[] {2}, 1f, -0.5f);
  }

  @Test
  void readsTensorsInHeaderOrderWhateverTheirDataOrder() throws IOException {
    Path file = file("{\"second\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]},"
        + "\"first\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", floats(1f, 2f));
    NamedTensors read = SafeTensors.read(file);
    assertEquals(List.of("second", "first"), List.copyOf(read.tensors().keySet()));
    assertTensor(read, "second", new int[] {1}, 2f);
    assertTensor(read, "first", new int[] {1}, 1f);
  }

  // ---------------------------------------------------------------- corrupt files

  @Test
  void rejectsAFileShorterThanTheHeaderLength() throws IOException {
    Path file = folder.resolve("short.safetensors");
    Files.write(file, bytes(1, 2, 3, 4, 5));
    assertProblem(file, "truncated file: 5 bytes");
  }

  @Test
  void rejectsAHeaderLengthBeyondTheFile() throws IOException {
    Path file = folder.resolve("long-header.safetensors");
    ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1000).put("{}      ".getBytes(
        StandardCharsets.US_ASCII));
    Files.write(file, b.array());
    assertProblem(file, "header length 1000 exceeds the 8 bytes after it");
  }

  @Test
  void rejectsAHeaderLengthWithTheTopBitSet() throws IOException {
    Path file = folder.resolve("huge-header.safetensors");
    Files.write(file, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-8).array());
    assertProblem(file, "header length 18446744073709551608 exceeds");
  }

  @Test
  void rejectsATruncatedDataBuffer() throws IOException {
    Path whole = folder.resolve("whole.safetensors");
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("a", Tensor.zeros(2));
    tensors.put("b", Tensor.zeros(3));
    SafeTensors.write(whole, tensors, Map.of());
    byte[] bytes = Files.readAllBytes(whole);
    Path cut = folder.resolve("cut.safetensors");
    Files.write(cut, Arrays.copyOf(bytes, bytes.length - 4));
    assertProblem(cut, "data_offsets [8, 20] out of range: the data buffer holds 16 bytes (truncated file?)");
  }

  @Test
  void rejectsInvalidJson() throws IOException {
    assertProblem(file("{\"a\": {\"dtype\": \"F32\",", new byte[0]), "header is not valid JSON");
  }

  @Test
  void rejectsTrailingGarbageAfterTheJson() throws IOException {
    assertProblem(file("{} {}", new byte[0]), "header is not valid JSON");
  }

  @Test
  void rejectsDuplicateNames() throws IOException {
    String entry = "{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}";
    assertProblem(file("{\"a\":" + entry + ",\"a\":" + entry + "}", floats(1f)), "Duplicate field 'a'");
  }

  @Test
  void rejectsAHeaderThatIsNotAnObject() throws IOException {
    assertProblem(file("[1, 2]", new byte[0]), "header is not a JSON object");
  }

  @Test
  void rejectsAHeaderThatIsNotUtf8() throws IOException {
    Path file = folder.resolve("latin1.safetensors");
    ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(8)
        .put(bytes('{', '"', 0xE9, '"', ':', '1', '}', ' '));
    Files.write(file, b.array());
    assertProblem(file, "header is not valid UTF-8");
  }

  @Test
  void rejectsAnUnknownDtype() throws IOException {
    assertProblem(file("{\"a\":{\"dtype\":\"Q7\",\"shape\":[1],\"data_offsets\":[0,1]}}", bytes(0)),
        "tensor 'a': unknown or unsupported dtype 'Q7' (vae4j reads F64, F32, F16, BF16");
  }

  @Test
  void rejectsAnUnsupportedFloat8Dtype() throws IOException {
    assertProblem(file("{\"a\":{\"dtype\":\"F8_E4M3\",\"shape\":[1],\"data_offsets\":[0,1]}}", bytes(0)),
        "unknown or unsupported dtype 'F8_E4M3'");
  }

  @Test
  void rejectsOffsetsOutOfRange() throws IOException {
    assertProblem(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", floats(1f, 2f)),
        "tensor 'a': data_offsets [4, 12] out of range: the data buffer holds 8 bytes");
  }

  @Test
  void rejectsNegativeOrReversedOffsets() throws IOException {
    assertProblem(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[-4,0]}}", new byte[0]),
        "tensor 'a': data_offsets must be [begin, end] with 0 <= begin <= end, got [-4,0]");
    assertProblem(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,0]}}", floats(1f)),
        "data_offsets must be [begin, end]");
    assertProblem(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}", floats(1f)),
        "data_offsets must be [begin, end]");
  }

  @Test
  void rejectsOverlappingTensors() throws IOException {
    assertProblem(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
        + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", floats(1f, 2f, 3f)),
        "tensors 'a' [0, 8] and 'b' [4, 12] overlap in the data buffer");
  }

  @Test
  void rejectsAGapBetweenTensors() throws IOException {
    assertProblem(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
        + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}", floats(1f, 2f, 3f)),
        "bytes [4, 8) of the data buffer belong to no tensor");
  }

  @Test
  void rejectsBytesAfterTheLastTensor() throws IOException {
    assertProblem(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", floats(1f, 2f)),
        "data buffer holds 8 bytes but the tensors cover 4 (4 trailing bytes belong to no tensor)");
  }

  @Test
  void rejectsAShapeThatDoesNotMatchTheByteRange() throws IOException {
    assertProblem(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", floats(1f, 2f)),
        "tensor 'a': shape [3] of F32 needs 12 bytes, but data_offsets [0, 8] span 8");
    assertProblem(file("{\"a\":{\"dtype\":\"F16\",\"shape\":[2,2],\"data_offsets\":[0,4]}}", floats(1f)),
        "tensor 'a': shape [2, 2] of F16 needs 8 bytes, but data_offsets [0, 4] span 4");
  }

  @Test
  void rejectsMalformedEntries() throws IOException {
    assertProblem(file("{\"a\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", floats(1f)),
        "tensor 'a': shape must be an array of integers, got null");
    assertProblem(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", floats(1f)),
        "tensor 'a': shape must hold integers in [0, 2^31), got [-1]");
    assertProblem(file("{\"a\":{\"shape\":[1],\"data_offsets\":[0,4]}}", floats(1f)),
        "tensor 'a': dtype must be a string, got null");
    assertProblem(file("{\"a\":[1,2]}", new byte[0]), "tensor 'a': expected an object with dtype");
  }

  @Test
  void rejectsMetadataThatIsNotStrings() throws IOException {
    assertProblem(file("{\"__metadata__\":{\"epochs\":10}}", new byte[0]),
        "__metadata__ must map names to strings, got 10 for 'epochs'");
    assertProblem(file("{\"__metadata__\":[\"x\"]}", new byte[0]), "__metadata__ must be an object of strings");
  }

  @Test
  void rejectsTheReservedNameOnWrite() {
    Map<String, Tensor> tensors = Map.of("__metadata__", Tensor.scalar(1f));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SafeTensors.write(folder.resolve("x.safetensors"), tensors, Map.of()));
    assertTrue(e.getMessage().contains("not __metadata__"), e.getMessage());
  }

  @Test
  void readsAnEmptyFileOfTensors() throws IOException {
    NamedTensors read = SafeTensors.read(file("{}", new byte[0]));
    assertTrue(read.tensors().isEmpty());
  }

  // ---------------------------------------------------------------- helpers

  private static void assertTensor(NamedTensors read, String name, int[] shape, float... values) {
    Tensor t = read.tensor(name);
    assertArrayEquals(shape, t.shape(), name);
    assertBitsEqual(values, t.toArray());
  }

  /** Equal bit for bit, so NaN equals NaN and -0 differs from 0. */
  private static void assertBitsEqual(float[] expected, float[] actual) {
    assertEquals(expected.length, actual.length, "length");
    for (int i = 0; i < expected.length; i++) {
      assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]),
          "value " + i + ": expected " + expected[i] + ", got " + actual[i]);
    }
  }

  private void assertProblem(Path file, String problem) {
    FileFormatException e = assertThrows(FileFormatException.class, () -> SafeTensors.read(file));
    assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(problem), () -> "expected '" + problem + "' in: " + e.getMessage());
  }

  private int counter;

  /** A file with the given header (padded as the format says) and data buffer. */
  private Path file(String header, byte[] data) throws IOException {
    byte[] json = header.getBytes(StandardCharsets.UTF_8);
    int padded = (json.length + 7) / 8 * 8;
    ByteBuffer b = ByteBuffer.allocate(8 + padded + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(padded).put(json);
    while (b.position() < 8 + padded) {
      b.put((byte) ' ');
    }
    b.put(data);
    Path file = folder.resolve("case-" + counter++ + ".safetensors");
    Files.write(file, b.array());
    return file;
  }

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  private static byte[] floats(float... values) {
    ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    return b.array();
  }

  private static long headerLength(Path file) throws IOException {
    return ByteBuffer.wrap(Files.readAllBytes(file), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
  }

  private static String header(Path file) throws IOException {
    byte[] all = Files.readAllBytes(file);
    return new String(all, 8, (int) headerLength(file), StandardCharsets.UTF_8);
  }
}
