package io.easystore.internal.updates;

import io.easystore.IndexEntry;
import io.easystore.VerifyReport;
import io.easystore.internal.common.EntryFields;
import io.easystore.internal.v1.V1Footer;
import io.easystore.internal.v2.V2Footer;
import io.easystore.internal.v2.V2Index;
import io.easystore.internal.v2.V2Paths;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The full pass behind {@code verify()} for a container updated in place: the header; every
 * layer's index walked in order (pages are checked as they load); the merged view, in which every
 * live body and metadata record is read against its checksum, every entry's parent directory must
 * exist, no live body may lie in a free extent or in a live index region; and the counts of the
 * commit record. Problems are reported and the pass goes on. Single-use, not thread-safe; memory
 * grows with the free list only.
 */
final class LayeredVerifier {
  private final LayeredReader reader;
  private final CommitState state;
  private final List<String> problems = new ArrayList<>();
  private final TreeMap<Long, Long> reserved = new TreeMap<>();
  private final byte[] buf = new byte[64 << 10];
  private long bytesChecked;

  LayeredVerifier(LayeredReader reader) {
    this.reader = reader;
    this.state = reader.state();
  }

  VerifyReport run(io.easystore.VerifyListener listener) throws IOException {
    listener.total(state.liveFiles() + state.directories());
    checkHeader();
    V2Index[] idx = reader.indexes();
    for (int i = 0; i < idx.length; i++) {
      walkLayer(idx[i], i < state.deltaCount() ? "delta segment " + i : "base index");
    }
    reserve(state.baseIndexStart(), state.baseEnd());
    for (int i = 0; i < state.deltaCount(); i++) {
      reserve(state.deltaStart(i), state.deltaEnd(i));
    }
    CommitRecord rec = state.record();
    if (rec != null) {
      reserve(state.recordStart(), rec.commitEnd());
      for (CommitRecord.Extent x : rec.free()) {
        if (overlaps(x.offset(), x.end())) {
          problems.add("free extent [" + x.offset() + ", " + x.end()
              + ") overlaps an index region or the commit record");
        }
        reserve(x.offset(), x.end());
      }
    }
    long entries = 0;
    long files = 0;
    long dirs = 0;
    long original = 0;
    long stored = 0;
    try (java.util.stream.Stream<IndexEntry> all = reader.entries()) {
      for (IndexEntry e : (Iterable<IndexEntry>) all::iterator) {
        entries++;
        checkParent(e.name());
        if (e.isDirectory()) {
          dirs++;
          listener.checked(entries);
          continue;
        }
        files++;
        original += e.size();
        stored += e.isExternal() ? 0 : e.storedLength();
        checkEntry(e);
        listener.checked(entries);
      }
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
    if (files != state.liveFiles() || dirs != state.directories() || original != state.originalBytes()
        || stored != state.storedBytes()) {
      problems.add("merged index holds " + files + " files, " + dirs + " directories, " + original + " bytes ("
          + stored + " stored) but the commit records " + state.liveFiles() + ", " + state.directories() + ", "
          + state.originalBytes() + " (" + state.storedBytes() + ")");
    }
    return new VerifyReport(reader.name(), entries, bytesChecked, problems);
  }

  private void checkHeader() throws IOException {
    byte[] h = reader.source().readFully(0, V2Footer.HEADER_SIZE);
    io.easystore.internal.bytes.Framing.checkMagic(reader.name(), 0, h, 0, V1Footer.HEADER_MAGIC, "bad header magic");
    if ((h[8] & 0xff) != V2Footer.VERSION) {
      problems.add("header @ offset 8: version " + (h[8] & 0xff) + " differs from 2");
    }
    UUID uuid = new UUID(io.easystore.internal.bytes.ByteCursor.getLe64(h, 16), io.easystore.internal.bytes.ByteCursor.getLe64(h, 24));
    if (!uuid.equals(state.uuid())) {
      problems.add("header @ offset 16: container UUID " + uuid + " differs from the footer's " + state.uuid());
    }
  }

  /** Walks one layer's entries in order; a page that fails to load ends that layer's walk. */
  private void walkLayer(V2Index index, String what) {
    V2Index.Cursor c = index.cursor();
    byte[] prev = null;
    long n = 0;
    try {
      boolean more = c.seekCeil(new byte[0]);
      while (more) {
        EntryFields f = c.fields();
        byte[] key = f.keyCopy();
        if (prev != null && Arrays.compareUnsigned(prev, key) >= 0) {
          problems.add(what + ": keys out of order at entry " + n);
        }
        prev = key;
        n++;
        more = c.next();
      }
    } catch (IOException e) {
      problems.add(e.getMessage());
      return;
    }
    if (n != index.footer().entryCount()) {
      problems.add(what + " holds " + n + " entries but its footer counts " + index.footer().entryCount());
    }
  }

  private void reserve(long from, long to) {
    if (to > from) {
      reserved.put(from, to);
    }
  }

  private boolean overlaps(long from, long to) {
    Map.Entry<Long, Long> below = reserved.lowerEntry(to);
    return below != null && below.getValue() > from;
  }

  private void checkParent(String path) throws IOException {
    String parent = V2Paths.parent(path);
    if (!parent.isEmpty() && !reader.isDirectory(parent)) {
      problems.add("entry '" + path + "': parent directory '" + parent + "' is not in the index");
    }
  }

  private void checkEntry(IndexEntry e) {
    if (!reader.hasOverlay() && !e.isExternal() && e.storedLength() > 0 && overlaps(e.dataOffset(), e.dataEnd())) {
      problems.add("entry '" + e.name() + "': body [" + e.dataOffset() + ", " + e.dataEnd()
          + ") overlaps free space or an index region");
    }
    if (!e.isEncrypted()) {
      try (InputStream in = reader.bodies().stream(e, true)) {
        int n;
        while ((n = in.read(buf)) >= 0) {
          bytesChecked += n;
        }
      } catch (IOException ex) {
        problems.add(ex.getMessage());
      }
    }
    if (e.metaLength() > 0) {
      try {
        reader.getMeta(e.name());
      } catch (IOException ex) {
        problems.add(ex.getMessage());
      }
    }
  }
}
