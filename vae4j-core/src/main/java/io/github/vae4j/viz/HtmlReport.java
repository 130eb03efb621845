package io.github.vae4j.viz;

import io.github.vae4j.io.AtomicFiles;
import java.awt.image.RenderedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds one HTML page that reports a run: a title, then in the order they are added, tables of
 * metrics, section headings, paragraphs, images and preformatted blocks (such as the config JSON).
 * The page carries its own small stylesheet and, by default, its images as base64 data URIs, so
 * the single file can be mailed or archived; an image file larger than {@link #embedLimit(long)} is
 * linked by its path relative to the page instead.
 *
 * <p>All text is HTML-escaped. Image files are read when the page is written, so they may be
 * written after they are added; a relative image path is resolved against the page's folder.
 * {@link #write(Path)} writes atomically.
 *
 * <p>Not thread-safe: one thread builds a report.
 */
public final class HtmlReport {

  /** Image files up to this many bytes are embedded by default (2 MiB). */
  public static final long DEFAULT_EMBED_LIMIT = 2L << 20;

  private static final Logger LOG = LoggerFactory.getLogger(HtmlReport.class);
  private static final MathContext SIGNIFICANT = new MathContext(6);
  private static final String STYLE = """
      body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222;\
      max-width:1000px;margin:2em auto;padding:0 1em;line-height:1.45}
      h1{font-size:1.6em;border-bottom:1px solid #ddd;padding-bottom:.3em}
      h2{font-size:1.25em;margin-top:1.6em}
      table{border-collapse:collapse;margin:1em 0}
      th,td{border:1px solid #ddd;padding:.3em .8em;text-align:left}
      th{background:#f6f8fa;font-weight:600}
      td.number{text-align:right;font-variant-numeric:tabular-nums}
      pre{background:#f6f8fa;border:1px solid #e1e4e8;border-radius:4px;padding:.8em;overflow:auto;\
      font-size:.9em}
      figure{margin:1em 0}
      img{max-width:100%;height:auto}
      figcaption{color:#555;font-size:.9em;margin-top:.3em}
      """;

  private sealed interface Block {}

  private record Heading(String text) implements Block {}

  private record Paragraph(String text) implements Block {}

  private record Table(SequencedMap<String, String> rows, List<Boolean> numeric) implements Block {}

  private record FileImage(Path file, String caption) implements Block {}

  private record InlineImage(byte[] png, String caption) implements Block {}

  private record Preformatted(String text) implements Block {}

  private final String title;
  private final List<Block> blocks = new ArrayList<>();
  private long embedLimit = DEFAULT_EMBED_LIMIT;

  private HtmlReport(String title) {
    this.title = Objects.requireNonNull(title, "title");
  }

  /** An empty report with {@code title} as its page title and first heading. */
  public static HtmlReport titled(String title) {
    return new HtmlReport(title);
  }

  /** Image files up to {@code bytes} are embedded, larger ones linked; 0 links every file. */
  public HtmlReport embedLimit(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("embedLimit must be >= 0 bytes, got " + bytes);
    }
    this.embedLimit = bytes;
    return this;
  }

  /**
   * A two-column table of names and values, in the map's order. Numbers are shown with six
   * significant digits (integers in full) and right-aligned; anything else by its
   * {@code toString}.
   */
  public HtmlReport metrics(Map<String, ?> values) {
    SequencedMap<String, String> rows = new LinkedHashMap<>();
    List<Boolean> numeric = new ArrayList<>();
    values.forEach((name, value) -> {
      rows.put(Objects.requireNonNull(name, "metric name"), format(value));
      numeric.add(value instanceof Number);
    });
    blocks.add(new Table(rows, List.copyOf(numeric)));
    return this;
  }

  /** A section heading. */
  public HtmlReport section(String heading) {
    blocks.add(new Heading(Objects.requireNonNull(heading, "heading")));
    return this;
  }

  /** A paragraph of plain text. */
  public HtmlReport paragraph(String text) {
    blocks.add(new Paragraph(Objects.requireNonNull(text, "text")));
    return this;
  }

  /**
   * An image file (PNG, JPEG, GIF, SVG or WebP) with a caption (may be empty), embedded when
   * at most {@link #embedLimit(long)} bytes, else linked.
   */
  public HtmlReport image(Path file, String caption) {
    blocks.add(new FileImage(Objects.requireNonNull(file, "file"), Objects.requireNonNull(caption, "caption")));
    return this;
  }

  /** A picture drawn in memory (an {@link ImageGrid} or a chart), always embedded as PNG. */
  public HtmlReport image(RenderedImage image, String caption) throws IOException {
    blocks.add(new InlineImage(Png.encode(image), Objects.requireNonNull(caption, "caption")));
    return this;
  }

  /** A block of monospaced text kept as it is, such as a config in JSON. */
  public HtmlReport preformatted(String text) {
    blocks.add(new Preformatted(Objects.requireNonNull(text, "text")));
    return this;
  }

  /** Writes the page to {@code file}, atomically; relative image paths are resolved against its folder. */
  public void write(Path file) throws IOException {
    Path folder = file.toAbsolutePath().getParent();
    AtomicFiles.writeString(file, toHtml(folder));
    LOG.debug("wrote report '{}' to {}", title, file);
  }

  /** The page as HTML, for a page that will live in {@code folder}. */
  public String toHtml(Path folder) throws IOException {
    Path base = folder.toAbsolutePath().normalize();
    StringBuilder html = new StringBuilder(4096);
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(escape(title)).append("</title>\n")
        .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n")
        .append("<h1>").append(escape(title)).append("</h1>\n");
    for (Block block : blocks) {
      switch (block) {
        case Heading h -> html.append("<h2>").append(escape(h.text())).append("</h2>\n");
        case Paragraph p -> html.append("<p>").append(escape(p.text())).append("</p>\n");
        case Preformatted p -> html.append("<pre>").append(escape(p.text())).append("</pre>\n");
        case Table t -> appendTable(html, t);
        case InlineImage i -> appendFigure(html, dataUri("image/png", i.png()), i.caption());
        case FileImage i -> appendFigure(html, source(base, i.file()), i.caption());
      }
    }
    html.append("</body>\n</html>\n");
    return html.toString();
  }

  private static void appendTable(StringBuilder html, Table table) {
    html.append("<table>\n<tr><th>name</th><th>value</th></tr>\n");
    int row = 0;
    for (Map.Entry<String, String> entry : table.rows().entrySet()) {
      html.append("<tr><td>").append(escape(entry.getKey())).append("</td><td")
          .append(table.numeric().get(row++) ? " class=\"number\">" : ">")
          .append(escape(entry.getValue())).append("</td></tr>\n");
    }
    html.append("</table>\n");
  }

  private static void appendFigure(StringBuilder html, String source, String caption) {
    html.append("<figure><img src=\"").append(escape(source)).append("\" alt=\"").append(escape(caption))
        .append("\">");
    if (!caption.isEmpty()) {
      html.append("<figcaption>").append(escape(caption)).append("</figcaption>");
    }
    html.append("</figure>\n");
  }

  /** A data URI for a small image file, else its path relative to the page. */
  private String source(Path base, Path file) throws IOException {
    Path absolute = base.resolve(file).normalize();
    if (!Files.isRegularFile(absolute)) {
      LOG.warn("image {} of report '{}' does not exist; linking it anyway", absolute, title);
    } else if (Files.size(absolute) <= embedLimit) {
      return dataUri(mimeType(absolute), Files.readAllBytes(absolute));
    }
    return relativeUrl(base, absolute);
  }

  private static String dataUri(String mimeType, byte[] bytes) {
    return "data:" + mimeType + ";base64," + Base64.getEncoder().encodeToString(bytes);
  }

  private static String mimeType(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".jpg") || name.endsWith(".jpeg")) {
      return "image/jpeg";
    } else if (name.endsWith(".gif")) {
      return "image/gif";
    } else if (name.endsWith(".svg")) {
      return "image/svg+xml";
    } else if (name.endsWith(".webp")) {
      return "image/webp";
    }
    return "image/png";
  }

  /** The path from the page's folder to {@code file}, '/'-separated and percent-encoded. */
  static String relativeUrl(Path base, Path file) {
    if (!Objects.equals(base.getRoot(), file.getRoot())) {
      return file.toUri().toASCIIString();
    }
    Path relative = base.relativize(file);
    StringBuilder url = new StringBuilder();
    for (Path part : relative) {
      if (!url.isEmpty()) {
        url.append('/');
      }
      for (byte b : part.toString().getBytes(StandardCharsets.UTF_8)) {
        int c = b & 0xFF;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
          url.append((char) c);
        } else {
          url.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
              .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
        }
      }
    }
    return url.toString();
  }

  /** {@code value} as a table shows it. */
  static String format(Object value) {
    if (value instanceof Double || value instanceof Float) {
      double v = ((Number) value).doubleValue();
      if (!Double.isFinite(v)) {
        return Double.toString(v);
      }
      if (v == Math.rint(v) && Math.abs(v) < 1e15) {
        return Long.toString((long) v);
      }
      double magnitude = Math.abs(v);
      if (magnitude >= 1e-4 && magnitude < 1e9) {
        return new BigDecimal(v).round(SIGNIFICANT).stripTrailingZeros().toPlainString();
      }
      return String.format(Locale.ROOT, "%.5e", v);
    }
    return String.valueOf(value);
  }

  /** {@code text} with the five HTML special characters escaped, safe in content and attributes. */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
