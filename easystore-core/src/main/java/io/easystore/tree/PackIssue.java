package io.easystore.tree;

import java.util.Objects;

/**
 * Something {@link TreePacker} could not pack. Immutable.
 *
 * @param path the entry path, relative to the packed directory
 * @param problem what went wrong, one line
 */
public record PackIssue(String path, String problem) {
  public PackIssue {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(problem, "problem");
  }

  @Override
  public String toString() {
    return "'" + path + "': " + problem;
  }
}
