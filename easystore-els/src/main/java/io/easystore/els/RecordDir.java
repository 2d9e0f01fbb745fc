package io.easystore.els;

import io.easystore.CorruptContainerException;
import io.easystore.LimitExceededException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.CRC32C;

/**
 * Reads and writes the one record a directory holds, as empty files whose names carry the bytes.
 *
 * <p>A record is a sequence of generations; the newest generation whose segment 0 has a commit
 * marker is the record, and its value is segment 0 (after the header) followed by segments
 * 1..k, each present only if its own marker is. Writers create all chunks of a segment, force the
 * directory, and only then create the marker, so a crash leaves either the old record or the new
 * one, and an interrupted append leaves the value as it was before the append.
 *
 * <p>Thread-safe for reads; writes to one directory must be serialized by the caller.
 */
final class RecordDir {
  /** Values up to this size share segment 0 with the header: one file and one marker fewer. */
  static final int INLINE_MAX = 1024;
  private static final int READ_ATTEMPTS = 5;
  /** Windows cannot open a directory as a channel; NTFS journals directory changes in order. */
  private static final boolean DIRECTORY_FSYNC =
      !System.getProperty("os.name", "").startsWith("Windows");

  private final String store;
  private final Path root;
  private final ElsEncoding encoding;
  private final ElsOptions options;
  /** Prefix of the place marker ({@link Places}): not an ELS name, so readers before it ignore the file. */
  static final String PLACE_PREFIX = Places.PREFIX;

  RecordDir(String store, Path root, ElsEncoding encoding, ElsOptions options) {
    this.store = store;
    this.root = root;
    this.encoding = encoding;
    this.options = options;
  }

  /** The committed record of a directory. {@code value} is null unless it was asked for. */
  record Committed(long generation, int segments, Header header, long valueLength, byte[] value) {}

  CorruptContainerException corrupt(Path dir, String problem) {
    return new CorruptContainerException(store, CorruptContainerException.NO_OFFSET, where(dir), problem);
  }

  String where(Path dir) {
    String rel = root.relativize(dir).toString().replace('\\', '/');
    return rel.isEmpty() ? "/" : rel;
  }

