package io.easystore.records;

/**
 * What {@link RecordArchives#repair} found and did.
 *
 * @param validEnd where the last intact page ends; the file's new length when trimmed
 * @param pages intact pages
 * @param records records in them
 * @param tornBytes bytes of torn tail found (0 when the archive was intact)
 * @param trimmed whether the file was actually cut (false for a dry run or an intact archive)
 * @param problem why the tail was unreadable, or {@code null}
 */
public record RepairResult(long validEnd, long pages, long records, long tornBytes, boolean trimmed,
    String problem) {}
