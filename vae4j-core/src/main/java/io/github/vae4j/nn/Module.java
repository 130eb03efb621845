package io.github.vae4j.nn;

import io.github.vae4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * A part of a network that owns parameters and sub-modules, each under a name.
 *
 * <p>Names are dotted paths built from registration order, as in PyTorch: a module's own
 * parameters come first, then each child's parameters under the child's name, so an MLP encoder
 * registered as {@code "encoder"} holding a {@link Sequential} yields {@code "encoder.0.weight"},
 * {@code "encoder.0.bias"}, {@code "encoder.2.weight"}, ... Saved models (safetensors) are keyed by
 * these names, so the order never depends on hashing.
 *
 * <p>A module is in training mode when built; {@link #train()} and {@link #eval()} set the mode on
 * the whole tree (dropout reads it).
 *
 * <p>Modules with one input and one output extend {@link Layer}; composite models with several
 * inputs or outputs (an encoder returning a mean and a log-variance) extend this class directly and
 * define their own forward methods.
 */
public abstract class Module {

  private final LinkedHashMap<String, Tensor> parameters = new LinkedHashMap<>();
  private final LinkedHashMap<String, Module> children = new LinkedHashMap<>();
  private boolean training = true;

  protected Module() {
  }

  // ---------------------------------------------------------------- registration

  /**
   * Registers {@code tensor} as a trainable parameter under {@code name} and marks it as requiring
   * a gradient. The tensor must own dense storage (optimizers write it in place).
   *
   * @return the tensor, so a field can be assigned in one line
   */
  protected final Tensor registerParameter(String name, Tensor tensor) {
    checkName(name);
    if (tensor == null) {
      throw new IllegalArgumentException("parameter '" + name + "' is null");
    }
    try {
      tensor.array();
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException("parameter '" + name + "' must be a dense tensor that owns its storage, got "
          + tensor, e);
    }
    parameters.put(name, tensor.requiresGrad(true));
    return tensor;
  }

  /**
   * Registers {@code module} as a child under {@code name}; its parameters appear as
   * {@code name + "." + childName}.
   *
   * @return the module, so a field can be assigned in one line
   */
  protected final <M extends Module> M registerModule(String name, M module) {
    checkName(name);
    if (module == null) {
      throw new IllegalArgumentException("module '" + name + "' is null");
    }
    if (module == this) {
      throw new IllegalArgumentException("module '" + name + "' cannot be registered inside itself");
    }
    module.train(training);
    children.put(name, module);
    return module;
  }

  private void checkName(String name) {
    if (name == null || name.isEmpty() || name.indexOf('.') >= 0) {
      throw new IllegalArgumentException("a parameter or module name must be non-empty and have no '.', got '"
          + name + "'");
    }
    if (parameters.containsKey(name) || children.containsKey(name)) {
      throw new IllegalArgumentException("name '" + name + "' is already registered in " + getClass().getSimpleName());
    }
  }

  // ---------------------------------------------------------------- parameters

  /**
   * Every parameter of this tree under its dotted name, in registration order (own parameters
   * first, then each child's). A tensor registered twice (a shared weight) appears once, under
   * the first name met, so optimizers never step it twice.
   */
  public final SequencedMap<String, Tensor> namedParameters() {
    LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
    collect("", out, new IdentityHashMap<>());
    return Collections.unmodifiableSequencedMap(out);
  }

  private void collect(String prefix, Map<String, Tensor> out, Map<Tensor, Boolean> seen) {
    for (Map.Entry<String, Tensor> e : parameters.entrySet()) {
      if (seen.put(e.getValue(), Boolean.TRUE) == null) {
        out.put(prefix + e.getKey(), e.getValue());
      }
    }
    for (Map.Entry<String, Module> e : children.entrySet()) {
      e.getValue().collect(prefix + e.getKey() + ".", out, seen);
    }
  }

  /** The parameters of {@link #namedParameters()}, in the same order. */
  public final List<Tensor> parameters() {
    return List.copyOf(namedParameters().values());
  }

  /** The number of trainable scalars: Linear(784, 400) has 784 * 400 + 400 = 314,000. */
  public final long parameterCount() {
    long count = 0;
    for (Tensor t : namedParameters().values()) {
      count += t.size();
    }
    return count;
  }

  /** The direct children under their names, in registration order. */
  public final SequencedMap<String, Module> namedChildren() {
    return Collections.unmodifiableSequencedMap(new LinkedHashMap<>(children));
  }

  /** Clears the accumulated gradient of every parameter. */
  public final void zeroGrad() {
    for (Tensor t : namedParameters().values()) {
      t.zeroGrad();
    }
  }

  // ---------------------------------------------------------------- mode

  /** Puts this module and all its descendants in training mode. */
  public final void train() {
    train(true);
  }

  /** Puts this module and all its descendants in evaluation mode (dropout off). */
  public final void eval() {
    train(false);
  }

  /** Sets training mode on this module and all its descendants. */
  public final void train(boolean value) {
    training = value;
    for (Module child : children.values()) {
      child.train(value);
    }
  }

  public final boolean isTraining() {
    return training;
  }

  // ---------------------------------------------------------------- state dict

  /** A copy of every parameter's values under its dotted name, in {@link #namedParameters()} order. */
  public final SequencedMap<String, Tensor> stateDict() {
    LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
    for (Map.Entry<String, Tensor> e : namedParameters().entrySet()) {
      out.put(e.getKey(), e.getValue().copy());
    }
    return Collections.unmodifiableSequencedMap(out);
  }

  /**
   * Copies values into the parameters by name. Strict: the names must be exactly those of
   * {@link #namedParameters()} and every shape must match; otherwise nothing is copied and the
   * exception lists every missing name, unexpected name and shape mismatch.
   */
  public final void loadStateDict(Map<String, Tensor> state) {
    SequencedMap<String, Tensor> own = namedParameters();
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, Tensor> e : own.entrySet()) {
      Tensor source = state.get(e.getKey());
      if (source == null) {
        problems.add("missing '" + e.getKey() + "'");
      } else if (!Arrays.equals(source.shape(), e.getValue().shape())) {
        problems.add("'" + e.getKey() + "' expects shape " + Arrays.toString(e.getValue().shape())
            + ", got " + Arrays.toString(source.shape()));
      }
    }
    for (String name : state.keySet()) {
      if (!own.containsKey(name)) {
        problems.add("unexpected '" + name + "'");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("state dict does not fit " + getClass().getSimpleName() + ": "
          + String.join("; ", problems));
    }
    for (Map.Entry<String, Tensor> e : own.entrySet()) {
      e.getValue().copyFrom(state.get(e.getKey()));
    }
  }

  // ---------------------------------------------------------------- printing

  /** The settings shown between the parentheses of {@link #toString()}, e.g. "in=784, out=400". */
  protected String describe() {
    return "";
  }

  /** A PyTorch-style tree: {@code Sequential(\n  (0): Linear(in=2, out=16, bias=true)\n ...)}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    print(sb, "");
    return sb.toString();
  }

  private void print(StringBuilder sb, String indent) {
    sb.append(getClass().getSimpleName()).append('(').append(describe());
    if (!children.isEmpty()) {
      for (Map.Entry<String, Module> e : children.entrySet()) {
        sb.append('\n').append(indent).append("  (").append(e.getKey()).append("): ");
        e.getValue().print(sb, indent + "  ");
      }
      sb.append('\n').append(indent);
    }
    sb.append(')');
  }
}
