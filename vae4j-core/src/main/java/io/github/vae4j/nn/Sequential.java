package io.github.vae4j.nn;

import io.github.vae4j.tensor.Tensor;
import java.util.List;

/**
 * Layers applied one after another: forward(x) = layer[n-1](...layer[0](x)).
 *
 * <p>Children are named {@code "0"}, {@code "1"}, ... in order, so a Linear at position 2 has
 * parameters {@code "2.weight"} and {@code "2.bias"}, as in PyTorch's {@code nn.Sequential}.
 * Shapes: whatever the first layer takes to whatever the last gives.
 */
public final class Sequential extends Layer {

  private final List<Layer> layers;

  public Sequential(Layer... layers) {
    this(List.of(layers));
  }

  public Sequential(List<? extends Layer> layers) {
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("Sequential needs at least one layer, got none");
    }
    this.layers = List.copyOf(layers);
    for (int i = 0; i < this.layers.size(); i++) {
      registerModule(Integer.toString(i), this.layers.get(i));
    }
  }

  @Override
  public Tensor forward(Tensor x) {
    Tensor h = x;
    for (Layer layer : layers) {
      h = layer.forward(h);
    }
    return h;
  }

  /** The layers in order (unmodifiable). */
  public List<Layer> layers() {
    return layers;
  }

  public int size() {
    return layers.size();
  }

  public Layer get(int index) {
    return layers.get(index);
  }
}
