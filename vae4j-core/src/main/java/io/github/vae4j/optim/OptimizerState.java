package io.github.vae4j.optim;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;

/**
 * A snapshot of an {@link Optimizer}: its kind, hyper-parameters, current learning rate, step count,
 * and for every parameter (by name) its own step count and buffers, exact to the bit.
 *
 * <p>Binary format (big-endian, {@link DataOutput}), version {@value #FORMAT_VERSION}:
 * <pre>
 *   int    magic 0x56344F50 ("V4OP")
 *   int    format version
 *   UTF    kind
 *   double learning rate
 *   long   optimizer steps
 *   int    hyper-parameter count, then per entry: UTF name, double value
 *   int    parameter count, then per parameter:
 *            UTF name, int size, long step, int buffer count,
 *            then per buffer: UTF name, size floats as raw IEEE-754 bits
 * </pre>
 * Floats are written with {@link Float#floatToRawIntBits}, so NaN payloads survive too.
 */
public final class OptimizerState {

  /** The version {@link #writeTo} writes and the newest {@link #readFrom} reads. */
  public static final int FORMAT_VERSION = 1;

  private static final int MAGIC = 0x5634_4F50;
  private static final int CHUNK = 8192;

  /** The state of one parameter: its size, its step count, and its named buffers (each of that size). */
  static final class ParameterState {
    private final int size;
    private final long step;
    private final LinkedHashMap<String, float[]> buffers = new LinkedHashMap<>();

    /** Deep-copies {@code buffers}. */
    ParameterState(int size, long step, Map<String, float[]> buffers) {
      if (size < 0 || step < 0) {
        throw new IllegalArgumentException("parameter size and step must be >= 0, got " + size + " and " + step);
      }
      this.size = size;
      this.step = step;
      for (Map.Entry<String, float[]> e : buffers.entrySet()) {
        if (e.getValue().length != size) {
          throw new IllegalArgumentException("buffer '" + e.getKey() + "' has " + e.getValue().length
              + " values, parameter has " + size);
        }
        this.buffers.put(e.getKey(), e.getValue().clone());
      }
    }

    int size() {
      return size;
    }

    long step() {
      return step;
    }

    List<String> bufferNames() {
      return List.copyOf(buffers.keySet());
    }

