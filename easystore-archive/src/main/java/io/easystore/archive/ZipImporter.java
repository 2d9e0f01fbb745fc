package io.easystore.archive;

import io.easystore.CorruptContainerException;
import io.easystore.EntryAttributes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.UnicodePathExtraField;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Reads a zip archive through its central directory (commons-compress {@link ZipFile}) into an
 * {@link ImportSink}, in the order entries lie in the file. A path that appears more than once
 * gets the body of its last entry (as unzip and Python's zipfile read it). Names are UTF-8 when
 * the entry says so (language encoding flag) or is valid UTF-8, else read as CP437 (the zip
 * default) with a message. Every entry's local header, data descriptor and data are checked
 * against its central directory record ({@link ZipChecks}). Stateless.
 */
final class ZipImporter {
  /** Longest symbolic link target read, to tell inside from outside. */
  private static final int MAX_LINK_BYTES = 4096;

  private ZipImporter() {}

  static ImportResult run(Path zip, ImportSink sink, InputProgress at) throws IOException {
    String archive = zip.toString();
    ZipFile zf;
    try {
      zf = ZipFile.builder().setPath(zip).setCharset(StandardCharsets.ISO_8859_1).get();
    } catch (IOException | RuntimeException e) {
      // The central directory is looked for from the end of the file.
      throw new ArchiveReadException(archive, java.nio.file.Files.size(zip), null, -1,
          "not a readable zip archive (its central directory is missing or damaged): "
          + ArchiveReadException.describe(e), e);
    }
    try (zf; FileChannel file = FileChannel.open(zip, StandardOpenOption.READ)) {
      List<ZipArchiveEntry> all = Collections.list(zf.getEntriesInPhysicalOrder());
      Map<String, Integer> last = new HashMap<>();
      String[] names = new String[all.size()];
      String[] notes = new String[all.size()];
      for (int i = 0; i < all.size(); i++) {
        ZipArchiveEntry e = all.get(i);
        RawNames.Decoded d = name(e);
        names[i] = d.name();
        notes[i] = d.note();
        String path = EntryNames.normalize(d.name()).path();
        if (path != null && !e.isDirectory() && !e.isUnixSymlink()) {
          last.put(path, i);
        }
      }
      for (int i = 0; i < all.size(); i++) {
        ZipArchiveEntry e = all.get(i);
        sink.countEntry();
        // Physical order: each entry starts where the ones before it have been read.
        at.at(e.getLocalHeaderOffset());
        String raw = names[i];
        if (notes[i] != null) {
          sink.note(raw, notes[i]);
        }
        try {
          entry(zf, file, archive, sink, e, raw, i, last);
        } catch (IOException | RuntimeException ex) {
          throw GuardedInput.wrap(ex, archive, raw, e.getDataOffset(), -1);
        }
      }
    }
    return sink.result("zip");
  }

  private static void entry(ZipFile zf, FileChannel file, String archive, ImportSink sink, ZipArchiveEntry e,
      String raw, int index, Map<String, Integer> last) throws IOException {
    if (e.isUnixSymlink()) {
      sink.skipLink(raw, linkTarget(zf, e), false);
      return;
    }
    if (e.isDirectory()) {
      String path = sink.accept(raw, true);
      if (path != null) {
        sink.directory(raw, path, attributes(e));
      }
      return;
    }
    if (!zf.canReadEntryData(e)) {
      sink.skip(raw, "uses encryption or a compression method this reader does not support");
      return;
    }
    String path = sink.accept(raw, false);
    if (path == null) {
      return;
    }
    Integer keep = last.get(path);
    if (keep != null && keep != index) {
      sink.superseded(raw);
      return;
    }
    ZipChecks.records(file, archive, path, e);
    try (InputStream in = zf.getInputStream(e)) {
      InputStream checked = ZipChecks.verified(new GuardedInput(in, archive, path, e::getDataOffset, () -> -1),
          archive, path, e);
      sink.file(raw, path, checked, attributes(e), null);
    }
  }

  /** The entry's name from its bytes, per its language encoding flag or Unicode path field. */
  static RawNames.Decoded name(ZipArchiveEntry e) {
    byte[] raw = e.getRawName();
    if (e.getGeneralPurposeBit().usesUTF8ForNames()) {
      return RawNames.utf8(raw);
    }
    try {
      return new RawNames.Decoded(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString(), null);
    } catch (CharacterCodingException notUtf8) {
      if (e.getExtraField(UnicodePathExtraField.UPATH_ID) != null) {
        // commons-compress took the name from the Unicode path field (it checks its CRC against the raw name).
        return new RawNames.Decoded(e.getName(), null);
      }
      String cp437 = new String(raw, Charset.forName("IBM437"));
      return new RawNames.Decoded(cp437, "has a name that is not UTF-8 and the zip does not say its encoding; read as"
          + " CP437, the zip default: '" + cp437 + "'");
    }
  }

  private static String linkTarget(ZipFile zf, ZipArchiveEntry e) throws IOException {
    if (!zf.canReadEntryData(e)) {
      return "(a target it cannot read: encrypted or compressed with an unsupported method)";
    }
    if (e.getSize() < 0 || e.getSize() > MAX_LINK_BYTES) {
      return "(a target of " + e.getSize() + " bytes)";
    }
    try (InputStream in = zf.getInputStream(e)) {
      return new String(in.readNBytes(MAX_LINK_BYTES), StandardCharsets.UTF_8);
    }
  }

  static EntryAttributes attributes(ZipArchiveEntry e) {
    long mtime = e.getTime() < 0 ? EntryAttributes.NO_MTIME : e.getTime();
    int mode = e.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX && e.getUnixMode() != 0
        ? e.getUnixMode() & 07777 : EntryAttributes.NO_MODE;
    return new EntryAttributes(mtime, mode);
  }
}
