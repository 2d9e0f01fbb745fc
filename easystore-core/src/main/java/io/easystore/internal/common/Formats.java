package io.easystore.internal.common;

import io.easystore.UnsupportedVersionException;
import io.easystore.internal.bytes.Framing;

/**
 * The one table of the DES versions this library reads: which footer version byte is read by
 * which reader, and the version range of every versioned DES region. To read one more version,
 * change this class (and give the new {@link Kind} a reader in {@code ContainerReaders}); every
 * parser and the dispatch take their ranges from here. Writers keep their own constants (what they
 * write is not what a reader accepts). Stateless and thread-safe.
 */
public final class Formats {
  /** The footer version byte of a DES v1 container (the reference layout). */
  public static final int V1 = 1;
  /** The footer version byte of a plain DES v2 container. */
  public static final int V2 = 2;
  /** The footer version byte of an encrypted DES v2 container. */
  public static final int V2_ENCRYPTED = 3;
  /**
   * The footer version byte of a v2 container updated in place (a commit record ends it): bit 7
   * marks a commit record, the low bits name the base format, so plain v2 readers refuse it as too new.
   */
  public static final int V2_UPDATED = 0x82;

  /** The oldest and newest container (footer) versions, as named in too-old/too-new messages. */
  public static final int OLDEST = V1;
  public static final int NEWEST = V2_ENCRYPTED;

  /** The versions a v2 footer (plain or encrypted) may carry. */
  public static final int V2_FOOTER_OLDEST = V2;
  public static final int V2_FOOTER_NEWEST = V2_ENCRYPTED;
  /** The versions a delta segment footer may carry. */
  public static final int SEGMENT_OLDEST = V2;
  public static final int SEGMENT_NEWEST = V2;
  /** The layouts of a commit record (its own version byte, after the footer's {@link #V2_UPDATED}). */
  public static final int COMMIT_RECORD_OLDEST = 1;
  public static final int COMMIT_RECORD_NEWEST = 1;
  /** The versions of an encrypted container's key block. */
  public static final int KEY_BLOCK_OLDEST = 1;
  public static final int KEY_BLOCK_NEWEST = 1;
  /** The versions of a FilePacker pack's table. */
  public static final int FPACK_OLDEST = 1;
  public static final int FPACK_NEWEST = 1;

  private Formats() {}

  /** What reads a container, by its footer version. */
  public enum Kind {
    /** A DES v1 container. */
    V1,
    /** A plain v2 container: a local one may still have an updater's lock file or anchor. */
    V2,
    /** An encrypted v2 container, never updated in place. */
    V2_ENCRYPTED,
    /** A v2 container that ends with a commit record. */
    V2_UPDATED
  }

  /**
   * The reader for footer version {@code version}, found at file offset {@code at}.
   *
   * @throws UnsupportedVersionException.TooOld below {@link #OLDEST}
   * @throws UnsupportedVersionException.TooNew for any other version this table does not list
   */
  public static Kind dispatch(String container, long at, int version) throws UnsupportedVersionException {
    switch (version) {
      case V1:
        return Kind.V1;
      case V2:
        return Kind.V2;
      case V2_ENCRYPTED:
        return Kind.V2_ENCRYPTED;
      case V2_UPDATED:
        return Kind.V2_UPDATED;
      default:
        throw unsupported(container, at, version);
    }
  }

  /**
   * The kind of a footer ending a state of an updatable container: {@link Kind#V2} or {@link
   * Kind#V2_UPDATED}; a version below {@link #V2} is refused as too old, any other as too new.
   */
  public static Kind updatable(String container, long at, int version) throws UnsupportedVersionException {
    if (version == V2 || version == V2_UPDATED) {
      return dispatch(container, at, version);
    }
    throw version < V2 ? new UnsupportedVersionException.TooOld(container, at, version, OLDEST)
        : new UnsupportedVersionException.TooNew(container, at, version, NEWEST);
  }

  private static UnsupportedVersionException unsupported(String container, long at, int version) {
    return version < OLDEST ? new UnsupportedVersionException.TooOld(container, at, version, OLDEST)
        : new UnsupportedVersionException.TooNew(container, at, version, NEWEST);
  }

  /** Checks a v2 footer's version (plain or encrypted) and returns it. */
  public static int checkV2Footer(String container, long at, int version) throws UnsupportedVersionException {
    return Framing.checkVersion(container, at, "DES", version, V2_FOOTER_OLDEST, V2_FOOTER_NEWEST);
  }
}
