package io.easystore.tree;

import java.io.IOException;
import java.util.List;

/**
 * Packing stopped on a file or directory that could not be read; nothing was published. Pack with
 * skip-errors to leave such entries out instead.
 */
public final class TreePackException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient List<PackIssue> issues;

  public TreePackException(List<PackIssue> issues, Throwable cause) {
    super(message(issues), cause);
    this.issues = List.copyOf(issues);
  }

  private static String message(List<PackIssue> issues) {
    return "cannot pack " + issues.get(0) + (issues.size() > 1 ? " (and " + (issues.size() - 1) + " more)" : "")
        + "; nothing was written (packing with skip-errors, 'des pack --skip-errors', leaves unreadable entries out)";
  }

  /** The entries that failed. */
  public List<PackIssue> issues() {
    return issues;
  }
}
