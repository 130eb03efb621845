package io.github.vae4j.data;

import java.util.Objects;

/**
 * How {@link CsvReader} reads a file: header row, delimiter, label column and whether NaN and
 * infinite cells are allowed. Start from {@link #defaults()} and change what differs.
 *
 * @param header whether the first row names the columns
 * @param delimiter the cell separator
 * @param labelName the header name of the label column, or "" for none (or for
 *     {@code labelIndex})
 * @param labelIndex the 0-based index of the label column, or -1 for none (or for
 *     {@code labelName})
 * @param allowNonFinite whether NaN and infinite cells are kept instead of rejected
 */
public record CsvOptions(Header header, Delimiter delimiter, String labelName, int labelIndex,
    boolean allowNonFinite) {

  /** Whether the first row is a header. */
  public enum Header {
    /**
     * A header when no cell of the first row is a number, so a data row with a stray word is
     * reported as a bad cell rather than taken for a header.
     */
    AUTO,
    /** The first row is a header. */
    PRESENT,
    /** Every row is data. */
    ABSENT
  }

  /** The cell separator. */
  public enum Delimiter {
    /** The most frequent of comma, semicolon and tab in the first row (comma when none). */
    AUTO('\0'),
    /** {@code ,} */
    COMMA(','),
    /** {@code ;} */
    SEMICOLON(';'),
    /** A tab character. */
    TAB('\t');

    private final char character;

    Delimiter(char character) {
      this.character = character;
    }

    /** The separator character; {@code '\0'} for {@link #AUTO}. */
    public char character() {
      return character;
    }
  }

  /** Validates that at most one label column is given and the index is not below -1. */
  public CsvOptions {
    Objects.requireNonNull(header, "header must not be null");
    Objects.requireNonNull(delimiter, "delimiter must not be null");
    Objects.requireNonNull(labelName, "labelName must not be null (use \"\" for none)");
    if (labelIndex < -1) {
      throw new IllegalArgumentException("labelIndex must be >= 0, or -1 for none, got "
          + labelIndex);
    }
    if (!labelName.isEmpty() && labelIndex >= 0) {
      throw new IllegalArgumentException("give the label column by name or by index, not both: got "
          + "labelName \"" + labelName + "\" and labelIndex " + labelIndex);
    }
  }

  /** Header detected, delimiter detected, no label column, NaN and infinities rejected. */
  public static CsvOptions defaults() {
    return new CsvOptions(Header.AUTO, Delimiter.AUTO, "", -1, false);
  }

  /** These options with {@code header}. */
  public CsvOptions withHeader(Header header) {
    return new CsvOptions(header, delimiter, labelName, labelIndex, allowNonFinite);
  }

  /** These options with {@code delimiter}. */
  public CsvOptions withDelimiter(Delimiter delimiter) {
    return new CsvOptions(header, delimiter, labelName, labelIndex, allowNonFinite);
  }

  /** These options with the label in the column named {@code name} in the header. */
  public CsvOptions withLabelColumn(String name) {
    return new CsvOptions(header, delimiter, name, -1, allowNonFinite);
  }

  /** These options with the label in column {@code index} (0-based). */
  public CsvOptions withLabelColumn(int index) {
    return new CsvOptions(header, delimiter, "", index, allowNonFinite);
  }

  /** These options keeping ({@code true}) or rejecting NaN and infinite cells. */
  public CsvOptions withNonFinite(boolean allow) {
    return new CsvOptions(header, delimiter, labelName, labelIndex, allow);
  }

  /** Whether a label column is given. */
  public boolean hasLabel() {
    return !labelName.isEmpty() || labelIndex >= 0;
  }
}
