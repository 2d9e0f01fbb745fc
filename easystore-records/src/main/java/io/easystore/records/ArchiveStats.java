package io.easystore.records;

import java.time.Instant;
import java.util.List;

/**
 * A summary of an archive from its page headers.
 *
 * @param fileSize bytes in the archive
 * @param pages intact pages
 * @param records records in them
 * @param storedBytes payload bytes as stored
 * @param plainBytes entry stream bytes before compression
 * @param firstPage creation time of the first page, or {@code null} without pages
 * @param lastPage creation time of the last page, or {@code null}
 * @param validEnd where the last intact page ends
 * @param tornTailBytes bytes of incomplete tail after it (0 if none)
 * @param damage damaged regions skipped inside the archive, in file order
 */
public record ArchiveStats(long fileSize, long pages, long records, long storedBytes, long plainBytes,
    Instant firstPage, Instant lastPage, long validEnd, long tornTailBytes, List<CorruptPageException> damage) {
  public ArchiveStats {
    damage = List.copyOf(damage);
  }
}
