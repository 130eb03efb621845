package io.github.vae4j.tensor;

import io.github.vae4j.tensor.kernel.Simd;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A dense float32 tensor of any rank, row-major, that records the operations applied to it for
 * reverse-mode automatic differentiation.
 *
 * <p>Storage is a {@code float[]} with an offset and strides, so {@link #reshape} of a contiguous
 * tensor, {@link #transpose}, {@link #permute} and {@link #slice} are views that share the data.
 * Kernels read contiguous storage; a strided input is copied once when an op needs it dense.
 *
 * <p>Autodiff: a tensor created with {@link #requiresGrad(boolean)} set is a leaf (a parameter).
 * Every op whose inputs need gradients, run while {@link GradMode#isEnabled()}, records a node.
 * {@link #backward()} on a scalar walks the graph in reverse topological order, accumulates
 * gradients into the leaves' {@link #grad()}, and releases the graph and every intermediate
 * gradient, so a training loop keeps no memory from one step to the next.
 *
 * <p>Gradients are stored densely in the logical row-major order of the tensor's shape.
 */
public final class Tensor {

  final float[] data;
  final int offset;
  final int[] shape;
  final int[] strides;
  final int size;

  private boolean requiresGrad;
  float[] grad;
  /** The gradient array given up by the last {@link #zeroGrad()}, reused by the next backward. */
  private float[] spareGrad;
  Node node;

  Tensor(float[] data, int offset, int[] shape, int[] strides) {
    this.data = data;
    this.offset = offset;
    this.shape = shape;
    this.strides = strides;
    this.size = Shapes.size(shape);
  }

  Tensor(float[] data, int[] shape) {
    this(data, 0, shape, Shapes.contiguousStrides(shape));
  }

  // ---------------------------------------------------------------- factories

  /** A tensor over a copy of {@code values} with the given shape. */
  public static Tensor of(float[] values, int... shape) {
    int[] s = Shapes.check(shape);
    if (values.length != Shapes.size(s)) {
      throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds "
          + Shapes.size(s) + " values, got " + values.length);
    }
    return new Tensor(values.clone(), s);
  }

  /** A tensor that takes ownership of {@code values} (no copy); the caller must not change it. */
  public static Tensor wrap(float[] values, int... shape) {
    int[] s = Shapes.check(shape);
    if (values.length != Shapes.size(s)) {
      throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds "
          + Shapes.size(s) + " values, got " + values.length);
    }
    return new Tensor(values, s);
  }

  /** A rank-0 tensor holding {@code value}. */
  public static Tensor scalar(float value) {
    return new Tensor(new float[] {value}, new int[0]);
  }

  public static Tensor zeros(int... shape) {
    int[] s = Shapes.check(shape);
    return new Tensor(new float[Shapes.size(s)], s);
  }

  public static Tensor ones(int... shape) {
    return full(1f, shape);
  }

  public static Tensor full(float value, int... shape) {
    int[] s = Shapes.check(shape);
    float[] d = new float[Shapes.size(s)];
    Arrays.fill(d, value);
    return new Tensor(d, s);
  }

  /** Standard normal draws from {@code random}, in row-major order. */
  public static Tensor randn(RandomGenerator random, int... shape) {
    int[] s = Shapes.check(shape);
    float[] d = new float[Shapes.size(s)];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) random.nextGaussian();
    }
    return new Tensor(d, s);
  }

  /** Uniform draws on [low, high) from {@code random}, in row-major order. */
  public static Tensor uniform(RandomGenerator random, float low, float high, int... shape) {
    if (!(high > low)) {
      throw new IllegalArgumentException("uniform needs low < high, got [" + low + ", " + high + ")");
    }
    int[] s = Shapes.check(shape);
    float[] d = new float[Shapes.size(s)];
    float width = high - low;
    for (int i = 0; i < d.length; i++) {
      d[i] = low + width * random.nextFloat();
    }
    return new Tensor(d, s);
  }

  /** Uniform draws on [0, 1). */
  public static Tensor rand(RandomGenerator random, int... shape) {
    return uniform(random, 0f, 1f, shape);
  }

  // ---------------------------------------------------------------- metadata

  public int[] shape() {
    return shape.clone();
  }

  public int dim(int axis) {
    return shape[Shapes.axis(axis, shape.length)];
  }

  public int rank() {
    return shape.length;
  }

  public int size() {
    return size;
  }

  public boolean requiresGrad() {
    return requiresGrad;
  }

  /** Marks this tensor as a leaf whose gradient is accumulated by {@link #backward()}. */
  public Tensor requiresGrad(boolean value) {
    if (node != null && !value) {
      throw new IllegalStateException("cannot clear requiresGrad on the output of an op; use detach()");
    }
    this.requiresGrad = value;
    return this;
  }

  boolean isContiguous() {
    return Shapes.isContiguous(shape, strides);
  }

  // ---------------------------------------------------------------- values

  /** The values in row-major order, as a new array. */
  public float[] toArray() {
    if (isContiguous()) {
      return Arrays.copyOfRange(data, offset, offset + size);
    }
    return Shapes.gather(data, offset, shape, strides);
  }

  /** The value of a tensor with exactly one element. */
  public float item() {
    if (size != 1) {
      throw new IllegalStateException("item() needs a tensor of one element, got shape " + Arrays.toString(shape));
    }
    return data[offset];
  }

  /** The value at the given indices. */
  public float get(int... indices) {
    if (indices.length != shape.length) {
      throw new IllegalArgumentException("expected " + shape.length + " indices, got " + indices.length);
    }
    int p = offset;
    for (int i = 0; i < indices.length; i++) {
      if (indices[i] < 0 || indices[i] >= shape[i]) {
        throw new IndexOutOfBoundsException("index " + indices[i] + " out of [0, " + shape[i] + ") on axis " + i);
      }
      p += indices[i] * strides[i];
    }
    return data[p];
  }

  /**
   * The dense backing array when this tensor is contiguous and spans the whole array (leaf
   * parameters always do). Optimizers write parameters through it; nothing else should.
   */
  public float[] array() {
    if (!isContiguous() || offset != 0 || data.length != size) {
      throw new IllegalStateException("array() needs a dense tensor that owns its storage");
    }
    return data;
  }

  /** A copy of the accumulated gradient of a leaf, or null before the first backward. */
  public Tensor grad() {
    return grad == null ? null : new Tensor(grad.clone(), shape.clone());
  }

  /** The accumulated gradient array (row-major), or null; optimizers read it in place. */
  public float[] gradArray() {
    return grad;
  }

  /**
   * Clears the accumulated gradient. Its array is kept and overwritten by the next backward (a
   * parameter's gradient is as large as the parameter; allocating and zeroing it every step costs
   * more than some of the products that fill it), so an array taken from {@link #gradArray()}
   * is only valid until then.
   */
  public void zeroGrad() {
    if (grad != null) {
      spareGrad = grad;
    }
    grad = null;
  }

  /**
   * Makes {@code buffer}, obtained from {@link #gradBuffer()} and filled, this tensor's gradient
   * (which must be unset): a leaf's own array, so it is adopted rather than copied.
   */
  void adoptGradBuffer(float[] buffer) {
    if (grad != null) {
      throw new IllegalStateException("adoptGradBuffer with a gradient already set");
    }
    grad = buffer;
  }

  /** An array of this tensor's size whose contents will be overwritten: the spare, or a new one. */
  float[] gradBuffer() {
    float[] buffer = spareGrad;
    spareGrad = null;
    return buffer != null ? buffer : new float[size];
  }

  /** The same values, cut from the graph: no gradient flows through the result. */
  public Tensor detach() {
    return new Tensor(data, offset, shape, strides);
  }

  /** A dense copy, outside any graph. */
  public Tensor copy() {
    return new Tensor(toArray(), shape.clone());
  }

  /** Overwrites this tensor's values (a parameter's, say) from {@code source} of the same shape. */
  public void copyFrom(Tensor source) {
    if (!Arrays.equals(shape, source.shape)) {
      throw new IllegalArgumentException("copyFrom expects shape " + Arrays.toString(shape)
          + ", got " + Arrays.toString(source.shape));
    }
    float[] values = source.toArray();
    float[] target = array();
    System.arraycopy(values, 0, target, 0, size);
  }

  /** True when every value is finite (no NaN, no infinity). */
  public boolean isFinite() {
    float[] d = dense();
    int o = denseOffset();
    for (int i = 0; i < size; i++) {
      if (!Float.isFinite(d[o + i])) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- dense access for kernels

  /** Storage in row-major order: the backing array when contiguous, else a copy. */
  float[] dense() {
    return isContiguous() ? data : Shapes.gather(data, offset, shape, strides);
  }

  /** Offset into {@link #dense()}'s array. */
  int denseOffset() {
    return isContiguous() ? offset : 0;
  }

  /** This tensor if contiguous, else a dense copy that keeps the autodiff link. */
  public Tensor contiguous() {
    if (isContiguous()) {
      return this;
    }
    Tensor out = new Tensor(Shapes.gather(data, offset, shape, strides), shape.clone());
    return record(out, "contiguous", new Tensor[] {this}, g -> accumulate(g, false));
  }

  // ---------------------------------------------------------------- autodiff

  /** True when an op on these inputs must record a node. */
  static boolean needsGraph(Tensor... inputs) {
    if (!GradMode.isEnabled()) {
      return false;
    }
    for (Tensor t : inputs) {
      if (t.requiresGrad) {
        return true;
      }
    }
    return false;
  }

  /** Records {@code out} as the result of {@code op} on {@code inputs} when any needs a gradient. */
  static Tensor record(Tensor out, String op, Tensor[] inputs, Node.Backward backward) {
    if (needsGraph(inputs)) {
      out.requiresGrad = true;
      out.node = new Node(op, inputs, backward);
    }
    return out;
  }

  /**
   * Adds {@code g} (row-major, this tensor's size) into this tensor's gradient. With {@code owned}
   * the array may be kept as the gradient itself; callers pass false when it is shared.
   */
  void accumulate(float[] g, boolean owned) {
    if (!requiresGrad) {
      return;
    }
    if (grad == null) {
      // a leaf (a parameter) keeps its gradient array across steps and Buffers scopes, so it never
      // adopts one handed to it: that array may be a pooled one
      if (owned && node != null) {
        grad = g;
      } else {
        grad = gradBuffer();
        System.arraycopy(g, 0, grad, 0, size);
      }
      return;
    }
    float[] acc = grad;
    Parallel.range(size, (from, to) -> Simd.addInPlace(acc, from, g, from, to - from));
  }

  /**
   * Back-propagates from this scalar: accumulates d(this)/d(leaf) into every leaf that requires a
   * gradient, then releases the graph (a second call needs a new forward pass).
   */
  public void backward() {
    if (size != 1) {
      throw new IllegalStateException("backward() needs a scalar, got shape " + Arrays.toString(shape));
    }
    backward(new float[] {1f});
  }

  /** Back-propagates a given output gradient (row-major, this tensor's size). */
  public void backward(float[] gradOutput) {
    if (!requiresGrad) {
      throw new IllegalStateException("backward() on a tensor that does not require a gradient");
    }
    if (gradOutput.length != size) {
      throw new IllegalArgumentException("gradient has " + gradOutput.length + " values, tensor has " + size);
    }
    List<Tensor> order = topologicalOrder(this);
    // Gradient arrays are never shared: accumulate copies unless told the array is the caller's to
    // give, so when a tensor's backward runs, its gradient array is its own, and the backward may
    // overwrite it (elementwise ops compute their input gradient in place).
    accumulate(gradOutput, false);
    for (int i = order.size() - 1; i >= 0; i--) {
      Tensor t = order.get(i);
      Node n = t.node;
      float[] g = t.grad;
      // intermediates give up their gradient and node as soon as they have passed it on
      t.grad = null;
      t.node = null;
      if (g != null) {
        n.backward.apply(g);
      }
    }
  }

  /** Non-leaf tensors reachable from {@code root}, inputs before outputs. */
  private static List<Tensor> topologicalOrder(Tensor root) {
    List<Tensor> order = new ArrayList<>();
    if (root.node == null) {
      return order;
    }
    Map<Tensor, Boolean> visited = new IdentityHashMap<>();
    ArrayDeque<Object[]> stack = new ArrayDeque<>();
    stack.push(new Object[] {root, 0});
    visited.put(root, Boolean.TRUE);
    while (!stack.isEmpty()) {
      Object[] frame = stack.peek();
      Tensor t = (Tensor) frame[0];
      int next = (Integer) frame[1];
      Tensor[] inputs = t.node.inputs;
      if (next < inputs.length) {
        frame[1] = next + 1;
        Tensor in = inputs[next];
        if (in.node != null && visited.put(in, Boolean.TRUE) == null) {
          stack.push(new Object[] {in, 0});
        }
      } else {
        stack.pop();
        order.add(t);
      }
    }
    return order;
  }

  // ---------------------------------------------------------------- elementwise ops

  public Tensor add(Tensor other) {
    return Elementwise.binary(Elementwise.Binary.ADD, this, other);
  }

  public Tensor add(float value) {
    return Elementwise.unary(Elementwise.Unary.ADD_SCALAR, this, value);
  }

  public Tensor sub(Tensor other) {
    return Elementwise.binary(Elementwise.Binary.SUB, this, other);
  }

  public Tensor sub(float value) {
    return Elementwise.unary(Elementwise.Unary.ADD_SCALAR, this, -value);
  }

  public Tensor mul(Tensor other) {
    return Elementwise.binary(Elementwise.Binary.MUL, this, other);
  }

  public Tensor mul(float value) {
    return Elementwise.unary(Elementwise.Unary.MUL_SCALAR, this, value);
  }

  public Tensor div(Tensor other) {
    return Elementwise.binary(Elementwise.Binary.DIV, this, other);
  }

  public Tensor div(float value) {
    return Elementwise.unary(Elementwise.Unary.MUL_SCALAR, this, 1f / value);
  }

  /** Elementwise maximum with broadcasting; at ties the gradient goes to {@code this}. */
  public Tensor maximum(Tensor other) {
    return Elementwise.binary(Elementwise.Binary.MAX, this, other);
  }

  /** Elementwise minimum with broadcasting; at ties the gradient goes to {@code this}. */
  public Tensor minimum(Tensor other) {
    return Elementwise.binary(Elementwise.Binary.MIN, this, other);
  }

  public Tensor neg() {
    return Elementwise.unary(Elementwise.Unary.MUL_SCALAR, this, -1f);
  }

  public Tensor square() {
    return Elementwise.unary(Elementwise.Unary.SQUARE, this, 0f);
  }

  /** x^p for a constant exponent p. */
  public Tensor pow(float exponent) {
    return Elementwise.unary(Elementwise.Unary.POW, this, exponent);
  }

  public Tensor sqrt() {
    return Elementwise.unary(Elementwise.Unary.SQRT, this, 0f);
  }

  public Tensor exp() {
    return Elementwise.unary(Elementwise.Unary.EXP, this, 0f);
  }

  public Tensor log() {
    return Elementwise.unary(Elementwise.Unary.LOG, this, 0f);
  }

  public Tensor log1p() {
    return Elementwise.unary(Elementwise.Unary.LOG1P, this, 0f);
  }

  public Tensor abs() {
    return Elementwise.unary(Elementwise.Unary.ABS, this, 0f);
  }

  /** Clamps into [min, max]; the gradient is zero where a bound is active. */
  public Tensor clamp(float min, float max) {
    if (min > max) {
      throw new IllegalArgumentException("clamp needs min <= max, got [" + min + ", " + max + "]");
    }
    return Elementwise.clamp(this, min, max);
  }

  public Tensor relu() {
    return Elementwise.unary(Elementwise.Unary.RELU, this, 0f);
  }

  public Tensor leakyRelu(float negativeSlope) {
    return Elementwise.unary(Elementwise.Unary.LEAKY_RELU, this, negativeSlope);
  }

  public Tensor elu(float alpha) {
    return Elementwise.unary(Elementwise.Unary.ELU, this, alpha);
  }

  /** GELU with the tanh approximation (PyTorch's {@code approximate='tanh'}). */
  public Tensor gelu() {
    return Elementwise.unary(Elementwise.Unary.GELU, this, 0f);
  }

  public Tensor tanh() {
    return Elementwise.unary(Elementwise.Unary.TANH, this, 0f);
  }

  public Tensor sigmoid() {
    return Elementwise.unary(Elementwise.Unary.SIGMOID, this, 0f);
  }

  /** log(1 + exp(x)), computed stably. */
  public Tensor softplus() {
    return Elementwise.unary(Elementwise.Unary.SOFTPLUS, this, 0f);
  }

  /** log(sigmoid(x)) = -softplus(-x), computed stably. */
  public Tensor logSigmoid() {
    return Elementwise.unary(Elementwise.Unary.LOG_SIGMOID, this, 0f);
  }

  /**
   * Binary cross-entropy of Bernoulli targets given logits, elementwise:
   * max(x, 0) - x * t + log(1 + exp(-|x|)), which never overflows. Shapes must match.
   */
  public Tensor binaryCrossEntropyWithLogits(Tensor target) {
    return Elementwise.bceWithLogits(this, target);
  }

  /**
   * {@link #binaryCrossEntropyWithLogits} summed over every axis but the first: this and target
   * [batch, dims...] give [batch]. Equal to {@code binaryCrossEntropyWithLogits(target)} summed
   * per sample up to float rounding, in one pass and without the elementwise intermediate.
   */
  public Tensor binaryCrossEntropyWithLogitsSum(Tensor target) {
    return Elementwise.bceWithLogitsSum(this, target);
  }

  /**
   * Inverted dropout: zeroes each element with probability {@code p} and scales the rest by
   * 1 / (1 - p); the identity when {@code training} is false or p is 0.
   */
  public Tensor dropout(float p, boolean training, RandomGenerator random) {
    return Elementwise.dropout(this, p, training, random);
  }

  // ---------------------------------------------------------------- reductions

  /** Sum of all elements, a scalar. */
  public Tensor sum() {
    return Reductions.sumAll(this);
  }

  /** Sum over the given axes (negative counts from the end). */
  public Tensor sum(boolean keepDims, int... axes) {
    return Reductions.sum(this, keepDims, axes);
  }

  public Tensor sum(int axis) {
    return Reductions.sum(this, false, axis);
  }

  public Tensor mean() {
    return sum().mul(1f / size);
  }

  public Tensor mean(boolean keepDims, int... axes) {
    int count = 1;
    for (int a : Shapes.axes(axes, shape.length)) {
      count *= shape[a];
    }
    return sum(keepDims, axes).mul(1f / count);
  }

  public Tensor mean(int axis) {
    return mean(false, axis);
  }

  /** Maximum over one axis; the gradient goes to the first maximal element. */
  public Tensor max(int axis, boolean keepDim) {
    return Reductions.max(this, axis, keepDim);
  }

  /** log(sum(exp(x))) over one axis, stable for any magnitude. */
  public Tensor logSumExp(int axis, boolean keepDim) {
    return Reductions.logSumExp(this, axis, keepDim);
  }

  public Tensor softmax(int axis) {
    return Reductions.softmax(this, axis, false);
  }

  public Tensor logSoftmax(int axis) {
    return Reductions.softmax(this, axis, true);
  }

  /** Index of the maximum along the last axis, per row (no gradient). */
  public int[] argmaxLastAxis() {
    return Reductions.argmaxLastAxis(this);
  }

  // ---------------------------------------------------------------- linear algebra

  /**
   * Matrix product. [m, k] x [k, n] -> [m, n]; batched [..., m, k] x [..., k, n] with equal batch
   * dimensions, or [..., m, k] x [k, n]. Transposed views are passed to BLAS without copying.
   */
  public Tensor matmul(Tensor other) {
    return LinearAlgebra.matmul(this, other);
  }

  /** x · weightᵀ + bias: x [..., in], weight [out, in], bias [out] or null; -> [..., out]. */
  public static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
    return LinearAlgebra.linear(x, weight, bias);
  }

  /**
   * 2-D convolution (cross-correlation, as in PyTorch) by im2col and GEMM.
   * input [n, c, h, w], weight [o, c, kh, kw], bias [o] or null; -> [n, o, h', w'] with
   * h' = (h + 2 * padding - kh) / stride + 1, and likewise w'.
   */
  public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int stride, int padding) {
    return Convolution.conv2d(input, weight, bias, stride, padding);
  }

  /**
   * Transposed 2-D convolution, the adjoint of {@link #conv2d}: input [n, c, h, w], weight
   * [c, o, kh, kw] (PyTorch's layout), bias [o] or null; -> [n, o, h', w'] with
   * h' = (h - 1) * stride - 2 * padding + kh + outputPadding.
   */
  public static Tensor convTranspose2d(Tensor input, Tensor weight, Tensor bias, int stride, int padding,
      int outputPadding) {
    return Convolution.convTranspose2d(input, weight, bias, stride, padding, outputPadding);
  }

  // ---------------------------------------------------------------- shape ops

  /** The same values in a new shape; one dimension may be -1. A view when contiguous. */
  public Tensor reshape(int... newShape) {
    return ShapeOps.reshape(this, newShape);
  }

  /** Swaps two axes (a view). */
  public Tensor transpose(int axis0, int axis1) {
    return ShapeOps.transpose(this, axis0, axis1);
  }

  /** Reorders axes: result axis i is this tensor's axis {@code order[i]} (a view). */
  public Tensor permute(int... order) {
    return ShapeOps.permute(this, order);
  }

  /** Elements [start, end) along {@code axis} (a view). */
  public Tensor slice(int axis, int start, int end) {
    return ShapeOps.slice(this, axis, start, end);
  }

  /** Consecutive pieces along {@code axis} of the given sizes, which must add up to its length. */
  public List<Tensor> split(int axis, int... sizes) {
    return ShapeOps.split(this, axis, sizes);
  }

  /** Joins tensors along {@code axis}; other dimensions must match. */
  public static Tensor concat(int axis, Tensor... tensors) {
    return ShapeOps.concat(axis, tensors);
  }

  /** Picks entries {@code indices} along {@code axis} (embedding and codebook lookups). */
  public Tensor indexSelect(int axis, int... indices) {
    return ShapeOps.indexSelect(this, axis, indices);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Tensor").append(Arrays.toString(shape));
    if (size <= 16) {
      sb.append(' ').append(Arrays.toString(toArray()));
    }
    if (requiresGrad) {
      sb.append(node == null ? " (leaf, requires grad)" : " (" + node.op + ")");
    }
    return sb.toString();
  }
}
