package io.easystore.mutate;

/**
 * How a container's bytes are used.
 *
 * @param fileBytes total length of the container file
 * @param liveBodyBytes stored bytes of bodies reachable from the committed index
 * @param deadBytes bytes no committed state refers to (freed bodies, superseded index deltas),
 *     reusable by later writes or reclaimed by compaction
 * @param liveEntries entries in the committed state, tombstones excluded
 * @param deltaSegments index delta segments on top of the base index
 */
public record SpaceStats(long fileBytes, long liveBodyBytes, long deadBytes, long liveEntries, int deltaSegments) {
  public SpaceStats {
    if (fileBytes < 0 || liveBodyBytes < 0 || deadBytes < 0 || liveEntries < 0 || deltaSegments < 0) {
      throw new IllegalArgumentException("negative space figure");
    }
  }
}
