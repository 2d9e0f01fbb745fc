package io.easystore.testing;

import io.easystore.CorruptContainerException;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Assertions;

/**
 * The invariant shared by every fuzz target: hostile bytes end in data or in the project's typed,
 * named exception. A raw runtime exception, an {@link Error} (OutOfMemoryError above all), a plain
 * {@code IOException}/{@code EOFException}, or a typed exception that does not name the container
 * (and, for {@link CorruptContainerException}, an offset) fails the target. Work is bounded by a
 * preemptive timeout so that a hang is a failure, not a stuck fuzzer. Stateless, thread-safe.
 */
public final class FuzzChecks {
  private FuzzChecks() {}

  /**
   * Per-input budget. Generous: on a loaded machine Jazzer's class instrumentation alone has taken
   * over 20 s for one input; a real hang (a loop without end) exceeds any budget.
   */
  public static final Duration BUDGET = Duration.ofSeconds(60);

  /**
   * Defect classes already reported and routed, tolerated only when named in the system property
   * {@code easystore.fuzz.known} (comma-separated ids, e.g. {@code seeked-channel,plain-IOException}),
   * so that a long fuzzing campaign can look past them. Plain test runs never set it: every saved
   * input is replayed strictly.
   */
  public static boolean known(String id) {
    String k = System.getProperty("easystore.fuzz.known", "");
    return !k.isBlank() && java.util.Arrays.asList(k.split(",")).contains(id);
  }

  /** Fails with {@code [id] message} unless the defect class {@code id} is {@link #known}. */
  public static void defect(String id, String message, Throwable cause) {
    if (!known(id)) {
      throw new AssertionError("[" + id + "] " + message, cause);
    }
  }

  /** Runs one fuzz input with the hang budget; assertion failures pass through unchanged. */
  public static <T> T bounded(String what, Callable<T> body) {
    return Assertions.assertTimeoutPreemptively(BUDGET, body::call, what);
  }

  /** Something that may throw anything; the failure is judged by {@link #typed}. */
  @FunctionalInterface
  public interface Step<T> {
    T run() throws Exception;
  }

  /** {@link #attempt} for directory-tree stores: failures need no byte offset. */
  public static <T> T attemptInTree(String container, String what, Step<T> step) {
    try {
      return step.run();
    } catch (Throwable t) {
      typed(t, container, what, false);
      return null;
    }
  }

  /** Runs {@code step}; returns its value, or null after checking that its failure was typed. */
  public static <T> T attempt(String container, String what, Step<T> step) {
    try {
      return step.run();
    } catch (Throwable t) {
      typed(t, container, what);
      return null;
    }
  }

  /**
   * Checks that {@code t} is an acceptable failure and returns its simple class name. {@code
   * container} must appear in the message (null: skip that check, for file-system exceptions whose
   * subject is a path inside the container).
   */
  public static String typed(Throwable t, String container, String what) {
    return typed(t, container, what, true);
  }

  /**
   * As {@link #typed(Throwable, String, String)}; {@code offsets} false for stores that are
   * directory trees (ELS), where a damaged file has a name but no byte offset in a container.
   */
  public static String typed(Throwable t, String container, String what, boolean offsets) {
    if (t instanceof AssertionError a) {
      throw a;
    }
    if (t instanceof UncheckedIOException u && u.getCause() != null) {
      // Streams (entries(), walk()) can only carry checked exceptions this way; the cause is judged.
      return typed(u.getCause(), container, what + " (unchecked)", offsets);
    }
    if (!(t instanceof IOException)) {
      defect("raw-" + t.getClass().getSimpleName(), what + " threw " + t.getClass().getName()
          + " instead of a typed IOException: " + t.getMessage(), t);
      return t.getClass().getSimpleName();
    }
    if (t.getClass() == IOException.class || t.getClass() == EOFException.class) {
      defect("plain-" + t.getClass().getSimpleName(), what + " threw a plain " + t.getClass().getName()
          + " (no container, offset or entry type): " + t.getMessage(), t);
      return t.getClass().getSimpleName();
    }
    if (t instanceof CorruptContainerException c) {
      if (container != null && (c.container() == null || !c.container().contains(container))) {
        defect("unnamed-container", what + ": exception names container '" + c.container() + "', not '"
            + container + "': " + t.getMessage(), t);
      }
      if (offsets && c.offset() < 0 && !(t instanceof io.easystore.LimitExceededException)) {
        defect("no-offset", what + ": corrupt-container exception without an offset: " + t.getMessage(), t);
      }
      return t.getClass().getSimpleName();
    }
    if (t instanceof FileSystemException) {
      return t.getClass().getSimpleName();
    }
    String message = String.valueOf(t.getMessage());
    if (container != null && !message.contains(container)) {
      defect("unnamed-container", what + ": " + t.getClass().getName() + " does not name the container '"
          + container + "': " + message, t);
    }
    return t.getClass().getSimpleName();
  }
}
