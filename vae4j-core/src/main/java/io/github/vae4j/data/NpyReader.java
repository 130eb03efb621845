package io.github.vae4j.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0) into a {@link Dataset}: the
 * first axis counts examples and the rest is the example shape, so an array of shape
 * (n, d1, d2) gives n examples of shape [d1, d2]; a 1-D array (n,) gives n examples of shape [1]
 * and a 0-D array one example of shape [1].
 *
 * <p>Dtypes: float {@code f2 f4 f8}, signed {@code i1 i2 i4 i8}, unsigned {@code u1 u2 u4 u8}
 * and bool {@code b1}, little- ({@code <}), big- ({@code >}) or native-endian ({@code =}),
 * converted to float32 (64-bit integers above 2^24 lose precision). {@code u1} arrays are taken
 * to be pixels and scaled to [0, 1] (value / 255), as every other image reader here does; every
 * other dtype keeps its values. Only C order is read: {@code fortran_order: True} is refused.
 *
 * <p>Bad magic, an unsupported version or dtype, an unparsable header, and data shorter or
 * longer than the shape promises are each one {@link DataFormatException} naming the file.
 * Format: numpy.lib.format, NEP 1.
 */
public final class NpyReader {

  /** The six magic bytes every .npy file starts with. */
  static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

  private NpyReader() {
  }

