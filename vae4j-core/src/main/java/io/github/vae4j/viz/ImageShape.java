package io.github.vae4j.viz;

/**
 * The shape [channels, height, width] of one image in a batch of row-major float values: channels
 * is 1 (grey levels) or 3 (red, green, blue planes, one after the other as in a [3, h, w] tensor).
 *
 * @param channels 1 or 3
 * @param height rows of pixels, at least 1
 * @param width columns of pixels, at least 1
 */
public record ImageShape(int channels, int height, int width) {

  public ImageShape {
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("channels must be 1 (grey) or 3 (RGB), got " + channels);
    }
    if (height < 1 || width < 1) {
      throw new IllegalArgumentException("image height and width must be >= 1, got " + height + "x" + width);
    }
  }

  /** A grey-level image of {@code height} by {@code width}, such as MNIST's 28x28. */
  public static ImageShape grey(int height, int width) {
    return new ImageShape(1, height, width);
  }

  /** An RGB image of {@code height} by {@code width}. */
  public static ImageShape rgb(int height, int width) {
    return new ImageShape(3, height, width);
  }

  /** Values per image: channels * height * width. */
  public int size() {
    return channels * height * width;
  }

  /** How many images {@code values} holds; it must be a positive whole number of them. */
  public int count(float[] values) {
    if (values.length == 0 || values.length % size() != 0) {
      throw new IllegalArgumentException("expected a positive multiple of " + size() + " values (images of ["
          + channels + ", " + height + ", " + width + "]), got " + values.length);
    }
    return values.length / size();
  }
}
