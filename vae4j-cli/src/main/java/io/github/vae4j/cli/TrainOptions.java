package io.github.vae4j.cli;

import io.github.vae4j.objective.BetaTcVae;
import io.github.vae4j.objective.Elbo;
import io.github.vae4j.objective.InfoVae;
import io.github.vae4j.objective.Iwae;
import io.github.vae4j.objective.KlSchedule;
import io.github.vae4j.objective.MmdKernel;
import io.github.vae4j.objective.Objective;
import io.github.vae4j.objective.Wae;
import io.github.vae4j.train.TrainConfig;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of a training run, shared by {@code train} and {@code demo}. */
final class TrainOptions {

  @Option(names = "--epochs", description = "Passes over the training data.")
  Integer epochs;

  @Option(names = "--batch", defaultValue = "128", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--lr", description = "Learning rate (default: 1e-3).")
  Double lr;

  @Option(names = "--optimizer", defaultValue = "adam",
      description = "adam, adamw, adagrad (the AEVB paper's), sgd, rmsprop (default: ${DEFAULT-VALUE}).")
  String optimizer;

  @Option(names = "--weight-decay", defaultValue = "0",
      description = "L2 weight decay, a Gaussian prior on the weights (decoupled for adamw).")
  double weightDecay;

  @Option(names = "--schedule", defaultValue = "constant",
      description = "Learning rate: constant, cosine, step:EPOCHS:GAMMA, exponential:GAMMA, warmup:STEPS, or iwae "
          + "(the IWAE paper's stages of 3^i epochs at 10^(-i/7) times the rate) (default: ${DEFAULT-VALUE}).")
  String schedule;

  @Option(names = "--epsilon", defaultValue = "0",
      description = "The optimizer's ε (the IWAE paper: 1e-4); 0 keeps its default (1e-8 for Adam).")
  double epsilon;

  @Option(names = "--output-bias-from-data",
      description = "Start the decoder's output bias at the logit of each pixel's training mean (Burda et al.).")
  boolean outputBiasFromData;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of everything random (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--validation", defaultValue = "auto",
      description = "A fraction of the training data held out for validation (e.g. 0.1), 'test' to validate on the "
          + "data's test split as the PyTorch example does, or 'auto': test when the data has one, else 0.1.")
  String validation;

  @Option(names = "--patience", defaultValue = "0",
      description = "Stop after this many epochs without a better validation loss and keep the best (0: off).")
  int patience;

  @Option(names = "--objective", defaultValue = "elbo",
      description = "elbo (the VAE, with --beta, --kl-schedule, --free-bits), iwae (importance weighted, k = --samples), "
          + "mmd (InfoVAE), wae (WAE-MMD), tcvae (β-TCVAE) (default: ${DEFAULT-VALUE}).")
  String objective;

  @Option(names = "--samples", defaultValue = "1",
      description = "Samples per example: L of the ELBO's Monte Carlo average, k of the IWAE bound (default: ${DEFAULT-VALUE}).")
  int samples;

  @Option(names = "--beta", description = "elbo: a constant KL weight β (1: the VAE; >1: β-VAE) (default: 1).")
  Double beta;

  @Option(names = "--kl-schedule",
      description = "constant, linear:STEPS (KL warm-up from 0 to 1), cyclical:CYCLES:RATIO (Fu et al.), "
          + "capacity:CMAX:STEPS:GAMMA (γ|KL - C|, C rising to CMAX nats); a last :BETA sets the end weight.")
  String klSchedule;

  @Option(names = "--free-bits", description = "Floor each latent dimension's batch-mean KL at λ nats (elbo; 0: off).")
  Double freeBits;

  @Option(names = "--dreg", negatable = true,
      description = "iwae: the encoder's gradient by the doubly reparameterized estimator (Tucker et al.; the default); "
          + "--no-dreg takes Burda et al.'s own, whose signal for the encoder fades as k grows.")
  Boolean dreg;

  @Option(names = "--mmd-kernel", description = "mmd, wae: rbf or imq (default: imq).")
  String mmdKernel;

  @Option(names = "--mmd-weight", description = "mmd: λ of InfoVAE (default 1000); wae: λ (default 100).")
  Double mmdWeight;

  @Option(names = "--mmd-alpha", description = "mmd: α of InfoVAE, the KL's weight is 1 - α (default: 0).")
  Double mmdAlpha;

  @Option(names = "--mmd-bandwidth", description = "mmd, wae: the kernel's σ (default: 1).")
  Double mmdBandwidth;

  @Option(names = "--tc-weight", description = "tcvae: β, the weight of the total correlation (default: 6).")
  Double tcWeight;

  @Option(names = "--binarize", defaultValue = "none",
      description = "none, static (threshold 0.5) or dynamic (a Bernoulli draw per batch) (default: ${DEFAULT-VALUE}).")
  String binarize;

  @Option(names = "--clip-norm", defaultValue = "0", description = "Clip gradients to this global norm (0: off).")
  double clipNorm;

  @Option(names = "--on-nan", defaultValue = "stop",
      description = "stop, or rollback: restore the last good epoch and halve the learning rate (default: ${DEFAULT-VALUE}).")
  String onNan;

  /** The training config: the library's defaults with the options given. */
  TrainConfig config(int defaultEpochs) {
    TrainConfig.Builder b = TrainConfig.builder().epochs(epochs == null ? defaultEpochs : epochs).batchSize(batch)
        .optimizer(optimizer).weightDecay(weightDecay).epsilon(epsilon).schedule(schedule).seed(seed).patience(patience)
        .binarization(binarize).clipNorm(clipNorm).onNonFinite(onNan).outputBiasFromData(outputBiasFromData);
    if (lr != null) {
      b.learningRate(lr);
    }
    return b.build();
  }

  /** The objective the options name, refusing options that the chosen objective does not read. */
  Objective objective() {
    List<String> unused = new ArrayList<>();
    String name = objective;
    if (!name.equals("elbo")) {
      addIf(unused, beta != null, "--beta");
      addIf(unused, klSchedule != null, "--kl-schedule");
    }
    addIf(unused, !name.equals("elbo") && freeBits != null, "--free-bits");
    addIf(unused, !name.equals("iwae") && dreg != null, "--dreg/--no-dreg");
    addIf(unused, !name.equals("elbo") && !name.equals("iwae") && samples != 1, "--samples");
    addIf(unused, !name.equals("mmd") && !name.equals("wae") && (mmdKernel != null || mmdWeight != null
        || mmdBandwidth != null), "--mmd-kernel/--mmd-weight/--mmd-bandwidth");
    addIf(unused, !name.equals("mmd") && mmdAlpha != null, "--mmd-alpha");
    addIf(unused, !name.equals("tcvae") && tcWeight != null, "--tc-weight");
    if (!unused.isEmpty()) {
      throw new IllegalArgumentException(String.join(", ", unused) + " do(es) not apply to --objective " + name);
    }
    if (beta != null && klSchedule != null) {
      throw new IllegalArgumentException("give either --beta or --kl-schedule (whose last :BETA sets its weight), not both");
    }
    KlSchedule kl = klSchedule != null ? KlSchedule.parse(klSchedule) : KlSchedule.constant(beta == null ? 1 : beta);
    MmdKernel kernel = mmdKernel == null ? MmdKernel.IMQ : MmdKernel.parse(mmdKernel);
    double bandwidth = mmdBandwidth == null ? 1 : mmdBandwidth;
    return switch (name) {
      case "elbo" -> new Elbo(samples, kl, freeBits == null ? 0 : freeBits);
      case "iwae" -> new Iwae(samples, dreg == null || dreg);
      case "mmd" -> {
        InfoVae d = InfoVae.defaults();
        yield new InfoVae(mmdAlpha == null ? d.alpha() : mmdAlpha, mmdWeight == null ? d.lambda() : mmdWeight, kernel,
            bandwidth);
      }
      case "wae" -> new Wae(mmdWeight == null ? Wae.defaults().lambda() : mmdWeight, kernel, bandwidth);
      case "tcvae" -> {
        BetaTcVae d = BetaTcVae.defaults();
        yield new BetaTcVae(d.alpha(), tcWeight == null ? d.beta() : tcWeight, d.gamma());
      }
      default -> throw new IllegalArgumentException("--objective must be elbo, iwae, mmd, wae or tcvae, got '" + name + "'");
    };
  }

  private static void addIf(List<String> list, boolean condition, String option) {
    if (condition) {
      list.add(option);
    }
  }
}
