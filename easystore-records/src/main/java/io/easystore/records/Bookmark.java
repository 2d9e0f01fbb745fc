package io.easystore.records;

/**
 * Where one record lives: the byte offset of its page and its position within the page. A
 * bookmark stays valid for the life of the archive (pages are never rewritten); its text form is
 * {@code "<pageOffset>:<index>"}, for example {@code "4096:17"}.
 *
 * @param pageOffset the page's offset, a multiple of 16
 * @param index the record's position in the page, from 0
 */
public record Bookmark(long pageOffset, int index) implements Comparable<Bookmark> {

  public Bookmark {
    if (pageOffset < 0 || (pageOffset & 15) != 0) {
      throw new IllegalArgumentException("page offset must be a non-negative multiple of 16, got " + pageOffset);
    }
    if (index < 0) {
      throw new IllegalArgumentException("record index must be >= 0, got " + index);
    }
  }

  /**
   * Parses the text form {@code "<pageOffset>:<index>"}.
   *
   * @throws IllegalArgumentException with a one-line message for anything else
   */
  public static Bookmark parse(String text) {
    int colon = text.indexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException("bookmark must look like PAGE_OFFSET:INDEX (e.g. 4096:17), got '"
          + text + "'");
    }
    try {
      return new Bookmark(Long.parseLong(text.substring(0, colon)), Integer.parseInt(text.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bookmark must look like PAGE_OFFSET:INDEX (e.g. 4096:17), got '"
          + text + "'");
    }
  }

  @Override
  public int compareTo(Bookmark o) {
    int c = Long.compare(pageOffset, o.pageOffset);
    return c != 0 ? c : Integer.compare(index, o.index);
  }

  @Override
  public String toString() {
    return pageOffset + ":" + index;
  }
}
