package io.github.vae4j.train;

import io.github.vae4j.io.AtomicFiles;
import io.github.vae4j.optim.OptimizerState;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * Everything needed to continue a run exactly: the model's weights, the optimizer's state, the
 * best weights so far (for early stopping), the trainer's counters and the metrics of every epoch.
 * Written atomically after every epoch, so a kill at any moment leaves the previous checkpoint
 * or the new one, never half of either.
 *
 * <p>Format: magic "VAE4JCKP", a version, then counters, weight maps (name, shape, floats) and
 * the optimizer state, all big-endian through {@link DataOutputStream}.
 */
public record Checkpoint(
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
  private static final int VERSION = 1;

  public Checkpoint {
    history = List.copyOf(history);
  }

  public void write(Path file) throws IOException {
    AtomicFiles.write(file, stream -> {
      DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream, 1 << 16));
      out.writeLong(MAGIC);
      out.writeInt(VERSION);
      out.writeInt(epoch);
      out.writeLong(step);
      out.writeDouble(learningRate);
      out.writeDouble(bestValidationLoss);
      out.writeInt(bestEpoch);
      out.writeInt(badEpochs);
      out.writeInt(rollbacks);
      writeWeights(out, weights);
      writeWeights(out, bestWeights);
      byte[] state = optimizer.toBytes();
      out.writeInt(state.length);
      out.write(state);
      out.writeInt(history.size());
      for (EpochMetrics m : history) {
        out.writeInt(m.epoch());
        for (double v : new double[] {m.trainLoss(), m.trainReconstruction(), m.trainKl(), m.validationLoss(),
            m.validationReconstruction(), m.validationKl(), m.bitsPerDim(), m.learningRate(), m.seconds()}) {
          out.writeDouble(v);
        }
      }
      out.flush();
    });
  }

  public static Checkpoint read(Path file) throws IOException {
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
      if (in.readLong() != MAGIC) {
        throw new IllegalArgumentException(file + " is not a vae4j checkpoint (wrong magic number)");
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw new IllegalArgumentException(file + ": checkpoint version " + version + " is not supported (expected "
            + VERSION + ")");
      }
      int epoch = in.readInt();
      long step = in.readLong();
      double lr = in.readDouble();
      double best = in.readDouble();
      int bestEpoch = in.readInt();
      int bad = in.readInt();
      int rollbacks = in.readInt();
      SequencedMap<String, float[]> weights = readWeights(in, file);
      SequencedMap<String, float[]> bestWeights = readWeights(in, file);
      int stateLength = in.readInt();
      if (stateLength < 0 || stateLength > (1 << 30)) {
        throw new IllegalArgumentException(file + ": corrupt checkpoint (optimizer state of " + stateLength + " bytes)");
      }
      byte[] state = in.readNBytes(stateLength);
      if (state.length != stateLength) {
        throw new EOFException();
      }
      int epochs = in.readInt();
      if (epochs < 0 || epochs > 10_000_000) {
        throw new IllegalArgumentException(file + ": corrupt checkpoint (" + epochs + " epochs of metrics)");
      }
      List<EpochMetrics> metrics = new ArrayList<>();
      for (int i = 0; i < epochs; i++) {
        metrics.add(new EpochMetrics(in.readInt(), in.readDouble(), in.readDouble(), in.readDouble(),
            in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble()));
      }
      return new Checkpoint(epoch, step, lr, best, bestEpoch, bad, rollbacks, weights, bestWeights,
          OptimizerState.fromBytes(state), metrics);
    } catch (EOFException e) {
      throw new IllegalArgumentException(file + ": truncated checkpoint", e);
    }
  }

  private static void writeWeights(DataOutputStream out, Map<String, float[]> weights) throws IOException {
    out.writeInt(weights.size());
    for (Map.Entry<String, float[]> e : weights.entrySet()) {
      out.writeUTF(e.getKey());
      float[] v = e.getValue();
      out.writeInt(v.length);
      for (float f : v) {
        out.writeFloat(f);
      }
    }
  }

  private static SequencedMap<String, float[]> readWeights(DataInputStream in, Path file) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 1_000_000) {
      throw new IllegalArgumentException(file + ": corrupt checkpoint (" + n + " weight tensors)");
    }
    SequencedMap<String, float[]> weights = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      String name = in.readUTF();
      int length = in.readInt();
      if (length < 0) {
        throw new IllegalArgumentException(file + ": corrupt checkpoint (negative length for " + name + ")");
      }
      float[] v = new float[length];
      for (int j = 0; j < length; j++) {
        v[j] = in.readFloat();
      }
      weights.put(name, v);
    }
    return weights;
  }
}
