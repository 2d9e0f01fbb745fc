package io.easystore.els;

import io.easystore.CorruptContainerException;

/**
 * An ELS store or record written with a format version this library does not read. The two
 * subclasses say which way the version is off, because the remedies differ.
 */
public abstract class ElsVersionException extends CorruptContainerException {
  private static final long serialVersionUID = 1L;

  private final int version;

  ElsVersionException(String store, String entry, int version, String problem) {
    super(store, NO_OFFSET, entry, problem);
    this.version = version;
  }

  /** The version found in the store. */
  public int version() {
    return version;
  }

  /** Written by a newer EasyStore: upgrade to read it. */
  public static final class TooNew extends ElsVersionException {
    private static final long serialVersionUID = 1L;

    TooNew(String store, String entry, int version, int newest) {
      super(store, entry, version, "Unsupported ELS version " + version
          + ": newer than this library reads (newest supported: " + newest + "); upgrade EasyStore");
    }
  }

  /** Older than any version this library knows. */
  public static final class TooOld extends ElsVersionException {
    private static final long serialVersionUID = 1L;

    TooOld(String store, String entry, int version, int oldest) {
      super(store, entry, version, "Unsupported ELS version " + version
          + ": older than this library reads (oldest supported: " + oldest + ")");
    }
  }
}
