package io.easystore;

/**
 * A well-formed container whose format version this library cannot read. The two subclasses say
 * which way the version is off, because the remedies differ (upgrade the library, or convert an
 * ancient file with an older release).
 */
public abstract class UnsupportedVersionException extends CorruptContainerException {
  private static final long serialVersionUID = 1L;

  private final int version;

  UnsupportedVersionException(String container, long offset, int version, String problem) {
    super(container, offset, null, problem);
    this.version = version;
  }

  /** The version number found in the file. */
  public int version() {
    return version;
  }

  /** The version is newer than any this library knows: upgrade EasyStore. */
  public static final class TooNew extends UnsupportedVersionException {
    private static final long serialVersionUID = 1L;

    public TooNew(String container, long offset, int version, int newestSupported) {
      this(container, offset, "DES", version, newestSupported);
    }

    /** For other formats: {@code format} names it in the message ("record archive", ...). */
    public TooNew(String container, long offset, String format, int version, int newestSupported) {
      super(container, offset, version, "Unsupported " + format + " version " + version
          + ": newer than this library reads (newest supported: " + newestSupported
          + "); upgrade EasyStore");
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
      super(container, offset, version, "Unsupported " + format + " version " + version
          + ": older than this library reads (oldest supported: " + oldestSupported + ")");
    }
  }
}
