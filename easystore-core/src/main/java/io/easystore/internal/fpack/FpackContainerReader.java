package io.easystore.internal.fpack;

import io.easystore.ContainerStats;
import io.easystore.CorruptContainerException;
import io.easystore.DesReader;
import io.easystore.IndexEntry;
import io.easystore.ReaderOptions;
import io.easystore.VerifyReport;
import io.easystore.internal.common.BatchPlanner;
import io.easystore.internal.common.BodyLimits;
import io.easystore.internal.common.EntryChannel;
import io.easystore.internal.common.EntryInputStream;
import io.easystore.internal.json.ReferenceJson;
import io.easystore.internal.v1.V1Footer;
import io.easystore.internal.v2.V2Paths;
import io.easystore.io.RangeSource;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A FilePacker v1 pack ({@code .fpack}) read through the {@link DesReader} interface, read-only.
 * The pack's table is loaded at open (the format has no other index); directories are derived
 * from the paths, so listing, {@code exists} and {@code isDirectory} work as on DES v2. Paths must
 * be normalised relative paths, each used once and never both as a file and as a directory; a
 * pack that breaks this is refused as corrupt.
 *
 * <p>The format has no metadata and no checksums: {@link #getMeta} returns {@code {"size": n}}
 * and {@link #verify} only checks that every body can be read. {@link #formatVersion()} reports
 * the FilePacker version, 1. {@link #entries()} yields the files in stored order, then the derived
 * directories sorted by path.
 *
 * <p>Immutable after open and thread-safe: all reads are positional.
 */
public final class FpackContainerReader implements DesReader {
  /** UTF-8 byte order, which is code point order: the order DES v2 lists a directory in. */
  private static final Comparator<String> BYTES = FpackContainerReader::compareCodePoints;

  private final RangeSource source;
  private final ReaderOptions options;
  private final FpackIndex.Table table;
  private final long fileSize;
  private final Map<String, IndexEntry> files;
  private final Map<String, List<IndexEntry>> directories;
  private final List<String> names;

  private FpackContainerReader(RangeSource source, ReaderOptions options, FpackIndex.Table table, long fileSize,
      Map<String, IndexEntry> files, Map<String, List<IndexEntry>> directories) {
    this.source = source;
    this.options = options;
    this.table = table;
    this.fileSize = fileSize;
    this.files = files;
    this.directories = directories;
    this.names = table.entries().stream().map(IndexEntry::name).toList();
  }

  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  /** Whether {@code source}, whose last bytes are not a DES footer, is a FilePacker pack. */
  public static boolean isFpack(RangeSource source, ByteBuffer footer) throws IOException {
    return !io.easystore.internal.bytes.Framing.hasMagic(footer, footer.position(), V1Footer.FOOTER_MAGIC)
        && FpackIndex.looksLikeFpack(source);
  }

  public static FpackContainerReader open(RangeSource source, ReaderOptions options) throws IOException {
    String name = source.name();
    FpackIndex.Table table;
    try {
      table = FpackIndex.read(source, options.maxEntries());
    } catch (io.easystore.LimitExceededException e) {
      throw e;
    } catch (CorruptContainerException e) {
      throw new CorruptContainerException(name, e.offset(), e.entry(), "neither a DES container (no footer magic)"
          + " nor a sound FilePacker pack: " + e.getMessage().substring(e.getMessage().indexOf(": ") + 2), e);
    }
    Map<String, IndexEntry> files = new HashMap<>(table.entries().size() * 2);
    Map<String, List<IndexEntry>> dirs = new HashMap<>();
    dirs.put("", new ArrayList<>());
    int i = 0;
    for (IndexEntry e : table.entries()) {
      long at = FpackIndex.HEADER_BYTES + 128L * i++;
      String path = e.name();
      if (V2Paths.lookupKey(path) == null) {
        throw new CorruptContainerException(name, at, path,
            "file name is not a normalised relative path (absolute, '.', '..', empty segment, NUL or backslash)");
      }
      if (files.putIfAbsent(path, e) != null) {
        throw new CorruptContainerException(name, at, path, "file name appears twice");
      }
      if (dirs.containsKey(path)) {
        throw new CorruptContainerException(name, at, path, "name is used both as a file and as a directory");
      }
      String parent = V2Paths.parent(path);
      // Ancestors not seen before get a list of their own and an entry in their parent's list.
      List<String> missing = new ArrayList<>();
      for (String dir = parent; !dirs.containsKey(dir); dir = V2Paths.parent(dir)) {
        if (files.containsKey(dir)) {
          throw new CorruptContainerException(name, at, path, "'" + dir + "' is used both as a file and as a directory");
        }
        missing.add(dir);
      }
      for (String dir : missing) {
        dirs.put(dir, new ArrayList<>());
      }
      for (String dir : missing) {
        dirs.get(V2Paths.parent(dir)).add(new IndexEntry(dir, 0, 0, 0, 0, 0, IndexEntry.DIRECTORY));
      }
      dirs.get(parent).add(e);
    }
    for (List<IndexEntry> children : dirs.values()) {
      children.sort(Comparator.comparing(IndexEntry::baseName, BYTES));
    }
    return new FpackContainerReader(source, options, table, source.size(), files, dirs);
  }

  @Override
  public String name() {
    return source.name();
  }

  @Override
  public int formatVersion() {
    return FpackIndex.VERSION;
  }

  @Override
  public String formatName() {
    return "FilePacker";
  }

  @Override
  public List<String> listFiles() {
    return names;
  }

  @Override
  public boolean contains(String name) {
    return files.containsKey(name);
  }

  @Override
  public IndexEntry entry(String name) throws NoSuchFileException {
    IndexEntry e = files.get(name);
    if (e == null && directories.containsKey(name) && !name.isEmpty()) {
      return new IndexEntry(name, 0, 0, 0, 0, 0, IndexEntry.DIRECTORY);
    }
    if (e == null) {
      throw new NoSuchFileException(name, null, "no such entry in " + source.name());
    }
    return e;
  }

  private IndexEntry file(String name) throws IOException {
    IndexEntry e = entry(name);
    if (e.isDirectory()) {
      throw new FileSystemException(name, null, "is a directory in " + source.name());
    }
    return e;
  }

  @Override
  public List<IndexEntry> getIndex() {
    return table.entries();
  }

  @Override
  public Stream<IndexEntry> entries() {
    List<IndexEntry> dirs = new ArrayList<>();
    for (String d : directories.keySet()) {
      if (!d.isEmpty()) {
        dirs.add(new IndexEntry(d, 0, 0, 0, 0, 0, IndexEntry.DIRECTORY));
      }
    }
    dirs.sort(Comparator.comparing(IndexEntry::name, BYTES));
    return Stream.concat(table.entries().stream(), dirs.stream());
  }

  @Override
  public byte[] getFile(String name) throws IOException {
    IndexEntry e = file(name);
    BodyLimits.checkInside(source, e, e.size());
    if (e.size() > BodyLimits.MAX_ARRAY) {
      throw BodyLimits.tooLargeForArray(source.name(), e, e.size());
    }
    return source.readFully(e.dataOffset(), (int) e.size());
  }

  @Override
  public InputStream openStream(String name) throws IOException {
    IndexEntry e = file(name);
    return new EntryInputStream(source, e.dataOffset(), e.size());
  }

  @Override
  public SeekableByteChannel newChannel(String name) throws IOException {
    return new EntryChannel(source, file(name), null, false);
  }

  @Override
  public JsonNode getMeta(String name) throws IOException {
    IndexEntry e = entry(name);
    return e.isDirectory() ? ReferenceJson.object() : ReferenceJson.object().put("size", e.size());
  }

  @Override
  public Map<String, byte[]> getFiles(Collection<String> wanted, long maxGap) throws IOException {
    List<IndexEntry> entries = new ArrayList<>(wanted.size());
    List<BatchPlanner.Range> ranges = new ArrayList<>(wanted.size());
    for (String n : wanted) {
      IndexEntry e = file(n);
      if (e.size() > options.maxBatchBytes()) {
        throw BodyLimits.aboveBatch(source.name(), e, e.size(), options.maxBatchBytes());
      }
      ranges.add(new BatchPlanner.Range(entries.size(), e.dataOffset(), e.size()));
      entries.add(e);
    }
    byte[][] bodies = new byte[entries.size()][];
    for (BatchPlanner.Group g : BatchPlanner.plan(ranges, maxGap, options.maxBatchBytes())) {
      byte[] block = source.readFully(g.start(), (int) g.length());
      for (BatchPlanner.Range r : g.members()) {
        int from = (int) (r.offset() - g.start());
        bodies[r.id()] = Arrays.copyOfRange(block, from, from + (int) r.length());
      }
    }
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (int k = 0; k < bodies.length; k++) {
      out.put(entries.get(k).name(), bodies[k]);
    }
    return out;
  }

  @Override
  public List<IndexEntry> list(String dir, String startAfter, int limit) throws IOException {
    if (limit < 0) {
      throw new IllegalArgumentException("negative limit " + limit);
    }
    List<IndexEntry> children = directories.get(dir);
    if (children == null) {
      if (files.containsKey(dir)) {
        throw new NotDirectoryException(dir);
      }
      throw new NoSuchFileException(dir, null, "no such directory in " + source.name());
    }
    int from = 0;
    if (startAfter != null) {
      while (from < children.size() && BYTES.compare(children.get(from).baseName(), startAfter) <= 0) {
        from++;
      }
    }
    return List.copyOf(children.subList(from, (int) Math.min(children.size(), (long) from + limit)));
  }

  @Override
  public boolean exists(String path) {
    return files.containsKey(path) || directories.containsKey(path);
  }

  @Override
  public boolean isDirectory(String path) {
    return directories.containsKey(path);
  }

  @Override
  public ContainerStats stats() {
    long bodies = fileSize - table.bodiesStart();
    int n = table.entries().size();
    return new ContainerStats(FpackIndex.VERSION, fileSize, n, n, table.bodiesStart(), bodies, fileSize, 0,
        0, table.bodiesStart(), bodies, directories.size() - 1, bodies, 0, 1, 0);
  }

  /** The format has no checksums: reads every body, which finds truncation and unreadable ranges. */
  @Override
  public VerifyReport verify(io.easystore.VerifyListener listener) throws IOException {
    List<String> problems = new ArrayList<>();
    long bytes = 0;
    long checked = 0;
    long done = 0;
    byte[] buf = new byte[64 << 10];
    listener.total(table.entries().size());
    for (IndexEntry e : table.entries()) {
      try (InputStream in = new EntryInputStream(source, e.dataOffset(), e.size())) {
        int n;
        while ((n = in.read(buf)) > 0) {
          bytes += n;
        }
        checked++;
      } catch (IOException ex) {
        problems.add(e.name() + ": " + ex.getMessage());
      }
      listener.checked(++done);
    }
    return new VerifyReport(source.name(), checked, bytes, problems);
  }

  @Override
  public void close() throws IOException {
    source.close();
  }
}
