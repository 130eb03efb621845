package io.github.vae4j.data;

import io.github.vae4j.tensor.kernel.Simd;
import io.github.vae4j.tensor.kernel.Workers;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * An immutable in-memory dataset: {@code count} examples of one shape, with optional integer
 * labels and optional ground-truth generative factors.
 *
 * <p>Storage, one of two, chosen by the reader: one flat row-major float array, or, for 8-bit
 * images (IDX files such as MNIST), the unsigned bytes themselves, value k standing for k / 255f
 * and converted on access ({@link Simd#unitBytes}), so that MNIST's training split holds 47 MB
 * rather than 188 MB. Every accessor behaves identically for both: the same floats bit for bit,
 * the same checksum, labels, subsets and splits. A subset of byte data is byte data again.
 *
 * <p>Shapes: values [count, features] where features is the product of {@link #exampleShape()}
 * (for images [channels, height, width], channel-planar); labels [count]; factors
 * [count, factorNames.size()]. Pixel data from every reader is scaled to [0, 1] (value / 255).
 *
 * <p>Provenance: {@link #source()} says where the data came from and {@link #sha256()} is the
 * SHA-256 of the source bytes as they were on disk (for several files, of their concatenation in
 * the order the reader documents), so a saved model can name exactly the data it was fitted to.
 * Subsets and splits keep the source and checksum of the data they were cut from.
 *
 * <p>The arrays are never exposed: accessors return copies, and the {@code with*} methods share
 * the (immutable) storage of this dataset rather than copying it.
 */
public final class Dataset {

  /** Values per part below which a batch is gathered on the calling thread. */
  private static final int GATHER_PART = 1 << 15;

  private final String source;
  private final String sha256;
  /** [count, features], row-major; null when the data is held as {@link #bytes}. */
  private final float[] values;
  /** Unsigned bytes k standing for k / 255f, [count, features] from {@link #byteOffset}; or null. */
  private final byte[] bytes;
  private final int byteOffset;
  private final int[] shape;
  private final int features;
  private final int count;
  private final int[] labels;
  private final List<String> classNames;
  private final float[] factors;
  private final List<String> factorNames;

  /**
   * The canonical constructor; takes ownership of the arrays without copying them, so only code
   * in this package, which never changes an array after handing it over, calls it.
   */
  Dataset(String source, String sha256, float[] values, int[] shape, int[] labels,
      List<String> classNames, float[] factors, List<String> factorNames) {
    this(source, sha256, Objects.requireNonNull(values, "values must not be null"), null, 0,
        rowsOf(values.length, shape), shape, labels, classNames, factors, factorNames);
  }

  /**
   * A dataset over 8-bit data: byte k stands for the value k / 255f. Keeps {@code bytes} without
   * copying, so only code in this package, which never changes an array after handing it over,
   * calls it.
   *
   * @param bytes holds the values [count, features], row-major, from {@code offset}; it may be
   *     longer, for example a whole file whose header comes first
   * @param offset where the first value is in {@code bytes}
   * @param count the number of examples
   * @param exampleShape the shape of one example; its product is the number of features
   */
  static Dataset ofUnitBytes(String source, String sha256, byte[] bytes, int offset, int count,
      int[] exampleShape) {
    Objects.requireNonNull(bytes, "bytes must not be null");
    if (offset < 0 || count < 0
        || offset + (long) count * features(exampleShape) > bytes.length) {
      throw new IllegalArgumentException(count + " examples of " + Arrays.toString(exampleShape)
          + " from offset " + offset + " do not fit in " + bytes.length + " bytes");
    }
    return new Dataset(source, sha256, null, bytes, offset, count, exampleShape, null, List.of(),
        null, List.of());
  }

  /** Exactly one of {@code values} and {@code bytes} is non-null; {@code count} fits in it. */
  private Dataset(String source, String sha256, float[] values, byte[] bytes, int byteOffset,
      int count, int[] shape, int[] labels, List<String> classNames, float[] factors,
      List<String> factorNames) {
    this.source = Objects.requireNonNull(source, "source must not be null");
    this.sha256 = Objects.requireNonNull(sha256, "sha256 must not be null");
    if (sha256.length() != 64 || !sha256.chars().allMatch(HexFormat::isHexDigit)) {
      throw new IllegalArgumentException("sha256 must be 64 hex digits, got \"" + sha256 + "\"");
    }
    this.values = values;
    this.bytes = bytes;
    this.byteOffset = byteOffset;
    this.shape = shape;
    this.features = features(shape);
    this.count = count;
    if (labels != null) {
      if (labels.length != count) {
        throw new IllegalArgumentException(
            "expected " + count + " labels, one per example, got " + labels.length);
      }
      for (int i = 0; i < labels.length; i++) {
        if (labels[i] < 0) {
          throw new IllegalArgumentException("labels must be >= 0, got " + labels[i] + " at " + i);
        }
      }
    }
    this.labels = labels;
    this.classNames = List.copyOf(Objects.requireNonNull(classNames, "classNames"));
    if (!this.classNames.isEmpty()) {
      if (labels == null) {
        throw new IllegalArgumentException("classNames given for a dataset without labels");
      }
      for (int i = 0; i < labels.length; i++) {
        if (labels[i] >= this.classNames.size()) {
          throw new IllegalArgumentException("label " + labels[i] + " at " + i
              + " has no class name among " + this.classNames.size() + " classes");
        }
      }
    }
    this.factorNames = List.copyOf(Objects.requireNonNull(factorNames, "factorNames"));
    if (factors != null) {
      if (this.factorNames.isEmpty()) {
        throw new IllegalArgumentException("factors need at least one factor name, got none");
      }
      if (factors.length != (long) count * this.factorNames.size()) {
        throw new IllegalArgumentException("expected " + count + " x " + this.factorNames.size()
            + " factor values, got " + factors.length);
      }
    } else if (!this.factorNames.isEmpty()) {
      throw new IllegalArgumentException(
          "factorNames " + this.factorNames + " given without factors");
    }
    this.factors = factors;
  }

  /**
   * A dataset over a copy of {@code values}, with no labels, whose checksum is the SHA-256 of the
   * values' little-endian float32 bytes.
   *
   * @param source where the values came from, for provenance
   * @param values [count, features], row-major
   * @param exampleShape the shape of one example; its product is the number of features
   */
  public static Dataset of(String source, float[] values, List<Integer> exampleShape) {
    float[] copy = values.clone();
    return new Dataset(source, DataFiles.sha256(copy), copy, toArray(exampleShape), null,
        List.of(), null, List.of());
  }

  /** This dataset with {@code labels} (a copy), one per example; any class names are dropped. */
  public Dataset withLabels(int[] labels) {
    return with(source, labels.clone(), List.of(), factors, factorNames);
  }

  /** This dataset with names for its classes; label {@code k} is {@code classNames.get(k)}. */
  public Dataset withClassNames(List<String> classNames) {
    return with(source, labels, classNames, factors, factorNames);
  }

  /**
   * This dataset with ground-truth generative factors (a copy), for disentanglement metrics.
   *
   * @param factors [count, factorNames.size()], row-major
   * @param factorNames the name of each factor, for example {@code ["shape", "scale"]}
   */
  public Dataset withFactors(float[] factors, List<String> factorNames) {
    return with(source, labels, classNames, factors.clone(), factorNames);
  }

  /** This dataset with another description of where it came from. */
  public Dataset withSource(String source) {
    return with(source, labels, classNames, factors, factorNames);
  }

  /** This dataset's values (shared, not copied) with other labels, factors or source. */
  private Dataset with(String source, int[] labels, List<String> classNames, float[] factors,
      List<String> factorNames) {
    return new Dataset(source, sha256, values, bytes, byteOffset, count, shape, labels,
        classNames, factors, factorNames);
  }

  // ---------------------------------------------------------------- shape and provenance

  /** The number of examples. */
  public int count() {
    return count;
  }

  /** The number of values per example: the product of {@link #exampleShape()}. */
  public int features() {
    return features;
  }

  /** The shape of one example, for example [1, 28, 28] for MNIST or [21] for a table. */
  public List<Integer> exampleShape() {
    return Arrays.stream(shape).boxed().toList();
  }

  /** The shape of one example as a fresh array, for tensor factories. */
  public int[] exampleShapeArray() {
    return shape.clone();
  }

  /** Where the data came from, for example {@code "mnist train (data/mnist)"}. */
  public String source() {
    return source;
  }

  /** The lower-case hex SHA-256 of the source bytes this dataset was read from. */
  public String sha256() {
    return sha256;
  }

  // ---------------------------------------------------------------- values

  /** A copy of example {@code index}: [features]. */
  public float[] row(int index) {
    checkIndex(index);
    float[] out = new float[features];
    copyRow(index, out, 0);
    return out;
  }

  /** Value {@code feature} of example {@code index}. */
  public float value(int index, int feature) {
    checkIndex(index);
    Objects.checkIndex(feature, features);
    int i = index * features + feature;
    return values != null ? values[i] : (bytes[byteOffset + i] & 0xFF) / 255f;
  }

  /**
   * The flat index (example * features + feature) of the first value outside [lo, hi] or NaN, or
   * -1 when every value lies inside; reads the values in place, without a copy.
   */
  public long firstOutside(float lo, float hi) {
    if (values == null) {
      return firstByteOutside(lo, hi);
    }
    for (int i = 0; i < values.length; i++) {
      float v = values[i];
      if (!(v >= lo && v <= hi)) {
        return i;
      }
    }
    return -1;
  }

  /** A copy of all values: [count, features], row-major. */
  public float[] copyValues() {
    if (values != null) {
      return values.clone();
    }
    float[] out = new float[count * features];
    Simd.unitBytes(bytes, byteOffset, out, 0, out.length);
    return out;
  }

  /** The examples at {@code indices}, in order, as one minibatch: [indices.length, features]. */
  public float[] batch(int[] indices) {
    float[] out = new float[Math.multiplyExact(indices.length, features)];
    batch(indices, out);
    return out;
  }

  /**
   * Copies the examples at {@code indices} into the start of {@code out}, so a training loop can
   * reuse one buffer: out [indices.length, features].
   */
  public void batch(int[] indices, float[] out) {
    if (out.length < (long) indices.length * features) {
      throw new IllegalArgumentException("batch buffer holds " + out.length + " values, needs "
          + (long) indices.length * features);
    }
    for (int index : indices) {
      checkIndex(index);
    }
    // rows lie scattered over the data, so a batch is memory-latency bound: two cores fetch twice
    // the rows at once (a 128 x 784 MNIST batch: about 80 us on one)
    int parts = (int) Math.min(Workers.threads(), (long) indices.length * features / GATHER_PART);
    if (parts <= 1) {
      for (int i = 0; i < indices.length; i++) {
        copyRow(indices[i], out, i * features);
      }
      return;
    }
    Workers.run(parts, p -> {
      for (int i = indices.length * p / parts, end = indices.length * (p + 1) / parts; i < end; i++) {
        copyRow(indices[i], out, i * features);
      }
    });
  }

  // ---------------------------------------------------------------- labels and factors

  /** Whether the examples carry class labels. */
  public boolean hasLabels() {
    return labels != null;
  }

  /** A copy of the labels, [count]; empty when there are none. */
  public int[] labels() {
    return labels == null ? new int[0] : labels.clone();
  }

  /** The label of example {@code index}. */
  public int label(int index) {
    if (labels == null) {
      throw new IllegalStateException("dataset " + source + " has no labels");
    }
    checkIndex(index);
    return labels[index];
  }

  /** The labels of the examples at {@code indices}, in that order. */
  public int[] batchLabels(int[] indices) {
    int[] out = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      out[i] = label(indices[i]);
    }
    return out;
  }

  /** The class names, label {@code k} having name {@code k}; empty when unknown. */
  public List<String> classNames() {
    return classNames;
  }

  /** The number of classes: the class names if known, else the largest label + 1; 0 unlabelled. */
  public int classCount() {
    if (!classNames.isEmpty()) {
      return classNames.size();
    }
    return labels == null ? 0 : Arrays.stream(labels).max().orElse(-1) + 1;
  }

  /** How many examples each class has: [classCount()]. */
  public int[] labelCounts() {
    int[] counts = new int[classCount()];
    if (labels != null) {
      for (int label : labels) {
        counts[label]++;
      }
    }
    return counts;
  }

  /** Whether the examples carry ground-truth generative factors. */
  public boolean hasFactors() {
    return factors != null;
  }

  /** The names of the generative factors; empty when there are none. */
  public List<String> factorNames() {
    return factorNames;
  }

  /** A copy of the generative factors of example {@code index}: [factorNames().size()]. */
  public float[] factors(int index) {
    if (factors == null) {
      throw new IllegalStateException("dataset " + source + " has no generative factors");
    }
    checkIndex(index);
    int width = factorNames.size();
    return Arrays.copyOfRange(factors, index * width, (index + 1) * width);
  }

  // ---------------------------------------------------------------- subsets and splits

  /** The examples at {@code indices}, in that order, with their labels and factors. */
  public Dataset subset(int[] indices) {
    float[] newValues = null;
    byte[] newBytes = null;
    if (values != null) {
      newValues = batch(indices);
    } else {
      newBytes = new byte[Math.multiplyExact(indices.length, features)];
      for (int i = 0; i < indices.length; i++) {
        checkIndex(indices[i]);
        System.arraycopy(bytes, byteOffset + indices[i] * features, newBytes, i * features,
            features);
      }
    }
    int[] newLabels = labels == null ? null : batchLabels(indices);
    float[] newFactors = null;
    if (factors != null) {
      int width = factorNames.size();
      newFactors = new float[indices.length * width];
      for (int i = 0; i < indices.length; i++) {
        System.arraycopy(factors, indices[i] * width, newFactors, i * width, width);
      }
    }
    return new Dataset(source, sha256, newValues, newBytes, 0, indices.length, shape, newLabels,
        classNames, newFactors, factorNames);
  }

  /** The first {@code n} examples (all of them when there are fewer). */
  public Dataset head(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, got " + n);
    }
    return n >= count ? this : subset(range(0, n));
  }

  /** The indices 0 .. count - 1 in an order drawn from {@code random} (Fisher-Yates). */
  public int[] shuffledIndices(RandomGenerator random) {
    int[] order = range(0, count);
    for (int i = count - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }

  /**
   * A random split: {@code round(validationFraction * count)} examples drawn by {@code random}
   * are held out. Both parts keep the original order of their examples, so the same seed gives
   * the same split.
   *
   * @param validationFraction in [0, 1)
   */
  public TrainValidation split(double validationFraction, RandomGenerator random) {
    if (!(validationFraction >= 0 && validationFraction < 1)) {
      throw new IllegalArgumentException(
          "validationFraction must be in [0, 1), got " + validationFraction);
    }
    int validationCount = (int) Math.round(validationFraction * count);
    int[] order = shuffledIndices(random);
    int[] validation = Arrays.copyOfRange(order, 0, validationCount);
    int[] train = Arrays.copyOfRange(order, validationCount, count);
    Arrays.sort(validation);
    Arrays.sort(train);
    return new TrainValidation(subset(train), subset(validation));
  }

  /** A deterministic split: the last {@code validationCount} examples are held out. */
  public TrainValidation splitTail(int validationCount) {
    if (validationCount < 0 || validationCount > count) {
      throw new IllegalArgumentException("validationCount must be in [0, " + count + "], got "
          + validationCount);
    }
    return new TrainValidation(subset(range(0, count - validationCount)),
        subset(range(count - validationCount, count)));
  }

  @Override
  public String toString() {
    return "Dataset[" + source + ", " + count + " x " + exampleShape()
        + (labels == null ? "" : ", " + classCount() + " classes")
        + (factors == null ? "" : ", factors " + factorNames)
        + ", sha256 " + sha256.substring(0, 12) + "]";
  }

  // ---------------------------------------------------------------- helpers

  /** Writes example {@code index} (already checked) as floats into {@code out} at {@code at}. */
  private void copyRow(int index, float[] out, int at) {
    if (values != null) {
      System.arraycopy(values, index * features, out, at, features);
    } else {
      Simd.unitBytes(bytes, byteOffset + index * features, out, at, features);
    }
  }

  /** {@link #firstOutside} for byte data, whose values k / 255f all lie in [0, 1]. */
  private long firstByteOutside(float lo, float hi) {
    if (lo <= 0f && hi >= 1f) {
      return -1;
    }
    boolean[] outside = new boolean[256];
    for (int k = 0; k < 256; k++) {
      float v = k / 255f;
      outside[k] = !(v >= lo && v <= hi);
    }
    int n = count * features;
    for (int i = 0; i < n; i++) {
      if (outside[bytes[byteOffset + i] & 0xFF]) {
        return i;
      }
    }
    return -1;
  }

  /** The number of features of {@code shape}, the product of its dimensions, checked. */
  private static int features(int[] shape) {
    Objects.requireNonNull(shape, "exampleShape must not be null");
    if (shape.length == 0) {
      throw new IllegalArgumentException("exampleShape must have at least one dimension, got []");
    }
    long size = 1;
    for (int dimension : shape) {
      if (dimension < 1) {
        throw new IllegalArgumentException(
            "exampleShape dimensions must be >= 1, got " + Arrays.toString(shape));
      }
      size *= dimension;
      if (size > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("exampleShape too large: " + Arrays.toString(shape));
      }
    }
    return (int) size;
  }

  /** The number of examples in {@code length} values of {@code shape}, which must divide it. */
  private static int rowsOf(int length, int[] shape) {
    int features = features(shape);
    if (length % features != 0) {
      throw new IllegalArgumentException("values length " + length + " is not a multiple of the "
          + features + " features of " + Arrays.toString(shape));
    }
    return length / features;
  }

  private void checkIndex(int index) {
    if (index < 0 || index >= count) {
      throw new IndexOutOfBoundsException(
          "example index " + index + " out of range for " + count + " examples");
    }
  }

  private static int[] range(int from, int to) {
    int[] out = new int[to - from];
    for (int i = 0; i < out.length; i++) {
      out[i] = from + i;
    }
    return out;
  }

  static int[] toArray(List<Integer> shape) {
    Objects.requireNonNull(shape, "exampleShape must not be null");
    int[] out = new int[shape.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = Objects.requireNonNull(shape.get(i), "exampleShape must not contain null");
    }
    return out;
  }
}
