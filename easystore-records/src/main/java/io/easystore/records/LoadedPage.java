package io.easystore.records;

/**
 * A decoded page: its header, its entry stream and the records' spans in it. The arrays belong to
 * the one reader thread that loaded the page.
 */
record LoadedPage(PageHeader header, byte[] plain, int[] spans) {
  int count() {
    return spans.length / 2;
  }

  int offsetOf(int i) {
    return spans[2 * i];
  }

  int lengthOf(int i) {
    return spans[2 * i + 1];
  }

  Bookmark bookmark(int i) {
    return new Bookmark(header.offset(), i);
  }
}
