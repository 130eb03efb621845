package io.github.vae4j.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code vae4j} command: a thin shell over vae4j-core. Owns the console: a bad argument or a
 * bad file prints one line and exits with code 2; {@code --verbose} adds the stack trace.
 */
@Command(name = "vae4j", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Train, use and evaluate variational autoencoders.",
    subcommands = {DemoCommand.class, DownloadCommand.class, TrainCommand.class, EvalCommand.class, SampleCommand.class, FitSamplerCommand.class,
        ReconstructCommand.class, EncodeCommand.class, DecodeCommand.class, InterpolateCommand.class,
        TraverseCommand.class, ManifoldCommand.class, InspectCommand.class, ImportCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  /** Exit code for bad arguments, bad input files and failed runs. */
  public static final int EXIT_USAGE = 2;

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  private boolean verbose;

  @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
      description = "Show stack traces and debug logging.")
  void setVerbose(boolean value) {
    verbose = value;
    if (value) {
      // the CLI owns the console: debug logging from here on (slf4j-simple reads this when the
      // first logger is made, which is after the options are parsed)
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
    }
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code (tests call this instead of main). */
  public static int run(String... args) {
    CommandLine cli = commandLine();
    return cli.execute(args);
  }

  /** Runs the command line with its output and errors going to the given writers (for tests). */
  static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = commandLine();
    cli.setOut(out);
    cli.setErr(err);
    try {
      return cli.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  static CommandLine commandLine() {
    Main main = new Main();
    CommandLine cli = new CommandLine(main);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      PrintWriter err = commandLine.getErr();
      err.println("vae4j " + commandLine.getCommandName() + ": " + Errors.describe(e));
      if (main.verbose) {
        e.printStackTrace(err);
      } else {
        err.println("(run with --verbose for details)");
      }
      err.flush();
      return EXIT_USAGE;
    });
    cli.setParameterExceptionHandler((e, args) -> {
      CommandLine commandLine = e.getCommandLine();
      PrintWriter err = commandLine.getErr();
      boolean root = commandLine.getParent() == null;
      String name = root ? "vae4j" : "vae4j " + commandLine.getCommandName();
      err.println(name + ": " + e.getMessage());
      if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
        err.println("did you mean: " + String.join(", ", unmatched.getSuggestions()) + "?");
      }
      err.println("(see '" + name + " --help')");
      err.flush();
      return EXIT_USAGE;
    });
    return cli;
  }
}
