package io.easystore.records;

import io.easystore.CorruptContainerException;
import io.easystore.crypto.KeyUnavailableException;
import io.easystore.internal.crypto.PageSealer;
import io.easystore.io.RangeSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** The {@link RecordReader} implementation; see there for the contract. */
final class ArchiveReader implements RecordReader {
  private final RangeSource src;
  private final boolean ownsSource;
  private final ReaderOptions opts;
  private final ArchiveMetadata meta;
  private final long first;
  private final long size;
  private final PageCodec codec;
  private final PageWalker walker;

  ArchiveReader(RangeSource src, boolean ownsSource, ReaderOptions opts) throws IOException {
    this.src = src;
    this.ownsSource = ownsSource;
    this.opts = opts;
    VolumeHeader vh = VolumeHeader.read(src);
    this.meta = vh.metadata();
    this.first = vh.firstPageOffset();
    this.size = src.size();
    PageSealer sealer = null;
    String keyProblem = null;
    if (meta.encrypted() && opts.keys() != null) {
      try {
        sealer = PageSealer.create(meta.keyId(), opts.keys());
        sealer.verifyKeyCheck(Base64.getDecoder().decode(meta.keyCheck()), src.name(), "archive");
        vh.authenticate(sealer, src.name());
      } catch (KeyUnavailableException e) {
        // Headers, stats and splits need no key; a missing one is reported when a payload is read.
        if (e.reason() != KeyUnavailableException.Reason.MISSING) {
          throw e;
        }
        sealer = null;
        keyProblem = e.getMessage();
      }
    }
    this.codec = new PageCodec(src.name(), meta, vh.version(), sealer, opts, keyProblem);
    this.walker = new PageWalker(src, codec, size, opts);
  }

  PageWalker walker() {
    return walker;
  }

  ReaderOptions options() {
    return opts;
  }

  @Override
  public String name() {
    return src.name();
  }

  @Override
  public ArchiveMetadata metadata() {
    return meta;
  }

