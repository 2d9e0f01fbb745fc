package io.easystore.mutate;

import io.easystore.WriterOptions;
import java.util.Objects;

/**
 * How an updater opens, commits and compacts. Build one with {@link #builder()} or change a copy
 * with {@link #toBuilder()}; {@link Builder#build()} rejects writer options an in-place update
 * cannot honour. The {@code with...} methods are shorthands for a {@code toBuilder()} round trip.
 *
 * <p>Immutable and thread-safe; equal options compare equal.
 */
public final class UpdateOptions {
  private static final UpdateOptions DEFAULTS = builder().build();

  private final boolean create;
  private final boolean commitOnClose;
  private final WriterOptions writerOptions;
  private final long compactionBytesPerSecond;

  private UpdateOptions(Builder b) {
    this.create = b.create;
    this.commitOnClose = b.commitOnClose;
    this.writerOptions = b.writerOptions;
    this.compactionBytesPerSecond = b.compactionBytesPerSecond;
  }

  /** The container must exist, pending changes are dropped on close, default writer options, no rate limit. */
  public static UpdateOptions defaults() {
    return DEFAULTS;
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings, to change some of them. */
  public Builder toBuilder() {
    return new Builder().create(create).commitOnClose(commitOnClose).writerOptions(writerOptions)
        .compactionBytesPerSecond(compactionBytesPerSecond);
  }

  /** Whether an empty v2 container is created if none exists. */
  public boolean create() {
    return create;
  }

  /** Whether {@link DesUpdater#close()} commits pending changes instead of dropping them. */
  public boolean commitOnClose() {
    return commitOnClose;
  }

  /** Codec, level, checksum, temp directory and sort memory used for new bodies and commits. */
  public WriterOptions writerOptions() {
    return writerOptions;
  }

  /**
   * The most bytes per second {@link DesUpdater#compact()} writes, so that it leaves CPU and disk
   * to readers; 0 for no limit (the default).
   */
  public long compactionBytesPerSecond() {
    return compactionBytesPerSecond;
  }

  public UpdateOptions withCreate(boolean v) {
    return toBuilder().create(v).build();
  }

  public UpdateOptions withCommitOnClose(boolean v) {
    return toBuilder().commitOnClose(v).build();
  }

  public UpdateOptions withWriterOptions(WriterOptions v) {
    return toBuilder().writerOptions(v).build();
  }

  /** Limits how fast compaction writes (bytes per second, 0 for no limit). */
  public UpdateOptions withCompactionBytesPerSecond(long v) {
    return toBuilder().compactionBytesPerSecond(v).build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UpdateOptions u && create == u.create && commitOnClose == u.commitOnClose
        && writerOptions.equals(u.writerOptions) && compactionBytesPerSecond == u.compactionBytesPerSecond;
  }

  @Override
  public int hashCode() {
    return Objects.hash(create, commitOnClose, writerOptions, compactionBytesPerSecond);
  }

  @Override
  public String toString() {
    return "UpdateOptions[create=" + create + ", commitOnClose=" + commitOnClose + ", writerOptions="
        + writerOptions + ", compactionBytesPerSecond=" + compactionBytesPerSecond + "]";
  }

  /**
   * Collects settings for an {@link UpdateOptions}; setters and {@link #build()} throw
   * {@link IllegalArgumentException} saying what to change. Not thread-safe; the options it
   * builds are.
   */
  public static final class Builder {
    private boolean create;
    private boolean commitOnClose;
    private WriterOptions writerOptions = WriterOptions.defaults();
    private long compactionBytesPerSecond;

    private Builder() {
    }

    /** Create an empty v2 container if none exists. */
    public Builder create(boolean v) {
      create = v;
      return this;
    }

    /** Commit pending changes on close instead of dropping them. */
    public Builder commitOnClose(boolean v) {
      commitOnClose = v;
      return this;
    }

    /** Codec, level and checksum for new bodies; must be format 2 and unencrypted. */
    public Builder writerOptions(WriterOptions v) {
      writerOptions = Objects.requireNonNull(v, "writerOptions");
      return this;
    }

    /** The most bytes per second compaction writes; 0 for no limit. */
    public Builder compactionBytesPerSecond(long v) {
      if (v < 0) {
        throw new IllegalArgumentException("compactionBytesPerSecond must not be negative: " + v);
      }
      compactionBytesPerSecond = v;
      return this;
    }

    /**
     * The options.
     *
     * @throws IllegalArgumentException if the writer options are v1 or encrypted: updates write
     *     the native format, and encrypted containers are never updated in place
     */
    public UpdateOptions build() {
      if (writerOptions.formatVersion() != 2) {
        throw new IllegalArgumentException("in-place updates need the native format (v2): writerOptions has"
            + " formatVersion 1; use WriterOptions with formatVersion(2)");
      }
      if (writerOptions.encryption() != null) {
        // Checked here because create(true) would otherwise write an encrypted container first and
        // only then refuse to update it.
        throw new IllegalArgumentException("in-place updates cannot write encrypted containers: writerOptions has"
            + " encryption; set encryption(null) on the writer options, and re-encrypt afterwards with des rekey"
            + " (Rewriter)");
      }
      return new UpdateOptions(this);
    }
  }
}
