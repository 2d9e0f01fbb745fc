package io.easystore.remote;

import io.easystore.UnsupportedVersionException;
import io.easystore.internal.bytes.Framing;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.zip.CRC32C;

/**
 * Blocks as files in a directory, for command-line use across runs; bounded by total bytes,
 * evicting the least recently read files first.
 *
 * <p>File layout (big-endian): magic {@code ESBC}, format version (1 byte), 3 reserved zero bytes,
 * key length (4), key (UTF-8), block length (4), block, CRC32C of everything before (4). A file
 * that fails any check is a miss and is deleted, so a damaged cache costs requests, never wrong
 * bytes. Files of a newer format version are left alone for the newer program that wrote them.
 *
 * <p>Thread-safe, and safe for several processes sharing one directory: files are written to a
 * temporary name and renamed into place.
 */
final class DiskBlockCache implements BlockCache {
  static final int MAGIC = 0x45534243; // "ESBC"
  private static final byte[] MAGIC_BYTES = {'E', 'S', 'B', 'C'};
  static final byte VERSION = 1;
  private static final int HEADER = 12;
  private static final String SUFFIX = ".blk";

  private final Path dir;
  private final long maxBytes;
  private final AtomicLong bytes = new AtomicLong();
  /**
   * Puts and discards (shared) against eviction (exclusive): eviction resets the byte count from a
   * scan of the directory, so no file may be published or deleted between that scan and the reset,
   * or its bytes would be lost from the count and the bound would drift upwards.
   */
  private final ReadWriteLock accounting = new ReentrantReadWriteLock();

