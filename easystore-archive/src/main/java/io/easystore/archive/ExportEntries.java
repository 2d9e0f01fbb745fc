package io.easystore.archive;

import io.easystore.DesReader;
import io.easystore.IndexEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The entries an export writes, in the order it writes them; shared by the tar and zip exporters. Stateless. */
final class ExportEntries {
  private ExportEntries() {}

  /**
   * The entries to write, each directory followed by everything below it (depth first, as tar
   * itself writes): GNU tar sets a directory's modification time once it has extracted the
   * entries after it that lie inside it, so contents that come after unrelated siblings would
   * touch the directory again. Names that are unsafe or repeated (DES v1) are reported in
   * {@code skipped}; of a repeated v1 name the last record is kept, whose body readers serve.
   */
  static List<IndexEntry> depthFirst(DesReader.EntryCursor entries, List<String> skipped) throws IOException {
    Map<String, IndexEntry> byName = new HashMap<>();
    IndexEntry e;
    while ((e = entries.next()) != null) {
      EntryNames.Outcome o = EntryNames.normalize(e.name());
      if (o.problem() != null || o.root() || !o.path().equals(e.name())) {
        skipped.add("'" + e.name().replace('\0', '?') + "' "
            + (o.problem() != null ? o.problem() : "is not a normalised path (refused)"));
        continue;
      }
      if (byName.put(e.name(), e) != null) {
        skipped.add("'" + e.name() + "' appears twice in the container (exported once, with the last record's"
            + " size and body, which readers serve)");
      }
    }
    List<IndexEntry> out = new ArrayList<>(byName.values());
    out.sort((a, b) -> depthFirstOrder(a.name(), b.name()));
    return out;
  }

  /** Orders paths as a depth-first walk visits them: {@code '/'} sorts before every other character. */
  static int depthFirstOrder(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        return x == '/' ? -1 : y == '/' ? 1 : Character.compare(x, y);
      }
    }
    return Integer.compare(a.length(), b.length());
  }

  /** Copies {@code e}'s body into the open archive entry through {@code buf}; returns the bytes copied. */
  static long copyBody(DesReader reader, IndexEntry e, OutputStream out, byte[] buf) throws IOException {
    long bytes = 0;
    try (InputStream in = reader.openStream(e.name())) {
      int n;
      while ((n = in.read(buf)) > 0) {
        out.write(buf, 0, n);
        bytes += n;
      }
    }
    return bytes;
  }
}
