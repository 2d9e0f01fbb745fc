package io.easystore.cli;

import java.io.PrintWriter;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one error pipeline of {@code des}: picocli's execution exception handler, parameter
 * exception handler and exit code mapper, installed once on the root command line by
 * {@link Main}, from where picocli hands them to every subcommand (des's own, {@code des records
 * ...} and {@code des els ...}). No subcommand has handling of its own, so one exception gets one
 * exit code ({@link Failures#exitCode}) and one message format everywhere.
 *
 * <p>Immutable and thread-safe; {@code debug} is read when a failure is reported.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler, IExitCodeExceptionMapper {
  private final BooleanSupplier debug;

  private ErrorHandler(BooleanSupplier debug) {
    this.debug = debug;
  }

  /**
   * Installs the pipeline on {@code root} and, through picocli, on the subcommands it has now
   * (so add every subcommand first); returns {@code root}.
   */
  static CommandLine installOn(CommandLine root, BooleanSupplier debug) {
    ErrorHandler h = new ErrorHandler(debug);
    root.setExecutionExceptionHandler(h);
    root.setParameterExceptionHandler(h);
    root.setExitCodeExceptionMapper(h);
    return root;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
    String path = cmd.getCommandSpec().qualifiedName();
    PrintWriter err = cmd.getErr();
    err.println(Failures.prefix(path) + ": " + Failures.message(ex, path));
    if (debug.getAsBoolean()) {
      ex.printStackTrace(err);
    }
    err.flush();
    IExitCodeExceptionMapper mapper = cmd.getExitCodeExceptionMapper();
    return (mapper != null ? mapper : this).getExitCode(ex);
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    return Failures.usage(ex.getMessage(), cmd.getCommandSpec().qualifiedName(), cmd.getErr());
  }

  @Override
  public int getExitCode(Throwable exception) {
    return Failures.exitCode(exception);
  }
}
