package io.easystore.mutate;

import io.easystore.WriterOptions;
import java.util.Objects;

/**
 * How an updater opens, commits and compacts. Immutable; {@code with...} methods return copies.
 *
 * @param create create an empty v2 container if none exists
 * @param commitOnClose commit pending changes on {@link DesUpdater#close()} instead of dropping them
 * @param writerOptions codec, level and checksum used for new bodies
 * @param compactionBytesPerSecond the most bytes per second {@link DesUpdater#compact()} writes, so
 *     that it leaves CPU and disk to readers; 0 for no limit (the default)
 */
public record UpdateOptions(boolean create, boolean commitOnClose, WriterOptions writerOptions,
    long compactionBytesPerSecond) {
  public UpdateOptions {
    Objects.requireNonNull(writerOptions, "writerOptions");
    if (writerOptions.formatVersion() != 2) {
      throw new IllegalArgumentException("in-place updates need the native format (v2)");
    }
    if (compactionBytesPerSecond < 0) {
      throw new IllegalArgumentException("compactionBytesPerSecond must not be negative: " + compactionBytesPerSecond);
    }
  }

  /** Options without a compaction rate limit. */
  public UpdateOptions(boolean create, boolean commitOnClose, WriterOptions writerOptions) {
    this(create, commitOnClose, writerOptions, 0);
  }

  public static UpdateOptions defaults() {
    return new UpdateOptions(false, false, WriterOptions.defaults(), 0);
  }

  public UpdateOptions withCreate(boolean v) {
    return new UpdateOptions(v, commitOnClose, writerOptions, compactionBytesPerSecond);
  }

  public UpdateOptions withCommitOnClose(boolean v) {
    return new UpdateOptions(create, v, writerOptions, compactionBytesPerSecond);
  }

  public UpdateOptions withWriterOptions(WriterOptions v) {
    return new UpdateOptions(create, commitOnClose, v, compactionBytesPerSecond);
  }

  /** Limits how fast compaction writes (bytes per second, 0 for no limit). */
  public UpdateOptions withCompactionBytesPerSecond(long v) {
    return new UpdateOptions(create, commitOnClose, writerOptions, v);
  }
}
