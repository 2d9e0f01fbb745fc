package io.easystore.els;

import java.util.Objects;

/**
 * One entry of a bucket as listed: its original name, its kind and its position. Entries of a
 * bucket are listed in ascending {@code ordinal}, which is the order in which they were first
 * written (array elements: their index).
 *
 * @param name the original key or bucket name
 * @param kind a bucket kind ({@link ElsKind#isBucket()}) or a value kind
 * @param ordinal position within the parent bucket, non-negative
 */
public record ElsEntry(String name, ElsKind kind, long ordinal) {
  public ElsEntry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    if (ordinal < 0) {
      throw new IllegalArgumentException("ordinal < 0: " + ordinal);
    }
  }

  /** Whether this entry is a child bucket rather than a value. */
  public boolean isBucket() {
    return kind.isBucket();
  }
}
