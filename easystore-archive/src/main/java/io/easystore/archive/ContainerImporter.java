package io.easystore.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.easystore.DesReader;
import io.easystore.IndexEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Copies a DES container (v1 or v2) or a FilePacker pack into a writer: files with their
 * attributes and metadata (a pack has none), and directories. Stateless.
 */
final class ContainerImporter {
  private ContainerImporter() {}

  /** @param keys keys for an encrypted container; null for none */
  static ImportResult run(Path source, boolean fpack, ImportSink sink, io.easystore.crypto.KeyProvider keys,
      InputProgress at) throws IOException {
    try (DesReader r = DesReader.open(source, io.easystore.ReaderOptions.defaults().withKeys(keys));
        DesReader.EntryCursor entries = r.liveEntries()) {
      String format = fpack ? "fpack" : "des-v" + r.formatVersion();
      IndexEntry e;
      while ((e = entries.next()) != null) {
        sink.countEntry();
        String path = sink.accept(e.name(), e.isDirectory());
        if (path == null) {
          continue;
        }
        if (e.isDirectory()) {
          sink.directory(e.name(), path, e.attributes());
          continue;
        }
        ObjectNode meta = fpack ? null : userMeta(r.getMeta(e.name()));
        try (InputStream in = r.openStream(e.name())) {
          sink.file(e.name(), path, in, e.attributes(), meta);
        }
        at.advance(e.isExternal() ? 0 : e.storedLength());
      }
      return sink.result(format);
    }
  }

  /** The caller's metadata without {@code "size"}, which every reader adds back. */
  private static ObjectNode userMeta(JsonNode meta) {
    if (!(meta instanceof ObjectNode o) || o.isEmpty()) {
      return null;
    }
    ObjectNode copy = o.deepCopy();
    copy.remove("size");
    return copy.isEmpty() ? null : copy;
  }
}
