package io.github.vae4j.cli;

import io.github.vae4j.model.ModelFile;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --model} option of commands that use a trained model. */
final class ModelInput {

  @Option(names = "--model", required = true, description = "A model file written by 'vae4j train' (model.vae).")
  Path model;

  ModelFile.Loaded load() throws IOException {
    return ModelFile.load(model);
  }
}
