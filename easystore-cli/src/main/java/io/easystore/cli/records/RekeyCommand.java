package io.easystore.cli.records;

import io.easystore.crypto.KeyUnavailableException;
import io.easystore.cli.keys.KeyOptions;
import io.easystore.cli.keys.NewKeyOptions;
import io.easystore.io.RangeSources;
import io.easystore.records.ArchiveMetadata;
import io.easystore.records.Bookmark;
import io.easystore.records.PageInfo;
import io.easystore.records.RecordArchives;
import io.easystore.records.RecordCursor;
import io.easystore.records.RecordReader;
import io.easystore.records.RecordTypes;
import io.easystore.records.RecordWriter;
import io.easystore.records.WriterOptions;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "rekey", description = {"Rewrite an archive with a new key (key rotation), or encrypt or --decrypt"
    + " it: the records of every intact page are copied, page by page with the page's time, into a new archive"
    + " written beside the target and renamed into place when complete.",
    "Bookmarks change, and the new archive has a new id: rebuild key indexes with 'des records index'."})
final class RekeyCommand extends Subcommand {
  @Parameters(index = "0", paramLabel = "ARCHIVE")
  Path archive;

  @Option(names = "--to", paramLabel = "OUT", description = "Write the result here instead of replacing ARCHIVE.")
  Path to;

  @Mixin
  ReadOptionsMixin read;

  @Mixin
  KeyOptions keys;

  @Mixin
  NewKeyOptions newKey;

  @Override
  int run() throws Exception {
    NewKeyOptions.NewKey key = newKey.newKey();
    Path target = to != null ? to : archive;
    if (to != null && Files.exists(to)) {
      throw new java.nio.file.FileAlreadyExistsException(to.toString());
    }
    long records = 0;
    long pages = 0;
    // Opening a FIFO for writing would wait for a reader forever.
    io.easystore.io.NotRegularFileException.requireRegularFile(archive);
    // Hold the lock appenders take, so no record is appended to the old file meanwhile.
    try (FileChannel ch = FileChannel.open(archive, StandardOpenOption.WRITE);
        FileLock held = tryLock(ch);
        RecordReader r = read.open(archive, keys, this::warn)) {
      assert held.isValid();
      ArchiveMetadata m = r.metadata();
      PageClock clock = new PageClock(m.created());
      WriterOptions o = WriterOptions.defaults().withCodec(m.codec(), m.codecLevel())
          .withPageSize(WriterOptions.DEFAULT_PAGE_SIZE * 16).withDescription(m.description())
          .withHost(m.host()).withApplication(m.application()).withContentType(m.contentType())
          .withProperties(m.properties()).withClock(clock);
      if (key != null) {
        o = o.withEncryption(key.keyId(), key.keys());
      }
      try (RecordWriter w = RecordArchives.create(RangeSources.fileSink(target), o)) {
        for (PageInfo p : r.pages()) {
          clock.now = p.created();
          RecordCursor<byte[]> c = r.cursor(RecordTypes.bytes(), new Bookmark(p.offset(), 0));
          for (int i = 0; i < p.records() && c.next(); i++) {
            w.append(c.current().value());
            records++;
          }
          w.flush();
          pages++;
        }
      }
    } catch (KeyUnavailableException e) {
      throw KeyOptions.oldKey(e, archive.toString());
    }
    out().println("rewrote " + archive + (to != null ? " to " + to : "") + ": " + records + " records in " + pages
        + " pages; " + (key == null ? "not encrypted" : "encrypted with key '" + key.keyId() + "'")
        + "; rebuild key indexes with 'des records index'");
    return OK;
  }

  private FileLock tryLock(FileChannel ch) throws java.io.IOException {
    FileLock l;
    try {
      l = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      l = null;
    }
    if (l == null) {
      throw new IllegalStateException(archive + " is being appended to; try again when the writer is done");
    }
    return l;
  }

  /** Gives each copied page the time of the page it copies. */
  private static final class PageClock extends Clock {
    volatile Instant now;

    PageClock(Instant start) {
      this.now = start;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
