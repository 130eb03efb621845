package io.github.vae4j.data;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A built-in synthetic dataset in the spirit of dSprites, generated from a seed so that demos and
 * tests run without any data files: grey images of one white shape on black, with known
 * generative factors.
 *
 * <p>Factors, drawn independently and uniformly per image: shape in {square, ellipse, heart,
 * triangle} (also the label), scale in [0.5, 1], rotation in [0, 2 pi), and x, y in [0, 1]. At
 * scale 1 a shape fits in a disc of radius {@code 0.25 * size} pixels; x and y place its centre
 * linearly between the positions where that largest disc is one pixel from the left (top) and
 * right (bottom) borders, so no shape is ever cut, the border pixels stay dark, and position does
 * not depend on scale. Rotation is counter-clockwise as the image is viewed.
 *
 * <p>Shapes: [count, 1, size, size] in [0, 1]; factors [count, 5] in the order of
 * {@link #FACTORS}. Edges are anti-aliased by 4x4 supersampling of every pixel, done in plain
 * arithmetic rather than Java2D so that the same generator state gives the same images, bit for
 * bit, on every JVM. The checksum is the SHA-256 of the generated values.
 *
 * <p>Matthey, Higgins, Hassabis and Lerchner, dSprites: Disentanglement testing Sprites dataset,
 * 2017; Higgins et al., beta-VAE, ICLR 2017.
 */
public final class Sprites {

  /** The shapes, by label. */
  public static final List<String> SHAPES = List.of("square", "ellipse", "heart", "triangle");
  /** The generative factors, in the order of {@link Dataset#factors(int)}. */
  public static final List<String> FACTORS = List.of("shape", "scale", "rotation", "x", "y");
  /** Image side used when none is given. */
  public static final int DEFAULT_SIZE = 28;
  /** The smallest image side at which the shapes stay recognisable. */
  public static final int MIN_SIZE = 16;
  /** Smallest and largest scale factor. */
  public static final float MIN_SCALE = 0.5f;
  /** Largest scale factor. */
  public static final float MAX_SCALE = 1f;

  /** Subsamples per pixel side. */
  private static final int SUPERSAMPLE = 4;
  private static final float RADIUS_FRACTION = 0.25f;
  private static final float SQRT3 = (float) Math.sqrt(3);

  private Sprites() {
  }

  /** {@code count} images of {@link #DEFAULT_SIZE} x {@link #DEFAULT_SIZE}. */
  public static Dataset generate(int count, RandomGenerator random) {
    return generate(count, DEFAULT_SIZE, random);
  }

  /**
   * {@code count} images of {@code size} x {@code size}, factors drawn from {@code random} in the
   * order shape, scale, rotation, x, y for each image in turn.
   */
  public static Dataset generate(int count, int size, RandomGenerator random) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be >= 1, got " + count);
    }
    checkSize(size);
    int pixels = size * size;
    float[] values = new float[Math.multiplyExact(count, pixels)];
    float[] factors = new float[count * FACTORS.size()];
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      int shape = random.nextInt(SHAPES.size());
      float scale = MIN_SCALE + (MAX_SCALE - MIN_SCALE) * random.nextFloat();
      float rotation = (float) (2 * Math.PI * random.nextDouble());
      float x = random.nextFloat();
      float y = random.nextFloat();
      renderInto(values, i * pixels, shape, scale, rotation, x, y, size);
      labels[i] = shape;
      int f = i * FACTORS.size();
      factors[f] = shape;
      factors[f + 1] = scale;
      factors[f + 2] = rotation;
      factors[f + 3] = x;
      factors[f + 4] = y;
    }
    String source = "sprites (" + count + " images of " + size + "x" + size + ")";
    return new Dataset(source, DataFiles.sha256(values), values, new int[] {1, size, size},
        labels, SHAPES, factors, FACTORS);
  }

  /**
   * One image with the given factors: [size * size] in [0, 1], row-major.
   *
   * @param shape the index of the shape in {@link #SHAPES}
   * @param scale in [0.5, 1]
   * @param rotation in radians, any value
   * @param x horizontal position in [0, 1]
   * @param y vertical position in [0, 1], 0 at the top
   * @param size the image side, at least {@link #MIN_SIZE}
   */
  public static float[] render(int shape, float scale, float rotation, float x, float y,
      int size) {
    if (shape < 0 || shape >= SHAPES.size()) {
      throw new IllegalArgumentException("shape must be in [0, " + SHAPES.size() + "), got "
          + shape);
    }
    if (!(scale >= MIN_SCALE && scale <= MAX_SCALE)) {
      throw new IllegalArgumentException("scale must be in [0.5, 1], got " + scale);
    }
    if (!(x >= 0 && x <= 1 && y >= 0 && y <= 1)) {
      throw new IllegalArgumentException("x and y must be in [0, 1], got " + x + ", " + y);
    }
    checkSize(size);
    float[] out = new float[size * size];
    renderInto(out, 0, shape, scale, rotation, x, y, size);
    return out;
  }

  private static void checkSize(int size) {
    if (size < MIN_SIZE || size > 4096) {
      throw new IllegalArgumentException("size must be in [" + MIN_SIZE + ", 4096], got " + size);
    }
  }

  /** Rasterises one shape by supersampling only the pixels of its bounding box. */
  private static void renderInto(float[] out, int offset, int shape, float scale,
      float rotation, float x, float y, int size) {
    float margin = RADIUS_FRACTION * size + 1;
    float radius = RADIUS_FRACTION * size * scale;
    float travel = size - 2 * margin;
    float centreX = margin + x * travel;
    float centreY = margin + y * travel;
    float cos = (float) Math.cos(rotation);
    float sin = (float) Math.sin(rotation);
    int left = Math.max(0, (int) Math.floor(centreX - radius) - 1);
    int right = Math.min(size - 1, (int) Math.ceil(centreX + radius) + 1);
    int top = Math.max(0, (int) Math.floor(centreY - radius) - 1);
    int bottom = Math.min(size - 1, (int) Math.ceil(centreY + radius) + 1);
    float step = 1f / SUPERSAMPLE;
    float perSample = 1f / (SUPERSAMPLE * SUPERSAMPLE);
    for (int row = top; row <= bottom; row++) {
      for (int column = left; column <= right; column++) {
        int hits = 0;
        for (int sy = 0; sy < SUPERSAMPLE; sy++) {
          // shape frame: unit radius, v pointing up
          float py = (centreY - (row + (sy + 0.5f) * step)) / radius;
          for (int sx = 0; sx < SUPERSAMPLE; sx++) {
            float px = (column + (sx + 0.5f) * step - centreX) / radius;
            float u = cos * px + sin * py;
            float v = -sin * px + cos * py;
            if (inside(shape, u, v)) {
              hits++;
            }
          }
        }
        out[offset + row * size + column] = hits * perSample;
      }
    }
  }

  /** Whether (u, v) lies in the shape, drawn upright within the unit disc. */
  private static boolean inside(int shape, float u, float v) {
    return switch (shape) {
      case 0 -> Math.abs(u) <= 0.7f && Math.abs(v) <= 0.7f;
      case 1 -> u * u + 4 * v * v <= 0.9f;
      case 2 -> {
        // the heart curve (a^2 + b^2 - 1)^3 - a^2 b^3 <= 0; every point of it lies within 1.25
        // of (0, 0.25), so this maps it into the disc of radius 0.95
        float a = 1.316f * u;
        float b = 1.316f * v + 0.25f;
        float r = a * a + b * b - 1;
        yield r * r * r - a * a * b * b * b <= 0;
      }
      default -> v >= -0.475f && SQRT3 * u + v <= 0.95f && -SQRT3 * u + v <= 0.95f;
    };
  }
}
