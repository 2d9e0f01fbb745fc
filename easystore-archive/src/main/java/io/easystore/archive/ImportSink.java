package io.easystore.archive;

import io.easystore.CorruptContainerException;
import io.easystore.DesWriter;
import io.easystore.EntryAttributes;
import io.easystore.LimitExceededException;
import io.easystore.internal.v1.V1Index;
import io.easystore.internal.v2.V2Paths;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where every importer puts entries: checks names, refuses contradictions (a path that is both a
 * file and a directory, a duplicate), applies the {@link ImportOptions} bounds while bodies
 * stream, and skips or fails per the strict flag. Used by one thread.
 */
final class ImportSink {
  private final DesWriter writer;
  private final ImportOptions options;
  private final String archive;
  private final long archiveBytes;
  private final boolean flat;
  private final Set<String> files = new HashSet<>();
  private final Set<String> directories = new HashSet<>();
  private final Set<String> explicitDirectories = new HashSet<>();
  private final List<String> skipped = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private long entries;
  private long written;
  private long fileCount;

  ImportSink(DesWriter writer, ImportOptions options, String archive, long archiveBytes) {
    this.writer = writer;
    this.options = options;
    this.archive = archive;
    this.archiveBytes = Math.max(1, archiveBytes);
    this.flat = writer.formatVersion() == 1;
  }

  /** Counts one archive entry against the entry limit. */
  void countEntry() throws LimitExceededException {
    if (++entries > options.maxEntries()) {
      throw new LimitExceededException(archive, CorruptContainerException.NO_OFFSET, null, "entry count", entries,
          options.maxEntries(), "ImportOptions.withMaxEntries or des import --max-entries");
    }
  }

  /** Leaves an entry out with a message, or fails the import when strict. */
  void skip(String rawName, String why) throws CorruptContainerException {
    String printable = rawName == null ? "?" : rawName.replace('\0', '?');
    if (options.strict()) {
      throw new CorruptContainerException(archive, CorruptContainerException.NO_OFFSET, printable,
          "entry " + why + "; nothing was written (without --strict such entries are skipped)");
    }
    skipped.add("'" + printable + "' " + why);
  }

  /**
   * Records a message about an entry that is imported, but not quite as named (a name that had to
   * be escaped, for one).
   */
  void note(String name, String what) {
    notes.add("'" + (name == null ? "?" : name.replace('\0', '?')) + "' " + what);
  }

  /** Leaves out an entry whose path a later entry of the archive gives another body; fails when strict. */
  void superseded(String rawName) throws CorruptContainerException {
    skip(rawName, "appears again later in the archive (this earlier copy is replaced by the last one, as tar and"
        + " unzip extract it)");
  }

  /**
   * The container path for an archive entry name, or null after skipping it. The archive's root
   * directory ({@code .} or {@code ./}) is the container's root and needs no entry; a file named so
   * is left out with a message.
   */
  String accept(String rawName, boolean directory) throws CorruptContainerException {
    EntryNames.Outcome o = EntryNames.normalize(rawName);
    if (o.problem() != null) {
      skip(rawName, o.problem());
      return null;
    }
    if (o.root()) {
      if (!directory) {
        skip(rawName, "is a file named after the root directory ('.'); a container cannot hold it");
      }
      return null;
    }
    try {
      if (flat) {
        V1Index.validateName(o.path());
      } else {
        V2Paths.validate(o.path());
      }
    } catch (IllegalArgumentException e) {
      skip(rawName, "cannot be stored: " + e.getMessage());
      return null;
    }
    return o.path();
  }

  /** Skips a link, saying whether it pointed inside or outside the archive. */
  void skipLink(String rawName, String target, boolean hard) throws CorruptContainerException {
    String kind = hard ? "hard link" : "symbolic link";
    EntryNames.Outcome o = EntryNames.normalize(rawName);
    boolean inside = o.path() != null && (hard ? EntryNames.normalize(target).problem() == null
        : EntryNames.linkStaysInside(o.path(), target));
    String why = hard ? "which is no file earlier in the archive (left out)"
        : "(not imported: containers hold files and directories)";
    skip(rawName, inside ? "is a " + kind + " to '" + target + "' " + why
        : "is a " + kind + " to '" + target + "', which points outside the archive (refused)");
  }

  private String conflict(String path, boolean directory) {
    if (files.contains(path)) {
      return directory ? "is already a file in this archive" : "appears twice (imported once)";
    }
    if (!directory && directories.contains(path)) {
      return "is already a directory in this archive";
    }
    for (int i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
      if (files.contains(path.substring(0, i))) {
        return "lies below '" + path.substring(0, i) + "', which is a file in this archive";
      }
    }
    return null;
  }

  private void rememberParents(String path) {
    for (int i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
      directories.add(path.substring(0, i));
    }
  }

  void directory(String rawName, String path, EntryAttributes attributes) throws IOException {
    if (flat) {
      return;
    }
    String problem = conflict(path, true);
    if (problem != null) {
      skip(rawName, problem);
      return;
    }
    if (explicitDirectories.add(path)) {
      writer.addDirectory(path, attributes);
      rememberParents(path);
      directories.add(path);
    }
  }

  void file(String rawName, String path, InputStream body, EntryAttributes attributes, ObjectNode meta)
      throws IOException {
    if (flat && path.indexOf('/') >= 0) {
      skip(rawName, "lies in a directory, but DES v1 holds flat names only (write DES v2)");
      return;
    }
    String problem = conflict(path, false);
    if (problem != null) {
      skip(rawName, problem);
      return;
    }
    writer.addFile(path, new Bounded(body, path), meta, attributes);
    files.add(path);
    rememberParents(path);
    fileCount++;
  }

  ImportResult result(String format) {
    return new ImportResult(format, fileCount, explicitDirectories.size(), written, skipped, notes);
  }

  /** Counts bytes as the writer pulls them and stops a bomb before it fills the disk. */
  private final class Bounded extends FilterInputStream {
    private final String path;

    Bounded(InputStream in, String path) {
      super(in);
      this.path = path;
    }

    private void count(long n) throws LimitExceededException {
      written += n;
      if (written > options.maxBytes()) {
        throw new LimitExceededException(archive, CorruptContainerException.NO_OFFSET, path, "expanded size",
            written, options.maxBytes(), "ImportOptions.withMaxBytes or des import --max-bytes");
      }
      if (written > ImportOptions.RATIO_FLOOR && written / archiveBytes > options.maxRatio()) {
        throw new LimitExceededException(archive, CorruptContainerException.NO_OFFSET, path,
            "expansion ratio (bytes written per byte of archive)", written / archiveBytes, options.maxRatio(),
            "ImportOptions.withMaxRatio or des import --max-ratio");
      }
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    @Override
    public void close() {
      // The importer owns the underlying stream (a tar stream must stay open for the next entry).
    }
  }
}
