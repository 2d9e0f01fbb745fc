package io.easystore.internal.v1;

import io.easystore.CorruptContainerException;
import com.fasterxml.jackson.databind.JsonNode;
import io.easystore.IndexEntry;
import io.easystore.VerifyReport;
import io.easystore.internal.common.ExternalBodies;
import io.easystore.io.RangeSource;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The full pass behind {@code DesReader.verify()} for v1. Single-use, not thread-safe. */
final class V1Verifier {
  interface MetaReader {
    JsonNode read(IndexEntry e) throws IOException;
  }

  private final RangeSource source;
  private final V1Footer footer;
  private final List<IndexEntry> index;
  private final MetaReader metaReader;
  private final List<String> problems = new ArrayList<>();

  V1Verifier(RangeSource source, V1Footer footer, List<IndexEntry> index, MetaReader metaReader) {
    this.source = source;
    this.footer = footer;
    this.index = index;
    this.metaReader = metaReader;
  }

  private ExternalBodies external;

  /** Also reads external bodies through {@code external}. */
  V1Verifier withExternal(ExternalBodies external) {
    this.external = external;
    return this;
  }

  VerifyReport run(io.easystore.VerifyListener listener) throws IOException {
    checkHeader();
    listener.total(index.size());
    long done = 0;
    long bytes = 0;
    Set<String> seen = new HashSet<>();
    byte[] buf = new byte[64 << 10];
    for (IndexEntry e : index) {
      if (!seen.add(e.name())) {
        problems.add("entry '" + e.name() + "': duplicate name (readers return the last one)");
      }
      try {
        V1Index.validateName(e.name());
      } catch (IllegalArgumentException ex) {
        problems.add("entry '" + e.name() + "': " + ex.getMessage());
      }
      if (!e.isExternal()) {
        bytes += readAll(e, buf);
      } else if (external != null) {
        bytes += readExternal(e, buf);
      }
      checkMeta(e);
      listener.checked(++done);
    }
    checkOverlaps();
    return new VerifyReport(source.name(), index.size(), bytes, problems);
  }

  private void checkHeader() throws IOException {
    ByteBuffer h = ByteBuffer.allocate(V1Footer.HEADER_SIZE);
    source.readFully(0, h);
    byte[] expected = V1Footer.header();
    io.easystore.internal.bytes.Framing.checkMagic(source.name(), 0, h.array(), 0, V1Footer.HEADER_MAGIC,
        "bad header magic");
    if (!Arrays.equals(h.array(), expected)) {
      problems.add("header @ offset 8: version " + (h.get(8) & 0xff)
          + " or reserved bytes differ from the footer's version 1");
    }
  }

  /** Reads an external body through its sibling; a missing or replaced sibling is a problem, not a failure. */
  private long readExternal(IndexEntry e, byte[] buf) {
    try (java.io.InputStream in = external.storedStream(e)) {
      long n = 0;
      int r;
      while ((r = in.read(buf)) >= 0) {
        n += r;
      }
      return n;
    } catch (IOException ex) {
      problems.add(ex.getMessage());
      return 0;
    }
  }

  private long readAll(IndexEntry e, byte[] buf) throws IOException {
    long pos = e.dataOffset();
    long end = e.dataEnd();
    while (pos < end) {
      int n = (int) Math.min(buf.length, end - pos);
      source.readFully(pos, ByteBuffer.wrap(buf, 0, n));
      pos += n;
    }
    return e.storedLength();
  }

  private void checkMeta(IndexEntry e) {
    JsonNode meta;
    try {
      meta = metaReader.read(e);
    } catch (IOException ex) {
      problems.add(ex.getMessage());
      return;
    }
    if (!meta.isObject()) {
      problems.add("entry '" + e.name() + "' @ offset " + e.metaOffset() + ": metadata is a "
          + meta.getNodeType() + ", not an object");
      return;
    }
    JsonNode size = meta.get("size");
    if (size == null) {
      problems.add("entry '" + e.name() + "': metadata has no \"size\"");
    } else if (!e.isExternal() && (!size.canConvertToExactIntegral() || size.asLong() != e.size())) {
      problems.add("entry '" + e.name() + "': metadata size " + size + " but body is " + e.size() + " bytes");
    }
  }

  private void checkOverlaps() {
    IndexEntry[] sorted = index.stream().filter(e -> !e.isExternal() && e.storedLength() > 0)
        .toArray(IndexEntry[]::new);
    Arrays.sort(sorted, Comparator.comparingLong(IndexEntry::dataOffset));
    for (int i = 1; i < sorted.length; i++) {
      if (sorted[i].dataOffset() < sorted[i - 1].dataEnd()) {
        problems.add("entries '" + sorted[i - 1].name() + "' and '" + sorted[i].name()
            + "' share bytes at offset " + sorted[i].dataOffset());
      }
    }
    if (footer.fileCount() != index.size()) {
      problems.add("footer counts " + footer.fileCount() + " entries, index holds " + index.size());
    }
  }
}
