package io.github.vae4j.optim;

import io.github.vae4j.tensor.Tensor;
import java.util.Map;

/**
 * Adam with decoupled weight decay, following {@code torch.optim.AdamW}: each step first shrinks
 * the parameter, θ = θ (1 - η λ), then applies the {@link Adam} update with no decay in the
 * gradient. Same hyper-parameters as Adam; PyTorch's default weight decay here is 1e-2
 * ({@link #defaults()}).
 *
 * <p>Loshchilov and Hutter, Decoupled Weight Decay Regularization, arXiv:1711.05101, Algorithm 2.
 */
public final class AdamW extends Adam {

  public AdamW(Map<String, Tensor> namedParameters, Adam.Config config) {
    super("adamw", namedParameters, config, true);
  }

  /** PyTorch's AdamW defaults: lr 1e-3, β = (0.9, 0.999), ε = 1e-8, weight decay 1e-2. */
  public static Adam.Config defaults() {
    return Adam.Config.defaults().withWeightDecay(1e-2);
  }
}
