package io.github.vae4j.report;

import io.github.vae4j.data.Dataset;
import io.github.vae4j.model.ModelFile;
import io.github.vae4j.model.VariationalAutoencoder;
import io.github.vae4j.train.EpochMetrics;
import io.github.vae4j.viz.HtmlReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Writes the pictures of a trained model into a run folder and an HTML report (report.html) that
 * shows them beside the metrics and the configuration: samples, reconstructions, a traversal, the
 * manifold for 2-D latent spaces, a latent scatter and the training curves.
 */
public final class RunReport {

  private RunReport() {
  }

  /**
   * Writes the pictures and report.html into {@code folder} and returns the report's path.
   * {@code data} supplies the examples to reconstruct and scatter (a validation or test split).
   */
  public static Path write(Path runFolder, String title, VariationalAutoencoder model, Dataset data, List<EpochMetrics> history,
      Map<String, ?> metrics, Object trainConfig, RandomGenerator random) throws IOException {
    Path folder = runFolder.toAbsolutePath();
    HtmlReport report = HtmlReport.titled(title).metrics(metrics);
    if (Pictures.isImageModel(model)) {
      Path samples = folder.resolve("samples.png");
      Pictures.samples(samples, model, 64, random);
      int[] indices = new int[Math.min(16, data.count())];
      for (int i = 0; i < indices.length; i++) {
        indices[i] = i * Math.max(1, data.count() / indices.length);
      }
      Path reconstructions = folder.resolve("reconstructions.png");
      Pictures.reconstructions(reconstructions, model, data, indices);
      Path traversal = folder.resolve("traversal.png");
      float[] base = Pictures.encodeMeans(model, data, new int[] {0});
      Pictures.traversal(traversal, model, base, 9, 3.0);
      report.section("Samples").image(samples, "decoded means of z drawn from the prior (" + model.prior().spec() + ")")
          .section("Reconstructions").image(reconstructions, "each input beside the decoded mean of its posterior mean")
          .section("Latent traversal").image(traversal,
              "each row moves one latent dimension from -3 to +3 around the code of the first example");
      if (model.latentDim() == 2) {
        Path manifold = folder.resolve("manifold.png");
        Pictures.manifold(manifold, model, 20);
        report.section("Learned manifold").image(manifold,
            "decodings over a 20 x 20 grid of the 2-D latent space, spaced through the inverse Gaussian CDF");
      }
    }
    Path scatter = folder.resolve("latent-scatter.png");
    Pictures.latentScatter(scatter, model, data, 5000);
    report.section("Latent space").image(scatter, "posterior means on the two widest latent dimensions");
    if (!history.isEmpty()) {
      Path curves = folder.resolve("curves.png");
      Pictures.curves(curves, history);
      report.section("Training").image(curves, "loss per epoch, nats per example");
      StringBuilder lines = new StringBuilder();
      for (EpochMetrics m : history) {
        lines.append(m.toJson()).append('\n');
      }
      report.preformatted(lines.toString());
    }
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("model", model.config());
    if (trainConfig != null) {
      config.put("training", trainConfig);
    }
    report.section("Configuration").preformatted(ModelFile.toJson(config));
    Path file = folder.resolve("report.html");
    report.write(file);
    return file;
  }
}
