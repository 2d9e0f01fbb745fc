package io.easystore.mutate;

import io.easystore.WriterOptions;
import java.util.Objects;

/**
 * How an updater opens and commits.
 *
 * @param create create an empty v2 container if none exists
 * @param commitOnClose commit pending changes on {@link DesUpdater#close()} instead of dropping them
 * @param writerOptions codec, level and checksum used for new bodies
 */
public record UpdateOptions(boolean create, boolean commitOnClose, WriterOptions writerOptions) {
  public UpdateOptions {
    Objects.requireNonNull(writerOptions, "writerOptions");
    if (writerOptions.formatVersion() != 2) {
      throw new IllegalArgumentException("in-place updates need the native format (v2)");
    }
  }

  public static UpdateOptions defaults() {
    return new UpdateOptions(false, false, WriterOptions.defaults());
  }

  public UpdateOptions withCreate(boolean v) {
    return new UpdateOptions(v, commitOnClose, writerOptions);
  }

  public UpdateOptions withCommitOnClose(boolean v) {
    return new UpdateOptions(create, v, writerOptions);
  }

  public UpdateOptions withWriterOptions(WriterOptions v) {
    return new UpdateOptions(create, commitOnClose, v);
  }
}
