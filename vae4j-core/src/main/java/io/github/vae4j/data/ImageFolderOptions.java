package io.github.vae4j.data;

/**
 * How {@link ImageFolderReader} reads a folder of images. Start from {@link #defaults()}.
 *
 * @param channels 1 for grey levels, 3 for RGB
 * @param height the height to resize every image to, or 0 to require one common size
 * @param width the width to resize every image to, or 0 to require one common size
 * @param labelsFromFolders whether images sit in one sub-folder per class, named after it
 */
public record ImageFolderOptions(int channels, int height, int width, boolean labelsFromFolders) {

  /** Validates the channel count and that height and width are both given or both 0. */
  public ImageFolderOptions {
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("channels must be 1 (grey) or 3 (RGB), got " + channels);
    }
    if (height < 0 || width < 0 || (height == 0) != (width == 0)) {
      throw new IllegalArgumentException("height and width must both be >= 1 (resize) or both 0 "
          + "(keep), got " + height + "x" + width);
    }
  }

  /** Grey levels, no resizing, no labels. */
  public static ImageFolderOptions defaults() {
    return new ImageFolderOptions(1, 0, 0, false);
  }

  /** These options with {@code channels} (1 or 3). */
  public ImageFolderOptions withChannels(int channels) {
    return new ImageFolderOptions(channels, height, width, labelsFromFolders);
  }

  /** These options resizing every image to {@code height} x {@code width}. */
  public ImageFolderOptions withSize(int height, int width) {
    return new ImageFolderOptions(channels, height, width, labelsFromFolders);
  }

  /** These options taking labels from class sub-folders ({@code true}) or not. */
  public ImageFolderOptions withLabelsFromFolders(boolean labelsFromFolders) {
    return new ImageFolderOptions(channels, height, width, labelsFromFolders);
  }

  /** Whether images are resized to one requested size. */
  public boolean resizes() {
    return height > 0;
  }
}
