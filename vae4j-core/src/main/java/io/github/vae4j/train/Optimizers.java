package io.github.vae4j.train;

import io.github.vae4j.optim.Adagrad;
import io.github.vae4j.optim.Adam;
import io.github.vae4j.optim.AdamW;
import io.github.vae4j.optim.Optimizer;
import io.github.vae4j.optim.RmsProp;
import io.github.vae4j.optim.Sgd;
import io.github.vae4j.tensor.Tensor;
import java.util.Map;

/**
 * Builds the optimizer a {@link TrainConfig} names, with PyTorch's defaults for the rest (SGD
 * without momentum, as {@code torch.optim.SGD}).
 */
final class Optimizers {

  private Optimizers() {
  }

  static Optimizer create(TrainConfig config, Map<String, Tensor> parameters) {
    double lr = config.learningRate();
    double wd = config.weightDecay();
    double eps = config.epsilon();
    return switch (config.optimizer()) {
      case "adam" -> new Adam(parameters, new Adam.Config(lr, 0.9, 0.999, eps > 0 ? eps : 1e-8, wd, false));
      case "adamw" -> new AdamW(parameters, new Adam.Config(lr, 0.9, 0.999, eps > 0 ? eps : 1e-8, wd, false));
      case "adagrad" -> new Adagrad(parameters, new Adagrad.Config(lr, 0.0, wd, 0.0, eps > 0 ? eps : 1e-10));
      case "sgd" -> new Sgd(parameters, new Sgd.Config(lr, 0.0, 0.0, wd, false));
      case "rmsprop" -> new RmsProp(parameters, new RmsProp.Config(lr, 0.99, eps > 0 ? eps : 1e-8, wd, 0.0, false));
      default -> throw new IllegalArgumentException("unknown optimizer '" + config.optimizer() + "'");
    };
  }
}
