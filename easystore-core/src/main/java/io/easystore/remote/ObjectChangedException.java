package io.easystore.remote;

import java.io.IOException;

/**
 * The remote object was replaced, shrunk or deleted after a source opened it. Reads fail with this
 * rather than mix bytes of two versions; reopen the location to read the new version.
 */
public class ObjectChangedException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String location;
  private final String expected;
  private final String found;

  /**
   * @param location the source's name
   * @param expected the version pinned at open, as text
   * @param found what the server reported instead (a version, a size, a status), as text
   */
  public ObjectChangedException(String location, String expected, String found) {
    super(location + ": object changed since it was opened (opened " + expected + ", server now reports "
        + found + "); reopen it to read the new version");
    this.location = location;
    this.expected = expected;
    this.found = found;
  }

  /** The source's name. */
  public String location() {
    return location;
  }

  /** The version pinned at open. */
  public String expected() {
    return expected;
  }

  /** What the server reported instead. */
  public String found() {
    return found;
  }
}
