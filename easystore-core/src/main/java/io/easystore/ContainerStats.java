package io.easystore;

/**
 * Shape of an open container, as recorded in its footer and index.
 *
 * @param formatVersion the DES format version (1 or later)
 * @param fileSize total bytes of the container
 * @param entries file entries, deleted ones included (directories are counted separately)
 * @param liveEntries file entries not flagged deleted
 * @param dataStart offset of the data region
 * @param dataBytes length of the data region
 * @param metaStart offset of the metadata region
 * @param metaBytes length of the metadata region
 * @param indexStart offset of the index region
 * @param indexBytes length of the index: in v2 its pages, dictionaries, root block and footer
 * @param bodyBytes sum of the original sizes of live entries
 * @param directories directory entries (v2; 0 for v1)
 * @param storedBodyBytes sum of the stored (possibly compressed) sizes of live entries
 * @param pageSize index page size in bytes (v2; 0 for v1, whose index is one block)
 * @param indexLevels levels of the index tree counting the root (v2; 1 for v1)
 * @param dictionaries compression dictionaries stored in the container
 */
public record ContainerStats(
    int formatVersion, long fileSize, long entries, long liveEntries,
    long dataStart, long dataBytes, long metaStart, long metaBytes,
    long indexStart, long indexBytes, long bodyBytes,
    long directories, long storedBodyBytes, int pageSize, int indexLevels, int dictionaries) {

  public ContainerStats {
    if (formatVersion < 1 || fileSize < 0 || entries < 0 || liveEntries < 0 || liveEntries > entries
        || directories < 0 || pageSize < 0 || indexLevels < 0 || dictionaries < 0) {
      throw new IllegalArgumentException("inconsistent stats");
    }
  }

  /** The v1 shape: no directories, no compression, one index block. */
  public ContainerStats(int formatVersion, long fileSize, long entries, long liveEntries,
      long dataStart, long dataBytes, long metaStart, long metaBytes,
      long indexStart, long indexBytes, long bodyBytes) {
    this(formatVersion, fileSize, entries, liveEntries, dataStart, dataBytes, metaStart, metaBytes,
        indexStart, indexBytes, bodyBytes, 0, bodyBytes, 0, 1, 0);
  }
}