    /** A copy of the named buffer, or null. */
    float[] buffer(String name) {
      float[] b = buffers.get(name);
      return b == null ? null : b.clone();
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof ParameterState other) || size != other.size || step != other.step
          || !buffers.keySet().equals(other.buffers.keySet())) {
        return false;
      }
      for (Map.Entry<String, float[]> e : buffers.entrySet()) {
        // bitwise, so that equal means "resumes bit for bit"
        if (!Arrays.equals(bits(e.getValue()), bits(other.buffers.get(e.getKey())))) {
          return false;
        }
      }
      return true;
    }

    @Override
    public int hashCode() {
      int h = Long.hashCode(step) * 31 + size;
      for (Map.Entry<String, float[]> e : buffers.entrySet()) {
        h = h * 31 + e.getKey().hashCode();
        h = h * 31 + Arrays.hashCode(e.getValue());
      }
      return h;
    }

    private static int[] bits(float[] values) {
      int[] out = new int[values.length];
      for (int i = 0; i < values.length; i++) {
        out[i] = Float.floatToRawIntBits(values[i]);
      }
      return out;
    }
  }

  private final String kind;
  private final SequencedMap<String, Double> hyperParameters;
  private final double learningRate;
  private final long steps;
  private final SequencedMap<String, ParameterState> parameters;

  OptimizerState(String kind, Map<String, Double> hyperParameters, double learningRate, long steps,
      Map<String, ParameterState> parameters) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.hyperParameters = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(hyperParameters));
    this.learningRate = learningRate;
    this.steps = steps;
    this.parameters = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(parameters));
  }

  /** The optimizer kind: {@code sgd}, {@code adam}, {@code adamw}, {@code adagrad} or {@code rmsprop}. */
  public String kind() {
    return kind;
  }

  /** The hyper-parameters other than the learning rate, as {@link Optimizer#hyperParameters()}. */
  public SequencedMap<String, Double> hyperParameters() {
    return hyperParameters;
  }

  /** The learning rate at the time of the snapshot. */
  public double learningRate() {
    return learningRate;
  }

  /** The optimizer's step count at the time of the snapshot. */
  public long steps() {
    return steps;
  }

  /** The parameter names, in the optimizer's order. */
  public List<String> parameterNames() {
    return List.copyOf(parameters.keySet());
  }

  /** The step count of one parameter (0 if it never had a gradient). */
  public long parameterStep(String name) {
    return require(name).step();
  }

  /** The buffer names of one parameter, e.g. [exp_avg, exp_avg_sq]; empty before its first step. */
  public List<String> bufferNames(String name) {
    return require(name).bufferNames();
  }

  /** A copy of one buffer of one parameter. */
  public float[] buffer(String name, String bufferName) {
    float[] b = require(name).buffer(bufferName);
    if (b == null) {
      throw new IllegalArgumentException("parameter '" + name + "' has no buffer '" + bufferName + "', it has "
          + require(name).bufferNames());
    }
    return b;
  }

  ParameterState parameter(String name) {
    return parameters.get(name);
  }

  private ParameterState require(String name) {
    ParameterState ps = parameters.get(name);
    if (ps == null) {
      throw new IllegalArgumentException("no parameter '" + name + "' in this state, it has " + parameters.keySet());
    }
    return ps;
  }

  // ---------------------------------------------------------------- binary form

  /** Writes the state in the format above; does not close or flush {@code out}. */
  public void writeTo(DataOutput out) throws IOException {
    out.writeInt(MAGIC);
    out.writeInt(FORMAT_VERSION);
    out.writeUTF(kind);
    out.writeDouble(learningRate);
    out.writeLong(steps);
    out.writeInt(hyperParameters.size());
    for (Map.Entry<String, Double> e : hyperParameters.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeDouble(e.getValue());
    }
    out.writeInt(parameters.size());
    byte[] chunk = new byte[CHUNK * Float.BYTES];
    ByteBuffer bb = ByteBuffer.wrap(chunk);
    for (Map.Entry<String, ParameterState> e : parameters.entrySet()) {
      ParameterState ps = e.getValue();
      out.writeUTF(e.getKey());
      out.writeInt(ps.size);
      out.writeLong(ps.step);
      out.writeInt(ps.buffers.size());
      for (Map.Entry<String, float[]> b : ps.buffers.entrySet()) {
        out.writeUTF(b.getKey());
        float[] values = b.getValue();
        for (int from = 0; from < values.length; from += CHUNK) {
          int to = Math.min(values.length, from + CHUNK);
          // a bulk copy keeps the bits (NaN payloads included), big-endian
          bb.clear().asFloatBuffer().put(values, from, to - from);
          out.write(chunk, 0, (to - from) * Float.BYTES);
        }
      }
    }
  }

  /** The number of bytes {@link #writeTo} writes, so that a container can prefix the state with its length. */
  public long byteSize() {
    long n = Integer.BYTES * 2L + utfBytes(kind) + Double.BYTES + Long.BYTES + Integer.BYTES;
    for (String name : hyperParameters.keySet()) {
      n += utfBytes(name) + Double.BYTES;
    }
    n += Integer.BYTES;
    for (Map.Entry<String, ParameterState> e : parameters.entrySet()) {
      n += utfBytes(e.getKey()) + Integer.BYTES + Long.BYTES + Integer.BYTES;
      for (Map.Entry<String, float[]> b : e.getValue().buffers.entrySet()) {
        n += utfBytes(b.getKey()) + (long) Float.BYTES * b.getValue().length;
      }
    }
    return n;
  }

  /** The length of {@code s} as {@link DataOutput#writeUTF} writes it: 2, then 1-3 bytes per char. */
  private static long utfBytes(String s) {
    long n = 2;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      n += c >= 0x0001 && c <= 0x007F ? 1 : c <= 0x07FF ? 2 : 3;
    }
    return n;
  }

  /** Reads a state written by {@link #writeTo}; fails on a foreign or newer format or a short stream. */
  public static OptimizerState readFrom(DataInput in) throws IOException {
    int magic = in.readInt();
    if (magic != MAGIC) {
      throw new IOException("not a vae4j optimizer state: magic 0x" + Integer.toHexString(magic)
          + ", expected 0x" + Integer.toHexString(MAGIC));
    }
    int version = in.readInt();
    if (version < 1 || version > FORMAT_VERSION) {
      throw new IOException("optimizer state format version " + version + " is not supported (this build reads 1 to "
          + FORMAT_VERSION + ")");
    }
    String kind = in.readUTF();
    double learningRate = in.readDouble();
    long steps = in.readLong();
    int hyperCount = count(in.readInt(), "hyper-parameter");
    LinkedHashMap<String, Double> hyper = new LinkedHashMap<>();
    for (int i = 0; i < hyperCount; i++) {
      hyper.put(in.readUTF(), in.readDouble());
    }
    int paramCount = count(in.readInt(), "parameter");
    LinkedHashMap<String, ParameterState> params = new LinkedHashMap<>();
    byte[] chunk = new byte[CHUNK * Float.BYTES];
    ByteBuffer bb = ByteBuffer.wrap(chunk);
    for (int p = 0; p < paramCount; p++) {
      String name = in.readUTF();
      int size = count(in.readInt(), "value");
      long step = in.readLong();
      if (step < 0) {
        throw new IOException("parameter '" + name + "' has a negative step count " + step);
      }
      int bufferCount = count(in.readInt(), "buffer");
      LinkedHashMap<String, float[]> buffers = new LinkedHashMap<>();
      for (int b = 0; b < bufferCount; b++) {
        String bufferName = in.readUTF();
        float[] values = new float[size];
        for (int from = 0; from < size; from += CHUNK) {
          int to = Math.min(size, from + CHUNK);
          in.readFully(chunk, 0, (to - from) * Float.BYTES);
          bb.clear().asFloatBuffer().get(values, from, to - from);
        }
        buffers.put(bufferName, values);
      }
      params.put(name, new ParameterState(size, step, buffers));
    }
    return new OptimizerState(kind, hyper, learningRate, steps, params);
  }

  private static int count(int value, String what) throws IOException {
    if (value < 0) {
      throw new IOException("corrupt optimizer state: negative " + what + " count " + value);
    }
    return value;
  }

  /** The binary form as a byte array. */
  public byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return bytes.toByteArray();
  }

  /** Reads the binary form from a byte array. */
  public static OptimizerState fromBytes(byte[] bytes) throws IOException {
    return readFrom(new DataInputStream(new ByteArrayInputStream(bytes)));
  }

  // ---------------------------------------------------------------- value semantics

  /** Equal when every field and every buffer bit is equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof OptimizerState other && kind.equals(other.kind)
        && hyperParameters.equals(other.hyperParameters)
        && Double.doubleToRawLongBits(learningRate) == Double.doubleToRawLongBits(other.learningRate)
        && steps == other.steps && parameters.equals(other.parameters);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, hyperParameters, learningRate, steps, parameters);
  }

  @Override
  public String toString() {
    return "OptimizerState(" + kind + ", lr=" + learningRate + ", steps=" + steps + ", " + parameters.size()
        + " parameters)";
  }
}
