package io.github.vae4j.tensor;

import java.util.Arrays;

/** Shape and stride arithmetic shared by the ops: sizes, axes, broadcasting, strided copies. */
final class Shapes {

  private Shapes() {
  }

  static int[] check(int[] shape) {
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("dimensions must be >= 0, got " + Arrays.toString(shape));
      }
    }
    return shape.clone();
  }

  static int size(int[] shape) {
    long n = 1;
    for (int d : shape) {
      n *= d;
    }
    if (n > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("tensor too large: " + Arrays.toString(shape));
    }
    return (int) n;
  }

  static int[] contiguousStrides(int[] shape) {
    int[] strides = new int[shape.length];
    int s = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      strides[i] = s;
      s *= shape[i];
    }
    return strides;
  }

  static boolean isContiguous(int[] shape, int[] strides) {
    int s = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      if (shape[i] != 1 && strides[i] != s) {
        return false;
      }
      s *= shape[i];
    }
    return true;
  }

  /** Normalizes a possibly negative axis against {@code rank}. */
  static int axis(int axis, int rank) {
    int a = axis < 0 ? axis + rank : axis;
    if (a < 0 || a >= rank) {
      throw new IllegalArgumentException("axis " + axis + " out of range for rank " + rank);
    }
    return a;
  }

  /** Normalized, sorted, distinct axes; all axes when none are given. */
  static int[] axes(int[] axes, int rank) {
    if (axes.length == 0) {
      int[] all = new int[rank];
      for (int i = 0; i < rank; i++) {
        all[i] = i;
      }
      return all;
    }
    int[] out = new int[axes.length];
    for (int i = 0; i < axes.length; i++) {
      out[i] = axis(axes[i], rank);
    }
    Arrays.sort(out);
    for (int i = 1; i < out.length; i++) {
      if (out[i] == out[i - 1]) {
        throw new IllegalArgumentException("repeated axis in " + Arrays.toString(axes));
      }
    }
    return out;
  }

  /** Product of dimensions [from, to). */
  static int product(int[] shape, int from, int to) {
    int p = 1;
    for (int i = from; i < to; i++) {
      p *= shape[i];
    }
    return p;
  }

  /** The broadcast shape of a and b (numpy rules), or an error naming both. */
  static int[] broadcast(int[] a, int[] b) {
    int rank = Math.max(a.length, b.length);
    int[] out = new int[rank];
    for (int i = 0; i < rank; i++) {
      int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
      int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
      if (da != db && da != 1 && db != 1) {
        throw new IllegalArgumentException("shapes " + Arrays.toString(a) + " and "
            + Arrays.toString(b) + " do not broadcast");
      }
      out[i] = da == 1 ? db : da;
    }
    return out;
  }

  /** Strides of a dense tensor of {@code shape} read as {@code target} (0 on broadcast axes). */
  static int[] broadcastStrides(int[] shape, int[] target) {
    int[] dense = contiguousStrides(shape);
    int[] out = new int[target.length];
    int lead = target.length - shape.length;
    for (int i = 0; i < shape.length; i++) {
      out[lead + i] = shape[i] == 1 ? 0 : dense[i];
    }
    return out;
  }

  /** Copies a strided view into a new dense row-major array. */
  static float[] gather(float[] data, int offset, int[] shape, int[] strides) {
    int n = size(shape);
    float[] out = new float[n];
    if (n == 0) {
      return out;
    }
    int rank = shape.length;
    if (rank == 0) {
      out[0] = data[offset];
      return out;
    }
    int last = rank - 1;
    int inner = shape[last];
    int innerStride = strides[last];
    int[] index = new int[rank];
    int src = offset;
    for (int o = 0; o < n; o += inner) {
      if (innerStride == 1) {
        System.arraycopy(data, src, out, o, inner);
      } else {
        for (int j = 0, p = src; j < inner; j++, p += innerStride) {
          out[o + j] = data[p];
        }
      }
      for (int ax = last - 1; ax >= 0; ax--) {
        index[ax]++;
        src += strides[ax];
        if (index[ax] < shape[ax]) {
          break;
        }
        src -= strides[ax] * shape[ax];
        index[ax] = 0;
      }
    }
    return out;
  }

  /**
   * Sums a dense gradient of shape {@code from} down to {@code to} (the shape of a broadcast
   * operand); returns {@code g} itself when the shapes are equal.
   */
  static float[] reduceTo(float[] g, int[] from, int[] to) {
    if (Arrays.equals(from, to)) {
      return g;
    }
    float[] out = new float[size(to)];
    int[] strides = broadcastStrides(to, from);
    int rank = from.length;
    int n = g.length;
    if (rank == 0) {
      out[0] = g[0];
      return out;
    }
    int last = rank - 1;
    int inner = from[last];
    int innerStride = strides[last];
    int[] index = new int[rank];
    int dst = 0;
    for (int o = 0; o < n; o += inner) {
      if (innerStride == 1) {
        for (int j = 0; j < inner; j++) {
          out[dst + j] += g[o + j];
        }
      } else {
        float s = 0f;
        for (int j = 0; j < inner; j++) {
          s += g[o + j];
        }
        out[dst] += s;
      }
      for (int ax = last - 1; ax >= 0; ax--) {
        index[ax]++;
        dst += strides[ax];
        if (index[ax] < from[ax]) {
          break;
        }
        dst -= strides[ax] * from[ax];
        index[ax] = 0;
      }
    }
    return out;
  }
}
