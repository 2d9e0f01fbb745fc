package io.easystore.archive;

import io.easystore.LimitExceededException;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * What a first pass over a tar's headers decides, so the import can do what tar does on
 * extraction: a path that appears more than once (after {@code tar -r}, for one) gets the body
 * of its last entry, and a hard link gets the body of the file it links to, as it was at that
 * point of the archive. Built by one thread, then read-only.
 */
final class TarPlan {
  private final Map<String, Integer> last = new HashMap<>();
  private final Map<String, Integer> bodyOf = new HashMap<>();
  private final Map<Integer, Integer> linkSource = new HashMap<>();
  private final Set<Integer> spool = new HashSet<>();
  private long declaredBytes;

  /** Reads every header of {@code in} (bodies skipped), bounding entries, declared sizes and expansion. */
  static TarPlan scan(TarImporter.Opened in, ImportOptions options) throws IOException {
    TarPlan p = new TarPlan();
    long entries = 0;
    for (int index = 0; ; index++) {
      TarArchiveEntry e = TarImporter.next(in);
      if (e == null) {
        return p;
      }
      TarImporter.Names n = TarImporter.names(in, e);
      if (++entries > options.maxEntries()) {
        throw new LimitExceededException(in.archive(), in.tar().getBytesRead(), null, "entry count", entries,
            options.maxEntries(), "ImportOptions.withMaxEntries or des import --max-entries");
      }
      String path = EntryNames.normalize(n.name()).path();
      if (path == null || path.isEmpty()) {
        continue;
      }
      if (e.isLink()) {
        String target = EntryNames.normalize(n.link()).path();
        Integer source = target == null ? null : p.bodyOf.get(target);
        if (source != null) {
          p.linkSource.put(index, source);
          p.spool.add(source);
          p.bodyOf.put(path, source);
          p.last.put(path, index);
        }
      } else if (e.isFile() && !e.isSymbolicLink() && !e.isSparse()) {
        p.bodyOf.put(path, index);
        p.last.put(path, index);
        p.declaredBytes += Math.max(0, e.getSize());
        if (p.declaredBytes > options.maxBytes()) {
          throw new LimitExceededException(in.archive(), in.tar().getBytesRead(), n.name(), "expanded size",
              p.declaredBytes, options.maxBytes(), "ImportOptions.withMaxBytes or des import --max-bytes");
        }
      } else {
        // A later symbolic link, device or directory of the same name does not replace the file.
        p.bodyOf.remove(path);
      }
    }
  }

  /** Whether entry {@code index} is the one whose body {@code path} gets. */
  boolean isLast(String path, int index) {
    Integer l = last.get(path);
    return l == null || l == index;
  }

  /** The entry whose body hard link {@code index} gets, or null when it links to nothing earlier. */
  Integer linkSource(int index) {
    return linkSource.get(index);
  }

  /** Whether the body of entry {@code index} is needed again by a hard link. */
  boolean spool(int index) {
    return spool.contains(index);
  }
}
