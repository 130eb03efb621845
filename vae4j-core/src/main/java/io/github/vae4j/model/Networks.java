package io.github.vae4j.model;

import io.github.vae4j.nn.Activation;
import io.github.vae4j.nn.ActivationKind;
import io.github.vae4j.nn.Conv2d;
import io.github.vae4j.nn.ConvTranspose2d;
import io.github.vae4j.nn.Flatten;
import io.github.vae4j.nn.Init;
import io.github.vae4j.nn.Layer;
import io.github.vae4j.nn.Linear;
import io.github.vae4j.nn.Reshape;
import io.github.vae4j.nn.Sequential;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Builds encoder and decoder bodies from a {@link VaeConfig}.
 *
 * <p>MLP: Flatten, then Linear + activation per hidden width; the decoder mirrors the widths and
 * ends in a Linear to the likelihood's outputs, reshaped to [outputs * channels, ...].
 *
 * <p>Conv: per hidden width a 4x4 stride-2 padding-1 convolution + activation, halving the image
 * (rounding down), then Flatten. The decoder maps z through a Linear to the smallest feature map
 * and retraces the sizes exactly with transposed convolutions: kernel 4 padding 1 where the
 * encoder's input was even (2s), kernel 3 padding 0 where it was odd (2s + 1).
 */
final class Networks {

  /** An encoder body and the width of the features it hands to the posterior head. */
  record Body(Layer layer, int outFeatures) {
  }

  private Networks() {
  }

  static Body encoder(VaeConfig config, Init init, RandomGenerator random) {
    ActivationKind act = ActivationKind.parse(config.activation());
    List<Layer> layers = new ArrayList<>();
    if (VaeConfig.MLP.equals(config.architecture())) {
      layers.add(new Flatten());
      int in = config.features();
      for (int h : config.hidden()) {
        layers.add(new Linear(in, h, true, init, random));
        layers.add(Activation.of(act));
        in = h;
      }
      return new Body(new Sequential(layers), in);
    }
    int[] shape = config.inputShapeArray();
    int channels = shape[0];
    int height = shape[1];
    int width = shape[2];
    for (int c : config.hidden()) {
      if (height < 2 || width < 2) {
        throw new IllegalArgumentException("conv encoder: " + config.hidden().size() + " stride-2 layers shrink "
            + config.inputShape() + " below 2x2; use fewer hidden layers");
      }
      layers.add(new Conv2d(channels, c, 4, 2, 1, true, init, random));
      layers.add(Activation.of(act));
      channels = c;
      height /= 2;
      width /= 2;
    }
    layers.add(new Flatten());
    return new Body(new Sequential(layers), channels * height * width);
  }

  static Layer decoder(VaeConfig config, int[] outputShape, Init init, RandomGenerator random) {
    ActivationKind act = ActivationKind.parse(config.activation());
    List<Layer> layers = new ArrayList<>();
    int outFeatures = Arrays.stream(outputShape).reduce(1, (a, b) -> a * b);
    List<Integer> widths = new ArrayList<>(config.hidden());
    java.util.Collections.reverse(widths);
    if (VaeConfig.MLP.equals(config.architecture())) {
      int in = config.latentDim();
      for (int h : widths) {
        layers.add(new Linear(in, h, true, init, random));
        layers.add(Activation.of(act));
        in = h;
      }
      layers.add(new Linear(in, outFeatures, true, init, random));
      layers.add(new Reshape(outputShape));
      return new Sequential(layers);
    }
    int[] input = config.inputShapeArray();
    int n = widths.size();
    int[] heights = new int[n + 1];
    int[] widthsPx = new int[n + 1];
    heights[0] = input[1];
    widthsPx[0] = input[2];
    for (int i = 1; i <= n; i++) {
      heights[i] = heights[i - 1] / 2;
      widthsPx[i] = widthsPx[i - 1] / 2;
    }
    int first = widths.get(0);
    layers.add(new Linear(config.latentDim(), first * heights[n] * widthsPx[n], true, init, random));
    layers.add(Activation.of(act));
    layers.add(new Reshape(first, heights[n], widthsPx[n]));
    for (int i = 0; i < n; i++) {
      int level = n - i;
      int targetH = heights[level - 1];
      int targetW = widthsPx[level - 1];
      int inC = widths.get(i);
      boolean last = i == n - 1;
      int outC = last ? outputShape[0] : widths.get(i + 1);
      if ((targetH % 2) != (targetW % 2)) {
        throw new IllegalArgumentException("conv decoder needs height and width of equal parity at each level, got "
            + targetH + "x" + targetW + " from input " + config.inputShape() + "; use architecture 'mlp'");
      }
      boolean even = targetH % 2 == 0;
      layers.add(new ConvTranspose2d(inC, outC, even ? 4 : 3, 2, even ? 1 : 0, 0, true, init, random));
      if (!last) {
        layers.add(Activation.of(act));
      }
    }
    return new Sequential(layers);
  }
}
