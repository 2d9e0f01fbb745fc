package io.easystore.records;

import io.easystore.crypto.KeyUnavailableException;
import io.easystore.crypto.MissingKeyException;
import io.easystore.internal.crypto.PageSealer;
import io.easystore.io.ContainerSink;
import io.easystore.io.Location;
import io.easystore.io.RangeSource;
import io.easystore.io.RangeSources;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.UUID;

/**
 * Entry points for record archives: create, append, open, repair.
 *
 * <pre>{@code
 * try (RecordWriter w = RecordArchives.create(path, WriterOptions.defaults())) {
 *   Bookmark b = w.append("hello");
 * }
 * try (RecordReader r = RecordArchives.open(path, ReaderOptions.defaults())) {
 *   r.stream(RecordTypes.utf8()).parallel().count();
 * }
 * }</pre>
 */
public final class RecordArchives {
  private RecordArchives() {}

  /**
   * Creates a new archive file. The volume header is written to a temporary file and linked into
   * place, so the archive appears complete or not at all; pages are then appended in place under an
   * exclusive lock.
   *
   * @throws FileAlreadyExistsException if {@code path} exists
   */
  public static RecordWriter create(Path path, WriterOptions opts) throws IOException {
    Path target = path.toAbsolutePath();
    if (Files.exists(target)) {
      throw new FileAlreadyExistsException(target + ": archive already exists (use openForAppend)");
    }
    PageSealer sealer = sealer(opts);
    ArchiveMetadata meta = metadata(opts, sealer);
    Path dir = target.getParent();
    Files.createDirectories(dir);
    Path temp = io.easystore.internal.io.TempFiles.createBeside(target);
    try {
      Files.write(temp, VolumeHeader.encode(meta, sealer));
      publish(temp, target);
    } finally {
      io.easystore.internal.io.TempFiles.discard(temp);
    }
    return new ArchiveWriter(PageOutput.file(target), meta, version(sealer), opts, sealer);
  }

  /** Links (never replaces) the finished header file into place, by the one durability rule. */
  private static void publish(Path temp, Path target) throws IOException {
    io.easystore.internal.io.AtomicFiles.publishNew(temp, target);
  }

  /**
   * Writes a new archive into a sink (a temporary file or a multipart upload), published when the
   * writer closes. Nothing is visible under the sink's name before that.
   */
  public static RecordWriter create(ContainerSink sink, WriterOptions opts) throws IOException {
    PageSealer sealer = sealer(opts);
    ArchiveMetadata meta = metadata(opts, sealer);
    byte[] header = VolumeHeader.encode(meta, sealer);
    sink.write(header, 0, header.length);
    return new ArchiveWriter(PageOutput.sink(sink), meta, version(sealer), opts, sealer);
  }

  /**
   * Reopens an archive to append to it. Checks every page's checksums; a torn tail (what a crash
   * mid-page leaves) is trimmed first. Damage inside the archive is refused with
   * {@link CorruptPageException}: appending after it would bury it.
   */
  public static RecordWriter openForAppend(Path path, WriterOptions opts) throws IOException {
    return openForAppend(new PageOutput.FileOutput(path), path.toString(), opts);
  }

  /**
   * {@link #openForAppend(Path, WriterOptions)} for archive {@code name} of {@code location}: the
   * seam through which tests run the append path against fault-injecting storage.
   */
  static RecordWriter openForAppend(Location location, String name, WriterOptions opts) throws IOException {
    return openForAppend(PageOutput.updatable(location, name), location.name() + " (" + name + ")", opts);
  }

  /**
   * {@link #create(Path, WriterOptions)} for archive {@code name} of {@code location}: the header is
   * published through a sink (never replacing a file), then pages are appended in place.
   */
  static RecordWriter create(Location location, String name, WriterOptions opts) throws IOException {
    try (RangeSource existing = location.open(name)) {
      throw new FileAlreadyExistsException(existing.name() + ": archive already exists (use openForAppend)");
    } catch (java.nio.file.NoSuchFileException e) {
      // The usual case: nothing there yet.
    }
    PageSealer sealer = sealer(opts);
    ArchiveMetadata meta = metadata(opts, sealer);
    byte[] header = VolumeHeader.encode(meta, sealer);
    try (ContainerSink sink = location.create(name)) {
      sink.write(header, 0, header.length);
      sink.publish();
    }
    return new ArchiveWriter(PageOutput.updatable(location, name), meta, version(sealer), opts, sealer);
  }

