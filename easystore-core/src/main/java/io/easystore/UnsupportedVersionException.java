package io.easystore;

import java.io.IOException;

/**
 * A well-formed container whose format version this library cannot read. The two subclasses say
 * which way the version is off, because the remedies differ (upgrade the library, or convert an
 * ancient file with an older release).
 *
 * <p>Not a {@link CorruptContainerException} (as Lucene's IndexFormatTooOld/TooNewException are
 * siblings of CorruptIndexException): the file is not damaged, so a caller that quarantines
 * damaged files must not quarantine this one. Thrown for every format of the project: DES
 * containers and their regions, record archives, key indexes, ELS stores. Immutable.
 */
public abstract class UnsupportedVersionException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String container;
  private final long offset;
  private final String entry;
  private final String format;
  private final int version;

  UnsupportedVersionException(String container, long offset, String entry, String format, int version,
      String problem) {
    super(CorruptContainerException.format(container, offset, entry, problem));
    this.container = container;
    this.offset = offset;
    this.entry = entry;
    this.format = format;
    this.version = version;
  }

  /** The version number found in the file. */
  public int version() {
    return version;
  }

  /** The format or region whose version this is ("DES", "record archive", "DES key block", ...). */
  public String format() {
    return format;
  }

  /** The container's name as given by its source (path, URL or object key). */
  public String container() {
    return container;
  }

  /** The byte offset of the version field, or {@link CorruptContainerException#NO_OFFSET}. */
  public long offset() {
    return offset;
  }

  /** The entry whose version this is (an ELS record, ...), or {@code null}. */
  public String entry() {
    return entry;
  }

  /** The version is newer than any this library knows: upgrade EasyStore. */
  public static final class TooNew extends UnsupportedVersionException {
    private static final long serialVersionUID = 1L;

    public TooNew(String container, long offset, int version, int newestSupported) {
      this(container, offset, "DES", version, newestSupported);
    }

    /** For other formats: {@code format} names it in the message ("record archive", ...). */
    public TooNew(String container, long offset, String format, int version, int newestSupported) {
      this(container, offset, null, format, version, newestSupported);
    }

    /** For a version tied to one entry (an ELS record, ...). */
    public TooNew(String container, long offset, String entry, String format, int version, int newestSupported) {
      super(container, offset, entry, format, version, "Unsupported " + format + " version " + version
          + ": newer than this library reads (newest supported: " + newestSupported + "); upgrade EasyStore");
    }
  }

  /** The version is older than any this library knows. */
  public static final class TooOld extends UnsupportedVersionException {
    private static final long serialVersionUID = 1L;

    public TooOld(String container, long offset, int version, int oldestSupported) {
      this(container, offset, "DES", version, oldestSupported);
    }

    /** For other formats: {@code format} names it in the message ("record archive", ...). */
    public TooOld(String container, long offset, String format, int version, int oldestSupported) {
      this(container, offset, null, format, version, oldestSupported);
    }

    /** For a version tied to one entry (an ELS record, ...). */
    public TooOld(String container, long offset, String entry, String format, int version, int oldestSupported) {
      super(container, offset, entry, format, version, "Unsupported " + format + " version " + version
          + ": older than this library reads (oldest supported: " + oldestSupported + ")");
    }
  }
}
