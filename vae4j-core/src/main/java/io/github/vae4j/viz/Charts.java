package io.github.vae4j.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Training curves and latent scatter plots as pictures, drawn off-screen by XChart: white
 * background, light grid, a legend, the Tableau 10 colours (colour-blind friendly, the matplotlib
 * default).
 *
 * <p>No display is needed: the charts paint into a {@link BufferedImage}, which works under
 * {@code java.awt.headless=true} and also without it. Non-finite values are left out: a NaN or
 * infinite loss leaves a gap in its curve; a non-finite latent point is dropped (and counted in the
 * log).
 */
public final class Charts {

  private static final Logger LOG = LoggerFactory.getLogger(Charts.class);

  /** Tableau 10; labels beyond ten get colours spread around the hue circle. */
  private static final int[] PALETTE = {
    0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf
  };
  /** Curves with at most this many points show a marker on each point. */
  private static final int MAX_MARKED_POINTS = 30;
  /** Marker diameter and opacity of scatter points, small and translucent so that 10,000 stay readable. */
  private static final int SCATTER_MARKER = 4;
  private static final int SCATTER_ALPHA = 128;

  private Charts() {}

  // ---------------------------------------------------------------- curves

  /**
   * Lines of each series against x, such as training and validation loss by epoch. Series without
   * a finite point are left out; at least one must have one.
   */
  public static BufferedImage curves(ChartOptions options, List<Series> series) {
    XYChart chart = chart(options);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    int index = 0;
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      double[] y = s.y();
      if (Arrays.stream(y).noneMatch(Double::isFinite)) {
        LOG.debug("series '{}' has no finite points, left out of '{}'", s.name(), options.title());
        continue;
      }
      for (int i = 0; i < y.length; i++) {
        if (Double.isInfinite(y[i])) {
          y[i] = Double.NaN;
        }
        if (options.logY() && y[i] <= 0) {
          throw new IllegalArgumentException("a logarithmic y axis needs positive values; series '" + s.name()
              + "' has " + y[i] + " at x = " + s.x()[i]);
        }
        if (!Double.isNaN(y[i])) {
          low = Math.min(low, y[i]);
          high = Math.max(high, y[i]);
        }
      }
      XYSeries line = chart.addSeries(s.name(), s.x(), y);
      line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      Color color = color(index++, 255);
      line.setLineColor(color);
      line.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      if (s.size() <= MAX_MARKED_POINTS) {
        line.setMarker(SeriesMarkers.CIRCLE);
        line.setMarkerColor(color);
      } else {
        line.setMarker(SeriesMarkers.NONE);
      }
    }
    if (index == 0) {
      throw new IllegalArgumentException("nothing to plot in '" + options.title() + "': no series has a finite point");
    }
    // a loss often spans less than two decades: then label the ticks between powers of ten too
    chart.getStyler().setYAxisLogarithmicDecadeOnly(high > 100 * low);
    return Java2d.draw("chart '" + options.title() + "'", () -> BitmapEncoder.getBufferedImage(chart));
  }

  /** Draws {@link #curves} and writes the picture to {@code file} as PNG, atomically. */
  public static void writeCurves(Path file, ChartOptions options, List<Series> series) throws IOException {
    Png.write(file, curves(options, series));
  }

  // ---------------------------------------------------------------- scatter

  /**
   * Points (x[i], y[i]) coloured by {@code labels[i]}, one legend entry per label in increasing
   * order: a 2-D latent space coloured by class. Each label is named by {@code labelNames} when it
   * has an entry there, else by its number.
   *
   * @param labels one integer >= 0 per point, or null for a single unlabelled colour
   * @param labelNames names of labels 0, 1, ...; may be empty
   */
  public static BufferedImage scatter(ChartOptions options, float[] x, float[] y, int[] labels,
      List<String> labelNames) {
    Objects.requireNonNull(labelNames, "labelNames");
    if (x.length != y.length || (labels != null && labels.length != x.length)) {
      throw new IllegalArgumentException("x, y and labels must have one entry per point, got " + x.length + ", "
          + y.length + " and " + (labels == null ? "no labels" : labels.length));
    }
    if (options.logY()) {
      throw new IllegalArgumentException("scatter plots have a linear y axis; logY is not supported");
    }
    TreeMap<Integer, Points> groups = new TreeMap<>();
    int dropped = 0;
    for (int i = 0; i < x.length; i++) {
      int label = labels == null ? 0 : labels[i];
      if (label < 0) {
        throw new IllegalArgumentException("labels must be >= 0, got " + label + " at point " + i);
      }
      if (!Float.isFinite(x[i]) || !Float.isFinite(y[i])) {
        dropped++;
        continue;
      }
      groups.computeIfAbsent(label, k -> new Points()).add(x[i], y[i]);
    }
    if (dropped > 0) {
      LOG.warn("{} of {} points in '{}' are not finite and were left out", dropped, x.length, options.title());
    }
    if (groups.isEmpty()) {
      throw new IllegalArgumentException("nothing to plot in '" + options.title() + "': no finite points");
    }
    XYChart chart = chart(options);
    XYStyler styler = chart.getStyler();
    styler.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    styler.setMarkerSize(SCATTER_MARKER);
    styler.setLegendPosition(Styler.LegendPosition.OutsideE);
    styler.setLegendVisible(labels != null);
    for (var group : groups.entrySet()) {
      int label = group.getKey();
      String name = label < labelNames.size() ? labelNames.get(label) : Integer.toString(label);
      XYSeries series = chart.addSeries(name, group.getValue().x(), group.getValue().y());
      series.setMarker(SeriesMarkers.CIRCLE);
      series.setMarkerColor(color(label, SCATTER_ALPHA));
    }
    return Java2d.draw("chart '" + options.title() + "'", () -> BitmapEncoder.getBufferedImage(chart));
  }

  /** Draws {@link #scatter} and writes the picture to {@code file} as PNG, atomically. */
  public static void writeScatter(Path file, ChartOptions options, float[] x, float[] y, int[] labels,
      List<String> labelNames) throws IOException {
    Png.write(file, scatter(options, x, y, labels, labelNames));
  }

  // ---------------------------------------------------------------- style

  private static XYChart chart(ChartOptions options) {
    XYChart chart = new XYChartBuilder()
        .width(options.width())
        .height(options.height())
        .title(options.title())
        .xAxisTitle(options.xTitle())
        .yAxisTitle(options.yTitle())
        .build();
    XYStyler styler = chart.getStyler();
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setPlotBorderColor(new Color(0xbbbbbb));
    styler.setPlotGridLinesColor(new Color(0xe5e5e5));
    styler.setLegendBorderColor(new Color(0xdddddd));
    styler.setLegendBackgroundColor(new Color(255, 255, 255, 220));
    styler.setChartTitleBoxVisible(false);
    styler.setChartTitleVisible(!options.title().isEmpty());
    styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    styler.setAntiAlias(true);
    styler.setYAxisLabelAlignment(AxesChartStyler.TextAlignment.Right);
    styler.setYAxisLogarithmic(options.logY());
    styler.setXAxisTitleVisible(!options.xTitle().isEmpty());
    styler.setYAxisTitleVisible(!options.yTitle().isEmpty());
    return chart;
  }

  /** The colour of series or label {@code index}, with {@code alpha} in [0, 255]. */
  static Color color(int index, int alpha) {
    int rgb;
    if (index < PALETTE.length) {
      rgb = PALETTE[index];
    } else {
      // the golden angle spreads any number of further hues as far apart as it can
      float hue = (float) ((index - PALETTE.length) * 0.381966 % 1.0);
      rgb = Color.HSBtoRGB(hue, 0.65f, 0.85f) & 0xFFFFFF;
    }
    return new Color((alpha << 24) | rgb, true);
  }

  /** A growable list of points of one label. */
  private static final class Points {
    private float[] xs = new float[64];
    private float[] ys = new float[64];
    private int size;

    void add(float x, float y) {
      if (size == xs.length) {
        xs = Arrays.copyOf(xs, 2 * size);
        ys = Arrays.copyOf(ys, 2 * size);
      }
      xs[size] = x;
      ys[size++] = y;
    }

    float[] x() {
      return Arrays.copyOf(xs, size);
    }

    float[] y() {
      return Arrays.copyOf(ys, size);
    }
  }
}
