package io.github.vae4j.train;

import io.github.vae4j.io.AtomicFiles;
import io.github.vae4j.io.FileFormatException;
import io.github.vae4j.optim.OptimizerState;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UTFDataFormatException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * Everything needed to continue a run exactly: the model's weights, the optimizer's state, the
 * best weights so far (for early stopping), the trainer's counters and the metrics of every epoch.
 * Written atomically after every epoch, so a kill at any moment leaves the previous checkpoint
 * or the new one, never half of either.
 *
 * <p>Format: magic "VAE4JCKP", a version, then counters, weight maps (name, length, floats), the
 * optimizer state and the metrics (each epoch's numbers and its named loss terms), all big-endian
 * through {@link DataOutputStream}, and last the CRC-32 of all that as a long. Version 4 added the
 * named terms; a checkpoint of an earlier version is refused with its version named. Reading reports a truncated or corrupt file as a
 * {@link FileFormatException}.
 */
public record Checkpoint(
    String runConfig,
    int epoch,
    long step,
    double learningRate,
    double bestValidationLoss,
    int bestEpoch,
    int badEpochs,
    int rollbacks,
    SequencedMap<String, float[]> weights,
    SequencedMap<String, float[]> bestWeights,
    OptimizerState optimizer,
    List<EpochMetrics> history) {

  private static final long MAGIC = 0x564145344A434B50L; // "VAE4JCKP"
  private static final int VERSION = 4;
  private static final int CHUNK_BYTES = 1 << 16;

  public Checkpoint {
    history = List.copyOf(history);
  }

  public void write(Path file) throws IOException {
    AtomicFiles.write(file, stream -> {
      // the stream is buffered; large arrays go through one reused chunk rather than copies of their own
      CheckedOutputStream checked = new CheckedOutputStream(stream, new CRC32());
      byte[] chunk = new byte[CHUNK_BYTES];
      DataOutputStream out = new DataOutputStream(checked);
      out.writeLong(MAGIC);
      out.writeInt(VERSION);
      out.writeUTF(runConfig);
      out.writeInt(epoch);
      out.writeLong(step);
      out.writeDouble(learningRate);
      out.writeDouble(bestValidationLoss);
      out.writeInt(bestEpoch);
      out.writeInt(badEpochs);
      out.writeInt(rollbacks);
      writeWeights(out, weights, chunk);
      writeWeights(out, bestWeights, chunk);
      long stateBytes = optimizer.byteSize();
      if (stateBytes > Integer.MAX_VALUE) {
        throw new IOException("the optimizer state (" + stateBytes + " bytes) is too large for a checkpoint");
      }
      out.writeInt((int) stateBytes);
      optimizer.writeTo(out);
      out.writeInt(history.size());
      for (EpochMetrics m : history) {
        out.writeInt(m.epoch());
        for (double v : new double[] {m.trainLoss(), m.validationLoss(), m.bitsPerDim(), m.learningRate(), m.seconds()}) {
          out.writeDouble(v);
        }
        writeTerms(out, m.trainTerms());
        writeTerms(out, m.validationTerms());
      }
      out.flush();
      // CRC-32 of everything before it, so a flipped bit is reported instead of resumed from
      out.writeLong(checked.getChecksum().getValue());
      out.flush();
    });
  }

  /**
   * Reads a checkpoint.
   *
   * @throws FileFormatException when the file is not a checkpoint, is truncated or corrupt
   * @throws IOException when it cannot be read
   */
  public static Checkpoint read(Path file) throws IOException {
    long size = Files.size(file);
    try (InputStream raw = Files.newInputStream(file)) {
      CheckedInputStream checked = new CheckedInputStream(new BufferedInputStream(raw, 1 << 16), new CRC32());
      DataInputStream in = new DataInputStream(checked);
      if (in.readLong() != MAGIC) {
        throw new FileFormatException(file, "not a vae4j checkpoint (wrong magic number)");
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw new FileFormatException(file, "checkpoint version " + version + " is not supported (expected "
            + VERSION + ")");
      }
      String runConfig = in.readUTF();
      int epoch = in.readInt();
      long step = in.readLong();
      double lr = in.readDouble();
      double best = in.readDouble();
      int bestEpoch = in.readInt();
      int bad = in.readInt();
      int rollbacks = in.readInt();
      SequencedMap<String, float[]> weights = readWeights(in, file, size);
      SequencedMap<String, float[]> bestWeights = readWeights(in, file, size);
      int stateLength = in.readInt();
      if (stateLength < 0 || stateLength > size) {
        throw corrupt(file, "optimizer state of " + stateLength + " bytes");
      }
      byte[] state = readBytes(in, stateLength);
      int epochs = in.readInt();
      if (epochs < 0 || (long) epochs * (4 + 5 * 8 + 2 * 4) > size) { // an int, five doubles, two term counts per epoch
        throw corrupt(file, epochs + " epochs of metrics");
      }
      List<EpochMetrics> metrics = new ArrayList<>();
      for (int i = 0; i < epochs; i++) {
        int epochNumber = in.readInt();
        double trainLoss = in.readDouble();
        double validationLoss = in.readDouble();
        double bits = in.readDouble();
        double learningRate = in.readDouble();
        double seconds = in.readDouble();
        SequencedMap<String, Double> trainTerms = readTerms(in, file, size);
        SequencedMap<String, Double> validationTerms = readTerms(in, file, size);
        metrics.add(new EpochMetrics(epochNumber, trainLoss, trainTerms, validationLoss, validationTerms, bits,
            learningRate, seconds));
      }
      long computed = checked.getChecksum().getValue();
      long stored = in.readLong();
      if (stored != computed) {
        throw corrupt(file, "checksum mismatch");
      }
      if (in.read() != -1) {
        throw corrupt(file, "bytes after the end");
      }
      OptimizerState optimizerState;
      try {
        optimizerState = OptimizerState.fromBytes(state);
      } catch (RuntimeException e) {
        throw corrupt(file, "optimizer state: " + e.getMessage());
      }
      return new Checkpoint(runConfig, epoch, step, lr, best, bestEpoch, bad, rollbacks, weights, bestWeights,
          optimizerState, metrics);
    } catch (EOFException e) {
      throw new FileFormatException(file, "truncated checkpoint (" + size + " bytes)", e);
    } catch (UTFDataFormatException e) {
      throw new FileFormatException(file, "corrupt checkpoint (a weight name is not valid UTF-8)", e);
    }
  }

  private static void writeTerms(DataOutputStream out, Map<String, Double> terms) throws IOException {
    out.writeInt(terms.size());
    for (Map.Entry<String, Double> e : terms.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeDouble(e.getValue());
    }
  }

  private static SequencedMap<String, Double> readTerms(DataInputStream in, Path file, long size) throws IOException {
    int count = in.readInt();
    if (count < 0 || (long) count * 10 > size) { // a name of at least one byte and a double each
      throw corrupt(file, count + " loss terms");
    }
    SequencedMap<String, Double> terms = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      terms.put(in.readUTF(), in.readDouble());
    }
    return terms;
  }

  private static FileFormatException corrupt(Path file, String what) {
    return new FileFormatException(file, "corrupt checkpoint (" + what + ")");
  }

  private static byte[] readBytes(DataInputStream in, int length) throws IOException {
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return bytes;
  }

  private static void writeWeights(DataOutputStream out, Map<String, float[]> weights, byte[] chunk)
      throws IOException {
    out.writeInt(weights.size());
    ByteBuffer bytes = ByteBuffer.wrap(chunk);
    int perChunk = chunk.length / Float.BYTES;
    for (Map.Entry<String, float[]> e : weights.entrySet()) {
      out.writeUTF(e.getKey());
      float[] v = e.getValue();
      out.writeInt(v.length);
      for (int from = 0; from < v.length; from += perChunk) {
        int count = Math.min(perChunk, v.length - from);
        // a bulk copy keeps the bits (NaN payloads included), big-endian
        bytes.clear().asFloatBuffer().put(v, from, count);
        out.write(chunk, 0, count * Float.BYTES);
      }
    }
  }

  private static SequencedMap<String, float[]> readWeights(DataInputStream in, Path file, long size)
      throws IOException {
    int n = in.readInt();
    if (n < 0 || n > size) {
      throw corrupt(file, n + " weight tensors");
    }
    SequencedMap<String, float[]> weights = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      String name = in.readUTF();
      int length = in.readInt();
      if (length < 0 || 4L * length > size) {
        throw corrupt(file, length + " values for " + name + " in a file of " + size + " bytes");
      }
      float[] v = new float[length];
      ByteBuffer.wrap(readBytes(in, 4 * length)).asFloatBuffer().get(v);
      weights.put(name, v);
    }
    return weights;
  }
}
