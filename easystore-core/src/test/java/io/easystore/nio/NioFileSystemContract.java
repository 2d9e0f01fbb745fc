package io.easystore.nio;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code Files.*} must do on a writable file system. Runs against the default file system
 * (which proves the expectations), Jimfs (a second reference) and a des file system over a new
 * container. Each test works under a fresh, empty directory from {@link #newRoot()}.
 * Expected exceptions are the JDK's exact types and their messages must name the path.
 */
abstract class NioFileSystemContract {
  protected Path root;
  @TempDir
  Path local;

  /** A fresh, empty, existing directory of the file system under test. */
  protected abstract Path newRoot() throws IOException;

  /** Releases what {@link #newRoot()} opened. */
  protected void closeRoot() throws IOException {}

  @BeforeEach
  void setUpRoot() throws IOException {
    root = newRoot();
  }

  @AfterEach
  void tearDownRoot() throws IOException {
    closeRoot();
  }

  static byte[] random(long seed, int n) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private Path p(String relative) {
    return root.resolve(relative);
  }

  @Test
  void writeThenReadBytesSizeAndKind() throws IOException {
    Path f = Files.write(p("a.bin"), random(1, 10_000));
    assertThat(Files.readAllBytes(f)).isEqualTo(random(1, 10_000));
    assertThat(Files.size(f)).isEqualTo(10_000);
    assertThat(Files.exists(f)).isTrue();
    assertThat(Files.isRegularFile(f)).isTrue();
    assertThat(Files.isDirectory(f)).isFalse();
    assertThat(Files.isDirectory(root)).isTrue();
  }

  @Test
  void writeStringReadStringLinesAndBufferedIo() throws IOException {
    Path f = Files.writeString(p("text.txt"), "grüße\nλόγος\n日本語");
    assertThat(Files.readString(f)).isEqualTo("grüße\nλόγος\n日本語");
    assertThat(Files.readAllLines(f)).containsExactly("grüße", "λόγος", "日本語");
    try (BufferedWriter w = Files.newBufferedWriter(p("w.txt"))) {
      w.write("one\ntwo\n");
    }
    try (Stream<String> lines = Files.lines(p("w.txt"))) {
      assertThat(lines).containsExactly("one", "two");
    }
  }

  @Test
  void outputAndInputStreamsCarryALargeBody() throws IOException {
    byte[] body = random(2, 3 << 20);
    try (OutputStream out = Files.newOutputStream(p("big.bin"))) {
      for (int off = 0; off < body.length; off += 100_000) {
        out.write(body, off, Math.min(100_000, body.length - off));
      }
    }
    ByteArrayOutputStream back = new ByteArrayOutputStream();
    try (InputStream in = Files.newInputStream(p("big.bin"))) {
      in.transferTo(back);
    }
    assertThat(back.toByteArray()).isEqualTo(body);
  }

  @Test
  void seekableReadChannel() throws IOException {
    byte[] body = random(3, 200_000);
    Path f = Files.write(p("seek.bin"), body);
    try (SeekableByteChannel ch = Files.newByteChannel(f)) {
      assertThat(ch.size()).isEqualTo(body.length);
      for (long pos : new long[] {150_000, 10, 199_990, 0, 77_777}) {
        ByteBuffer buf = ByteBuffer.allocate(10);
        ch.position(pos);
        while (buf.hasRemaining() && ch.read(buf) > 0) {
          // fill
        }
        assertThat(buf.array()).isEqualTo(java.util.Arrays.copyOfRange(body, (int) pos, (int) pos + 10));
        assertThat(ch.position()).isEqualTo(pos + 10);
      }
      ch.position(body.length);
      assertThat(ch.read(ByteBuffer.allocate(1))).isEqualTo(-1);
    }
  }

  @Test
  void writeChannelSeeksAndTruncates() throws IOException {
    Path f = p("w.bin");
    try (SeekableByteChannel ch = Files.newByteChannel(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap("0123456789abcdef".getBytes(UTF_8)));
      ch.truncate(10);
      ch.position(2);
      ch.write(ByteBuffer.wrap("XY".getBytes(UTF_8)));
      assertThat(ch.size()).isEqualTo(10);
    }
    assertThat(Files.readString(f)).isEqualTo("01XY456789");
  }

  @Test
  void writeWithoutTruncateOverwritesInPlaceAndReadWriteSeesOldBytes() throws IOException {
    Path f = Files.writeString(p("f.txt"), "abcdef");
    try (SeekableByteChannel ch = Files.newByteChannel(f, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap("XY".getBytes(UTF_8)));
    }
    assertThat(Files.readString(f)).isEqualTo("XYcdef");
    try (SeekableByteChannel ch = Files.newByteChannel(f, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.allocate(3);
      ch.position(3).read(b);
      assertThat(new String(b.array(), UTF_8)).isEqualTo("def");
      ch.write(ByteBuffer.wrap("!".getBytes(UTF_8)));
    }
    assertThat(Files.readString(f)).isEqualTo("XYcdef!");
  }

  @Test
  void appendAddsToTheEnd() throws IOException {
    Path f = Files.writeString(p("log.txt"), "one\n");
    Files.writeString(f, "two\n", StandardOpenOption.APPEND);
    try (OutputStream out = Files.newOutputStream(f, StandardOpenOption.APPEND)) {
      out.write("three\n".getBytes(UTF_8));
    }
    assertThat(Files.readString(f)).isEqualTo("one\ntwo\nthree\n");
    Files.writeString(f, "new", StandardOpenOption.TRUNCATE_EXISTING);
    assertThat(Files.readString(f)).isEqualTo("new");
  }

  @Test
  void createOptionsAreHonoured() throws IOException {
    Path f = Files.writeString(p("exists.txt"), "x");
    assertThatThrownBy(() -> Files.newOutputStream(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))
        .isInstanceOf(FileAlreadyExistsException.class).hasMessageContaining(f.toString());
    assertThatThrownBy(() -> Files.createFile(f))
        .isInstanceOf(FileAlreadyExistsException.class).hasMessageContaining(f.toString());
    Path missing = p("missing.txt");
    assertThatThrownBy(() -> Files.newOutputStream(missing, StandardOpenOption.WRITE))
        .isInstanceOf(NoSuchFileException.class).hasMessageContaining(missing.toString());
    Path created = Files.createFile(p("created.txt"));
    assertThat(Files.size(created)).isZero();
  }

  @Test
  void missingFilesRaiseNoSuchFileNamingThePath() throws IOException {
    Path m = p("nope.txt");
    assertThat(Files.exists(m)).isFalse();
    assertThat(Files.notExists(m)).isTrue();
    assertThatThrownBy(() -> Files.readAllBytes(m)).isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining(m.toString());
    assertThatThrownBy(() -> Files.newInputStream(m)).isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining(m.toString());
    assertThatThrownBy(() -> Files.size(m)).isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining(m.toString());
    assertThatThrownBy(() -> Files.getLastModifiedTime(m)).isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining(m.toString());
    assertThatThrownBy(() -> Files.delete(m)).isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining(m.toString());
    assertThat(Files.deleteIfExists(m)).isFalse();
    Path inMissingDir = p("no-dir/f.txt");
    assertThatThrownBy(() -> Files.writeString(inMissingDir, "x")).isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining(inMissingDir.toString());
  }

  @Test
  void directoriesAreCreatedOnceAndNeedTheirParent() throws IOException {
    Path d = Files.createDirectory(p("d"));
    assertThat(Files.isDirectory(d)).isTrue();
    assertThatThrownBy(() -> Files.createDirectory(d)).isInstanceOf(FileAlreadyExistsException.class)
        .hasMessageContaining(d.toString());
    Path orphan = p("x/y");
    assertThatThrownBy(() -> Files.createDirectory(orphan)).isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining(orphan.toString());
    Path deep = Files.createDirectories(p("a/b/c"));
    assertThat(Files.isDirectory(deep)).isTrue();
    assertThat(Files.createDirectories(p("a/b/c"))).isEqualTo(deep);
    assertThat(Files.isDirectory(p("a/b"))).isTrue();
    Path file = Files.writeString(p("a/f.txt"), "f");
    assertThatThrownBy(() -> Files.createDirectories(file)).isInstanceOf(FileAlreadyExistsException.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  void deleteRefusesNonEmptyDirectories() throws IOException {
    Path d = Files.createDirectory(p("d"));
    Path f = Files.writeString(d.resolve("f.txt"), "x");
    assertThatThrownBy(() -> Files.delete(d)).isInstanceOf(DirectoryNotEmptyException.class)
        .hasMessageContaining(d.toString());
    Files.delete(f);
    assertThat(Files.exists(f)).isFalse();
    assertThat(Files.isDirectory(d)).isTrue();
    assertThat(Files.deleteIfExists(d)).isTrue();
    assertThat(Files.exists(d)).isFalse();
  }

  private void tree() throws IOException {
    Files.createDirectories(p("src/main"));
    Files.createDirectories(p("src/test"));
    Files.createDirectory(p("empty"));
    Files.writeString(p("README.txt"), "r");
    Files.writeString(p("src/a.txt"), "a");
    Files.writeString(p("src/b.md"), "b");
    Files.writeString(p("src/main/c.txt"), "c");
    Files.writeString(p("src/test/d.bin"), "d");
  }

  private List<String> rel(Stream<Path> paths) {
    try (paths) {
      return paths.map(x -> root.relativize(x).toString()).sorted().collect(Collectors.toList());
    }
  }

  @Test
  void listWalkAndFind() throws IOException {
    tree();
    assertThat(rel(Files.list(root))).containsExactly("README.txt", "empty", "src");
    assertThat(rel(Files.list(p("empty")))).isEmpty();
    assertThat(rel(Files.walk(root))).containsExactly("", "README.txt", "empty", "src", "src/a.txt", "src/b.md",
        "src/main", "src/main/c.txt", "src/test", "src/test/d.bin");
    assertThat(rel(Files.walk(p("src"), 1))).containsExactly("src", "src/a.txt", "src/b.md", "src/main", "src/test");
    assertThat(rel(Files.find(root, 10, (x, a) -> a.isRegularFile() && x.toString().endsWith(".txt"))))
        .containsExactly("README.txt", "src/a.txt", "src/main/c.txt");
    Path file = p("README.txt");
    assertThatThrownBy(() -> Files.list(file)).isInstanceOf(NotDirectoryException.class)
        .hasMessageContaining(file.toString());
    Path missing = p("nothing");
    assertThatThrownBy(() -> Files.list(missing)).isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining(missing.toString());
  }

  @Test
  void directoryStreamsWithGlobAndFilter() throws IOException {
    tree();
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(p("src"), "*.{txt,md}")) {
      ds.forEach(x -> names.add(x.getFileName().toString()));
    }
    assertThat(names).containsExactlyInAnyOrder("a.txt", "b.md");
    List<Path> dirs = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(p("src"), Files::isDirectory)) {
      ds.forEach(dirs::add);
    }
    assertThat(dirs).containsExactlyInAnyOrder(p("src/main"), p("src/test"));
    assertThat(dirs.get(0).getParent()).isEqualTo(p("src"));
  }

  @Test
  void copyInsideTheFileSystem() throws IOException {
    tree();
    Path a = p("src/a.txt");
    Path copy = Files.copy(a, p("copy.txt"));
    assertThat(Files.readString(copy)).isEqualTo("a");
    assertThat(Files.readString(a)).isEqualTo("a");
    assertThatThrownBy(() -> Files.copy(a, copy)).isInstanceOf(FileAlreadyExistsException.class)
        .hasMessageContaining(copy.toString());
    Files.writeString(a, "changed");
    Files.copy(a, copy, StandardCopyOption.REPLACE_EXISTING);
    assertThat(Files.readString(copy)).isEqualTo("changed");
    Path dirCopy = Files.copy(p("src"), p("src2"));
    assertThat(Files.isDirectory(dirCopy)).isTrue();
    assertThat(rel(Files.list(dirCopy))).isEmpty();
    Path missing = p("missing.txt");
    assertThatThrownBy(() -> Files.copy(missing, p("x.txt"))).isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining(missing.toString());
    Path noParent = p("no/such/dir.txt");
    assertThatThrownBy(() -> Files.copy(a, noParent)).isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining(noParent.toString());
    Path ne = p("src/main");
    assertThatThrownBy(() -> Files.copy(a, p("src"), StandardCopyOption.REPLACE_EXISTING))
        .isInstanceOf(DirectoryNotEmptyException.class).hasMessageContaining(p("src").toString());
    assertThat(Files.isDirectory(ne)).isTrue();
  }

  @Test
  void copyKeepsTheModificationTimeWithCopyAttributes() throws IOException {
    Path a = Files.writeString(p("a.txt"), "a");
    FileTime t = FileTime.fromMillis(1_600_000_000_000L);
    Files.setLastModifiedTime(a, t);
    Path b = Files.copy(a, p("b.txt"), StandardCopyOption.COPY_ATTRIBUTES);
    assertThat(Files.getLastModifiedTime(b)).isEqualTo(t);
  }

  @Test
  void copyToAndFromTheDefaultFileSystemAndStreams() throws IOException {
    byte[] body = random(4, 70_000);
    Path outside = Files.write(local.resolve("outside.bin"), body);
    Path inside = Files.copy(outside, p("inside.bin"));
    assertThat(Files.readAllBytes(inside)).isEqualTo(body);
    Path back = Files.copy(inside, local.resolve("back.bin"));
    assertThat(Files.readAllBytes(back)).isEqualTo(body);
    assertThat(Files.copy(new ByteArrayInputStream(body), p("from-stream.bin"))).isEqualTo(body.length);
    assertThatThrownBy(() -> Files.copy(new ByteArrayInputStream(body), inside))
        .isInstanceOf(FileAlreadyExistsException.class).hasMessageContaining(inside.toString());
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    assertThat(Files.copy(p("from-stream.bin"), sink)).isEqualTo(body.length);
    assertThat(sink.toByteArray()).isEqualTo(body);
    Path moved = Files.move(local.resolve("back.bin"), p("moved-in.bin"));
    assertThat(Files.readAllBytes(moved)).isEqualTo(body);
    assertThat(Files.exists(local.resolve("back.bin"))).isFalse();
    Path movedOut = Files.move(moved, local.resolve("moved-out.bin"));
    assertThat(Files.readAllBytes(movedOut)).isEqualTo(body);
    assertThat(Files.exists(moved)).isFalse();
  }

  @Test
  void moveRenamesFilesAndWholeDirectories() throws IOException {
    tree();
    Path a = p("src/a.txt");
    Path moved = Files.move(a, p("a-moved.txt"));
    assertThat(Files.exists(a)).isFalse();
    assertThat(Files.readString(moved)).isEqualTo("a");
    Path readme = p("README.txt");
    assertThatThrownBy(() -> Files.move(moved, readme)).isInstanceOf(FileAlreadyExistsException.class)
        .hasMessageContaining(readme.toString());
    Files.move(moved, readme, StandardCopyOption.REPLACE_EXISTING);
    assertThat(Files.readString(readme)).isEqualTo("a");
    assertThat(Files.exists(moved)).isFalse();
    Path src = p("src");
    Path lib = Files.move(src, p("lib"));
    assertThat(Files.exists(src)).isFalse();
    assertThat(rel(Files.walk(lib))).containsExactly("lib", "lib/b.md", "lib/main", "lib/main/c.txt", "lib/test",
        "lib/test/d.bin");
    assertThat(Files.readString(p("lib/main/c.txt"))).isEqualTo("c");
    Path missing = p("missing");
    assertThatThrownBy(() -> Files.move(missing, p("elsewhere"))).isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining(missing.toString());
    Path noParent = p("no/such/place");
    assertThatThrownBy(() -> Files.move(readme, noParent)).isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining(noParent.toString());
    Path atomic = Files.move(readme, p("atomic.txt"), StandardCopyOption.ATOMIC_MOVE);
    assertThat(Files.readString(atomic)).isEqualTo("a");
    Path inside = p("lib/main/lib");
    // Unix and des throw a FileSystemException naming the path, Jimfs a plain IOException.
    assertThatThrownBy(() -> Files.move(lib, inside)).isInstanceOf(IOException.class);
    assertThat(Files.isDirectory(lib)).isTrue();
  }

  @Test
  void directoriesAreNotWrittenAsFiles() throws IOException {
    Path d = Files.createDirectory(p("d"));
    assertThatThrownBy(() -> Files.writeString(d, "x")).isInstanceOf(FileSystemException.class)
        .hasMessageContaining(d.toString());
    assertThatThrownBy(() -> Files.readAllBytes(d)).isInstanceOf(IOException.class);
    assertThat(Files.isDirectory(d)).isTrue();
  }

  @Test
  void modificationTimesAndBasicAttributes() throws IOException {
    Path f = Files.writeString(p("t.txt"), "12345");
    Path d = Files.createDirectory(p("d"));
    FileTime t = FileTime.fromMillis(1_500_000_000_000L);
    Files.setLastModifiedTime(f, t);
    Files.setLastModifiedTime(d, t);
    assertThat(Files.getLastModifiedTime(f)).isEqualTo(t);
    assertThat(Files.getLastModifiedTime(d)).isEqualTo(t);
    BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
    assertThat(a.size()).isEqualTo(5);
    assertThat(a.isRegularFile()).isTrue();
    assertThat(a.isDirectory()).isFalse();
    assertThat(a.isSymbolicLink()).isFalse();
    assertThat(a.isOther()).isFalse();
    assertThat(a.lastModifiedTime()).isEqualTo(t);
    Map<String, Object> m = Files.readAttributes(f, "size,isDirectory,lastModifiedTime");
    assertThat(m).containsEntry("size", 5L).containsEntry("isDirectory", false).containsEntry("lastModifiedTime", t);
    assertThat(Files.readAttributes(d, "basic:*")).containsKeys("size", "isRegularFile", "isDirectory",
        "lastModifiedTime", "lastAccessTime", "creationTime", "fileKey", "isOther", "isSymbolicLink")
        .containsEntry("isDirectory", true);
    Files.getFileAttributeView(f, BasicFileAttributeView.class).setTimes(FileTime.fromMillis(1_400_000_000_000L),
        null, null);
    assertThat(Files.getAttribute(f, "lastModifiedTime")).isEqualTo(FileTime.fromMillis(1_400_000_000_000L));
    Files.setAttribute(f, "basic:lastModifiedTime", t);
    assertThat(Files.getLastModifiedTime(f)).isEqualTo(t);
    assertThatThrownBy(() -> Files.readAttributes(f, "basic:nonsense")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Files.readAttributes(f, "nosuchview:*")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void posixPermissionsRoundTrip() throws IOException {
    Path f = Files.writeString(p("perm.txt"), "x");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-r-----");
    PosixFileAttributes a = Files.readAttributes(f, PosixFileAttributes.class);
    assertThat(PosixFilePermissions.toString(a.permissions())).isEqualTo("rw-r-----");
    assertThat(a.owner()).isNotNull();
    assertThat(a.group()).isNotNull();
    assertThat(Files.getOwner(f)).isEqualTo(a.owner());
    assertThat(Files.readAttributes(f, "posix:permissions,owner")).containsKeys("permissions", "owner");
    Path created = Files.createFile(p("private.txt"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(created))).isEqualTo("rw-------");
    Path tmp = Files.createTempFile(root, "tmp", ".bin");
    assertThat(tmp.getParent()).isEqualTo(root);
    assertThat(Files.isRegularFile(tmp)).isTrue();
  }

  @Test
  void sameFileHiddenAccessAndStores() throws IOException {
    Path f = Files.writeString(p("same.txt"), "x");
    Path other = Files.writeString(p(".hidden"), "y");
    assertThat(Files.isSameFile(f, f)).isTrue();
    Files.createDirectory(p("sub"));
    assertThat(Files.isSameFile(f, root.resolve("sub/../same.txt"))).isTrue();
    assertThat(Files.isSameFile(f, other)).isFalse();
    Path missing = p("missing");
    // The JDK leaves this open: Unix file systems (and des) throw, Jimfs answers false.
    try {
      assertThat(Files.isSameFile(f, missing)).isFalse();
    } catch (NoSuchFileException e) {
      assertThat(e).hasMessageContaining(missing.toString());
    }
    assertThat(Files.isHidden(other)).isTrue();
    assertThat(Files.isHidden(f)).isFalse();
    assertThat(Files.isReadable(f)).isTrue();
    assertThat(Files.isWritable(f)).isTrue();
    assertThat(Files.isExecutable(root)).isTrue();
    assertThat(Files.getFileStore(f)).isNotNull();
    assertThat(Files.getFileStore(f).supportsFileAttributeView(BasicFileAttributeView.class)).isTrue();
    assertThat(Files.getFileStore(f).isReadOnly()).isFalse();
    assertThat(root.getFileSystem().getFileStores()).isNotEmpty();
    try {
      assertThat(Files.getFileStore(missing)).isNotNull(); // Jimfs
    } catch (NoSuchFileException e) {
      assertThat(e).hasMessageContaining(missing.toString()); // Unix and des
    }
  }

  @Test
  void readsSeeEarlierWritesAndUrisRoundTrip() throws IOException {
    Path f = Files.writeString(p("uri me.txt"), "v1");
    Files.writeString(f, "v2");
    assertThat(Files.readString(f)).isEqualTo("v2");
    Path back = Path.of(f.toUri());
    assertThat(back).isEqualTo(f.toAbsolutePath());
    assertThat(Files.readString(back)).isEqualTo("v2");
    assertThat(f.toRealPath()).isEqualTo(f.toAbsolutePath().normalize());
    Path m = p("missing");
    assertThatThrownBy(() -> m.toRealPath()).isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining(m.toString());
  }

  @Test
  void pathAlgebraIsUnixLike() {
    Path a = root.getFileSystem().getPath("/x/y/../z/./w");
    assertThat(a.normalize().toString()).isEqualTo("/x/z/w");
    assertThat(a.isAbsolute()).isTrue();
    assertThat(a.getNameCount()).isEqualTo(6);
    assertThat(a.getFileName().toString()).isEqualTo("w");
    assertThat(a.getRoot().toString()).isEqualTo("/");
    assertThat(a.getParent().toString()).isEqualTo("/x/y/../z/.");
    Path r = root.getFileSystem().getPath("u", "v//w/");
    assertThat(r.toString()).isEqualTo("u/v/w");
    assertThat(r.isAbsolute()).isFalse();
    assertThat(r.getRoot()).isNull();
    assertThat(r.subpath(1, 3).toString()).isEqualTo("v/w");
    assertThat(r.startsWith("u/v")).isTrue();
    assertThat(r.startsWith("u/v/w/x")).isFalse();
    assertThat(r.endsWith("v/w")).isTrue();
    assertThat(r.endsWith("/v/w")).isFalse();
    Path base = root.getFileSystem().getPath("/a/b/c");
    assertThat(base.relativize(root.getFileSystem().getPath("/a/x/y")).toString()).isEqualTo("../../x/y");
    assertThat(base.resolve("d").toString()).isEqualTo("/a/b/c/d");
    assertThat(base.resolve("/e").toString()).isEqualTo("/e");
    assertThat(base.resolveSibling("s").toString()).isEqualTo("/a/b/s");
    List<String> names = new ArrayList<>();
    base.forEach(n -> names.add(n.toString()));
    assertThat(names).containsExactly("a", "b", "c");
    assertThat(base.compareTo(root.getFileSystem().getPath("/a/b/d"))).isNegative();
    assertThat(base).isEqualTo(root.getFileSystem().getPath("/a/b/c/"))
        .hasSameHashCodeAs(root.getFileSystem().getPath("/a//b/c"));
    assertThat(root.getFileSystem().getPath("").getNameCount()).isEqualTo(1);
    assertThat(root.getFileSystem().getPath("/").getNameCount()).isZero();
    assertThat(root.getFileSystem().getPath("/").getParent()).isNull();
    assertThat(root.getFileSystem().getPath("/..").normalize().toString()).isEqualTo("/");
    assertThat(root.getFileSystem().getPath("../a/..").normalize().toString()).isEqualTo("..");
    assertThatThrownBy(() -> base.relativize(r)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pathMatchersForGlobAndRegex() {
    var fs = root.getFileSystem();
    assertThat(fs.getPathMatcher("glob:*.txt").matches(fs.getPath("a.txt"))).isTrue();
    assertThat(fs.getPathMatcher("glob:*.txt").matches(fs.getPath("d/a.txt"))).isFalse();
    assertThat(fs.getPathMatcher("glob:**/*.txt").matches(fs.getPath("/d/e/a.txt"))).isTrue();
    assertThat(fs.getPathMatcher("glob:{a,b}.txt").matches(fs.getPath("b.txt"))).isTrue();
    assertThat(fs.getPathMatcher("glob:?.txt").matches(fs.getPath("ab.txt"))).isFalse();
    assertThat(fs.getPathMatcher("glob:[a-c].txt").matches(fs.getPath("c.txt"))).isTrue();
    assertThat(fs.getPathMatcher("glob:[!a-c].txt").matches(fs.getPath("c.txt"))).isFalse();
    assertThat(fs.getPathMatcher("regex:.*\\.(txt|md)").matches(fs.getPath("x/y.md"))).isTrue();
    assertThatThrownBy(() -> fs.getPathMatcher("glob")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> fs.getPathMatcher("shell:*")).isInstanceOf(UnsupportedOperationException.class);
  }
}
