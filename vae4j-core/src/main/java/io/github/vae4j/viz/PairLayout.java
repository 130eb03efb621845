package io.github.vae4j.viz;

/** How {@link ImageGrid#renderPairs} places each input beside its reconstruction. */
public enum PairLayout {
  /** Input and reconstruction side by side: columns alternate input, output, input, output... */
  ALTERNATING_COLUMNS,
  /** A row of inputs above the row of their reconstructions, and so on down the grid. */
  ALTERNATING_ROWS
}