  /** Lists and parses a directory; null if it does not exist. */
  Listing list(Path dir) throws IOException {
    Listing l = new Listing();
    boolean fold = encoding == ElsEncoding.BASE32;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        String name = p.getFileName().toString();
        Names.Parsed parsed;
        try {
          parsed = Names.parse(name, fold);
        } catch (IllegalArgumentException e) {
          throw corrupt(dir, "malformed name '" + name + "': " + e.getMessage());
        }
        if (parsed == null) {
          l.foreign.add(name);
        } else {
          l.add(parsed);
        }
      }
    } catch (NoSuchFileException e) {
      return null;
    } catch (NotDirectoryException e) {
      throw corrupt(dir, "expected a directory, found a file");
    }
    return l;
  }

  /**
   * Reads the committed record of {@code dir}, or null if there is none (missing directory, or
   * only uncommitted generations left by an interrupted write). Listings that look damaged are
   * retried, because a concurrent writer can make one directory read miss files.
   */
  Committed read(Path dir, boolean withValue) throws IOException {
    for (int attempt = 1; ; attempt++) {
      Listing l = list(dir);
      if (l == null) {
        return null;
      }
      try {
        Committed c = committed(dir, l, withValue);
        // Files of a generation but no commit marker: a crash leftover, or a listing that missed
        // both the old generation's marker (being removed) and the new one's (just created).
        if (c == null && !l.generations.isEmpty() && attempt < READ_ATTEMPTS) {
          continue;
        }
        return c;
      } catch (CorruptContainerException e) {
        // Only damage is retried: a limit or a version error is not a writer moving on.
        if (attempt == READ_ATTEMPTS) {
          throw e;
        }
        // A writer may be between creating chunks and removing an old generation: let it move on.
        LockSupport.parkNanos(attempt * 1_000_000L);
      }
    }
  }

  Committed committed(Path dir, Listing l, boolean withValue) throws IOException {
    long gen = l.committedGeneration();
    if (gen < 0) {
      return null;
    }
    String moved = Places.movedFrom(this, root, dir, l);
    if (moved != null) {
      throw corrupt(dir, "this directory was moved here from another place in the store (its place marker '"
          + moved + "' names another parent); it is reported, not followed");
    }
    if (!l.problems.isEmpty()) {
      throw corrupt(dir, l.problems.get(0));
    }
    Listing.Generation g = l.generations.get(gen);
    int k = 0;
    long rest = 0;
    for (Map.Entry<Integer, Listing.Segment> e : g.segments.entrySet()) {
      if (e.getValue().marker == null) {
        continue;
      }
      if (e.getKey() != k) {
        throw corrupt(dir, "generation " + gen + " has a committed segment " + e.getKey()
            + " after a missing segment " + k);
      }
      planDecode(dir, gen, k, e.getValue());
      if (k > 0) {
        rest += e.getValue().marker.length();
      }
      k++;
    }
    Listing.Segment s0 = g.segments.get(0);
    if (s0.marker.length() > 64L + options.maxKeyBytes() + options.maxValueBytes()) {
      throw tooLarge(dir, s0.marker.length());
    }
    byte[] seg0 = new byte[(int) s0.marker.length()];
    decode(dir, gen, 0, s0, seg0, 0);
    Header.Decoded d;
    try {
      d = Header.decode(seg0, store, where(dir));
    } catch (IllegalArgumentException e) {
      throw corrupt(dir, "bad record header: " + e.getMessage());
    }
    if (d.keyBytes() > options.maxKeyBytes()) {
      throw new LimitExceededException(store, CorruptContainerException.NO_OFFSET, where(dir),
          "key length in UTF-8 bytes", d.keyBytes(), options.maxKeyBytes(),
          "ElsOptions.withMaxKeyBytes or --max-key-bytes");
    }
    if (k < d.segments()) {
      throw corrupt(dir, "generation " + gen + " was written with " + d.segments()
          + " segments, only " + k + " are committed");
    }
    if (d.header().kind().isBucket() && k > 1) {
      throw corrupt(dir, "bucket record has value segments");
    }
    long valueLength = seg0.length - d.valueOffset() + rest;
    if (valueLength > options.maxValueBytes()) {
      throw tooLarge(dir, valueLength);
    }
    byte[] value = null;
    if (withValue) {
      value = new byte[(int) valueLength];
      int off = seg0.length - d.valueOffset();
      System.arraycopy(seg0, d.valueOffset(), value, 0, off);
      for (int seg = 1; seg < k; seg++) {
        Listing.Segment s = g.segments.get(seg);
        decode(dir, gen, seg, s, value, off);
        off += (int) s.marker.length();
      }
    }
    return new Committed(gen, k, d.header(), valueLength, value);
  }

  private LimitExceededException tooLarge(Path dir, long found) {
    return new LimitExceededException(store, CorruptContainerException.NO_OFFSET, where(dir),
        "value size in bytes", found, options.maxValueBytes(),
        "ElsOptions.withMaxValueBytes or --max-value-bytes");
  }

  /** Checks that the listed chunks are exactly the ones the marker promises, before allocating. */
  private void planDecode(Path dir, long gen, int seg, Listing.Segment s) throws CorruptContainerException {
    Names.Marker m = s.marker;
    if (s.chunks.size() != m.count()) {
      throw corrupt(dir, "generation " + gen + " segment " + seg + " has " + s.chunks.size()
          + " chunks, its commit marker says " + m.count());
    }
    long total = 0;
    for (int i = 0; i < m.count(); i++) {
      Names.Chunk c = s.chunks.get(i);
      if (c == null) {
        throw corrupt(dir, "generation " + gen + " segment " + seg + " lacks chunk " + i);
      }
      int n = NameCodec.decodedLength(encoding, c.name().length() - c.payloadAt());
      if (n <= 0) {
        throw corrupt(dir, "chunk '" + c.name() + "' has a payload of impossible length");
      }
      total += n;
    }
    if (total != m.length()) {
      throw corrupt(dir, "generation " + gen + " segment " + seg + " holds " + total
          + " bytes, its commit marker says " + m.length());
    }
  }

  private void decode(Path dir, long gen, int seg, Listing.Segment s, byte[] dst, int off)
      throws CorruptContainerException {
    int pos = off;
    for (int i = 0; i < s.marker.count(); i++) {
      Names.Chunk c = s.chunks.get(i);
      if (!NameCodec.decode(encoding, c.name(), c.payloadAt(), dst, pos)) {
        throw corrupt(dir, "chunk '" + c.name() + "' is not valid " + encoding);
      }
      pos += NameCodec.decodedLength(encoding, c.name().length() - c.payloadAt());
    }
    CRC32C crc = new CRC32C();
    crc.update(dst, off, pos - off);
    if ((int) crc.getValue() != s.marker.crc()) {
      throw corrupt(dir, "generation " + gen + " segment " + seg + " fails its CRC-32C check");
    }
  }

  /** Publishes a new generation holding {@code header} and {@code value}, then drops older ones. */
  void write(Path dir, Listing old, Header header, byte[] value) throws IOException {
    Places.ensure(this, root, dir, old);
    long gen = (old == null ? 0 : old.maxGeneration()) + 1;
    int inline = value.length <= INLINE_MAX ? value.length : 0;
    boolean hasRest = inline < value.length;
    byte[] seg0 = header.encode(value, inline, hasRest ? 2 : 1);
    int restChunks = hasRest ? writeChunks(dir, gen, 1, value) : 0;
    int seg0Chunks = writeChunks(dir, gen, 0, seg0);
    if (hasRest) {
      createMarker(dir, gen, 1, restChunks, value);
    }
    sync(dir);
    createMarker(dir, gen, 0, seg0Chunks, seg0);
    sync(dir);
    if (old != null) {
      removeAllBut(dir, old, gen, Integer.MAX_VALUE);
    }
  }

  /** Adds {@code more} as segment {@code c.segments()} of the committed generation. */
  void append(Path dir, Listing l, Committed c, byte[] more) throws IOException {
    if (removeAllBut(dir, l, c.generation(), c.segments())) {
      sync(dir);
    }
    int n = writeChunks(dir, c.generation(), c.segments(), more);
    sync(dir);
    createMarker(dir, c.generation(), c.segments(), n, more);
    sync(dir);
  }

  /**
   * Deletes every generation except {@code keep}, and the segments of {@code keep} from
   * {@code keepSegments} on. Markers go first, oldest generation first, so that at no moment an
   * older generation becomes the newest committed one. Returns whether anything was deleted.
   */
  boolean removeAllBut(Path dir, Listing l, long keep, int keepSegments) throws IOException {
    boolean any = false;
    for (int pass = 0; pass < 2; pass++) {
      for (Map.Entry<Long, Listing.Generation> g : l.generations.entrySet()) {
        for (Map.Entry<Integer, Listing.Segment> s : g.getValue().segments.entrySet()) {
          if (g.getKey() == keep && s.getKey() < keepSegments) {
            continue;
          }
          if (pass == 0 && s.getValue().marker != null) {
            any |= Files.deleteIfExists(dir.resolve(s.getValue().marker.name()));
          } else if (pass == 1) {
            for (Names.Chunk ch : s.getValue().chunks.values()) {
              any |= Files.deleteIfExists(dir.resolve(ch.name()));
            }
          }
        }
      }
    }
    return any;
  }

  /**
   * Makes the record invisible (all markers, oldest first); chunks and children stay. Unsynced
   * directory changes may reach the disk in any order, so the removals an earlier write left
   * unsynced are forced first (else an older generation could outlive the newer one's marker), and
   * each generation's segment-0 marker, which alone commits it, goes with a force before the
   * other markers (else a crash could leave a generation committed but lacking a segment).
   */
  void uncommit(Path dir, Listing l) throws IOException {
    sync(dir);
    for (Listing.Generation g : l.generations.values()) {
      Listing.Segment s0 = g.segments.get(0);
      if (s0 != null && s0.marker != null && Files.deleteIfExists(dir.resolve(s0.marker.name()))) {
        sync(dir);
      }
    }
    for (Listing.Generation g : l.generations.values()) {
      for (Listing.Segment s : g.segments.values()) {
        if (s.marker != null) {
          Files.deleteIfExists(dir.resolve(s.marker.name()));
        }
      }
    }
    sync(dir);
  }

  private int writeChunks(Path dir, long gen, int seg, byte[] b) throws IOException {
    int idx = 0;
    int pos = 0;
    while (pos < b.length) {
      String prefix = Names.chunkPrefix(gen, seg, idx);
      int fit = NameCodec.bytesFitting(encoding, options.maxNameBytes() - prefix.length());
      if (fit <= 0) {
        throw nameLimit(dir, prefix.length() + NameCodec.minChunkChars(encoding));
      }
      int n = Math.min(fit, b.length - pos);
      create(dir, prefix + NameCodec.encode(encoding, b, pos, n));
      pos += n;
      idx++;
    }
    return idx;
  }

  private void createMarker(Path dir, long gen, int seg, int count, byte[] bytes) throws IOException {
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length);
    String name = Names.marker(gen, seg, count, bytes.length, (int) crc.getValue());
    if (name.length() > options.maxNameBytes()) {
      throw nameLimit(dir, name.length());
    }
    create(dir, name);
  }

  private LimitExceededException nameLimit(Path dir, long needed) {
    return new LimitExceededException(store, CorruptContainerException.NO_OFFSET, where(dir),
        "file name length needed", needed, options.maxNameBytes(),
        "ElsOptions.withMaxNameBytes or --max-name-bytes");
  }

  /** Creates one empty file; explains names the file system refuses. */
  void create(Path dir, String name) throws IOException {
    try {
      Files.createFile(dir.resolve(name));
    } catch (FileAlreadyExistsException e) {
      throw e;
    } catch (FileSystemException e) {
      throw new IOException(store + " [entry '" + where(dir) + "']: the file system refused a "
          + name.length() + "-byte name (" + e.getReason() + "); if names are too long, lower "
          + "--max-name-bytes (now " + options.maxNameBytes() + ")", e);
    }
  }

  /** Forces directory entries to disk, so a marker never outlives the chunks it vouches for. */
  void sync(Path dir) throws IOException {
    if (options.sync() && DIRECTORY_FSYNC) {
      try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
        ch.force(true);
      }
    }
  }
}
