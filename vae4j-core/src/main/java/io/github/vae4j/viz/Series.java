package io.github.vae4j.viz;

import java.util.List;
import java.util.Objects;

/**
 * A named line of (x, y) points for {@link Charts#curves}: a training or validation loss by epoch,
 * a learning rate by step. NaN values leave a gap in the line; x values should increase.
 *
 * <p>Holds copies of the arrays it is given and hands out copies, so it cannot change after
 * creation.
 */
public final class Series {

  private final String name;
  private final double[] x;
  private final double[] y;

  private Series(String name, double[] x, double[] y) {
    this.name = Objects.requireNonNull(name, "series name");
    if (x.length != y.length) {
      throw new IllegalArgumentException("series '" + name + "' needs as many x as y values, got " + x.length
          + " and " + y.length);
    }
    this.x = x;
    this.y = y;
  }

  /** The points (x[i], y[i]). */
  public static Series of(String name, double[] x, double[] y) {
    return new Series(name, x.clone(), y.clone());
  }

  /** The points (x[i], y[i]) from lists, such as metrics gathered epoch by epoch. */
  public static Series of(String name, List<? extends Number> x, List<? extends Number> y) {
    return new Series(name, toArray(x), toArray(y));
  }

  /** The points (i + 1, y[i]): y by epoch, counting from 1. */
  public static Series byEpoch(String name, List<? extends Number> y) {
    double[] x = new double[y.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = i + 1;
    }
    return new Series(name, x, toArray(y));
  }

  public String name() {
    return name;
  }

  /** The x values, as a new array. */
  public double[] x() {
    return x.clone();
  }

  /** The y values, as a new array. */
  public double[] y() {
    return y.clone();
  }

  /** The number of points. */
  public int size() {
    return x.length;
  }

  private static double[] toArray(List<? extends Number> values) {
    double[] array = new double[values.size()];
    for (int i = 0; i < array.length; i++) {
      array[i] = values.get(i).doubleValue();
    }
    return array;
  }

  @Override
  public String toString() {
    return "Series[" + name + ", " + x.length + " points]";
  }
}
