package io.github.vae4j.data;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads a table of numbers from a CSV file, gzipped or not (recognised by its magic bytes): every
 * row is one example [features], optionally with one integer label column.
 *
 * <p>Cells are separated by a comma, semicolon or tab (detected from the first row unless given),
 * may be wrapped in double quotes, and must be numbers; {@code NaN}, {@code nan}, {@code inf} and
 * {@code Infinity} (any sign) are rejected unless {@link CsvOptions#allowNonFinite()}. Blank lines
 * are skipped. Values are kept as written (no scaling). The checksum is the SHA-256 of the file.
 *
 * <p>Errors are one {@link DataFormatException} naming the file and the 1-based line (and column
 * and value for a bad cell): a ragged row, a non-numeric cell, a non-finite cell, a bad label, or
 * a file without data rows.
 */
public final class CsvReader {

  private CsvReader() {
  }

  /** Reads {@code file} with {@link CsvOptions#defaults()}. */
  public static Dataset read(Path file) {
    return read(file, CsvOptions.defaults());
  }

  /** Reads {@code file} as {@code options} say. */
  public static Dataset read(Path file, CsvOptions options) {
    byte[] raw = DataFiles.readAll(file);
    String text = new String(DataFiles.gunzipIfNeeded(raw, file), StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    Table table = new Table(file, options);
    int lineNumber = 0;
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      lineNumber++;
      String line = text.substring(start, end > start && text.charAt(end - 1) == '\r' ? end - 1
          : end);
      if (!line.isBlank()) {
        table.accept(line, lineNumber);
      }
      start = end + 1;
    }
    return table.finish(DataFiles.sha256(raw));
  }

  /** The rows read so far and what the first row decided. */
  private static final class Table {
    private final Path file;
    private final CsvOptions options;
    private char delimiter;
    private List<String> names;
    private int columns = -1;
    private int labelColumn = -1;
    private float[] values = new float[1024];
    private int size;
    private int[] labels = new int[64];
    private int rows;

    Table(Path file, CsvOptions options) {
      this.file = file;
      this.options = options;
    }

    void accept(String line, int lineNumber) {
      if (columns < 0) {
        first(line, lineNumber);
        if (names != null) {
          return;
        }
      }
      List<String> cells = split(line, delimiter);
      if (cells.size() != columns) {
        throw new DataFormatException(file, "line " + lineNumber + ": expected " + columns
            + " columns, got " + cells.size());
      }
      int features = columns - (labelColumn >= 0 ? 1 : 0);
      if (size + features > values.length) {
        values = Arrays.copyOf(values, Math.max(size + features, values.length * 2));
      }
      for (int c = 0; c < columns; c++) {
        String cell = cells.get(c);
        Double number = parseNumber(cell);
        if (number == null) {
          throw new DataFormatException(file, where(lineNumber, c) + ": "
              + (cell.isEmpty() ? "empty cell" : "not a number: \"" + cell + "\""));
        }
        double value = number;
        if (c == labelColumn) {
          if (!(value >= 0 && value == Math.rint(value) && value <= Integer.MAX_VALUE)) {
            throw new DataFormatException(file, where(lineNumber, c)
                + ": label must be a non-negative integer, got \"" + cell + "\"");
          }
          if (rows == labels.length) {
            labels = Arrays.copyOf(labels, labels.length * 2);
          }
          labels[rows] = (int) value;
        } else {
          if (!Double.isFinite(value) && !options.allowNonFinite()) {
            throw new DataFormatException(file, where(lineNumber, c) + ": non-finite value \""
                + cell + "\" (allow it with CsvOptions.withNonFinite(true))");
          }
          values[size++] = (float) value;
        }
      }
      rows++;
    }

    /** Decides the delimiter, the header and the label column from the first non-blank line. */
    private void first(String line, int lineNumber) {
      delimiter = options.delimiter() == CsvOptions.Delimiter.AUTO ? detectDelimiter(line)
          : options.delimiter().character();
      List<String> cells = split(line, delimiter);
      columns = cells.size();
      boolean header = switch (options.header()) {
        case PRESENT -> true;
        case ABSENT -> false;
        case AUTO -> cells.stream().noneMatch(cell -> parseNumber(cell) != null);
      };
      names = header ? cells : null;
      if (!options.labelName().isEmpty()) {
        if (names == null) {
          throw new DataFormatException(file, "label column \"" + options.labelName()
              + "\" is given by name but line " + lineNumber + " is not a header row");
        }
        labelColumn = names.indexOf(options.labelName());
        if (labelColumn < 0) {
          throw new DataFormatException(file, "no column named \"" + options.labelName()
              + "\" in the header (columns: " + String.join(", ", names) + ")");
        }
      } else if (options.labelIndex() >= 0) {
        if (options.labelIndex() >= columns) {
          throw new DataFormatException(file, "label column index " + options.labelIndex()
              + " is out of range for " + columns + " columns");
        }
        labelColumn = options.labelIndex();
      }
      if (columns == 1 && labelColumn == 0) {
        throw new DataFormatException(file, "the only column is the label column: no features");
      }
    }

    private String where(int lineNumber, int column) {
      return "line " + lineNumber + ", column " + (column + 1)
          + (names == null ? "" : " (\"" + names.get(column) + "\")");
    }

    Dataset finish(String sha256) {
      if (rows == 0) {
        throw new DataFormatException(file, columns < 0 ? "empty file: no rows"
            : "no data rows after the header");
      }
      int features = columns - (labelColumn >= 0 ? 1 : 0);
      return new Dataset("csv (" + file + ")", sha256, Arrays.copyOf(values, size),
          new int[] {features}, labelColumn >= 0 ? Arrays.copyOf(labels, rows) : null, List.of(),
          null, List.of());
    }
  }

  /** The most frequent of comma, semicolon and tab outside quotes; comma when none occurs. */
  static char detectDelimiter(String line) {
    int commas = 0;
    int semicolons = 0;
    int tabs = 0;
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (ch == '"') {
        quoted = !quoted;
      } else if (!quoted) {
        switch (ch) {
          case ',' -> commas++;
          case ';' -> semicolons++;
          case '\t' -> tabs++;
          default -> { }
        }
      }
    }
    if (tabs > commas && tabs >= semicolons) {
      return '\t';
    }
    return semicolons > commas ? ';' : ',';
  }

  /** The cells of {@code line}, trimmed, with surrounding quotes removed ("" inside is "). */
  static List<String> split(String line, char delimiter) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          cell.append(ch);
        }
      } else if (ch == '"' && cell.toString().isBlank()) {
        cell.setLength(0);
        quoted = true;
      } else if (ch == delimiter) {
        cells.add(cell.toString().strip());
        cell.setLength(0);
      } else {
        cell.append(ch);
      }
    }
    cells.add(cell.toString().strip());
    return cells;
  }

  /**
   * The number {@code cell} spells, or {@code null} when it is not one. Accepts decimal and
   * scientific notation and the non-finite spellings NaN, nan, inf, infinity (any case, any
   * sign); refuses Java-only suffixes such as {@code 1f} and hexadecimal.
   */
  static Double parseNumber(String cell) {
    String lower = cell.toLowerCase(Locale.ROOT);
    String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
    switch (unsigned) {
      case "nan":
        return Double.NaN;
      case "inf", "infinity":
        return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      default:
        break;
    }
    if (unsigned.isEmpty() || !(Character.isDigit(unsigned.charAt(0))
        || unsigned.charAt(0) == '.')) {
      return null;
    }
    for (int i = 0; i < unsigned.length(); i++) {
      char ch = unsigned.charAt(i);
      if (!(Character.isDigit(ch) || ch == '.' || ch == 'e' || ch == '+' || ch == '-')) {
        return null;
      }
    }
    try {
      return Double.parseDouble(lower);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
