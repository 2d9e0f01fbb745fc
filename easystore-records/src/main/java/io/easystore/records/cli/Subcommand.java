package io.easystore.records.cli;

import io.easystore.CorruptContainerException;
import io.easystore.UnsupportedVersionException;
import io.easystore.crypto.KeyUnavailableException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Turns every failure of a subcommand into one line on stderr and an exit code. */
abstract class Subcommand implements Callable<Integer> {
  static final int OK = 0;
  /** Failures, including a well-formed archive of a format version this build cannot read (as for {@code des}). */
  static final int FAILED = 1;
  static final int DAMAGED = 3;
  static final int KEY = 4;

  @Spec
  CommandSpec spec;

  @ParentCommand
  RecordsCommand parent;

  abstract int run() throws Exception;

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  void warn(String message) {
    err().println("des records " + spec.name() + ": warning: " + oneLine(message));
    err().flush();
  }

  @Override
  public final Integer call() {
    try {
      return run();
    } catch (picocli.CommandLine.ParameterException e) {
      // Usage errors (such as key options that do not fit together) go to picocli: exit code 2.
      throw e;
    } catch (UncheckedIOException e) {
      return fail(e.getCause());
    } catch (Exception e) {
      return fail(e);
    } finally {
      out().flush();
    }
  }

  private int fail(Throwable e) {
    int code = FAILED;
    String msg = e.getMessage();
    if (e instanceof KeyUnavailableException) {
      code = KEY;
    } else if (e instanceof UnsupportedVersionException) {
      // A newer (or retired) format is not damage: callers that quarantine exit 3 must keep it.
      code = FAILED;
    } else if (e instanceof CorruptContainerException) {
      code = DAMAGED;
    } else if (e instanceof NoSuchFileException) {
      msg = e.getMessage() + ": no such file";
    } else if (e instanceof FileAlreadyExistsException) {
      msg = e.getMessage() + ": already exists";
    } else if (!(e instanceof IOException || e instanceof IllegalArgumentException
        || e instanceof IllegalStateException)) {
      msg = e.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
    }
    out().flush();
    err().println("des records " + spec.name() + ": " + oneLine(msg));
    err().flush();
    return code;
  }

  static String oneLine(String s) {
    return String.valueOf(s).replaceAll("\\s*\\R\\s*", " ");
  }
}