  private static RecordWriter openForAppend(PageOutput.InPlace out, String what, WriterOptions opts)
      throws IOException {
    try {
      VolumeHeader vh;
      try (RangeSource src = out.view()) {
        vh = VolumeHeader.read(src);
        PageWalker.Verification v = walker(src, vh).verify(vh.firstPageOffset());
        if (v.tornBytes() > 0) {
          out.truncate(v.validEnd());
        }
        long aligned = Format.align(out.position());
        if (aligned != out.position()) {
          out.write(new byte[(int) (aligned - out.position())]);
        }
      }
      ArchiveMetadata meta = vh.metadata();
      PageSealer sealer = null;
      if (meta.encrypted()) {
        if (opts.keys == null) {
          throw new MissingKeyException(meta.keyId(),
              what + " is encrypted with key '" + meta.keyId() + "'; supply it to append");
        }
        sealer = PageSealer.create(meta.keyId(), opts.keys);
        sealer.verifyKeyCheck(Base64.getDecoder().decode(meta.keyCheck()), what, "archive");
        vh.authenticate(sealer, what);
      }
      // A format 1 archive stays format 1: its header cannot be sealed in place (rekey rewrites it).
      return new ArchiveWriter(out, meta, vh.version(), opts, sealer);
    } catch (IOException | RuntimeException e) {
      out.close();
      throw e;
    }
  }

  /** {@link #openForAppend} if {@code path} exists, else {@link #create}. */
  public static RecordWriter createOrAppend(Path path, WriterOptions opts) throws IOException {
    return Files.exists(path) ? openForAppend(path, opts) : create(path, opts);
  }

  /** Opens an archive file for reading; closing the reader closes the file. */
  public static RecordReader open(Path path, ReaderOptions opts) throws IOException {
    RangeSource src = RangeSources.file(path);
    try {
      return new ArchiveReader(src, true, opts);
    } catch (IOException | RuntimeException e) {
      src.close();
      throw e;
    }
  }

  /** Opens an archive over any range source; the caller keeps ownership of the source. */
  public static RecordReader open(RangeSource source, ReaderOptions opts) throws IOException {
    return new ArchiveReader(source, false, opts);
  }

  /**
   * Checks every page's checksums and trims a torn tail (unless {@code dryRun}). Damage inside the
   * archive is reported with {@link CorruptPageException} and left alone. Takes the writer lock,
   * so it refuses to run while a writer has the archive open.
   */
  public static RepairResult repair(Path path, boolean dryRun) throws IOException {
    try (PageOutput.FileOutput out = (PageOutput.FileOutput) PageOutput.file(path);
        RangeSource src = ChannelThread.source(out.name(), out.channel())) {
      VolumeHeader vh = VolumeHeader.read(src);
      PageWalker.Verification v = walker(src, vh).verify(vh.firstPageOffset());
      boolean trim = v.tornBytes() > 0 && !dryRun;
      if (trim) {
        out.truncate(v.validEnd());
      }
      return new RepairResult(v.validEnd(), v.pages(), v.records(), v.tornBytes(), trim, v.problem());
    }
  }

  /**
   * Checks an archive over any source without changing it, as {@code repair(path, true)} does: the
   * volume header, every page header, payload checksum and padding. Needs no key (it does not
   * authenticate sealed pages; reading them does).
   *
   * @return what was found; {@link RepairResult#tornBytes()} &gt; 0 with a {@code problem} when the
   *     archive ends with a torn tail (or damage in its last page, which checksums cannot tell apart)
   * @throws CorruptPageException for damage inside the archive
   */
  public static RepairResult check(RangeSource source) throws IOException {
    VolumeHeader vh = VolumeHeader.read(source);
    PageWalker.Verification v = walker(source, vh).verify(vh.firstPageOffset());
    return new RepairResult(v.validEnd(), v.pages(), v.records(), v.tornBytes(), false, v.problem());
  }

  private static PageWalker walker(RangeSource src, VolumeHeader vh) throws IOException {
    ReaderOptions ro = ReaderOptions.defaults();
    return new PageWalker(src, new PageCodec(src.name(), vh.metadata(), vh.version(), null, ro), src.size(), ro);
  }

  /** New archives: format 2 when encrypted (sealed header, fully bound pages), else format 1. */
  private static int version(PageSealer sealer) {
    return sealer != null ? Format.VERSION_2 : Format.VERSION_1;
  }

  private static PageSealer sealer(WriterOptions opts) throws KeyUnavailableException {
    if (opts.keyId == null) {
      return null;
    }
    if (opts.keys == null) {
      throw new IllegalArgumentException("encryption needs a key provider");
    }
    return PageSealer.create(opts.keyId, opts.keys);
  }

  private static ArchiveMetadata metadata(WriterOptions opts, PageSealer sealer) {
    return new ArchiveMetadata(UUID.randomUUID(), opts.description, opts.clock.instant(), opts.codec, opts.level,
        sealer == null ? null : sealer.keyId(),
        sealer == null ? null : Base64.getEncoder().encodeToString(sealer.keyCheck()),
        opts.host, opts.application, opts.contentType, opts.properties);
  }
}
