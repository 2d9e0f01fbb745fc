package io.easystore.tree;

import io.easystore.DesReader;
import io.easystore.WriterOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** Packing helpers for the packer tests. */
final class PackedTrees {
  private PackedTrees() {}

  static Path pack(Path dir, Path out, PackOptions options) throws IOException {
    TreePacker.pack(dir, out, WriterOptions.defaults(), options, PackListener.NONE);
    return out;
  }

  /** Every file of a container (or directory), path to body, in walk order. */
  static Map<String, byte[]> contents(Path treePath) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (FileTree t = FileTrees.open(treePath); Stream<WalkEntry> s = t.walk("")) {
      s.forEach(e -> e.files().forEach(f -> {
        try {
          out.put(e.resolve(f), t.readAllBytes(e.resolve(f)));
        } catch (IOException ex) {
          throw new UncheckedIOException(ex);
        }
      }));
    }
    return out;
  }

  /** Every directory of a container, the root excluded. */
  static java.util.List<String> directories(Path container) throws IOException {
    try (DesReader r = DesReader.open(container); Stream<io.easystore.IndexEntry> s = r.entries()) {
      return s.filter(io.easystore.IndexEntry::isDirectory).map(io.easystore.IndexEntry::name).toList();
    }
  }

  /** A v2 container's bytes with its random UUID (header, footer) and the footer CRC zeroed. */
  static byte[] withoutUuid(Path container) throws IOException {
    byte[] b = Files.readAllBytes(container);
    Arrays.fill(b, 16, 32, (byte) 0);
    int footer = b.length - 72;
    Arrays.fill(b, footer + 48, footer + 64, (byte) 0);
    Arrays.fill(b, footer + 68, footer + 72, (byte) 0);
    return b;
  }

  static void write(Path root, String rel, String body) throws IOException {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, body);
  }
}
