package io.easystore.cli;

import io.easystore.DesReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What a local file is, from its first bytes: so that a zip, a tar or a record archive given to a
 * command that reads DES containers is named for what it is, with the command that does read it,
 * instead of "bad footer magic". Only looked at after a reader has failed, so the cost (one read
 * of 512 bytes; for a file no magic names, an open by the public reader, which is how a
 * FilePacker pack, a format without magic, is told) is paid on the error path. Stateless and
 * thread-safe.
 */
public enum FileKind {
  DES_CONTAINER("a DES container"),
  FILEPACKER_PACK("a FilePacker pack"),
  RECORD_ARCHIVE("a record archive"),
  RECORD_INDEX("a record key index"),
  ELS_STORE("an ELS store"),
  ZIP("a zip archive"),
  TAR("a tar archive"),
  GZIP("a gzip-compressed file"),
  ZSTD("a zstd-compressed file"),
  XZ("an xz-compressed file"),
  BZIP2("a bzip2-compressed file"),
  SEVEN_ZIP("a 7-Zip archive"),
  PDF("a PDF document"),
  PNG("a PNG image"),
  JPEG("a JPEG image"),
  GIF("a GIF image"),
  ELF("an executable (ELF)"),
  DIRECTORY("a directory"),
  EMPTY("an empty file"),
  UNKNOWN("not a file of a known kind");

  private final String phrase;

  FileKind(String phrase) {
    this.phrase = phrase;
  }

  /** "a zip archive", "a record archive", ... */
  public String phrase() {
    return phrase;
  }

  /** Whether {@code des import} turns this kind into a DES container. */
  public boolean importable() {
    return switch (this) {
      case DES_CONTAINER, FILEPACKER_PACK, ZIP, TAR, GZIP, ZSTD, XZ, BZIP2 -> true;
      default -> false;
    };
  }

  /**
   * The {@code des} command that reads this kind, for a hint ("read it with ..."), or null when no
   * command does. {@code path} is quoted for a POSIX shell when it needs it.
   */
  public String readWith(String path) {
    String p = shellQuote(path);
    String out = shellQuote(stem(path) + ".des");
    return switch (this) {
      case DES_CONTAINER, FILEPACKER_PACK -> "des ls " + p;
      case RECORD_ARCHIVE -> "des records cat " + p;
      case RECORD_INDEX -> "des records find ARCHIVE KEY --index " + p;
      case ELS_STORE -> "des els ls " + p;
      case ZIP, TAR, GZIP, ZSTD, XZ, BZIP2 -> "des import " + p + " -o " + out;
      case DIRECTORY -> "des pack " + p + " -o " + out;
      default -> null;
    };
  }

  /** The kind of {@code path}; never throws for unreadable files (they are {@link #UNKNOWN}). */
  public static FileKind of(Path path) {
    try {
      if (Files.isDirectory(path)) {
        return isElsStore(path) ? ELS_STORE : DIRECTORY;
      }
      if (!Files.isRegularFile(path)) {
        return UNKNOWN;
      }
      byte[] head;
      try (InputStream in = Files.newInputStream(path)) {
        head = in.readNBytes(512);
      }
      FileKind k = of(head);
      return k == UNKNOWN && isFilePackerPack(path) ? FILEPACKER_PACK : k;
    } catch (IOException | RuntimeException e) {
      return UNKNOWN;
    }
  }

  /** The kind told by a file's first bytes (up to 512 of them); never {@link #FILEPACKER_PACK}. */
  public static FileKind of(byte[] head) {
    if (head.length == 0) {
      return EMPTY;
    }
    if (starts(head, "DESHEAD1")) {
      return DES_CONTAINER;
    }
    if (starts(head, "ESRECARC")) {
      return RECORD_ARCHIVE;
    }
    if (starts(head, "ESRECIDX")) {
      return RECORD_INDEX;
    }
    if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 || head[2] == 5) && head[3] == head[2] + 1) {
      return ZIP;
    }
    if (head.length >= 262 && new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar")) {
      return TAR;
    }
    if (starts(head, 0x1f, 0x8b)) {
      return GZIP;
    }
    if (starts(head, 0x28, 0xb5, 0x2f, 0xfd)) {
      return ZSTD;
    }
    if (starts(head, 0xfd, '7', 'z', 'X', 'Z', 0)) {
      return XZ;
    }
    if (starts(head, "BZh")) {
      return BZIP2;
    }
    if (starts(head, '7', 'z', 0xbc, 0xaf, 0x27, 0x1c)) {
      return SEVEN_ZIP;
    }
    if (starts(head, "%PDF")) {
      return PDF;
    }
    if (starts(head, 0x89, 'P', 'N', 'G')) {
      return PNG;
    }
    if (starts(head, 0xff, 0xd8, 0xff)) {
      return JPEG;
    }
    if (starts(head, "GIF8")) {
      return GIF;
    }
    if (starts(head, 0x7f, 'E', 'L', 'F')) {
      return ELF;
    }
    return UNKNOWN;
  }

  /** Through the public reader, which opens a pack read-only as format "FilePacker". */
  private static boolean isFilePackerPack(Path path) {
    try (DesReader r = DesReader.open(path)) {
      return r.formatName().equals("FilePacker");
    } catch (IOException | RuntimeException e) {
      // Not a pack the reader opens: the file stays UNKNOWN, which is all this method tells.
      return false;
    }
  }

  private static boolean isElsStore(Path dir) throws IOException {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "els.*.b{64,32}")) {
      return s.iterator().hasNext();
    }
  }

  private static boolean starts(byte[] head, String ascii) {
    byte[] m = ascii.getBytes(StandardCharsets.US_ASCII);
    return head.length >= m.length && Arrays.equals(head, 0, m.length, m, 0, m.length);
  }

  private static boolean starts(byte[] head, int... bytes) {
    if (head.length < bytes.length) {
      return false;
    }
    for (int i = 0; i < bytes.length; i++) {
      if ((head[i] & 0xff) != bytes[i]) {
        return false;
      }
    }
    return true;
  }

  private static String stem(String path) {
    String name = path.replaceAll("/+$", "");
    name = name.substring(name.lastIndexOf('/') + 1);
    for (String ext : new String[] {".tar.gz", ".tar.zst", ".tar.xz", ".tar.bz2", ".tgz", ".tar", ".zip", ".fpack"}) {
      if (name.endsWith(ext) && name.length() > ext.length()) {
        return name.substring(0, name.length() - ext.length());
      }
    }
    return name.isEmpty() || name.equals(".") || name.equals("..") ? "out" : name;
  }

  static String shellQuote(String s) {
    if (s.matches("[A-Za-z0-9_./=:@%+,-]+")) {
      return s;
    }
    return "'" + PrintableText.escape(s).replace("'", "'\\''") + "'";
  }
}
