package io.github.vae4j.tensor;

import io.github.vae4j.tensor.kernel.Gemm;
import io.github.vae4j.tensor.kernel.Gemms;
import io.github.vae4j.tensor.kernel.Simd;
import java.util.Arrays;

/**
 * 2-D convolution and transposed convolution, with their gradients, by im2col and GEMM.
 *
 * <p>conv2d is PyTorch's cross-correlation with symmetric zero padding p and stride s:
 * <pre>
 *   y[n, o, i, j] = b[o] + Σ_{c, u, v} w[o, c, u, v] · x[n, c, i·s − p + u, j·s − p + v]
 * </pre>
 * where x is zero outside the image. Shapes: x [n, c, h, w], w [o, c, kh, kw], b [o] or none;
 * y [n, o, h', w'] with h' = ⌊(h + 2p − kh) / s⌋ + 1 and w' likewise.
 *
 * <p>convTranspose2d is the adjoint of conv2d in x: the same sum read backwards, each input pixel
 * scattering a weighted copy of the kernel into the output,
 * <pre>
 *   y[n, o, i·s − p + u, j·s − p + v] += w[c, o, u, v] · x[n, c, i, j],   then y[n, o] += b[o]
 * </pre>
 * Shapes: x [n, c, h, w], w [c, o, kh, kw] (PyTorch's layout), b [o] or none; y [n, o, h', w'] with
 * h' = (h − 1)·s − 2p + kh + outputPadding, 0 ≤ outputPadding &lt; s. outputPadding picks which of
 * the s output sizes that conv2d maps back to h is meant (Dumoulin and Visin, A guide to
 * convolution arithmetic for deep learning, arXiv:1603.07285, Section 4).
 *
 * <h2>Method: im2col and GEMM</h2>
 *
 * <p>im2col unrolls one image [c, h, w] into a column matrix cols [c·kh·kw, h'·w'] whose column
 * (i, j) holds the receptive field of output pixel (i, j), zeros where it overhangs the padding.
 * The convolution of that image is then one matrix product, W [o, c·kh·kw] · cols = Y [o, h'·w'],
 * which runs on the {@link Gemm} backend (Chellapilla, Puri and Simard, High Performance
 * Convolutional Neural Networks for Document Processing, IWFHR 2006; Caffe, Jia et al.,
 * arXiv:1408.5093). col2im is its adjoint: it scatter-adds a column matrix back into an image, so
 * overlapping receptive fields sum. With G the output gradient of one image:
 * <ul>
 *   <li>conv2d forward Y = W · im2col(X); backward dW += G · im2col(X)ᵀ,
 *       dX = col2im(Wᵀ · G), db = Σ G over the image and the batch.</li>
 *   <li>convTranspose2d forward Y = col2im(Wᵀ · X) with W read as [c, o·kh·kw]; backward
 *       dX = W · im2col(G), dW += X · im2col(G)ᵀ, db = Σ G.</li>
 * </ul>
 * A 1×1 kernel with stride 1 and no padding skips im2col: the image is its own column matrix.
 *
 * <p>Cost and memory: the column buffer holds c·kh·kw·h'·w' floats, kh·kw times the image, so it
 * is built for one image at a time and reused. When a batch has enough work, images are split
 * across the engine's threads, each with its own column buffer. The weight gradient is summed per
 * group of images, in a fixed number of groups that does not depend on the number of threads
 * ({@link #MAX_GROUPS}), and the groups' sums are added in order, so results are the same bits on
 * any number of cores. Columns are rebuilt in backward rather than kept
 * from forward, trading one im2col per image for kh·kw times the input's memory per layer.
 */
final class Convolution {

