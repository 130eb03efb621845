package io.github.vae4j.objective;

/** The names of the loss terms the built-in objectives report, so that every consumer spells them alike. */
public final class Terms {

  /** -E_q log p(x|z), nats per example. */
  public static final String RECONSTRUCTION = "reconstruction";
  /** KL(q(z|x) ‖ p(z)), closed-form or Monte Carlo. */
  public static final String KL = "kl";
  /** The KL weight of a schedule at this step. */
  public static final String BETA = "beta";
  /** MMD² between the aggregate posterior's samples and the prior's. */
  public static final String MMD = "mmd";
  /** The index-code mutual information of β-TCVAE's decomposition. */
  public static final String MUTUAL_INFORMATION = "mutual_information";
  /** The total correlation of β-TCVAE's decomposition. */
  public static final String TOTAL_CORRELATION = "total_correlation";
  /** The dimension-wise KL of β-TCVAE's decomposition. */
  public static final String DIMENSION_KL = "dimension_kl";
  /** -L_K of the IWAE objective, nats per example. */
  public static final String IW_BOUND = "iw_bound";

  /** -log w of one sample: a one-sample estimate of the negative ELBO. */
  public static final String NEGATIVE_ELBO = "negative_elbo";

  private Terms() {
  }
}
