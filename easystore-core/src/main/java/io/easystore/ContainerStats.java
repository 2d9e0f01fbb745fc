package io.easystore;

/**
 * Shape of an open container, as recorded in its footer and index.
 *
 * @param formatVersion the DES format version (1 or later)
 * @param fileSize total bytes of the container
 * @param entries index entries, deleted ones included
 * @param liveEntries entries not flagged deleted
 * @param dataStart offset of the data region
 * @param dataBytes length of the data region
 * @param metaStart offset of the metadata region
 * @param metaBytes length of the metadata region
 * @param indexStart offset of the index region
 * @param indexBytes length of the index region
 * @param bodyBytes sum of the original sizes of live entries
 */
public record ContainerStats(
    int formatVersion, long fileSize, long entries, long liveEntries,
    long dataStart, long dataBytes, long metaStart, long metaBytes,
    long indexStart, long indexBytes, long bodyBytes) {

  public ContainerStats {
    if (formatVersion < 1 || fileSize < 0 || entries < 0 || liveEntries < 0 || liveEntries > entries) {
      throw new IllegalArgumentException("inconsistent stats");
    }
  }
}
