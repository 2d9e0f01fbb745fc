package io.easystore.tree;

/**
 * Hears what {@link TreePacker} does, for progress bars and logs. Called on the packing thread,
 * one call at a time; the defaults do nothing.
 */
public interface PackListener {
  PackListener NONE = new PackListener() {};

  /** A file was added to the container. */
  default void added(String path, long bytes) {}

  /** An unreadable file or directory was left out (skip-errors). */
  default void skipped(PackIssue issue) {}

  /** Something worth a line in a log: for example a link loop that was not followed. */
  default void notice(String message) {}
}