  /**
   * Multiply-adds a task should have before images are split across threads; below this the
   * hand-off costs more than it saves.
   */
  private static final long WORK_PER_TASK = 1L << 17;
  /**
   * The most groups a batch's images are cut into for the weight gradient. Each group sums its
   * images' gradients, in order, into an accumulator of its own, and the accumulators are then
   * added in group order; threads take whole groups. The groups depend on the batch and the layer,
   * not on the number of threads, so the gradient has the same bits on any number of cores (summed
   * per thread instead, a convolutional VAE gave test loss 115.913, 115.932 and 115.944 after one
   * MNIST epoch on 1, 2 and 3 threads). Sixteen keeps up to sixteen cores busy.
   */
  private static final int MAX_GROUPS = 16;

  private Convolution() {
  }

  /**
   * Where an image and its column matrix meet: an image [channels, height, width] convolved with a
   * kh × kw kernel at the given stride and padding has outHeight × outWidth positions, and its
   * column matrix is [channels · kh · kw, outHeight · outWidth].
   */
  private record Geometry(int channels, int height, int width, int kh, int kw, int stride, int padding,
      int outHeight, int outWidth) {

    int imageSize() {
      return channels * height * width;
    }

    int rows() {
      return channels * kh * kw;
    }

    int positions() {
      return outHeight * outWidth;
    }

    /** True when the column matrix is the image itself (1×1 kernel, stride 1, no padding). */
    boolean identity() {
      return kh == 1 && kw == 1 && stride == 1 && padding == 0;
    }

    /** First output column whose tap at kernel column kx lands inside the image. */
    int firstInside(int kx) {
      return Math.min(outWidth, Math.max(0, Math.ceilDiv(padding - kx, stride)));
    }

    /** One past the last output column whose tap at kernel column kx lands inside the image. */
    int endInside(int kx, int first) {
      return Math.max(first, Math.min(outWidth, Math.floorDiv(width - 1 + padding - kx, stride) + 1));
    }
  }

  // ---------------------------------------------------------------- conv2d

