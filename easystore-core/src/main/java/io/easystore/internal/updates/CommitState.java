package io.easystore.internal.updates;

import io.easystore.ChecksumKind;
import io.easystore.CorruptContainerException;
import io.easystore.DesReader;
import io.easystore.ReaderOptions;
import io.easystore.UnsupportedVersionException;
import io.easystore.crypto.EncryptedContainerUpdateException;
import io.easystore.internal.common.EntryFields;
import io.easystore.internal.v1.V1Footer;
import io.easystore.internal.v2.RootBlock;
import io.easystore.internal.v2.V2Bodies;
import io.easystore.internal.v2.V2Footer;
import io.easystore.internal.v2.V2Header;
import io.easystore.internal.v2.V2Index;
import io.easystore.io.RangeSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The last committed state of a DES v2 container that may have been updated in place
 * (docs/FORMAT.md, "DES v2 updates"): the base container, the live delta segments newest first,
 * and the commit record, located from the end of the file or, when the end is torn by a crash or
 * by a commit in progress, from the update anchor in the header.
 *
 * <p>Immutable and thread-safe. It holds parsed structures, not a source: {@link #reader} and the
 * scanning methods take the source to read through, so several readers of one file share its
 * parsed layers and page caches.
 */
public final class CommitState {
  private final String name;
  private final long fileSize;
  private final long anchor;
  private final CommitRecord record;
  private final Layer base;
  private final List<Layer> deltas;
  private final int recordLength;

  CommitState(String name, long fileSize, long anchor, CommitRecord record, int recordLength, Layer base,
      List<Layer> deltas) {
    this.name = name;
    this.fileSize = fileSize;
    this.anchor = anchor;
    this.record = record;
    this.base = base;
    this.deltas = List.copyOf(deltas);
    this.recordLength = record == null ? 0 : recordLength;
  }

  /**
   * Locates and parses the committed state of {@code source}. With {@code readAnchor}, the header
   * is read too (one more small read unless the file fits the tail): a tail that disagrees with its
   * anchor is an incomplete commit and the anchored state is returned ({@link #tornTail()}).
   * Without it (remote sources) only a complete tail is accepted.
   */
  public static CommitState locate(RangeSource source, ReaderOptions options, boolean readAnchor) throws IOException {
    return locate(source, options, readAnchor, null);
  }

  /**
   * {@link #locate(RangeSource, ReaderOptions, boolean)}, reusing the parsed layers (and their
   * cached pages) that {@code previous}, an earlier state of the same file, shares with the new
   * one: an updater's commit changes the newest layers only.
   */
  public static CommitState locate(RangeSource source, ReaderOptions options, boolean readAnchor,
      CommitState previous) throws IOException {
    String name = source.name();
    long size = source.size();
    if (size < CommitRecord.MIN_BASE_BYTES) {
      throw new CorruptContainerException(name, 0, null, "file is " + size
          + " bytes, shorter than the smallest DES v2 container: truncated or not DES");
    }
    StateParser.Bytes tail = StateParser.Bytes.read(source, size, options.tailBytes());
    int footerAt = tail.index(size - V2Footer.SIZE);
    if (Arrays.equals(tail.buf(), footerAt, footerAt + 8, V1Footer.FOOTER_MAGIC, 0, 8)
        && (tail.buf()[footerAt + 8] & 0xff) == io.easystore.internal.common.Formats.V2_ENCRYPTED) {
      // The header bytes an update anchor would use hold the encryption flag and key block length.
      throw new EncryptedContainerUpdateException(name);
    }
    long anchor = 0;
    if (readAnchor) {
      byte[] h = tail.start() == 0 ? tail.buf() : source.readFully(0, V2Footer.HEADER_SIZE);
      boolean v2Header = Arrays.equals(h, 0, 8, V1Footer.HEADER_MAGIC, 0, 8)
          && (h[8] & 0xff) == io.easystore.internal.common.Formats.V2;
      anchor = v2Header ? V2Header.readAnchor(h, 0) : 0;
    }
    IOException tailProblem;
    try {
      CommitState s = StateParser.parseAt(source, options, tail, size, anchor, previous);
      boolean consistent = anchor == 0 || anchor == size
          || (s.record != null && anchor == s.record.prevEnd());
      if (consistent) {
        return s;
      }
      tailProblem = new CorruptContainerException(name, size - V2Footer.SIZE, null,
          "the footer at the end disagrees with the update anchor " + anchor + " in the header");
    } catch (UnsupportedVersionException e) {
      if (anchor == 0 || anchor >= size) {
        throw e;
      }
      tailProblem = e;
    } catch (CorruptContainerException e) {
      tailProblem = e;
    }
    if (anchor == 0 || anchor >= size) {
      throw tailProblem;
    }
    // An incomplete commit (crash, or one in progress): the anchor names the last committed end.
    try {
      return StateParser.parseAt(source, options, StateParser.Bytes.read(source, anchor, options.tailBytes()), size,
          anchor, previous);
    } catch (CorruptContainerException | UnsupportedVersionException e) {
      e.addSuppressed(tailProblem);
      throw e;
    }
  }

  /** The container's name as its source gives it. */
  public String name() {
    return name;
  }

  /** Generation of the committed state: 0 for a plain v2 container, then one more per commit. */
  public long generation() {
    return record == null ? 0 : record.generation();
  }

  /** Where the committed state ends (its footer's end). */
  public long committedEnd() {
    return record == null ? base.end() : record.commitEnd();
  }

  /** The length of the file when the state was located. */
  public long fileSize() {
    return fileSize;
  }

  /** Whether bytes follow the committed state: a crash or a commit in progress left them. */
  public boolean tornTail() {
    return fileSize > committedEnd();
  }

  /** The update anchor read from the header, or 0 (none, or the header was not read). */
  public long anchor() {
    return anchor;
  }

  /** The commit record, or null for a container never updated in place. */
  public CommitRecord record() {
    return record;
  }

  public long baseEnd() {
    return base.end();
  }

  public UUID uuid() {
    return base.footer().uuid();
  }

  public ChecksumKind checksumKind() {
    return base.footer().checksumKind();
  }

  public int deltaCount() {
    return deltas.size();
  }

  /** Start (metadata region) of delta segment {@code i}, newest first. */
  public long deltaStart(int i) {
    return deltas.get(i).start();
  }

  public long deltaEnd(int i) {
    return deltas.get(i).end();
  }

  /** Index entries (tombstones included) of delta segment {@code i}. */
  public long deltaEntries(int i) {
    return deltas.get(i).entries();
  }

  /** Offset of the base container's index pages. */
  public long baseIndexStart() {
    return base.footer().indexStart();
  }

  public long liveFiles() {
    return record == null ? base.root().liveFiles() : record.liveFiles();
  }

  public long directories() {
    return record == null ? base.root().directories() : record.directories();
  }

  public long originalBytes() {
    return record == null ? base.root().originalBytes() : record.originalBytes();
  }

  public long storedBytes() {
    return record == null ? base.root().storedBytes() : record.storedBytes();
  }

  /** Tombstones in the delta segments plus deleted entries of the base. */
  public long tombstones() {
    long n = base.root().deleted();
    for (Layer d : deltas) {
      n += d.root().deleted();
    }
    return n;
  }

  /** Free space below this offset is never reused (see {@link CommitRecord#protectedEnd()}). */
  public long protectedEnd() {
    return record == null ? 0 : record.protectedEnd();
  }

  /** Bytes no committed state refers to: listed free extents and dropped small ones. */
  public long deadBytes() {
    return record == null ? 0 : record.freeBytes() + record.unlistedDeadBytes();
  }

  Layer base() {
    return base;
  }

  Layer deltaEnding(long end) {
    for (Layer d : deltas) {
      if (d.end() == end) {
        return d;
      }
    }
    return null;
  }

  /** Where the commit record starts (the committed end for a plain v2 container). */
  public long recordStart() {
    return record == null ? committedEnd() : committedEnd() - recordLength;
  }

  List<Layer> deltas() {
    return deltas;
  }

  /**
   * A reader of this state, plus {@code overlay} (may be null) on top. The reader owns
   * {@code source}; {@code onClose} (may be null) runs after the source is closed.
   */
  public DesReader reader(RangeSource source, ReaderOptions options, Overlay overlay, java.io.Closeable onClose) {
    return new LayeredReader(this, source, options, overlay, onClose);
  }

  /** Walks every entry of delta segment {@code i} in key order, tombstones included. */
  public interface Scan {
    /** Decodes the next entry into {@code into}; false at the end. */
    boolean next(EntryFields into) throws IOException;
  }

  /** A scan of delta segment {@code i} (newest first) read through {@code source}. */
  public Scan scan(RangeSource source, int i) {
    V2Index.Cursor c = deltas.get(i).index(source).cursor();
    return new Scan() {
      private boolean started;

      @Override
      public boolean next(EntryFields into) throws IOException {
        boolean more = started ? c.next() : c.seekCeil(new byte[0]);
        started = true;
        if (more) {
          into.copyFrom(c.fields());
        }
        return more;
      }
    };
  }

  /**
   * Walks the live entries of this state in key order (every layer merged, newest first; deleted
   * entries and tombstones skipped), as raw fields: metadata offsets are absolute, bodies as
   * stored. For rewriting a container without decoding paths.
   */
  public Scan scanLive(RangeSource source) {
    V2Index[] indexes = new V2Index[deltas.size() + 1];
    for (int i = 0; i < deltas.size(); i++) {
      indexes[i] = deltas.get(i).index(source);
    }
    indexes[deltas.size()] = base.index(source);
    MergeCursor c = new MergeCursor(null, indexes);
    return new Scan() {
      private boolean started;

      @Override
      public boolean next(EntryFields into) throws IOException {
        while (true) {
          boolean more = started ? c.next() : c.seek(new byte[0]);
          started = true;
          if (!more) {
            return false;
          }
          if (!c.fields().isDeleted()) {
            into.copyFrom(c.fields());
            return true;
          }
        }
      }
    };
  }

  /** Whether the base container holds {@code key} (live or deleted). */
  public boolean baseContains(RangeSource source, byte[] key) throws IOException {
    return base.index(source).find(key, new EntryFields());
  }

  /** The base container's zstd dictionaries (id {@code i + 1} at index {@code i}), checked. */
  public List<byte[]> dictionaries(RangeSource source, ReaderOptions options) throws IOException {
    V2Bodies b = new V2Bodies(source, base.root(), base.tail(), base.tailStart(), options);
    List<byte[]> out = new ArrayList<>();
    for (RootBlock.DictRef d : base.root().dictionaries()) {
      out.add(b.loadDictionary(d));
    }
    return out;
  }
}
