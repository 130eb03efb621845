package io.github.vae4j.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

  private static final Pattern DATA_URI = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"");

  @TempDir
  Path folder;

  private Path grid(String name) throws IOException {
    Path file = folder.resolve(name);
    ImageGrid.builder().scale(2).build().write(file, new float[] {0f, 0.5f, 1f, 0.25f}, ImageShape.grey(2, 2));
    return file;
  }

  @Test
  void escapesEveryText() throws IOException {
    String evil = "<script>alert(\"x\")</script> & 'q'";
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put(evil, evil);
    String html = HtmlReport.titled(evil).section(evil).paragraph(evil).metrics(metrics).preformatted(evil)
        .image(grid("g.png"), evil).toHtml(folder);
    assertFalse(html.contains("<script>"), html);
    assertFalse(html.contains("'q'"), html);
    String escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;";
    // title, h1, h2, p, table name and value, pre, alt and caption
    assertEquals(9, html.split(Pattern.quote(escaped), -1).length - 1, html);
  }

  @Test
  void embedsImageFilesAsDataUris() throws IOException {
    Path png = grid("grid.png");
    Path report = folder.resolve("report.html");
    HtmlReport.titled("Run").section("Samples").image(Path.of("grid.png"), "samples").write(report);
    String html = Files.readString(report);
    assertTrue(html.startsWith("<!DOCTYPE html>"), html);
    Matcher m = DATA_URI.matcher(html);
    assertTrue(m.find(), html);
    assertArrayEquals(Files.readAllBytes(png), Base64.getDecoder().decode(m.group(1)));
    assertTrue(html.contains("<figcaption>samples</figcaption>"), html);
  }

  @Test
  void embedsPicturesDrawnInMemory() throws IOException {
    BufferedImage picture = ImageGrid.defaults().render(new float[] {0.5f}, ImageShape.grey(1, 1));
    String html = HtmlReport.titled("Run").image(picture, "").toHtml(folder);
    Matcher m = DATA_URI.matcher(html);
    assertTrue(m.find(), html);
    assertArrayEquals(Png.encode(picture), Base64.getDecoder().decode(m.group(1)));
    assertFalse(html.contains("<figcaption>"), "no caption when it is empty");
  }

  @Test
  void linksImagesAboveTheEmbedLimit() throws IOException {
    Files.createDirectories(folder.resolve("img dir"));
    grid("img dir/a b.png");
    String html = HtmlReport.titled("Run").embedLimit(10).image(folder.resolve("img dir/a b.png"), "x")
        .toHtml(folder);
    assertTrue(html.contains("src=\"img%20dir/a%20b.png\""), html);
    assertFalse(html.contains("data:"), html);
  }

  @Test
  void linksMissingImagesRatherThanFailing() throws IOException {
    String html = HtmlReport.titled("Run").image(Path.of("later.png"), "x").toHtml(folder);
    assertTrue(html.contains("src=\"later.png\""), html);
  }

  @Test
  void formatsNumbersForReading() throws IOException {
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("elbo", -93.123456789);
    metrics.put("epochs", 30);
    metrics.put("beta", 4.0);
    metrics.put("lr", 1e-7);
    metrics.put("kl", Float.NaN);
    metrics.put("backend", "openblas");
    String html = HtmlReport.titled("Run").metrics(metrics).toHtml(folder);
    assertTrue(html.contains("<td>elbo</td><td class=\"number\">-93.1235</td>"), html);
    assertTrue(html.contains("<td>epochs</td><td class=\"number\">30</td>"), html);
    assertTrue(html.contains("<td>beta</td><td class=\"number\">4</td>"), html);
    assertTrue(html.contains("<td>lr</td><td class=\"number\">1.00000e-07</td>"), html);
    assertTrue(html.contains("<td>kl</td><td class=\"number\">NaN</td>"), html);
    assertTrue(html.contains("<td>backend</td><td>openblas</td>"), html);
    assertEquals("0.1", HtmlReport.format(0.1f));
  }
}