  @Override
  public long firstPageOffset() {
    return first;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public <T> RecordCursor<T> cursor(RecordType<T> type, Bookmark from) throws IOException {
    long start = from.pageOffset();
    if (start != first) {
      pageAt(from);
    }
    return new Cursor<>(type, start, from.index());
  }

  /** Strictly validates that a bookmark names an intact page header. */
  private PageHeader pageAt(Bookmark b) throws IOException {
    if (b.pageOffset() < first) {
      throw new CorruptPageException(name(), b.pageOffset(), b, CorruptPageException.NONE,
          "bookmark points into the volume header (pages start at " + first + ")", null);
    }
    try {
      return codec.readHeader(src, b.pageOffset(), size);
    } catch (CorruptPageException e) {
      throw new CorruptPageException(name(), b.pageOffset(), b, CorruptPageException.NONE,
          "bookmark does not point at an intact page: " + PageWalker.problem(e), e);
    }
  }

  @Override
  public <T> Optional<Entry<T>> get(Bookmark at, RecordType<T> type) throws IOException {
    LoadedPage p = walker.decode(pageAt(at));
    if (at.index() >= p.count()) {
      return Optional.empty();
    }
    return Optional.ofNullable(entry(p, at.index(), type));
  }

  @Override
  public <T> List<Entry<T>> getAll(Collection<Bookmark> at, RecordType<T> type) throws IOException {
    List<Entry<T>> out = new ArrayList<>(at.size());
    LoadedPage p = null;
    for (Bookmark b : new TreeSet<>(at)) {
      if (p == null || p.header().offset() != b.pageOffset()) {
        p = walker.decode(pageAt(b));
      }
      if (b.index() < p.count()) {
        Entry<T> e = entry(p, b.index(), type);
        if (e != null) {
          out.add(e);
        }
      }
    }
    return out;
  }

  /**
   * Decodes record {@code i} of a page that already passed its checks. A failure is the caller's
   * type not fitting the record, never damage, so it is thrown even in skip mode: skipping would
   * drop healthy pages and report them as corrupt.
   */
  <T> Entry<T> entry(LoadedPage p, int i, RecordType<T> type) throws RecordDecodeException {
    T v;
    try {
      v = type.decode(p.plain(), p.offsetOf(i), p.lengthOf(i));
    } catch (IOException | RuntimeException e) {
      throw new RecordDecodeException(name(), p.bookmark(i), String.valueOf(e.getMessage()), e);
    }
    if (v == null) {
      throw new RecordDecodeException(name(), p.bookmark(i), "the record type decoded it to null", null);
    }
    return new Entry<>(p.bookmark(i), v);
  }

  @Override
  public List<PageInfo> pages() throws IOException {
    List<PageInfo> out = new ArrayList<>();
    for (PageHeader h : headers(first, Long.MAX_VALUE)) {
      out.add(PageInfo.of(h));
    }
    return out;
  }

  List<PageHeader> headers(long from, long to) throws IOException {
    List<PageHeader> out = new ArrayList<>();
    long pos = from;
    PageHeader h;
    while (pos < to && (h = walker.header(pos)) != null && h.offset() < to) {
      out.add(h);
      pos = h.next();
    }
    return out;
  }

  @Override
  public List<PageRange> split(int parts) throws IOException {
    if (parts < 1) {
      throw new IllegalArgumentException("parts must be >= 1, got " + parts);
    }
    return split(headers(first, Long.MAX_VALUE), parts);
  }

  static List<PageRange> split(List<PageHeader> pages, int parts) {
    List<PageRange> out = new ArrayList<>();
    if (pages.isEmpty()) {
      return out;
    }
    long total = 0;
    for (PageHeader h : pages) {
      total += h.next() - h.offset();
    }
    long target = Math.max(1, (total + parts - 1) / parts);
    long start = pages.get(0).offset();
    long acc = 0;
    for (int i = 0; i < pages.size(); i++) {
      PageHeader h = pages.get(i);
      acc += h.next() - h.offset();
      boolean last = i == pages.size() - 1;
      if (last || (acc >= target && out.size() < parts - 1)) {
        out.add(new PageRange(start, h.next()));
        if (!last) {
          start = pages.get(i + 1).offset();
        }
        acc = 0;
      }
    }
    return out;
  }

  @Override
  public <T> Stream<Entry<T>> stream(RecordType<T> type) throws IOException {
    return StreamSupport.stream(new PageSpliterator<>(this, type, headers(first, Long.MAX_VALUE)), false);
  }

  @Override
  public <T> Stream<Entry<T>> stream(RecordType<T> type, PageRange range) throws IOException {
    return StreamSupport.stream(new PageSpliterator<>(this, type, headers(range.start(), range.end())), false);
  }

  @Override
  public ArchiveStats stats() throws IOException {
    List<CorruptPageException> damage = new ArrayList<>();
    PageWalker lenient = new PageWalker(src, codec, size,
        opts.withSkipCorruptPages(true).withOnSkip(damage::add));
    List<PageHeader> hs = new ArrayList<>();
    long pos = first;
    PageHeader h;
    while ((h = lenient.header(pos)) != null) {
      hs.add(h);
      pos = h.next();
    }
    long torn = 0;
    if (!damage.isEmpty() && damage.get(damage.size() - 1) instanceof TornTailException) {
      torn = ((TornTailException) damage.remove(damage.size() - 1)).tailBytes();
    }
    // A crash can leave a last page whose header survived but whose payload did not (zero-filled
    // blocks): check the tail's payloads too, so the torn tail is reported where repair will cut.
    // Only while nothing damaged lies after it: a broken page followed by damage (moved pages, bytes
    // removed) is damage too, not a crash.
    CorruptContainerException bad;
    while (!hs.isEmpty() && (bad = payloadProblem(hs.get(hs.size() - 1))) != null) {
      long cut = hs.remove(hs.size() - 1).offset();
      if (torn == 0 && damage.stream().anyMatch(d -> d.pageOffset() > cut)) {
        damage.add(new CorruptPageException(name(), cut, null, CorruptPageException.NONE, PageWalker.problem(bad),
            bad));
        damage.sort(java.util.Comparator.comparingLong(CorruptPageException::pageOffset));
        continue;
      }
      torn = size - cut;
      damage.removeIf(d -> d.pageOffset() >= cut);
    }
    long pages = hs.size();
    long records = 0;
    long stored = 0;
    long plain = 0;
    for (PageHeader x : hs) {
      records += x.entryCount();
      stored += x.storedLength();
      plain += x.plainLength();
    }
    PageHeader firstH = hs.isEmpty() ? null : hs.get(0);
    PageHeader lastH = hs.isEmpty() ? null : hs.get(hs.size() - 1);
    long validEnd = lastH == null ? Math.min(first, size) : Math.min(lastH.next(), size);
    return new ArchiveStats(size, pages, records, stored, plain,
        firstH == null ? null : java.time.Instant.ofEpochMilli(firstH.created()),
        lastH == null ? null : java.time.Instant.ofEpochMilli(lastH.created()), validEnd, torn, damage);
  }

  private CorruptContainerException payloadProblem(PageHeader h) throws IOException {
    try {
      codec.readPayload(src, h);
      return null;
    } catch (CorruptContainerException e) {
      return e;
    }
  }

  @Override
  public void close() throws IOException {
    if (ownsSource) {
      src.close();
    }
  }

  /** Sequential reading with the walker's damage policy. */
  private final class Cursor<T> implements RecordCursor<T> {
    private final RecordType<T> type;
    private long nextPos;
    private int skipFirst;
    private LoadedPage page;
    private int idx;
    private boolean done;
    private Entry<T> current;

    Cursor(RecordType<T> type, long start, int skipFirst) {
      this.type = type;
      this.nextPos = start;
      this.skipFirst = skipFirst;
    }

    @Override
    public boolean next() throws IOException {
      while (true) {
        if (page != null && idx < page.count()) {
          Entry<T> e = entry(page, idx++, type);
          if (e != null) {
            current = e;
            return true;
          }
          continue;
        }
        if (done) {
          return false;
        }
        page = walker.load(nextPos);
        if (page == null) {
          done = true;
          current = null;
          return false;
        }
        idx = page.header().offset() == nextPos ? skipFirst : 0;
        skipFirst = 0;
        nextPos = page.header().next();
      }
    }

    @Override
    public Entry<T> current() {
      if (current == null) {
        throw new IllegalStateException("call next() first");
      }
      return current;
    }
  }
}
