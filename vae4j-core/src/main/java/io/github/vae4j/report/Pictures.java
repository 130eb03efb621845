package io.github.vae4j.report;

import io.github.vae4j.data.Dataset;
import io.github.vae4j.model.LatentSpace;
import io.github.vae4j.model.VariationalAutoencoder;
import io.github.vae4j.tensor.GradMode;
import io.github.vae4j.tensor.Tensor;
import io.github.vae4j.train.EpochMetrics;
import io.github.vae4j.viz.ChartOptions;
import io.github.vae4j.viz.Charts;
import io.github.vae4j.viz.ImageGrid;
import io.github.vae4j.viz.ImageShape;
import io.github.vae4j.viz.PairLayout;
import io.github.vae4j.viz.Series;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * PNG pictures of what a model does, each written atomically. Image pictures need a model of
 * images ([channels, height, width]); {@link #isImageModel} tells.
 */
public final class Pictures {

  private Pictures() {
  }

  public static boolean isImageModel(VariationalAutoencoder model) {
    return model.inputShape().size() == 3;
  }

  /** The image shape of one example of an image model. */
  public static ImageShape imageShape(VariationalAutoencoder model) {
    List<Integer> s = model.inputShape();
    if (s.size() != 3) {
      throw new IllegalArgumentException("pictures need a model of images [channels, height, width], this one reads "
          + s);
    }
    return new ImageShape(s.get(0), s.get(1), s.get(2));
  }

  private static int scaleFor(ImageShape shape) {
    return Math.max(1, Math.min(4, 84 / Math.max(shape.height(), shape.width())));
  }

  /** A grid of decoded means for latent codes [count, latentDim]. */
  public static void decoded(Path file, VariationalAutoencoder model, float[] codes, int columns, String title) throws IOException {
    int count = codes.length / model.latentDim();
    float[] images = model.decodeMean(Tensor.wrap(codes.clone(), count, model.latentDim())).toArray();
    ImageShape shape = imageShape(model);
    ImageGrid.builder().columns(columns).scale(scaleFor(shape)).title(title).build().write(file, images, shape);
  }

  /** Samples from the prior, count of them in a square-ish grid. */
  public static void samples(Path file, VariationalAutoencoder model, int count, RandomGenerator random) throws IOException {
    float[] codes = model.prior().sample(count, random).toArray();
    decoded(file, model, codes, (int) Math.ceil(Math.sqrt(count)), "samples from the prior");
  }

  /** Inputs beside their reconstructions (decoded posterior means), eight pairs to a row. */
  public static void reconstructions(Path file, VariationalAutoencoder model, Dataset data, int[] indices) throws IOException {
    float[] inputs = data.batch(indices);
    float[] outputs = model.reconstruct(Tensor.wrap(inputs.clone(), model.batchShape(indices.length))).toArray();
    ImageShape shape = imageShape(model);
    ImageGrid.builder().columns(Math.min(8, indices.length)).scale(scaleFor(shape))
        .pairLayout(PairLayout.ALTERNATING_COLUMNS).columnLabels(List.of("input", "output"))
        .title("inputs and their reconstructions").build().writePairs(file, inputs, outputs, shape);
  }

  /** Posterior means of the given examples, [count, latentDim]. */
  public static float[] encodeMeans(VariationalAutoencoder model, Dataset data, int[] indices) {
    try (GradMode _ = GradMode.noGrad()) {
      return model.encode(Tensor.wrap(data.batch(indices), model.batchShape(indices.length))).mean().toArray();
    }
  }

  /** One row per latent dimension, moving it from -range to +range around the base code. */
  public static void traversal(Path file, VariationalAutoencoder model, float[] base, int steps, double range) throws IOException {
    decoded(file, model, LatentSpace.traversal(base, steps, range), steps,
        "latent traversal: one row per dimension, from -" + range + " to +" + range);
  }

  /** Kingma and Welling's Figure 4: decodings over a side x side grid of a 2-D latent space. */
  public static void manifold(Path file, VariationalAutoencoder model, int side) throws IOException {
    if (model.latentDim() != 2) {
      throw new IllegalArgumentException("the manifold needs a 2-D latent space, this model has " + model.latentDim());
    }
    decoded(file, model, LatentSpace.manifoldGrid(side), side, "learned manifold (latent grid through the Gaussian inverse CDF)");
  }

  /**
   * The training loss, the validation loss (the negative ELBO) and every named training term per
   * epoch, one curve each, as the objective reported them.
   */
  public static void curves(Path file, List<EpochMetrics> history) throws IOException {
    List<Double> epochs = new ArrayList<>();
    List<Double> train = new ArrayList<>();
    List<Double> validation = new ArrayList<>();
    java.util.SequencedMap<String, List<Double>> terms = new java.util.LinkedHashMap<>();
    for (EpochMetrics m : history) {
      epochs.add((double) m.epoch());
      train.add(m.trainLoss());
      validation.add(m.validationLoss());
      m.trainTerms().keySet().forEach(name -> terms.putIfAbsent(name, new ArrayList<>()));
    }
    for (EpochMetrics m : history) {
      terms.forEach((name, values) -> values.add(m.trainTerm(name)));
    }
    List<Series> series = new ArrayList<>();
    series.add(Series.of("train loss", epochs, train));
    if (validation.stream().anyMatch(Double::isFinite)) {
      series.add(Series.of("validation loss (negative ELBO)", epochs, validation));
    }
    terms.forEach((name, values) -> series.add(Series.of("train " + name.replace('_', ' '), epochs, values)));
    Charts.writeCurves(file, ChartOptions.of("training curves", "epoch", "nats per example"), series);
  }

  /**
   * Posterior means of up to {@code limit} examples on the two latent dimensions with the largest
   * variance across examples, coloured by label when the data has labels.
   */
  public static void latentScatter(Path file, VariationalAutoencoder model, Dataset data, int limit) throws IOException {
    int n = Math.min(limit, data.count());
    int[] indices = new int[n];
    for (int i = 0; i < n; i++) {
      indices[i] = i;
    }
    int d = model.latentDim();
    float[] means = new float[n * d];
    for (int from = 0; from < n; from += 1000) {
      int b = Math.min(1000, n - from);
      float[] part = encodeMeans(model, data, java.util.Arrays.copyOfRange(indices, from, from + b));
      System.arraycopy(part, 0, means, from * d, part.length);
    }
    int[] dims = widestDimensions(means, n, d);
    float[] x = new float[n];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = means[i * d + dims[0]];
      y[i] = d > 1 ? means[i * d + dims[1]] : 0f;
    }
    int[] labels = data.hasLabels() ? data.batchLabels(indices) : new int[n];
    List<String> names = List.of("examples");
    if (data.hasLabels()) {
      names = data.classNames().isEmpty()
          ? java.util.stream.IntStream.range(0, data.classCount()).mapToObj(Integer::toString).toList()
          : data.classNames();
    }
    Charts.writeScatter(file, ChartOptions.of("latent means", "z" + dims[0], d > 1 ? "z" + dims[1] : ""), x, y,
        labels, names);
  }

  private static int[] widestDimensions(float[] means, int n, int d) {
    double[] variance = new double[d];
    for (int j = 0; j < d; j++) {
      double s = 0;
      double sq = 0;
      for (int i = 0; i < n; i++) {
        double v = means[i * d + j];
        s += v;
        sq += v * v;
      }
      variance[j] = sq / n - (s / n) * (s / n);
    }
    int first = 0;
    for (int j = 1; j < d; j++) {
      if (variance[j] > variance[first]) {
        first = j;
      }
    }
    int second = first == 0 ? Math.min(1, d - 1) : 0;
    for (int j = 0; j < d; j++) {
      if (j != first && variance[j] > variance[second]) {
        second = j;
      }
    }
    return new int[] {first, second};
  }
}
