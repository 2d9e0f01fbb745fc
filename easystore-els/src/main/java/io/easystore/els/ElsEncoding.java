package io.easystore.els;

/**
 * How bytes are spelled inside file names.
 *
 * <p>Every ELS name starts with a prefix that is unique within its directory, so names never
 * collide even on case-insensitive, case-preserving file systems (NTFS, APFS, exFAT):
 * {@link #BASE64URL} is safe there. {@link #BASE32} is for places that <em>fold</em> case (rename
 * to upper or lower case), such as some sync tools, ISO 9660 or FAT short names; it costs 20% more
 * files for the same data.
 */
public enum ElsEncoding {
  /** RFC 4648 section 5 alphabet ({@code A-Z a-z 0-9 - _}), no padding: 6 bits per name byte. */
  BASE64URL("b64"),
  /** RFC 4648 section 6 alphabet in lower case ({@code a-z 2-7}), no padding: 5 bits per byte. */
  BASE32("b32");

  private final String tag;

  ElsEncoding(String tag) {
    this.tag = tag;
  }

  /** The spelling used in the store marker name, e.g. {@code els.1.b64}. */
  String tag() {
    return tag;
  }

  static ElsEncoding fromTag(String tag) {
    for (ElsEncoding e : values()) {
      if (e.tag.equals(tag)) {
        return e;
      }
    }
    return null;
  }
}
