package io.github.vae4j.cli;

import io.github.vae4j.data.Downloader;
import io.github.vae4j.data.RemoteDataset;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vae4j download}: fetches MNIST or Fashion-MNIST into the cache, checking checksums. */
@Command(name = "download", mixinStandardHelpOptions = true,
    description = {"Download MNIST or Fashion-MNIST from their public mirrors into a cache folder, checking the "
        + "published MD5 checksums (files already there with the right checksum are kept). Prints the folder "
        + "to use as mnist:DIR or fashion-mnist:DIR.", "",
        "  vae4j download mnist", "  vae4j train --data mnist:$(vae4j download mnist) ..."})
final class DownloadCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", description = "mnist or fashion-mnist.")
  String dataset;

  @Option(names = "--cache", description = "Cache folder (default: ~/.cache/vae4j/datasets).")
  Path cache;

  @Option(names = "--mirror", description = "Base URL to fetch from instead of the published mirrors (repeatable).")
  List<URI> mirrors;

  @Override
  public Integer call() {
    RemoteDataset remote = switch (dataset) {
      case "mnist" -> RemoteDataset.mnist();
      case "fashion-mnist" -> RemoteDataset.fashionMnist();
      default -> throw new IllegalArgumentException("dataset must be mnist or fashion-mnist, got '" + dataset + "'");
    };
    Path root = cache == null ? Downloader.defaultCacheRoot() : cache;
    try (Downloader downloader = new Downloader(root, mirrors == null ? List.of() : mirrors, Duration.ofMinutes(5))) {
      Path folder = downloader.fetch(remote);
      PrintWriter out = spec.commandLine().getOut();
      out.println(folder);
      out.flush();
    }
    return 0;
  }
}
