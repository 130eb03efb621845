package io.github.vae4j.report;

import static io.github.vae4j.report.PicturesTest.assertDrawn;
import static io.github.vae4j.report.PicturesTest.png;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vae4j.data.Dataset;
import io.github.vae4j.data.Sprites;
import io.github.vae4j.model.Vae;
import io.github.vae4j.model.VaeConfig;
import io.github.vae4j.train.ElboMetrics;
import io.github.vae4j.train.EpochMetrics;
import io.github.vae4j.train.TrainConfig;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportTest {


  private static final List<EpochMetrics> HISTORY = List.of(
      ElboMetrics.of(1, 300, 280, 20, Double.NaN, Double.NaN, Double.NaN, 0.5, 1e-3, 1),
      ElboMetrics.of(2, 250, 232, 18, Double.NaN, Double.NaN, Double.NaN, 0.45, 1e-3, 1));

  @TempDir
  Path dir;

  @Test
  void imageModelsGetEveryPictureAndTheReportLinksThem() throws IOException {
    Dataset sprites = Sprites.generate(30, new SplittableRandom(1));
    Vae vae = new Vae(new VaeConfig(sprites.exampleShape(), "mlp", List.of(16), 2, "relu", "bernoulli", 1, "pytorch"),
        new SplittableRandom(1));
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("val_loss", 123.25);
    Path report = RunReport.write(dir, "test run", vae, sprites, HISTORY, metrics, TrainConfig.defaults(),
        new SplittableRandom(2));
    assertEquals(dir.toAbsolutePath().resolve("report.html"), report);
    String html = Files.readString(report);
    for (String picture : List.of("samples.png", "reconstructions.png", "traversal.png", "manifold.png",
        "latent-scatter.png", "curves.png")) {
      assertDrawn(png(dir.resolve(picture)));
    }
    // the page embeds the pictures (small ones as data URIs), so it stands alone
    List<String> sources = imageSources(html);
    assertEquals(6, sources.size(), sources.toString());
    for (String source : sources) {
      BufferedImage image = source.startsWith("data:image/png;base64,")
          ? ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(source.substring(22))))
          : ImageIO.read(dir.resolve(source).toFile());
      assertNotNull(image, "an image the page shows decodes");
    }
    for (String heading : List.of("Samples", "Reconstructions", "Latent traversal", "Learned manifold",
        "Latent space", "Training", "Configuration")) {
      assertTrue(html.contains(heading), heading);
    }
    assertTrue(html.contains("test run"));
    assertTrue(html.contains("123.25"));
    assertTrue(html.contains("latentDim"), "the configuration is shown");
    assertTrue(html.contains("batchSize"), "the training configuration is shown");
    assertTrue(html.contains("&quot;epoch&quot;:2") || html.contains("\"epoch\":2"), "metrics lines are shown");
  }

  private static List<String> imageSources(String html) {
    List<String> sources = new ArrayList<>();
    Matcher m = Pattern.compile("<img src=\"([^\"]*)\"").matcher(html);
    while (m.find()) {
      sources.add(m.group(1));
    }
    return sources;
  }

  @Test
  void rowModelsGetTheScatterOnly() throws IOException {
    float[] rows = new float[50 * 5];
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < rows.length; i++) {
      rows[i] = (float) random.nextGaussian();
    }
    Dataset data = Dataset.of("rows", rows, List.of(5));
    Vae vae = new Vae(new VaeConfig(List.of(5), "mlp", List.of(8), 3, "relu", "gaussian", 1, "pytorch"),
        new SplittableRandom(1));
    Path report = RunReport.write(dir, "rows", vae, data, List.of(), Map.of(), null, new SplittableRandom(2));
    assertEquals(1, imageSources(Files.readString(report)).size());
    assertDrawn(png(dir.resolve("latent-scatter.png")));
    for (String absent : List.of("samples.png", "reconstructions.png", "traversal.png", "manifold.png",
        "curves.png")) {
      assertFalse(Files.exists(dir.resolve(absent)), absent);
    }
  }
}