  static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int stride, int padding) {
    String op = "conv2d";
    requireRank4(op, "weight [o, c, kh, kw]", weight);
    int o = weight.shape[0];
    int c = weight.shape[1];
    int kh = weight.shape[2];
    int kw = weight.shape[3];
    if (o < 1 || c < 1 || kh < 1 || kw < 1) {
      throw new IllegalArgumentException("conv2d expects weight [o, c, kh, kw] with every dimension >= 1, got "
          + Arrays.toString(weight.shape));
    }
    requireRank4(op, "input [n, c, h, w]", input);
    if (input.shape[1] != c) {
      throw new IllegalArgumentException("conv2d expects input [n, c, h, w] with c = " + c + ", got "
          + Arrays.toString(input.shape) + " (weight " + Arrays.toString(weight.shape) + ")");
    }
    checkBias(op, bias, o);
    checkStrideAndPadding(op, stride, padding);
    int n = input.shape[0];
    int h = input.shape[2];
    int w = input.shape[3];
    long oh = Math.floorDiv(h + 2L * padding - kh, stride) + 1;
    long ow = Math.floorDiv(w + 2L * padding - kw, stride) + 1;
    if (oh < 1 || ow < 1) {
      throw new IllegalArgumentException("conv2d output would be " + oh + "x" + ow + ": input " + h + "x" + w
          + " with padding " + padding + " is smaller than kernel " + kh + "x" + kw);
    }
    if (oh > Integer.MAX_VALUE || ow > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("conv2d output would be " + oh + "x" + ow + ", too large: input "
          + h + "x" + w + " with padding " + padding);
    }
    Geometry geo = new Geometry(c, h, w, kh, kw, stride, padding, (int) oh, (int) ow);
    int[] outShape = {n, o, (int) oh, (int) ow};
    checkColumnSize(op, geo);
    Shapes.size(outShape); // rejects an output too large for one array

    float[] x = input.dense();
    int xOff = input.denseOffset();
    float[] wd = weight.dense();
    int wOff = weight.denseOffset();
    int rows = geo.rows();
    int positions = geo.positions();
    int imageSize = geo.imageSize();
    int outImage = o * positions;
    float[] y = new float[n * outImage];
    float beta = fillBias(bias, y, n, o, positions);
    Gemm gemm = Gemms.get();
    long macs = (long) o * rows * positions;
    forImages(n, macs, (from, to) -> {
      float[] cols = geo.identity() ? null : new float[rows * positions];
      for (int i = from; i < to; i++) {
        float[] b = x;
        int bOff = xOff + i * imageSize;
        if (cols != null) {
          im2col(x, bOff, geo, cols);
          b = cols;
          bOff = 0;
        }
        // Y_i = W [o, c·kh·kw] · cols [c·kh·kw, h'·w'] (+ the bias already in Y_i)
        gemm.sgemm(false, false, o, positions, rows, 1f, wd, wOff, Math.max(1, rows), b, bOff,
            Math.max(1, positions), beta, y, i * outImage, Math.max(1, positions));
      }
    });

    Tensor[] inputs = bias == null ? new Tensor[] {input, weight} : new Tensor[] {input, weight, bias};
    return Tensor.record(new Tensor(y, outShape), op, inputs, g -> {
      boolean needX = input.requiresGrad();
      boolean needW = weight.requiresGrad();
      if (bias != null && bias.requiresGrad()) {
        bias.accumulate(channelSums(g, n, o, positions), true);
      }
      if (!needX && !needW) {
        return;
      }
      float[] dx = needX ? new float[n * imageSize] : null;
      int dwSize = o * rows;
      int groups = imageGroups(n, (needX && needW ? 2 : 1) * macs);
      float[] dwGroups = needW ? Buffers.take(groups * dwSize) : null;
      forImageGroups(n, groups, geo.identity() ? 0 : rows * positions, (cols, group, from, to) -> {
        for (int i = from; i < to; i++) {
          int gOff = i * outImage;
          if (needW) {
            float[] b = x;
            int bOff = xOff + i * imageSize;
            if (cols != null) {
              im2col(x, bOff, geo, cols);
              b = cols;
              bOff = 0;
            }
            // dW_group (+)= G_i [o, h'·w'] · cols_iᵀ [h'·w', c·kh·kw]
            gemm.sgemm(false, true, o, rows, positions, 1f, g, gOff, Math.max(1, positions), b, bOff,
                Math.max(1, positions), i == from ? 0f : 1f, dwGroups, group * dwSize, Math.max(1, rows));
          }
          if (needX) {
            // cols_grad = Wᵀ [c·kh·kw, o] · G_i [o, h'·w'], then scatter-added into dX_i
            float[] target = cols == null ? dx : cols;
            int tOff = cols == null ? i * imageSize : 0;
            gemm.sgemm(true, false, rows, positions, o, 1f, wd, wOff, Math.max(1, rows), g, gOff,
                Math.max(1, positions), 0f, target, tOff, Math.max(1, positions));
            if (cols != null) {
              col2im(cols, geo, dx, i * imageSize);
            }
          }
        }
      });
      if (needX) {
        input.accumulate(dx, true);
      }
      if (needW) {
        weight.accumulate(n == 0 ? new float[dwSize] : sumGroups(dwGroups, groups, dwSize), true);
      }
    });
  }

  // ---------------------------------------------------------------- convTranspose2d

  static Tensor convTranspose2d(Tensor input, Tensor weight, Tensor bias, int stride, int padding,
      int outputPadding) {
    String op = "convTranspose2d";
    requireRank4(op, "weight [c, o, kh, kw]", weight);
    int c = weight.shape[0];
    int o = weight.shape[1];
    int kh = weight.shape[2];
    int kw = weight.shape[3];
    if (o < 1 || c < 1 || kh < 1 || kw < 1) {
      throw new IllegalArgumentException("convTranspose2d expects weight [c, o, kh, kw] with every dimension"
          + " >= 1, got " + Arrays.toString(weight.shape));
    }
    requireRank4(op, "input [n, c, h, w]", input);
    if (input.shape[1] != c) {
      throw new IllegalArgumentException("convTranspose2d expects input [n, c, h, w] with c = " + c + ", got "
          + Arrays.toString(input.shape) + " (weight " + Arrays.toString(weight.shape) + ")");
    }
    checkBias(op, bias, o);
    checkStrideAndPadding(op, stride, padding);
    if (outputPadding < 0 || outputPadding >= stride) {
      throw new IllegalArgumentException("convTranspose2d needs 0 <= outputPadding < stride, got outputPadding "
          + outputPadding + " with stride " + stride);
    }
    int n = input.shape[0];
    int h = input.shape[2];
    int w = input.shape[3];
    if (h < 1 || w < 1) {
      throw new IllegalArgumentException("convTranspose2d expects input [n, c, h, w] with h, w >= 1, got "
          + Arrays.toString(input.shape));
    }
    long ohLong = (long) (h - 1) * stride - 2L * padding + kh + outputPadding;
    long owLong = (long) (w - 1) * stride - 2L * padding + kw + outputPadding;
    if (ohLong < 1 || owLong < 1 || ohLong > Integer.MAX_VALUE || owLong > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("convTranspose2d output would be " + ohLong + "x" + owLong + ": input "
          + h + "x" + w + ", kernel " + kh + "x" + kw + ", stride " + stride + ", padding " + padding
          + ", outputPadding " + outputPadding);
    }
    int oh = (int) ohLong;
    int ow = (int) owLong;
    // the output is the image side of the column matrix; the input's h x w are its positions
    Geometry geo = new Geometry(o, oh, ow, kh, kw, stride, padding, h, w);
    int[] outShape = {n, o, oh, ow};
    checkColumnSize(op, geo);
    Shapes.size(outShape); // rejects an output too large for one array

    float[] x = input.dense();
    int xOff = input.denseOffset();
    float[] wd = weight.dense();
    int wOff = weight.denseOffset();
    int rows = geo.rows();
    int positions = geo.positions();
    int inImage = c * positions;
    int outImage = geo.imageSize();
    float[] y = new float[n * outImage];
    float beta = fillBias(bias, y, n, o, oh * ow);
    Gemm gemm = Gemms.get();
    long macs = (long) c * rows * positions;
    forImages(n, macs, (from, to) -> {
      float[] cols = geo.identity() ? null : new float[rows * positions];
      for (int i = from; i < to; i++) {
        // cols = (W [c, o·kh·kw])ᵀ · X_i [c, h·w], then scatter-added into Y_i
        float[] target = cols == null ? y : cols;
        int tOff = cols == null ? i * outImage : 0;
        gemm.sgemm(true, false, rows, positions, c, 1f, wd, wOff, Math.max(1, rows), x, xOff + i * inImage,
            Math.max(1, positions), cols == null ? beta : 0f, target, tOff, Math.max(1, positions));
        if (cols != null) {
          col2im(cols, geo, y, i * outImage);
        }
      }
    });

    Tensor[] inputs = bias == null ? new Tensor[] {input, weight} : new Tensor[] {input, weight, bias};
    return Tensor.record(new Tensor(y, outShape), op, inputs, g -> {
      boolean needX = input.requiresGrad();
      boolean needW = weight.requiresGrad();
      if (bias != null && bias.requiresGrad()) {
        bias.accumulate(channelSums(g, n, o, oh * ow), true);
      }
      if (!needX && !needW) {
        return;
      }
      float[] dx = needX ? new float[n * inImage] : null;
      int dwSize = c * rows;
      int groups = imageGroups(n, (needX && needW ? 2 : 1) * macs);
      float[] dwGroups = needW ? Buffers.take(groups * dwSize) : null;
      forImageGroups(n, groups, geo.identity() ? 0 : rows * positions, (cols, group, from, to) -> {
        for (int i = from; i < to; i++) {
          float[] b = g;
          int bOff = i * outImage;
          if (cols != null) {
            im2col(g, bOff, geo, cols);
            b = cols;
            bOff = 0;
          }
          if (needX) {
            // dX_i = W [c, o·kh·kw] · im2col(G_i) [o·kh·kw, h·w]
            gemm.sgemm(false, false, c, positions, rows, 1f, wd, wOff, Math.max(1, rows), b, bOff,
                Math.max(1, positions), 0f, dx, i * inImage, Math.max(1, positions));
          }
          if (needW) {
            // dW_group (+)= X_i [c, h·w] · im2col(G_i)ᵀ [h·w, o·kh·kw]
            gemm.sgemm(false, true, c, rows, positions, 1f, x, xOff + i * inImage, Math.max(1, positions), b,
                bOff, Math.max(1, positions), i == from ? 0f : 1f, dwGroups, group * dwSize, Math.max(1, rows));
          }
        }
      });
      if (needX) {
        input.accumulate(dx, true);
      }
      if (needW) {
        weight.accumulate(n == 0 ? new float[dwSize] : sumGroups(dwGroups, groups, dwSize), true);
      }
    });
  }

  // ---------------------------------------------------------------- im2col and col2im

  /**
   * Unrolls the image at {@code image[offset]} ([channels, height, width], row-major) into
   * {@code cols} [channels · kh · kw, outHeight · outWidth]: row (ch, u, v), column (i, j) holds
   * image[ch, i·s − p + u, j·s − p + v], or 0 where that falls in the padding.
   */
  private static void im2col(float[] image, int offset, Geometry geo, float[] cols) {
    int s = geo.stride();
    int p = geo.padding();
    int outW = geo.outWidth();
    int positions = geo.positions();
    int plane = geo.height() * geo.width();
    int row = 0;
    for (int ch = 0; ch < geo.channels(); ch++) {
      int chOff = offset + ch * plane;
      for (int u = 0; u < geo.kh(); u++) {
        for (int v = 0; v < geo.kw(); v++, row++) {
          int first = geo.firstInside(v);
          int end = geo.endInside(v, first);
          int rowOff = row * positions;
          for (int i = 0; i < geo.outHeight(); i++) {
            int dst = rowOff + i * outW;
            int iy = i * s - p + u;
            if (iy < 0 || iy >= geo.height()) {
              Arrays.fill(cols, dst, dst + outW, 0f);
              continue;
            }
            Arrays.fill(cols, dst, dst + first, 0f);
            // image index of output column j is src + j·s
            int src = chOff + iy * geo.width() - p + v;
            if (s == 1) {
              System.arraycopy(image, src + first, cols, dst + first, end - first);
            } else {
              for (int j = first; j < end; j++) {
                cols[dst + j] = image[src + j * s];
              }
            }
            Arrays.fill(cols, dst + end, dst + outW, 0f);
          }
        }
      }
    }
  }

  /**
   * The adjoint of {@link #im2col}: adds every entry of {@code cols} [channels · kh · kw,
   * outHeight · outWidth] into the image pixel it was read from, skipping the padding; the image
   * at {@code image[offset]} is [channels, height, width], row-major.
   */
  private static void col2im(float[] cols, Geometry geo, float[] image, int offset) {
    int s = geo.stride();
    int p = geo.padding();
    int outW = geo.outWidth();
    int positions = geo.positions();
    int plane = geo.height() * geo.width();
    int row = 0;
    for (int ch = 0; ch < geo.channels(); ch++) {
      int chOff = offset + ch * plane;
      for (int u = 0; u < geo.kh(); u++) {
        for (int v = 0; v < geo.kw(); v++, row++) {
          int first = geo.firstInside(v);
          int end = geo.endInside(v, first);
          int rowOff = row * positions;
          for (int i = 0; i < geo.outHeight(); i++) {
            int iy = i * s - p + u;
            if (iy < 0 || iy >= geo.height()) {
              continue;
            }
            int src = rowOff + i * outW;
            int dst = chOff + iy * geo.width() - p + v;
            for (int j = first; j < end; j++) {
              image[dst + j * s] += cols[src + j];
            }
          }
        }
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  /** Runs {@code body} over image ranges, split across threads when each task gets enough work. */
  private static void forImages(int n, long macsPerImage, Parallel.RangeBody body) {
    int grain = (int) Math.min(Math.max(1, n), Math.max(1L, WORK_PER_TASK / Math.max(1L, macsPerImage)));
    Parallel.range(n, grain, body);
  }

  /** Writes the bias into every output channel; returns the GEMM beta that keeps it (1) or 0. */
  private static float fillBias(Tensor bias, float[] y, int n, int channels, int positions) {
    if (bias == null) {
      return 0f;
    }
    float[] b = bias.dense();
    int bOff = bias.denseOffset();
    for (int i = 0; i < n; i++) {
      for (int ch = 0; ch < channels; ch++) {
        int start = (i * channels + ch) * positions;
        Arrays.fill(y, start, start + positions, b[bOff + ch]);
      }
    }
    return 1f;
  }

  /** db[ch] = Σ over images and positions of g [n, channels, positions]. */
  private static float[] channelSums(float[] g, int n, int channels, int positions) {
    float[] db = new float[channels];
    for (int i = 0; i < n; i++) {
      for (int ch = 0; ch < channels; ch++) {
        int start = (i * channels + ch) * positions;
        float s = 0f;
        for (int j = start; j < start + positions; j++) {
          s += g[j];
        }
        db[ch] += s;
      }
    }
    return db;
  }

  /**
   * How many groups to cut a batch's images into for the backward pass: as many as give each
   * group {@link #WORK_PER_TASK} multiply-adds, at most {@link #MAX_GROUPS}. A function of the
   * batch and the layer only, never of the number of threads.
   */
  private static int imageGroups(int n, long macsPerImage) {
    long grain = Math.max(1L, WORK_PER_TASK / Math.max(1L, macsPerImage));
    return (int) Math.max(1, Math.min(MAX_GROUPS, n / grain));
  }

  /** The body of {@link #forImageGroups}: images [from, to) of one group, with a column buffer. */
  @FunctionalInterface
  private interface GroupBody {
    void run(float[] cols, int group, int from, int to);
  }

  /**
   * Runs {@code body} for every group g of images [n g / groups, n (g + 1) / groups), whole groups
   * split across threads; each thread has one column buffer of {@code colsSize} floats (none when
   * 0).
   */
  private static void forImageGroups(int n, int groups, int colsSize, GroupBody body) {
    Parallel.range(groups, 1, (first, end) -> {
      float[] cols = colsSize == 0 ? null : new float[colsSize];
      for (int group = first; group < end; group++) {
        body.run(cols, group, (int) ((long) n * group / groups), (int) ((long) n * (group + 1) / groups));
      }
    });
  }

  /** The groups' weight gradients (group g at g · size) added in group order, in a new array. */
  private static float[] sumGroups(float[] dwGroups, int groups, int size) {
    float[] sum = Arrays.copyOf(dwGroups, size);
    for (int group = 1; group < groups; group++) {
      Simd.addInPlace(sum, 0, dwGroups, group * size, size);
    }
    return sum;
  }

  private static void requireRank4(String op, String expected, Tensor t) {
    if (t.shape.length != 4) {
      throw new IllegalArgumentException(op + " expects " + expected + ", got " + Arrays.toString(t.shape));
    }
  }

  private static void checkBias(String op, Tensor bias, int channels) {
    if (bias != null && (bias.shape.length != 1 || bias.shape[0] != channels)) {
      throw new IllegalArgumentException(op + " expects bias [" + channels + "], got "
          + Arrays.toString(bias.shape));
    }
  }

  private static void checkStrideAndPadding(String op, int stride, int padding) {
    if (stride < 1) {
      throw new IllegalArgumentException(op + " needs stride >= 1, got " + stride);
    }
    if (padding < 0) {
      throw new IllegalArgumentException(op + " needs padding >= 0, got " + padding);
    }
  }

  private static void checkColumnSize(String op, Geometry geo) {
    long size = (long) geo.rows() * geo.positions();
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(op + " column buffer of " + geo.rows() + " x " + geo.positions()
          + " floats is too large; use smaller images or fewer channels");
    }
  }
}
