package io.github.vae4j.optim;

import io.github.vae4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Updates named parameters in place from their accumulated gradients, one {@link #step()} at a
 * time, with PyTorch's update rules, so a run matches its PyTorch counterpart up to float rounding.
 *
 * <p>Parameters are keyed by name (a module's {@code namedParameters()}), which is how the
 * per-parameter state (moments, momentum buffers, step counts) is saved by {@link #state()} and
 * restored by {@link #loadState(OptimizerState)}; a run resumed that way continues bit for bit.
 *
 * <p>A parameter whose {@code gradArray()} is null at a step (no gradient reached it) is skipped:
 * its values, state and per-parameter step count stay as they were, as in PyTorch.
 *
 * <p>Update loops run on the float arrays directly, allocate no arrays after a parameter's first
 * step, and split parameters of 2^17 elements or more across cores.
 */
public abstract sealed class Optimizer permits Sgd, Adam, Adagrad, RmsProp {

  private static final Logger LOG = LoggerFactory.getLogger(Optimizer.class);

  /** One parameter and its state: the per-parameter step count and named buffers. */
  static final class Slot {
    final String name;
    final Tensor parameter;
    long step;
    final LinkedHashMap<String, float[]> buffers = new LinkedHashMap<>();

    Slot(String name, Tensor parameter) {
      this.name = name;
      this.parameter = parameter;
    }

    /** The named buffer, created filled with {@code initial} on first use. */
    float[] buffer(String bufferName, float initial) {
      float[] b = buffers.get(bufferName);
      if (b == null) {
        b = new float[parameter.size()];
        if (initial != 0f) {
          Arrays.fill(b, initial);
        }
        buffers.put(bufferName, b);
      }
      return b;
    }

    boolean hasBuffer(String bufferName) {
      return buffers.containsKey(bufferName);
    }
  }

  private final String kind;
  private final List<Slot> slots;
  private final double initialLearningRate;
  private double learningRate;
  private long steps;

  Optimizer(String kind, Map<String, Tensor> namedParameters, double learningRate) {
    this.kind = kind;
    Objects.requireNonNull(namedParameters, "namedParameters");
    if (namedParameters.isEmpty()) {
      throw new IllegalArgumentException(kind + " got no parameters to optimize");
    }
    List<Slot> list = new ArrayList<>(namedParameters.size());
    Map<Tensor, String> seen = new IdentityHashMap<>();
    for (Map.Entry<String, Tensor> e : namedParameters.entrySet()) {
      String name = e.getKey();
      Tensor p = e.getValue();
      if (name == null || name.isEmpty() || p == null) {
        throw new IllegalArgumentException("parameter names must be non-empty and tensors non-null, got '"
            + name + "' -> " + p);
      }
      String previous = seen.put(p, name);
      if (previous != null) {
        throw new IllegalArgumentException("parameters '" + previous + "' and '" + name
            + "' are the same tensor; it would be stepped twice");
      }
      try {
        p.array();
      } catch (IllegalStateException ex) {
        throw new IllegalArgumentException("parameter '" + name + "' must own dense storage, got " + p, ex);
      }
      list.add(new Slot(name, p));
    }
    this.slots = List.copyOf(list);
    this.initialLearningRate = learningRate;
    this.learningRate = learningRate;
  }

  // ---------------------------------------------------------------- stepping

  /**
   * Updates every parameter that has a gradient, from that gradient and the optimizer state.
   *
   * @return whether every updated value is finite; false when a gradient held a NaN or an infinity
   *     or an update overflowed (checked as the values are written, so it costs no extra pass)
   */
  public final boolean step() {
    steps++;
    List<ParallelRange.Work> work = new ArrayList<>(slots.size());
    for (Slot slot : slots) {
      float[] grad = slot.parameter.gradArray();
      if (grad == null) {
        continue;
      }
      float[] values = slot.parameter.array();
      if (grad.length != values.length) {
        throw new IllegalStateException("parameter '" + slot.name + "' has " + values.length
            + " values but a gradient of " + grad.length);
      }
      slot.step++;
      work.add(new ParallelRange.Work(values.length, update(slot, values, grad, learningRate)));
    }
    // one split across threads for all parameters: a per-parameter split would hand off (and
    // wait for) a task per tensor
    return ParallelRange.runAll(work);
  }

  /**
   * Prepares one update of {@code values} ({@code slot.step} already counts it) and returns the
   * elementwise loop that applies it to [from, to); the loop may run in pieces, on any thread.
   */
  abstract ParallelRange.Body update(Slot slot, float[] values, float[] grad, double lr);

  /** Clears every parameter's gradient. */
  public final void zeroGrad() {
    for (Slot slot : slots) {
      slot.parameter.zeroGrad();
    }
  }

  // ---------------------------------------------------------------- settings

  /** The name saved with the state: {@code sgd}, {@code adam}, {@code adamw}, {@code adagrad}, {@code rmsprop}. */
  public final String kind() {
    return kind;
  }

  /** The learning rate the next {@link #step()} uses. */
  public final double learningRate() {
    return learningRate;
  }

  /** Sets the learning rate for the next steps (schedules call this). */
  public final void setLearningRate(double value) {
    if (!(value >= 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException("learning rate must be a finite number >= 0, got " + value);
    }
    learningRate = value;
  }

  /** The learning rate of the config this optimizer was built with, the base of a {@link Schedule}. */
  public final double initialLearningRate() {
    return initialLearningRate;
  }

  /** How many times {@link #step()} has run (restored by {@link #loadState}). */
  public final long steps() {
    return steps;
  }

  /** The parameters under their names, in the order given. */
  public final SequencedMap<String, Tensor> namedParameters() {
    LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
    for (Slot slot : slots) {
      out.put(slot.name, slot.parameter);
    }
    return Collections.unmodifiableSequencedMap(out);
  }

  /** The parameters in the order given. */
  public final List<Tensor> parameters() {
    return List.copyOf(namedParameters().values());
  }

  /**
   * The hyper-parameters other than the learning rate, by name (booleans as 0 or 1). Saved with the
   * state and compared on load.
   */
  public abstract SequencedMap<String, Double> hyperParameters();

  /** The buffers every stepped parameter holds under this configuration, e.g. exp_avg, exp_avg_sq. */
  abstract List<String> bufferNames();

  // ---------------------------------------------------------------- state

  /** A deep copy of the whole state: kind, hyper-parameters, learning rate, steps, and buffers. */
  public final OptimizerState state() {
    LinkedHashMap<String, OptimizerState.ParameterState> params = new LinkedHashMap<>();
    for (Slot slot : slots) {
      params.put(slot.name, new OptimizerState.ParameterState(slot.parameter.size(), slot.step, slot.buffers));
    }
    return new OptimizerState(kind, hyperParameters(), learningRate, steps, params);
  }

  /**
   * Restores a state saved by {@link #state()}: adopts its learning rate, step counts and buffers.
   * The state must come from the same kind of optimizer, with the same hyper-parameters, over
   * parameters of the same names and sizes; otherwise nothing changes and the exception names every
   * difference.
   */
  public final void loadState(OptimizerState state) {
    Objects.requireNonNull(state, "state");
    List<String> problems = new ArrayList<>();
    if (!state.kind().equals(kind)) {
      throw new IllegalArgumentException("optimizer state is for " + state.kind() + ", this optimizer is " + kind);
    }
    SequencedMap<String, Double> own = hyperParameters();
    if (!own.equals(state.hyperParameters())) {
      problems.add("hyper-parameters differ: state has " + state.hyperParameters() + ", optimizer has " + own);
    }
    Set<String> names = new LinkedHashSet<>();
    List<String> expectedBuffers = bufferNames();
    for (Slot slot : slots) {
      names.add(slot.name);
      OptimizerState.ParameterState ps = state.parameter(slot.name);
      if (ps == null) {
        problems.add("missing '" + slot.name + "'");
        continue;
      }
      if (ps.size() != slot.parameter.size()) {
        problems.add("'" + slot.name + "' has " + slot.parameter.size() + " values, state has " + ps.size());
      }
      if (ps.step() > 0 && !Set.copyOf(ps.bufferNames()).equals(Set.copyOf(expectedBuffers))) {
        problems.add("'" + slot.name + "' expects buffers " + expectedBuffers + ", state has " + ps.bufferNames());
      }
    }
    for (String name : state.parameterNames()) {
      if (!names.contains(name)) {
        problems.add("unexpected '" + name + "'");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("optimizer state does not fit this " + kind + ": " + String.join("; ", problems));
    }
    for (Slot slot : slots) {
      OptimizerState.ParameterState ps = state.parameter(slot.name);
      slot.step = ps.step();
      slot.buffers.clear();
      for (String b : ps.bufferNames()) {
        slot.buffers.put(b, ps.buffer(b));
      }
    }
    learningRate = state.learningRate();
    steps = state.steps();
    LOG.debug("restored {} state at step {} over {} parameters", kind, steps, slots.size());
  }

  // ---------------------------------------------------------------- config checks

  static double checkNonNegative(String name, double value) {
    if (!(value >= 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + value);
    }
    return value;
  }

  static double checkUnitInterval(String name, double value) {
    if (!(value >= 0 && value < 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1), got " + value);
    }
    return value;
  }

  @Override
  public String toString() {
    return kind + "(lr=" + learningRate + ", " + hyperParameters() + ", steps=" + steps + ")";
  }
}
