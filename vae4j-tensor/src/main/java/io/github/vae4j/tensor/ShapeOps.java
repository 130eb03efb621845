package io.github.vae4j.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Ops that move values without arithmetic: reshape, transpose and permute (views), slice and split
 * (views), concat, and indexSelect (embedding and codebook lookups, with a scatter-add gradient).
 */
final class ShapeOps {

  private ShapeOps() {
  }

  static Tensor reshape(Tensor a, int... newShape) {
    int[] shape = resolve(newShape, a.size);
    if (Arrays.equals(shape, a.shape)) {
      return a;
    }
    Tensor base = a.contiguous();
    Tensor out = new Tensor(base.data, base.offset, shape, Shapes.contiguousStrides(shape));
    return Tensor.record(out, "reshape", new Tensor[] {base}, g -> base.accumulate(g, true));
  }

  private static int[] resolve(int[] newShape, int size) {
    int[] shape = newShape.clone();
    int infer = -1;
    long known = 1;
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] == -1) {
        if (infer >= 0) {
          throw new IllegalArgumentException("reshape allows one -1, got " + Arrays.toString(newShape));
        }
        infer = i;
      } else if (shape[i] < 0) {
        throw new IllegalArgumentException("bad dimension in reshape " + Arrays.toString(newShape));
      } else {
        known *= shape[i];
      }
    }
    if (infer >= 0) {
      if (known == 0 || size % known != 0) {
        throw new IllegalArgumentException("cannot reshape " + size + " values into " + Arrays.toString(newShape));
      }
      shape[infer] = (int) (size / known);
    } else if (known != size) {
      throw new IllegalArgumentException("cannot reshape " + size + " values into " + Arrays.toString(newShape));
    }
    return shape;
  }

  static Tensor transpose(Tensor a, int axis0, int axis1) {
    int rank = a.shape.length;
    int[] order = new int[rank];
    for (int i = 0; i < rank; i++) {
      order[i] = i;
    }
    int p = Shapes.axis(axis0, rank);
    int q = Shapes.axis(axis1, rank);
    order[p] = q;
    order[q] = p;
    return permute(a, order);
  }

  static Tensor permute(Tensor a, int... order) {
    int rank = a.shape.length;
    if (order.length != rank) {
      throw new IllegalArgumentException("permute needs " + rank + " axes, got " + Arrays.toString(order));
    }
    int[] shape = new int[rank];
    int[] strides = new int[rank];
    boolean[] seen = new boolean[rank];
    for (int i = 0; i < rank; i++) {
      int ax = Shapes.axis(order[i], rank);
      if (seen[ax]) {
        throw new IllegalArgumentException("permute order repeats axis " + ax + ": " + Arrays.toString(order));
      }
      seen[ax] = true;
      shape[i] = a.shape[ax];
      strides[i] = a.strides[ax];
    }
    Tensor out = new Tensor(a.data, a.offset, shape, strides);
    return Tensor.record(out, "permute", new Tensor[] {a}, g -> {
      // g is dense in the output's order; read it back in the input's order
      int[] gStrides = Shapes.contiguousStrides(shape);
      int[] back = new int[rank];
      for (int i = 0; i < rank; i++) {
        back[Shapes.axis(order[i], rank)] = gStrides[i];
      }
      a.accumulate(Shapes.gather(g, 0, a.shape, back), true);
    });
  }

  static Tensor slice(Tensor a, int axis, int start, int end) {
    int ax = Shapes.axis(axis, a.shape.length);
    int len = a.shape[ax];
    if (start < 0 || end > len || start > end) {
      throw new IllegalArgumentException("slice [" + start + ", " + end + ") out of range for axis "
          + axis + " of length " + len);
    }
    int[] shape = a.shape.clone();
    shape[ax] = end - start;
    Tensor out = new Tensor(a.data, a.offset + start * a.strides[ax], shape, a.strides.clone());
    int[] inShape = a.shape;
    return Tensor.record(out, "slice", new Tensor[] {a}, g -> {
      int outer = Shapes.product(inShape, 0, ax);
      int inner = Shapes.product(inShape, ax + 1, inShape.length);
      int n = end - start;
      float[] gx = new float[a.size];
      for (int o = 0; o < outer; o++) {
        System.arraycopy(g, o * n * inner, gx, (o * len + start) * inner, n * inner);
      }
      a.accumulate(gx, true);
    });
  }

  static List<Tensor> split(Tensor a, int axis, int... sizes) {
    int ax = Shapes.axis(axis, a.shape.length);
    int total = 0;
    for (int s : sizes) {
      total += s;
    }
    if (total != a.shape[ax]) {
      throw new IllegalArgumentException("split sizes " + Arrays.toString(sizes) + " add up to "
          + total + ", axis " + axis + " has length " + a.shape[ax]);
    }
    List<Tensor> parts = new ArrayList<>(sizes.length);
    int start = 0;
    for (int s : sizes) {
      parts.add(slice(a, ax, start, start + s));
      start += s;
    }
    return parts;
  }

  static Tensor concat(int axis, Tensor... tensors) {
    if (tensors.length == 0) {
      throw new IllegalArgumentException("concat needs at least one tensor");
    }
    int rank = tensors[0].shape.length;
    int ax = Shapes.axis(axis, rank);
    int[] shape = tensors[0].shape.clone();
    int total = 0;
    for (Tensor t : tensors) {
      if (t.shape.length != rank) {
        throw new IllegalArgumentException("concat needs equal ranks, got " + Arrays.toString(tensors[0].shape)
            + " and " + Arrays.toString(t.shape));
      }
      for (int d = 0; d < rank; d++) {
        if (d != ax && t.shape[d] != shape[d]) {
          throw new IllegalArgumentException("concat along axis " + axis + " needs other dimensions equal, got "
              + Arrays.toString(tensors[0].shape) + " and " + Arrays.toString(t.shape));
        }
      }
      total += t.shape[ax];
    }
    shape[ax] = total;
    int length = total;
    int outer = Shapes.product(shape, 0, ax);
    int inner = Shapes.product(shape, ax + 1, rank);
    float[] y = new float[Shapes.size(shape)];
    int[] starts = new int[tensors.length];
    int start = 0;
    for (int i = 0; i < tensors.length; i++) {
      Tensor t = tensors[i];
      starts[i] = start;
      float[] x = t.dense();
      int xo = t.denseOffset();
      int n = t.shape[ax];
      for (int o = 0; o < outer; o++) {
        System.arraycopy(x, xo + o * n * inner, y, (o * total + start) * inner, n * inner);
      }
      start += n;
    }
    Tensor[] inputs = tensors.clone();
    return Tensor.record(new Tensor(y, shape), "concat", inputs, g -> {
      for (int i = 0; i < inputs.length; i++) {
        Tensor t = inputs[i];
        if (!t.requiresGrad()) {
          continue;
        }
        int n = t.shape[ax];
        float[] gx = new float[t.size];
        for (int o = 0; o < outer; o++) {
          System.arraycopy(g, (o * length + starts[i]) * inner, gx, o * n * inner, n * inner);
        }
        t.accumulate(gx, true);
      }
    });
  }

  static Tensor indexSelect(Tensor a, int axis, int... indices) {
    int ax = Shapes.axis(axis, a.shape.length);
    int len = a.shape[ax];
    for (int idx : indices) {
      if (idx < 0 || idx >= len) {
        throw new IndexOutOfBoundsException("index " + idx + " out of [0, " + len + ") on axis " + axis);
      }
    }
    int[] idx = indices.clone();
    int outer = Shapes.product(a.shape, 0, ax);
    int inner = Shapes.product(a.shape, ax + 1, a.shape.length);
    int m = idx.length;
    float[] x = a.dense();
    int xo = a.denseOffset();
    float[] y = new float[outer * m * inner];
    for (int o = 0; o < outer; o++) {
      for (int j = 0; j < m; j++) {
        System.arraycopy(x, xo + (o * len + idx[j]) * inner, y, (o * m + j) * inner, inner);
      }
    }
    int[] shape = a.shape.clone();
    shape[ax] = m;
    return Tensor.record(new Tensor(y, shape), "index_select", new Tensor[] {a}, g -> {
      float[] gx = new float[a.size];
      for (int o = 0; o < outer; o++) {
        for (int j = 0; j < m; j++) {
          int src = (o * m + j) * inner;
          int dst = (o * len + idx[j]) * inner;
          for (int i = 0; i < inner; i++) {
            gx[dst + i] += g[src + i];
          }
        }
      }
      a.accumulate(gx, true);
    });
  }
}