  DiskBlockCache(Path dir, long maxBytes) throws IOException {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
    }
    this.dir = dir.toAbsolutePath();
    this.maxBytes = maxBytes;
    Files.createDirectories(this.dir);
    bytes.set(scan().stream().mapToLong(CacheFile::size).sum());
  }

  @Override
  public Optional<ByteBuffer> get(BlockKey key) throws IOException {
    Path file = fileFor(key);
    byte[] expectedKey = key.asString().getBytes(StandardCharsets.UTF_8);
    long limit = (long) HEADER + expectedKey.length + 4 + key.blockSize() + 4;
    byte[] all;
    try {
      long size = Files.size(file);
      if (size > limit) {
        discard(file, size);
        return Optional.empty();
      }
      all = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    ByteBuffer in = ByteBuffer.wrap(all);
    if (all.length < HEADER + 8 || !Framing.hasMagic(all, 0, MAGIC_BYTES)) {
      discard(file, all.length);
      return Optional.empty();
    }
    try {
      Framing.checkVersion(file.toString(), 4, "block cache file", all[4] & 0xff, VERSION, VERSION);
    } catch (UnsupportedVersionException.TooNew e) {
      // Left alone for the newer program that wrote it: to this one it is a miss.
      return Optional.empty();
    } catch (UnsupportedVersionException.TooOld e) {
      discard(file, all.length);
      return Optional.empty();
    }
    int keyLen = in.getInt(8);
    if (keyLen != expectedKey.length || HEADER + keyLen + 8 > all.length) {
      discard(file, all.length);
      return Optional.empty();
    }
    int dataLen = in.getInt(HEADER + keyLen);
    CRC32C crc = new CRC32C();
    crc.update(all, 0, all.length - 4);
    if (dataLen < 0 || HEADER + keyLen + 4L + dataLen + 4 != all.length
        || (int) crc.getValue() != in.getInt(all.length - 4)
        || !ByteBuffer.wrap(all, HEADER, keyLen).equals(ByteBuffer.wrap(expectedKey))) {
      discard(file, all.length);
      return Optional.empty();
    }
    try {
      // Eviction goes by modification time, so a read marks the block as recently used.
      Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
    } catch (NoSuchFileException e) {
      // Evicted by another thread or process after the read: the bytes read are still valid.
    }
    return Optional.of(ByteBuffer.wrap(all, HEADER + keyLen + 4, dataLen).slice().asReadOnlyBuffer());
  }

  @Override
  public void put(BlockKey key, byte[] block) throws IOException {
    byte[] keyBytes = key.asString().getBytes(StandardCharsets.UTF_8);
    int total = HEADER + keyBytes.length + 4 + block.length + 4;
    if (total > maxBytes) {
      return;
    }
    ByteBuffer out = ByteBuffer.allocate(total);
    out.putInt(MAGIC).put(VERSION).put(new byte[3]).putInt(keyBytes.length).put(keyBytes)
        .putInt(block.length).put(block);
    CRC32C crc = new CRC32C();
    crc.update(out.array(), 0, total - 4);
    out.putInt((int) crc.getValue());
    Path file = fileFor(key);
    Files.createDirectories(file.getParent());
    Path temp = io.easystore.internal.io.TempFiles.createScratch(file.getParent(), ".tmp-", ".part");
    try {
      // The one durability rule of every file EasyStore publishes (AtomicFiles): a torn block would
      // only be a CRC miss, but one rule is what a fault-injecting test can check, and a file
      // system without atomic rename then fails loudly instead of quietly getting a weaker promise.
      Files.write(temp, out.array());
      long now;
      accounting.readLock().lock();
      try {
        long replaced = sizeOrZero(file);
        io.easystore.internal.io.AtomicFiles.publish(temp, file);
        io.easystore.internal.io.TempFiles.forget(temp);
        now = bytes.addAndGet(total - replaced);
      } finally {
        accounting.readLock().unlock();
      }
      if (now > maxBytes) {
        evict();
      }
    } finally {
      io.easystore.internal.io.TempFiles.discard(temp);
    }
  }

  private static long sizeOrZero(Path file) throws IOException {
    try {
      return Files.size(file);
    } catch (NoSuchFileException e) {
      return 0;
    }
  }

  private void discard(Path file, long size) throws IOException {
    accounting.readLock().lock();
    try {
      if (Files.deleteIfExists(file)) {
        bytes.addAndGet(-size);
      }
    } finally {
      accounting.readLock().unlock();
    }
  }

  /** Deletes the least recently used files until the cache is at 90% of its bound. */
  private void evict() throws IOException {
    accounting.writeLock().lock();
    try {
      if (bytes.get() <= maxBytes) {
        return; // another thread evicted meanwhile
      }
      List<CacheFile> files = scan();
      long total = files.stream().mapToLong(CacheFile::size).sum();
      files.sort(Comparator.comparing(CacheFile::modified));
      long target = maxBytes - maxBytes / 10;
      for (CacheFile f : files) {
        if (total <= target) {
          break;
        }
        if (Files.deleteIfExists(f.path())) {
          total -= f.size();
        }
      }
      bytes.set(total);
    } finally {
      accounting.writeLock().unlock();
    }
  }

  private record CacheFile(Path path, long size, FileTime modified) {}

  private List<CacheFile> scan() throws IOException {
    List<CacheFile> files = new ArrayList<>();
    Instant staleTemp = Instant.now().minusSeconds(600);
    try (DirectoryStream<Path> subdirs = Files.newDirectoryStream(dir, Files::isDirectory)) {
      for (Path sub : subdirs) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(sub)) {
          for (Path p : entries) {
            BasicFileAttributes a;
            try {
              a = Files.readAttributes(p, BasicFileAttributes.class);
            } catch (NoSuchFileException e) {
              continue;
            }
            String name = p.getFileName().toString();
            if (name.endsWith(SUFFIX)) {
              files.add(new CacheFile(p, a.size(), a.lastModifiedTime()));
            } else if (name.startsWith(".tmp-") && a.lastModifiedTime().toInstant().isBefore(staleTemp)) {
              // Left behind by a process that died mid-write.
              Files.deleteIfExists(p);
            }
          }
        }
      }
    }
    return files;
  }

  private Path fileFor(BlockKey key) {
    String hex = sha256Hex(key.asString());
    return dir.resolve(hex.substring(0, 2)).resolve(hex + SUFFIX);
  }

  private static String sha256Hex(String s) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  long bytes() {
    return bytes.get();
  }

  Path directory() {
    return dir;
  }

  @Override
  public String toString() {
    return "disk block cache " + dir + " (" + bytes.get() + " of " + maxBytes + " bytes)";
  }
}
