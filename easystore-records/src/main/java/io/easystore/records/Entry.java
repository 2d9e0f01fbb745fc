package io.easystore.records;

import java.util.Objects;

/**
 * One record read from an archive, with the bookmark that finds it again. The value belongs to the
 * caller (byte arrays are fresh copies).
 *
 * @param bookmark where the record lives
 * @param value the decoded record
 * @param <T> the record type
 */
public record Entry<T>(Bookmark bookmark, T value) {
  public Entry {
    Objects.requireNonNull(bookmark, "bookmark");
    Objects.requireNonNull(value, "value");
  }
}