  /** Reads {@code file} (gzipped or not); the checksum is the SHA-256 of the file as stored. */
  public static Dataset read(Path file) {
    byte[] raw = DataFiles.readAll(file);
    byte[] data = DataFiles.gunzipIfNeeded(raw, file);
    if (data.length < 10 || !Arrays.equals(data, 0, 6, MAGIC, 0, 6)) {
      throw new DataFormatException(file, "not a .npy file: it does not start with the magic "
          + "bytes \\x93NUMPY");
    }
    int major = data[6] & 0xFF;
    int minor = data[7] & 0xFF;
    if (major < 1 || major > 3 || minor != 0) {
      throw new DataFormatException(file, "unsupported .npy format version " + major + "."
          + minor + " (supported: 1.0, 2.0, 3.0)");
    }
    ByteBuffer buffer = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    long headerLength;
    int headerStart;
    if (major == 1) {
      headerLength = buffer.getShort(8) & 0xFFFF;
      headerStart = 10;
    } else {
      if (data.length < 12) {
        throw new DataFormatException(file, "truncated: no room for the .npy header length");
      }
      headerLength = buffer.getInt(8) & 0xFFFFFFFFL;
      headerStart = 12;
    }
    if (headerStart + headerLength > data.length) {
      throw new DataFormatException(file, "truncated: the header promises " + headerLength
          + " bytes, got " + (data.length - headerStart));
    }
    String header = new String(data, headerStart, (int) headerLength,
        major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    Map<String, Object> dict = new HeaderParser(file, header).parse();
    Dtype dtype = Dtype.parse(file, field(file, dict, "descr", String.class));
    if (field(file, dict, "fortran_order", Boolean.class)) {
      throw new DataFormatException(file, "fortran_order is True; only C-order arrays are "
          + "supported (save with np.ascontiguousarray(a))");
    }
    List<Long> shape = new ArrayList<>();
    for (Object dimension : field(file, dict, "shape", List.class)) {
      shape.add((Long) dimension);
    }
    long elements = 1;
    for (long dimension : shape) {
      elements *= dimension;
      if (elements > Integer.MAX_VALUE - 8) {
        throw new DataFormatException(file, "array of shape " + shape + " is too large to load");
      }
    }
    int dataStart = (int) (headerStart + headerLength);
    long expected = elements * dtype.size();
    long available = data.length - (long) dataStart;
    if (available < expected) {
      throw new DataFormatException(file, "truncated: shape " + tuple(shape) + " of " + dtype
          + " needs " + expected + " data bytes, got " + available);
    }
    if (available > expected) {
      throw new DataFormatException(file, (available - expected) + " unexpected bytes after the "
          + expected + " data bytes that shape " + tuple(shape) + " of " + dtype + " needs");
    }
    float[] values = dtype.convert(buffer.position(dataStart).slice().order(dtype.order()),
        (int) elements);
    int[] exampleShape;
    if (shape.size() <= 1) {
      exampleShape = new int[] {1};
    } else {
      exampleShape = new int[shape.size() - 1];
      for (int i = 1; i < shape.size(); i++) {
        exampleShape[i - 1] = Math.toIntExact(shape.get(i));
        if (exampleShape[i - 1] == 0) {
          throw new DataFormatException(file, "shape " + tuple(shape) + " has an empty example "
              + "shape; every axis after the first must be >= 1");
        }
      }
    }
    return new Dataset("npy (" + file + ")", DataFiles.sha256(raw), values, exampleShape, null,
        List.of(), null, List.of());
  }

  private static <T> T field(Path file, Map<String, Object> dict, String key, Class<T> type) {
    Object value = dict.get(key);
    if (!type.isInstance(value)) {
      throw new DataFormatException(file, "bad .npy header: '" + key + "' is "
          + (value == null ? "missing" : "not a " + type.getSimpleName() + ": " + value));
    }
    return type.cast(value);
  }

  static String tuple(List<Long> shape) {
    if (shape.size() == 1) {
      return "(" + shape.getFirst() + ",)";
    }
    StringBuilder out = new StringBuilder("(");
    for (int i = 0; i < shape.size(); i++) {
      out.append(i == 0 ? "" : ", ").append(shape.get(i));
    }
    return out.append(')').toString();
  }

  /** A supported element type: byte order, kind ('f', 'i', 'u', 'b') and size in bytes. */
  private record Dtype(String descr, ByteOrder order, char kind, int size) {

    static Dtype parse(Path file, String descr) {
      String supported = "supported: f2 f4 f8 i1 i2 i4 i8 u1 u2 u4 u8 b1, with < > | or =";
      if (descr.length() < 3 || "<>|=".indexOf(descr.charAt(0)) < 0) {
        throw new DataFormatException(file, "unsupported dtype '" + descr + "' (" + supported
            + ")");
      }
      char kind = descr.charAt(1);
      int size;
      try {
        size = Integer.parseInt(descr.substring(2));
      } catch (NumberFormatException e) {
        throw new DataFormatException(file, "unsupported dtype '" + descr + "' (" + supported
            + ")", e);
      }
      boolean known = switch (kind) {
        case 'f' -> size == 2 || size == 4 || size == 8;
        case 'i', 'u' -> size == 1 || size == 2 || size == 4 || size == 8;
        case 'b' -> size == 1;
        default -> false;
      };
      if (!known || (descr.charAt(0) == '|' && size != 1)) {
        throw new DataFormatException(file, "unsupported dtype '" + descr + "' (" + supported
            + ")");
      }
      ByteOrder order = switch (descr.charAt(0)) {
        case '>' -> ByteOrder.BIG_ENDIAN;
        case '=' -> ByteOrder.nativeOrder();
        default -> ByteOrder.LITTLE_ENDIAN;
      };
      return new Dtype(descr, order, kind, size);
    }

    float[] convert(ByteBuffer data, int count) {
      float[] out = new float[count];
      switch (kind + "" + size) {
        case "f4" -> data.asFloatBuffer().get(out);
        case "f8" -> {
          for (int i = 0; i < count; i++) {
            out[i] = (float) data.getDouble(i * 8);
          }
        }
        case "f2" -> {
          for (int i = 0; i < count; i++) {
            out[i] = Float.float16ToFloat(data.getShort(i * 2));
          }
        }
        case "u1" -> {
          for (int i = 0; i < count; i++) {
            out[i] = (data.get(i) & 0xFF) / 255f;
          }
        }
        case "i1" -> {
          for (int i = 0; i < count; i++) {
            out[i] = data.get(i);
          }
        }
        case "b1" -> {
          for (int i = 0; i < count; i++) {
            out[i] = data.get(i) != 0 ? 1f : 0f;
          }
        }
        case "i2" -> {
          for (int i = 0; i < count; i++) {
            out[i] = data.getShort(i * 2);
          }
        }
        case "u2" -> {
          for (int i = 0; i < count; i++) {
            out[i] = data.getShort(i * 2) & 0xFFFF;
          }
        }
        case "i4" -> {
          for (int i = 0; i < count; i++) {
            out[i] = data.getInt(i * 4);
          }
        }
        case "u4" -> {
          for (int i = 0; i < count; i++) {
            out[i] = data.getInt(i * 4) & 0xFFFFFFFFL;
          }
        }
        case "i8" -> {
          for (int i = 0; i < count; i++) {
            out[i] = data.getLong(i * 8);
          }
        }
        case "u8" -> {
          for (int i = 0; i < count; i++) {
            long value = data.getLong(i * 8);
            // unsigned: the top bit is worth 2^63, not -2^63
            out[i] = value >= 0 ? value : (float) (value >>> 1) * 2f;
          }
        }
        default -> throw new IllegalStateException("unhandled dtype " + descr);
      }
      return out;
    }

    @Override
    public String toString() {
      return "dtype '" + descr + "'";
    }
  }

  /** Parses the Python dict literal of a .npy header: string keys; str, bool, int-tuple values. */
  private static final class HeaderParser {
    private final Path file;
    private final String text;
    private int at;

    HeaderParser(Path file, String text) {
      this.file = file;
      this.text = text;
    }

    Map<String, Object> parse() {
      Map<String, Object> dict = new LinkedHashMap<>();
      skipSpace();
      expect('{');
      while (true) {
        skipSpace();
        if (peek() == '}') {
          at++;
          break;
        }
        String key = string();
        skipSpace();
        expect(':');
        skipSpace();
        dict.put(key, value());
        skipSpace();
        if (peek() == ',') {
          at++;
        } else if (peek() != '}') {
          throw error("expected ',' or '}'");
        }
      }
      skipSpace();
      if (at != text.length()) {
        throw error("unexpected text after the dict");
      }
      return dict;
    }

    private Object value() {
      char ch = peek();
      if (ch == '\'' || ch == '"') {
        return string();
      }
      if (ch == '(') {
        return tuple();
      }
      if (text.startsWith("True", at)) {
        at += 4;
        return Boolean.TRUE;
      }
      if (text.startsWith("False", at)) {
        at += 5;
        return Boolean.FALSE;
      }
      if (ch == '[') {
        throw error("structured dtypes (a list descr) are not supported");
      }
      throw error("expected a string, True, False or a tuple");
    }

    private List<Long> tuple() {
      expect('(');
      List<Long> items = new ArrayList<>();
      while (true) {
        skipSpace();
        if (peek() == ')') {
          at++;
          return items;
        }
        int start = at;
        while (at < text.length() && Character.isDigit(text.charAt(at))) {
          at++;
        }
        if (start == at) {
          throw error("expected a non-negative integer in the shape");
        }
        try {
          items.add(Long.parseLong(text.substring(start, at)));
        } catch (NumberFormatException e) {
          throw error("shape dimension too large");
        }
        if (peek() == 'L') {
          at++; // Python 2 long literal
        }
        skipSpace();
        if (peek() == ',') {
          at++;
        } else if (peek() != ')') {
          throw error("expected ',' or ')' in the shape");
        }
      }
    }

    private String string() {
      char quote = peek();
      if (quote != '\'' && quote != '"') {
        throw error("expected a quoted string");
      }
      int end = text.indexOf(quote, at + 1);
      if (end < 0) {
        throw error("unterminated string");
      }
      String out = text.substring(at + 1, end);
      at = end + 1;
      return out;
    }

    private void expect(char ch) {
      if (peek() != ch) {
        throw error("expected '" + ch + "'");
      }
      at++;
    }

    private char peek() {
      return at < text.length() ? text.charAt(at) : '\0';
    }

    private void skipSpace() {
      while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
        at++;
      }
    }

    private DataFormatException error(String what) {
      String shown = text.strip();
      if (shown.length() > 120) {
        shown = shown.substring(0, 120) + "...";
      }
      return new DataFormatException(file, "bad .npy header: " + what + " at character " + at
          + " of \"" + shown + "\"");
    }
  }
}
