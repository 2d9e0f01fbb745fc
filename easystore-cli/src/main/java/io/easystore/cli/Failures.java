package io.easystore.cli;

import io.easystore.CorruptContainerException;
import io.easystore.LimitExceededException;
import io.easystore.UnsupportedVersionException;
import io.easystore.crypto.KeyUnavailableException;
import io.easystore.io.NotRegularFileException;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;

/**
 * The one mapping from an exception that reaches the command line to the line printed and the
 * exit code, for {@code des}, {@code des records} and {@code des els} alike: {@link ErrorHandler},
 * installed once on des's root command line, prints {@link #message} and returns
 * {@link #exitCode}. A message says what went wrong and where, on one line, without Java class
 * names; the exit code depends on the exception only, never on the command, so the same failure
 * gets the same exit code in every command:
 *
 * <ul>
 *   <li>{@value #FAILED}: the command failed (I/O, no such file or entry, a refused operation, a
 *       bad value, a limit reached);
 *   <li>{@value #USAGE}: the command line does not parse or its options do not fit together;
 *   <li>{@value #DAMAGED}: a container, archive or store is damaged, or the path is not of the
 *       kind the command reads (a zip, a directory, a FIFO);
 *   <li>{@value #KEY}: a key is missing, malformed or wrong;
 *   <li>{@value #UNSUPPORTED}: a well-formed file of a format version this build does not read
 *       (too new or too old), which is not damage: scripts that quarantine on 3 must keep it.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class Failures {
  /** The command failed (I/O, not found, refused, bad value). */
  public static final int FAILED = 1;
  /** The command line does not parse, or its options contradict each other. */
  public static final int USAGE = 2;
  /** Damaged, or not the kind of file the command reads. */
  public static final int DAMAGED = 3;
  /** A key is missing, malformed or wrong. */
  public static final int KEY = 4;
  /** A format version this build does not read (too new or too old). */
  public static final int UNSUPPORTED = 5;

  private Failures() {}

  /** What to print (without the command prefix) and the exit code. */
  public record Failure(String message, int exitCode) {}

  /**
   * The failure of command {@code commandPath} (picocli's qualified name, e.g. {@code "des ls"},
   * {@code "des records cat"} or, run on its own, {@code "records cat"}).
   */
  public static Failure of(Throwable thrown, String commandPath) {
    return new Failure(message(thrown, commandPath), exitCode(thrown));
  }

  /**
   * The exit code for {@code thrown} (picocli's {@code IExitCodeExceptionMapper}). The version
   * test comes before the corruption test, and the limit test before both: a too-new file and a
   * limit reached are not damage, whatever their exception extends.
   */
  public static int exitCode(Throwable thrown) {
    Throwable t = unwrap(thrown);
    if (t instanceof KeyUnavailableException) {
      return KEY;
    }
    if (t instanceof LimitExceededException) {
      // Not damage: a bound the user set (or can raise) was reached; the message says how to raise it.
      return FAILED;
    }
    if (t instanceof UnsupportedVersionException) {
      return UNSUPPORTED;
    }
    if (t instanceof CorruptContainerException || t instanceof NotRegularFileException) {
      return DAMAGED;
    }
    if (t instanceof CommandLine.ParameterException) {
      return USAGE;
    }
    return FAILED;
  }

  /** The one line (without the command prefix) that tells the user what {@code thrown} means. */
  public static String message(Throwable thrown, String commandPath) {
    Throwable t = unwrap(thrown);
    String family = family(commandPath);
    if (t instanceof KeyUnavailableException || t instanceof LimitExceededException
        || t instanceof UnsupportedVersionException) {
      return oneLine(t.getMessage());
    }
    if (t instanceof CorruptContainerException c) {
      String wrongKind = wrongKind(c.container(), family);
      return oneLine(wrongKind != null ? wrongKind : c.getMessage());
    }
    if (t instanceof io.easystore.remote.RemoteSetupException r) {
      return oneLine(remoteSetup(r));
    }
    if (t instanceof NotRegularFileException n) {
      return oneLine(notRegular(n, family));
    }
    if (t instanceof FileSystemException f) {
      return oneLine(fileSystem(f));
    }
    if (t instanceof IOException || t instanceof IllegalArgumentException || t instanceof IllegalStateException
        || t instanceof UnsupportedOperationException || t instanceof CommandLine.ParameterException) {
      return oneLine(plain(t));
    }
    // A bug, not bad input: say so, and where to get the details.
    String m = t.getMessage();
    return oneLine("internal error" + (m == null || m.isBlank() ? "" : ": " + m)
        + " (run again with --debug for the stack trace, and report it)");
  }

  private static Throwable unwrap(Throwable thrown) {
    Throwable t = thrown;
    while (t instanceof UncheckedIOException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /**
   * Prints {@code thrown} as one line ({@code "des: ..."}, {@code "des records cat: ..."}) on
   * {@code err}, with the stack trace after it only when {@code debug}; returns the exit code.
   */
  public static int report(Throwable thrown, String commandPath, PrintWriter err, boolean debug) {
    Failure f = of(thrown, commandPath);
    err.println(prefix(commandPath) + ": " + f.message());
    if (debug) {
      thrown.printStackTrace(err);
    }
    err.flush();
    return f.exitCode();
  }

  /**
   * Prints a failure a command found itself ("no value at KEY": nothing was thrown) as one line,
   * in the format of {@link #report}; returns {@link #FAILED}.
   */
  public static int fail(String message, String commandPath, PrintWriter err) {
    err.println(prefix(commandPath) + ": " + oneLine(message));
    err.flush();
    return FAILED;
  }

  /**
   * Prints a command-line error as one line with a pointer to the command's help, instead of
   * the whole help (which scrolls the error away); returns {@link #USAGE}.
   */
  public static int usage(String message, String commandPath, PrintWriter err) {
    err.println(prefix(commandPath) + ": " + oneLine(message) + " (see `" + fullPath(commandPath) + " --help`)");
    err.flush();
    return USAGE;
  }

  /** {@code "des"} for des's own commands, {@code "des records cat"} for the commands of a family. */
  static String prefix(String commandPath) {
    String full = fullPath(commandPath);
    return full.indexOf(' ') >= 0 && full.indexOf(' ') != full.lastIndexOf(' ') ? full : "des";
  }

  private static String fullPath(String commandPath) {
    String p = commandPath == null || commandPath.isBlank() ? "des" : commandPath.trim();
    return p.equals("des") || p.startsWith("des ") ? p : "des " + p;
  }

  private static String family(String commandPath) {
    String p = fullPath(commandPath);
    if (p.startsWith("des records")) {
      return "records";
    }
    if (p.startsWith("des els")) {
      return "els";
    }
    return p.equals("des import") ? "import" : "des";
  }

  private static List<FileKind> expected(String family) {
    return switch (family) {
      case "records" -> List.of(FileKind.RECORD_ARCHIVE, FileKind.RECORD_INDEX);
      case "els" -> List.of(FileKind.ELS_STORE, FileKind.DES_CONTAINER);
      case "import" -> List.of(FileKind.DES_CONTAINER, FileKind.FILEPACKER_PACK, FileKind.ZIP, FileKind.TAR,
          FileKind.GZIP, FileKind.ZSTD, FileKind.XZ, FileKind.BZIP2);
      default -> List.of(FileKind.DES_CONTAINER, FileKind.FILEPACKER_PACK);
    };
  }

  private static String expectedPhrase(String family) {
    return switch (family) {
      case "records" -> "a record archive";
      case "els" -> "an ELS store";
      case "import" -> "a tar, zip, FilePacker pack or DES container";
      default -> "a DES container";
    };
  }

  /** "x.zip is a zip archive, not a DES container; ...", or null if the file is of a kind the command reads. */
  private static String wrongKind(String container, String family) {
    if (container == null || container.isEmpty() || container.matches("^[A-Za-z][A-Za-z0-9+.-]+://.*")) {
      return null;
    }
    FileKind kind;
    try {
      kind = FileKind.of(Path.of(container));
    } catch (RuntimeException e) {
      return null;
    }
    if (kind == FileKind.UNKNOWN || kind == FileKind.DIRECTORY || expected(family).contains(kind)) {
      return null;
    }
    String s = container + " is " + kind.phrase() + ", not " + expectedPhrase(family);
    String with = kind.readWith(container);
    return with == null ? s : s + "; read it with `" + with + "`";
  }

  /** Names the des options for the missing setting (the library's message names its properties). */
  private static String remoteSetup(io.easystore.remote.RemoteSetupException r) {
    String where = r.location() == null ? "" : r.location() + ": ";
    return switch (r.missing()) {
      case REGION -> where + "no S3 region: give --region REGION or set AWS_REGION (with --endpoint URL for an"
          + " S3-compatible store, the region defaults to us-east-1)";
      case CREDENTIALS -> where + "no S3 credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or give"
          + " --profile NAME (~/.aws/credentials), or --no-sign-request for a public bucket";
    };
  }

  private static String notRegular(NotRegularFileException n, String family) {
    String s = n.getFile() + " is " + n.kind().phrase() + ", not " + expectedPhrase(family);
    if (n.kind() == NotRegularFileException.Kind.DIRECTORY && !family.equals("els")) {
      FileKind k = FileKind.of(Path.of(n.getFile()));
      String with = k.readWith(n.getFile());
      if (with != null && (k == FileKind.ELS_STORE || family.equals("des"))) {
        s += k == FileKind.ELS_STORE ? "; it is an ELS store: read it with `" + with + "`"
            : "; to make a container of it: `" + with + "`";
      }
    }
    return s;
  }

  private static String fileSystem(FileSystemException f) {
    if (f.getReason() != null && f.getFile() != null) {
      if (f instanceof NoSuchFileException) {
        return "no such file or entry: " + f.getFile() + " (" + f.getReason() + ")";
      }
      if (f instanceof FileAlreadyExistsException) {
        return "already exists: " + f.getFile() + " (" + f.getReason() + ")";
      }
      if (f instanceof AccessDeniedException) {
        return "permission denied: " + f.getFile() + " (" + f.getReason() + ")";
      }
      return f.getMessage();
    }
    String file = f.getFile() == null ? "(unknown path)" : f.getFile();
    String what;
    String hint = "";
    if (f instanceof NoSuchFileException) {
      what = "no such file";
    } else if (f instanceof FileAlreadyExistsException) {
      what = "already exists";
    } else if (f instanceof AccessDeniedException) {
      what = "permission denied";
    } else if (f instanceof NotDirectoryException) {
      what = "not a directory";
    } else if (f instanceof DirectoryNotEmptyException) {
      what = "directory not empty";
      hint = " (delete what is inside first, or use -r where the command offers it)";
    } else if (f instanceof FileSystemLoopException) {
      what = "file system loop";
      hint = " (a link leads back to a directory above it)";
    } else if (f instanceof NotLinkException) {
      what = "not a symbolic link";
    } else {
      what = f.getReason() != null ? f.getReason() : "file system error";
    }
    return what + ": " + file + (f.getOtherFile() != null ? " -> " + f.getOtherFile() : "") + hint;
  }

  private static String plain(Throwable t) {
    String m = t.getMessage();
    if (m != null && !m.isBlank()) {
      return m;
    }
    if (t instanceof EOFException) {
      return "unexpected end of file";
    }
    Throwable c = t.getCause();
    if (c != null && c != t) {
      return plain(c);
    }
    return t instanceof IOException ? "input/output error" : "invalid value";
  }

  /**
   * One line, never empty: a line break followed by indentation (wrapped prose, Jackson's
   * "\n at [Source...") becomes a space; any other control character, such as a newline inside a
   * name, is escaped ({@code \n}, {@code \x1b}), so a hostile name cannot forge output.
   */
  static String oneLine(String s) {
    String m = s == null || s.isBlank() ? "failed" : s.strip().replaceAll("[ \\t]*\\R[ \\t]+", " ");
    return PrintableText.escapeControls(m);
  }
}
