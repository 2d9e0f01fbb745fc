package io.easystore.records;

/**
 * The archive ends with an incomplete page and no intact page after it: what a writer killed
 * mid-page leaves behind. Every page before {@link #pageOffset()} is intact; {@code des records
 * repair} (or {@link RecordArchives#repair}) trims the tail, and reopening for append does so
 * automatically.
 */
public class TornTailException extends CorruptPageException {
  private static final long serialVersionUID = 1L;

  private final long tailBytes;

  public TornTailException(String archive, long pageOffset, long tailBytes, String problem) {
    super(archive, pageOffset, null, NONE, "torn tail: " + tailBytes + " bytes after the last complete page ("
        + problem + "); run 'des records repair' to trim it", null);
    this.tailBytes = tailBytes;
  }

  /** How many bytes follow the last complete page. */
  public long tailBytes() {
    return tailBytes;
  }
}
