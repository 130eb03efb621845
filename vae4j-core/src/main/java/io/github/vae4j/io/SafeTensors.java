package io.github.vae4j.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.vae4j.tensor.Tensor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SequencedMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes the safetensors format of Hugging Face
 * (https://huggingface.co/docs/safetensors), the portable, code-free way to store named tensors.
 *
 * <p>Layout: an unsigned 64-bit little-endian header length N; N bytes of UTF-8 JSON,
 * {@code {"name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}, ...,
 * "__metadata__": {"key": "value"}}}, padded with spaces so that N is a multiple of 8; then the data
 * buffer, in which each tensor's row-major little-endian bytes lie at {@code [begin, end)}, relative
 * to the buffer's start.
 *
 * <p>Writing stores float32 ({@code F32}) tensors contiguously in the order given, with the
 * metadata first in the header, through {@link AtomicFiles}. Reading accepts F64, F32, F16, BF16
 * and the integer and boolean types, converting every value to float (see
 * {@link SafeTensorsDtype}), and validates the file the way the reference implementation does: the
 * header must be one JSON object of at most {@value #MAX_HEADER_BYTES} bytes, each tensor's byte
 * range must hold exactly its shape times its element size, and the ranges must tile the data
 * buffer with no gap, overlap or trailing byte. A file that breaks any of this raises a
 * {@link FileFormatException} naming the file and the problem.
 */
public final class SafeTensors {

  /** The largest header accepted, as in the reference implementation (guards against bogus lengths). */
  public static final long MAX_HEADER_BYTES = 100_000_000L;

  private static final Logger LOG = LoggerFactory.getLogger(SafeTensors.class);
  private static final int CHUNK_BYTES = 1 << 20;
  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private SafeTensors() {}

  // ---------------------------------------------------------------- write

  /** Writes {@code tensors} (in iteration order) and {@code metadata} to {@code file} as float32. */
  public static void write(Path file, Map<String, ? extends Tensor> tensors, Map<String, String> metadata)
      throws IOException {
    write(file, NamedTensors.of(tensors, metadata));
  }

  /** Writes {@code contents} to {@code file} as float32, atomically. */
  public static void write(Path file, NamedTensors contents) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    if (!contents.metadata().isEmpty()) {
      ObjectNode metadata = root.putObject(NamedTensors.METADATA_KEY);
      contents.metadata().forEach(metadata::put);
    }
    long offset = 0;
    for (Map.Entry<String, Tensor> entry : contents.tensors().entrySet()) {
      Tensor tensor = entry.getValue();
      long end = offset + 4L * tensor.size();
      ObjectNode info = root.putObject(entry.getKey());
      info.put("dtype", SafeTensorsDtype.F32.name());
      ArrayNode shape = info.putArray("shape");
      for (int d : tensor.shape()) {
        shape.add(d);
      }
      info.putArray("data_offsets").add(offset).add(end);
      offset = end;
    }
    byte[] json = JSON.writeValueAsBytes(root);
    int padding = (8 - json.length % 8) % 8;
    long dataBytes = offset;
    AtomicFiles.write(file, out -> {
      ByteBuffer buffer = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
      buffer.putLong(json.length + padding);
      out.write(buffer.array(), 0, 8);
      out.write(json);
      for (int i = 0; i < padding; i++) {
        out.write(' ');
      }
      // one tensor's values at a time, so that writing never holds a copy of the whole model
      for (Tensor tensor : contents.tensors().values()) {
        writeFloats(out, tensor.toArray(), buffer);
      }
    });
    LOG.debug("wrote {} tensors, {} data bytes, to {}", contents.tensors().size(), dataBytes, file);
  }

  private static void writeFloats(OutputStream out, float[] data, ByteBuffer buffer) throws IOException {
    int perChunk = buffer.capacity() / 4;
    for (int from = 0; from < data.length; from += perChunk) {
      int count = Math.min(perChunk, data.length - from);
      buffer.clear();
      buffer.asFloatBuffer().put(data, from, count);
      out.write(buffer.array(), 0, 4 * count);
    }
  }

  // ---------------------------------------------------------------- read

  /**
   * Reads every tensor of {@code file}, converted to float, in the order of the header, with the
   * header's metadata.
   *
   * @throws FileFormatException when the file is not valid safetensors (the message says why)
   * @throws IOException when the file cannot be read
   */
  public static NamedTensors read(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long fileBytes = channel.size();
      if (fileBytes < 8) {
        throw new FileFormatException(file, "truncated file: " + fileBytes
            + " bytes, shorter than the 8-byte header length that starts a safetensors file");
      }
      ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      readFully(file, channel, lengthBytes, 0, "the header length");
      long headerBytes = lengthBytes.getLong(0);
      if (headerBytes < 0 || headerBytes > fileBytes - 8) {
        throw new FileFormatException(file, "header length " + Long.toUnsignedString(headerBytes)
            + " exceeds the " + (fileBytes - 8) + " bytes after it (truncated file, or not safetensors?)");
      }
      if (headerBytes > MAX_HEADER_BYTES) {
        throw new FileFormatException(file, "header length " + headerBytes + " exceeds the limit of "
            + MAX_HEADER_BYTES + " bytes");
      }
      ByteBuffer headerBuffer = ByteBuffer.allocate((int) headerBytes);
      readFully(file, channel, headerBuffer, 8, "the header");
      long dataStart = 8 + headerBytes;
      Header header = parseHeader(file, headerBuffer.flip(), fileBytes - dataStart);
      SequencedMap<String, Tensor> tensors = new LinkedHashMap<>();
      ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
      for (Entry entry : header.entries()) {
        tensors.put(entry.name(), readTensor(file, channel, dataStart, entry, chunk));
      }
      LOG.debug("read {} tensors from {}", tensors.size(), file);
      return new NamedTensors(tensors, header.metadata());
    }
  }

  private static Tensor readTensor(Path file, FileChannel channel, long dataStart, Entry entry,
      ByteBuffer chunk) throws IOException {
    int elementBytes = entry.dtype().bytes();
    int perChunk = chunk.capacity() / elementBytes;
    float[] values = new float[(int) entry.elements()];
    long position = dataStart + entry.begin();
    for (int from = 0; from < values.length; from += perChunk) {
      int count = Math.min(perChunk, values.length - from);
      chunk.clear().limit(count * elementBytes);
      readFully(file, channel, chunk, position, "tensor '" + entry.name() + "'");
      chunk.flip();
      entry.dtype().decode(chunk, values, from, count);
      position += (long) count * elementBytes;
    }
    return Tensor.wrap(values, entry.shape());
  }

  private static void readFully(Path file, FileChannel channel, ByteBuffer buffer, long position, String what)
      throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      int read = channel.read(buffer, at);
      if (read < 0) {
        throw new FileFormatException(file, "file ended at byte " + at + " while reading " + what
            + " (truncated, or changed while reading?)");
      }
      at += read;
    }
  }

  // ---------------------------------------------------------------- header

  /** One tensor's header entry, validated against the data buffer. */
  private record Entry(String name, SafeTensorsDtype dtype, int[] shape, long elements, long begin, long end) {}

  private record Header(List<Entry> entries, SequencedMap<String, String> metadata) {}

  private static Header parseHeader(Path file, ByteBuffer bytes, long dataBytes) {
    String text;
    try {
      CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes);
      text = chars.toString();
    } catch (CharacterCodingException e) {
      throw new FileFormatException(file, "header is not valid UTF-8", e);
    }
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JacksonException e) {
      throw new FileFormatException(file, "header is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new FileFormatException(file, "header is not a JSON object");
    }
    SequencedMap<String, String> metadata = new LinkedHashMap<>();
    List<Entry> entries = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : root.properties()) {
      if (field.getKey().equals(NamedTensors.METADATA_KEY)) {
        parseMetadata(file, field.getValue(), metadata);
      } else {
        entries.add(parseEntry(file, field.getKey(), field.getValue(), dataBytes));
      }
    }
    checkTiling(file, entries, dataBytes);
    return new Header(entries, metadata);
  }

  private static void parseMetadata(Path file, JsonNode node, Map<String, String> metadata) {
    if (!node.isObject()) {
      throw new FileFormatException(file, NamedTensors.METADATA_KEY + " must be an object of strings, got "
          + node.getNodeType().name().toLowerCase(Locale.ROOT));
    }
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (!field.getValue().isTextual()) {
        throw new FileFormatException(file, NamedTensors.METADATA_KEY + " must map names to strings, got "
            + field.getValue() + " for '" + field.getKey() + "'");
      }
      metadata.put(field.getKey(), field.getValue().textValue());
    }
  }

  private static Entry parseEntry(Path file, String name, JsonNode node, long dataBytes) {
    String where = "tensor '" + name + "': ";
    if (name.isEmpty()) {
      throw new FileFormatException(file, "a tensor has an empty name");
    }
    if (!node.isObject()) {
      throw new FileFormatException(file, where + "expected an object with dtype, shape and data_offsets, got "
          + node);
    }
    JsonNode dtypeNode = node.get("dtype");
    if (dtypeNode == null || !dtypeNode.isTextual()) {
      throw new FileFormatException(file, where + "dtype must be a string, got " + dtypeNode);
    }
    SafeTensorsDtype dtype = SafeTensorsDtype.parse(dtypeNode.textValue());
    if (dtype == null) {
      throw new FileFormatException(file, where + "unknown or unsupported dtype '" + dtypeNode.textValue()
          + "' (vae4j reads " + SafeTensorsDtype.supported() + ")");
    }
    JsonNode shapeNode = node.get("shape");
    if (shapeNode == null || !shapeNode.isArray()) {
      throw new FileFormatException(file, where + "shape must be an array of integers, got " + shapeNode);
    }
    int[] shape = new int[shapeNode.size()];
    long elements = 1;
    for (int i = 0; i < shape.length; i++) {
      JsonNode d = shapeNode.get(i);
      if (!d.isIntegralNumber() || !d.canConvertToInt() || d.intValue() < 0) {
        throw new FileFormatException(file, where + "shape must hold integers in [0, 2^31), got " + shapeNode);
      }
      shape[i] = d.intValue();
      elements = elements * shape[i];
      if (elements > Integer.MAX_VALUE - 8) {
        throw new FileFormatException(file, where + "shape " + shapeNode
            + " holds more elements than a vae4j tensor can (2^31 - 9)");
      }
    }
    JsonNode offsets = node.get("data_offsets");
    if (offsets == null || !offsets.isArray() || offsets.size() != 2 || !isLong(offsets.get(0))
        || !isLong(offsets.get(1)) || offsets.get(0).longValue() < 0
        || offsets.get(1).longValue() < offsets.get(0).longValue()) {
      throw new FileFormatException(file, where + "data_offsets must be [begin, end] with 0 <= begin <= end, got "
          + offsets);
    }
    long begin = offsets.get(0).longValue();
    long end = offsets.get(1).longValue();
    if (end > dataBytes) {
      throw new FileFormatException(file, where + "data_offsets [" + begin + ", " + end
          + "] out of range: the data buffer holds " + dataBytes + " bytes (truncated file?)");
    }
    long expected = elements * dtype.bytes();
    if (end - begin != expected) {
      throw new FileFormatException(file, where + "shape " + Arrays.toString(shape) + " of " + dtype + " needs "
          + expected + " bytes, but data_offsets [" + begin + ", " + end + "] span " + (end - begin));
    }
    return new Entry(name, dtype, shape, elements, begin, end);
  }

  private static boolean isLong(JsonNode node) {
    return node.isIntegralNumber() && node.canConvertToLong();
  }

  /** The byte ranges, in buffer order, must cover [0, dataBytes) exactly once. */
  private static void checkTiling(Path file, List<Entry> entries, long dataBytes) {
    List<Entry> byOffset = new ArrayList<>(entries);
    byOffset.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
    long covered = 0;
    Entry previous = null;
    for (Entry entry : byOffset) {
      if (entry.begin() < covered) {
        throw new FileFormatException(file, "tensors '" + previous.name() + "' [" + previous.begin() + ", "
            + previous.end() + "] and '" + entry.name() + "' [" + entry.begin() + ", " + entry.end()
            + "] overlap in the data buffer");
      }
      if (entry.begin() > covered) {
        throw new FileFormatException(file, "bytes [" + covered + ", " + entry.begin()
            + ") of the data buffer belong to no tensor");
      }
      covered = entry.end();
      if (entry.end() > entry.begin() || previous == null) {
        previous = entry;
      }
    }
    if (covered != dataBytes) {
      throw new FileFormatException(file, "data buffer holds " + dataBytes + " bytes but the tensors cover "
          + covered + " (" + (dataBytes - covered) + " trailing bytes belong to no tensor)");
    }
  }
}
