package io.github.vae4j.model;

import io.github.vae4j.prior.Prior;
import io.github.vae4j.prob.Distribution;
import io.github.vae4j.prob.Likelihood;
import io.github.vae4j.tensor.GradMode;
import io.github.vae4j.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.SequencedMap;
import java.util.random.RandomGenerator;

/**
 * What training, evaluation, pictures, the command line and a scoring service need of a latent
 * variable model: the posterior q(z|x), the decoder's likelihood p(x|z), the prior p(z), and what
 * follows from those three alone (generation, reconstructions, importance weights). {@link Vae} is
 * the first implementation; conditional, hierarchical and discrete-latent models are further ones
 * over the same parts.
 *
 * <p>Shapes: x [batch, ...inputShape]; codes z [batch, latentDim].
 */
public interface VariationalAutoencoder {

  /** The model's configuration: a record that round-trips through JSON. */
  Record config();

  /** One example's shape, [features] or [channels, height, width]. */
  List<Integer> inputShape();

  /** Number of values in one example. */
  int features();

  int latentDim();

  /** q(z|x) for x [batch, ...inputShape], over [batch, latentDim], recording the graph. */
  Distribution encode(Tensor x);

  /** The decoder's raw output for z [batch, latentDim]: the likelihood's parameters. */
  Tensor decoderOutput(Tensor z);

  /** The observation model p(x|z). */
  Likelihood likelihood();

  /** p(z). */
  Prior prior();

  /** A one-line description for logs: architecture, widths, latent size, likelihood, prior. */
  String summary();

  SequencedMap<String, Tensor> namedParameters();

  long parameterCount();

  /** Training mode (dropout on, say). */
  void train();

  /** Evaluation mode. */
  void eval();

  /**
   * Starts the decoder's output where it reproduces the data's per-feature means at every z: for a
   * Bernoulli likelihood the output bias becomes logit(clip(mean, 0.001, 0.999)) and the weights
   * into it are kept. Burda et al. start the IWAE models this way.
   *
   * @param featureMeans the training data's mean of each feature, [features]
   * @throws UnsupportedOperationException for models or likelihoods that cannot
   */
  default void initializeOutputBias(float[] featureMeans) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot start its output at the data mean");
  }

  /** p(x|z) for z [batch, latentDim]. */
  default Distribution decode(Tensor z) {
    return likelihood().distribution(decoderOutput(z));
  }

  /** log p(x|z) summed over features: decoderOutput [batch, ...], x [batch, ...] -> [batch]. */
  default Tensor logLikelihood(Tensor decoderOutput, Tensor x) {
    return likelihood().logProb(decoderOutput, x);
  }

  /** The mean of p(x|z), shaped like the data: [batch, ...inputShape]. No graph is recorded. */
  default Tensor decodeMean(Tensor z) {
    try (GradMode _ = GradMode.noGrad()) {
      return likelihood().mean(decoderOutput(z)).reshape(batchShape(z.dim(0)));
    }
  }

  /** Reconstructions: the mean of p(x|z) at z = the posterior mean. No graph is recorded. */
  default Tensor reconstruct(Tensor x) {
    try (GradMode _ = GradMode.noGrad()) {
      return decodeMean(encode(x).mean());
    }
  }

  /** Samples from the model: means of p(x|z) for z drawn from the prior, [count, ...inputShape]. */
  default Tensor generate(int count, RandomGenerator random) {
    return decodeMean(prior().sample(count, random));
  }

  /** [batch, ...inputShape]. */
  default int[] batchShape(int batch) {
    List<Integer> shape = inputShape();
    int[] out = new int[shape.size() + 1];
    out[0] = batch;
    for (int i = 0; i < shape.size(); i++) {
      out[i + 1] = shape.get(i);
    }
    return out;
  }

  /**
   * The log importance weights of {@code samples} draws per example,
   *
   * <pre>
   *   log w_s = log p(x | z_s) + log p(z_s) - log q(z_s | x),   z_s ~ q(z|x) reparameterized,
   * </pre>
   *
   * as [samples * batch], sample-major (entry s * batch + i is draw s of example i). L_K is the
   * log-mean-exp over s; L_1 is the ELBO's one-sample estimate. This is the one place the bound
   * is written: the IWAE objective and the evaluation both call it.
   *
   * <p>{@code stopPosteriorScore} scores the draws under a copy of q with its parameters cut from
   * the graph, so that the encoder's gradient comes through the draws alone (the doubly
   * reparameterized estimator, Tucker et al. 2019).
   *
   * @param posterior q(z|x) of x, over [batch, latentDim], as {@link #encode} gave it
   * @param x the examples [batch, ...inputShape]
   */
  default Tensor logWeights(Distribution posterior, Tensor x, int samples, boolean stopPosteriorScore,
      RandomGenerator random) {
    if (samples < 1) {
      throw new IllegalArgumentException("samples must be >= 1, got " + samples);
    }
    Distribution repeated = posterior.repeat(samples);
    return logWeightsAt(repeated, repeated.rsample(random), x, stopPosteriorScore);
  }

  /**
   * The log importance weights at given draws: {@code repeated} is the posterior of x repeated
   * s times along the batch ({@link Distribution#repeat}), z [s * batch, latentDim] codes drawn
   * from it, sample-major. {@link #logWeights} draws them; an estimator that reshapes the draws'
   * gradient (DReG) passes its own.
   */
  default Tensor logWeightsAt(Distribution repeated, Tensor z, Tensor x, boolean stopPosteriorScore) {
    int batch = x.dim(0);
    if (z.dim(0) % batch != 0) {
      throw new IllegalArgumentException("expected codes [samples * " + batch + ", latentDim], got " + z.dim(0) + " rows");
    }
    int samples = z.dim(0) / batch;
    Tensor logQ = (stopPosteriorScore ? repeated.detach() : repeated).logProbSum(z);
    Tensor xs = x;
    if (samples > 1) {
      Tensor[] copies = new Tensor[samples];
      Arrays.fill(copies, x);
      xs = Tensor.concat(0, copies);
    }
    return logLikelihood(decoderOutput(z), xs).add(prior().logProb(z)).sub(logQ);
  }
}
