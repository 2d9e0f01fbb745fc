package io.easystore.nio;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.easystore.DesWriter;
import io.easystore.EntryAttributes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The fixed tree the read contract reads, written to a directory or into a DES v2 container. */
final class NioTestTree {
  static final long HELLO_MTIME = 1_600_000_000_000L;
  static final String HELLO_PERMS = "rw-r-----";
  static final Map<String, byte[]> FILES = new LinkedHashMap<>();
  static final List<String> EMPTY_DIRS = List.of("empty");

  static {
    FILES.put("hello.txt", "hello, world\n".getBytes(UTF_8));
    FILES.put(".hidden", "h".getBytes(UTF_8));
    FILES.put("docs/readme.md", "grüße λόγος 日本語\n".getBytes(UTF_8));
    FILES.put("docs/big.bin", NioFileSystemContract.random(7, 300_000));
    StringBuilder log = new StringBuilder();
    for (int i = 0; log.length() < 200_000; i++) {
      log.append("line ").append(i).append(": the same words again and again\n");
    }
    FILES.put("docs/text.log", log.toString().getBytes(UTF_8));
    FILES.put("docs/sub/deep.txt", "deep\n".getBytes(UTF_8));
  }

  private NioTestTree() {}

  /** Writes the tree under {@code root} with {@code Files}. */
  static void write(Path root) throws IOException {
    for (Map.Entry<String, byte[]> f : FILES.entrySet()) {
      Path p = root.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.write(p, f.getValue());
    }
    for (String d : EMPTY_DIRS) {
      Files.createDirectories(root.resolve(d));
    }
    Path hello = root.resolve("hello.txt");
    Files.setLastModifiedTime(hello, FileTime.fromMillis(HELLO_MTIME));
    Files.setPosixFilePermissions(hello, PosixFilePermissions.fromString(HELLO_PERMS));
  }

  /** Writes the tree as a DES v2 container (compressed with the default zstd). */
  static void write(DesWriter w) throws IOException {
    for (Map.Entry<String, byte[]> f : FILES.entrySet()) {
      EntryAttributes a = f.getKey().equals("hello.txt")
          ? new EntryAttributes(HELLO_MTIME, 0640) : EntryAttributes.NONE;
      w.addFile(f.getKey(), f.getValue(), null, a);
    }
    for (String d : EMPTY_DIRS) {
      w.addDirectory(d, EntryAttributes.NONE);
    }
  }

  static Path container(Path dir) throws IOException {
    Path c = dir.resolve("tree.des");
    try (DesWriter w = DesWriter.create(c)) {
      write(w);
    }
    return c;
  }
}
