package io.easystore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.easystore.DesWriter;
import io.easystore.WriterOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the reading commands make of their input: encrypted containers ({@code info} with the
 * key, {@code --visible-names} without it), files of another kind (named, with the command that
 * reads them), hostile names (escaped), and key options that would have no effect.
 */
class CliInputKindsTest {
  static final String KEY64 = Base64.getEncoder().encodeToString(new byte[32]);

  @TempDir Path tmp;
  final Map<String, String> env = new HashMap<>();
  Path src;

  @BeforeEach
  void tree() throws IOException {
    src = Files.createDirectories(tmp.resolve("src"));
    Files.writeString(Files.createDirectories(src.resolve("docs")).resolve("a.txt"), "hello");
    env.put("K", KEY64);
  }

  CliRun run(String... args) {
    return CliRun.withEnv(env, args);
  }

  @Test
  void infoOnAnEncryptedContainerWithItsKeyPrintsEverythingAndExitsZero() {
    String c = tmp.resolve("e.des").toString();
    assertThat(run("pack", src.toString(), "-o", c, "--encrypt", "--key-env", "K").exit()).isZero();
    CliRun text = run("info", c, "--key-env", "K");
    assertThat(text.exit()).as(text.stderr()).isZero();
    assertThat(text.stderr()).isEmpty();
    assertThat(text.out()).contains("encryption: AES-256-GCM, key 'default', names and metadata protected")
        .contains("index:");
    CliRun json = run("info", "--json", c, "--key-env", "K");
    assertThat(json.exit()).as(json.stderr()).isZero();
    assertThat(json.out()).startsWith("{").contains("\"keyId\":\"default\"").contains("\"namesProtected\":true");
  }

  @Test
  void visibleNamesContainersAreListedWithoutTheKeyButTheirBodiesNeedIt() {
    String c = tmp.resolve("v.des").toString();
    assertThat(run("pack", src.toString(), "-o", c, "--encrypt", "--key-env", "K", "--visible-names").exit())
        .isZero();
    CliRun ls = run("ls", c);
    assertThat(ls.exit()).as(ls.stderr()).isZero();
    assertThat(ls.out().lines()).containsExactly("docs/a.txt");
    assertThat(run("tree", c).out()).contains("a.txt");
    assertThat(run("find", c, "*.txt").out().lines()).containsExactly("docs/a.txt");
    CliRun info = run("info", c);
    assertThat(info.exit()).as(info.stderr()).isZero();
    assertThat(info.out()).contains("bodies only (names and metadata readable)").contains("entries:");
    CliRun cat = run("cat", c, "docs/a.txt");
    assertThat(cat.exit()).isEqualTo(Failures.KEY);
    assertThat(cat.stderr().lines()).hasSize(1);
    assertThat(cat.stderr()).contains("no key 'default'").contains("bodies");
    assertThat(run("verify", c).exit()).isEqualTo(Failures.KEY);
    assertThat(run("cat", c, "docs/a.txt", "--key-env", "K").out()).isEqualTo("hello");
  }

  @Test
  void fullyEncryptedContainersStillNeedTheKeyToList() {
    String c = tmp.resolve("e.des").toString();
    assertThat(run("pack", src.toString(), "-o", c, "--encrypt", "--key-env", "K").exit()).isZero();
    assertThat(run("ls", c).exit()).isEqualTo(Failures.KEY);
  }

  @Test
  void filesOfAnotherKindAreNamedWithTheCommandThatReadsThem() throws IOException {
    byte[] tar = tar();
    Map<String, byte[]> files = new java.util.LinkedHashMap<>();
    files.put("x.zip", zip());
    files.put("x.tar", tar);
    files.put("x.tar.gz", gzip(tar));
    files.put("x.tar.zst", com.github.luben.zstd.Zstd.compress(tar));
    files.put("x.tar.xz", xz(tar));
    files.put("x.tar.bz2", bzip2(tar));
    files.put("x.pdf", "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n".getBytes(StandardCharsets.ISO_8859_1));
    files.put("x.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13});
    Map<String, String> says = Map.of("x.zip", "is a zip archive", "x.tar", "is a tar archive", "x.tar.gz",
        "is a gzip-compressed file", "x.tar.zst", "is a zstd-compressed file", "x.tar.xz", "is an xz-compressed file",
        "x.tar.bz2", "is a bzip2-compressed file", "x.pdf", "is a PDF document", "x.png", "is a PNG image");
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      Path p = Files.write(tmp.resolve(f.getKey()), f.getValue());
      for (List<String> cmd : List.of(List.of("ls"), List.of("cat", "a.txt"), List.of("info"), List.of("verify"))) {
        List<String> args = new java.util.ArrayList<>(List.of(cmd.get(0), p.toString()));
        args.addAll(cmd.subList(1, cmd.size()));
        CliRun r = run(args.toArray(String[]::new));
        assertThat(r.exit()).as(args + ": " + r.stderr()).isEqualTo(Failures.DAMAGED);
        assertThat(r.stderr().lines()).hasSize(1);
        assertThat(r.stderr()).contains(p + " " + says.get(f.getKey()) + ", not a DES container");
        if (!f.getKey().endsWith(".pdf") && !f.getKey().endsWith(".png")) {
          assertThat(r.stderr()).as(args.toString()).contains("; read it with `des import " + p + " -o x.des`");
        }
      }
    }
    Path rec = tmp.resolve("app.rec");
    CliRun append = CliRun.withInput(env, "{\"n\":1}\n".getBytes(StandardCharsets.UTF_8), "records", "append",
        rec.toString());
    assertThat(append.exit()).as(append.stderr()).isZero();
    assertThat(run("ls", rec.toString()).stderr())
        .contains(rec + " is a record archive, not a DES container; read it with `des records cat " + rec + "`");
    Path store = tmp.resolve("store");
    assertThat(run("els", "put", store.toString(), "k").exit()).isZero();
    CliRun els = run("ls", store.toString());
    assertThat(els.exit()).isEqualTo(Failures.DAMAGED);
    assertThat(els.stderr()).contains(store + " is a directory, not a DES container; it is an ELS store: read it with"
        + " `des els ls " + store + "`");
    assertThat(run("ls", src.toString()).stderr()).contains("to make a container of it: `des pack " + src + " -o src.des`");
  }

  @Test
  void namesWithNewlinesAndTerminalEscapesAreEscapedInListings() throws IOException {
    Path c = tmp.resolve("n.des");
    String hostile = "docs/innocent.txt\n\u001b[2Kmalware.exe";
    try (DesWriter w = DesWriter.create(c, WriterOptions.defaults())) {
      w.addFile(hostile, "x".getBytes(StandardCharsets.UTF_8));
      w.addFile("docs/tab\there.txt", new byte[0]);
    }
    String escaped = "docs/innocent.txt\\n\\x1b[2Kmalware.exe";
    assertThat(run("ls", c.toString()).out().lines()).containsExactly(escaped, "docs/tab\\there.txt");
    assertThat(run("ls", c.toString(), "docs").out().lines())
        .containsExactly("innocent.txt\\n\\x1b[2Kmalware.exe", "tab\\there.txt");
    assertThat(run("ls", "-l", c.toString()).out().lines()).hasSize(2).allSatisfy(l -> assertThat(l).doesNotContain("\u001b"));
    assertThat(run("find", c.toString(), "*.exe").out().lines()).containsExactly(escaped);
    String tree = run("tree", c.toString()).out();
    assertThat(tree).contains("innocent.txt\\n\\x1b[2Kmalware.exe").doesNotContain("\u001b");
    assertThat(tree.lines()).hasSize(5);
    CliRun cat = run("cat", c.toString(), "docs/innocent.txt\n\u001b[2Kmissing");
    assertThat(cat.stderr().lines()).hasSize(1);
    assertThat(cat.stderr()).contains("\\n\\x1b[2Kmissing").doesNotContain("\u001b");
  }

  @Test
  void keyOptionsWithoutEncryptAreRefusedInsteadOfWritingPlaintext() {
    Path out = tmp.resolve("p.des");
    CliRun pack = run("pack", src.toString(), "-o", out.toString(), "--key-env", "K");
    assertThat(pack.exit()).isEqualTo(Failures.USAGE);
    assertThat(pack.stderr()).contains("--key-env gives a key, but without --encrypt").contains("add --encrypt");
    assertThat(out).doesNotExist();

    Path tarFile = tmp.resolve("t.tar");
    CliRun imp;
    try {
      Files.write(tarFile, tar());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    imp = run("import", tarFile.toString(), "-o", out.toString(), "--key-file", tmp.resolve("k").toString());
    assertThat(imp.exit()).isEqualTo(Failures.USAGE);
    assertThat(imp.stderr()).contains("--key-file gives a key, but without --encrypt");
    assertThat(out).doesNotExist();

    // Importing an encrypted container: the key options read it, and the output is plaintext on purpose.
    Path enc = tmp.resolve("e.des");
    assertThat(run("pack", src.toString(), "-o", enc.toString(), "--encrypt", "--key-env", "K").exit()).isZero();
    CliRun decrypting = run("import", enc.toString(), "-o", out.toString(), "--key-env", "K");
    assertThat(decrypting.exit()).as(decrypting.stderr()).isZero();
    assertThat(run("cat", out.toString(), "docs/a.txt").out()).isEqualTo("hello");
  }

  static byte[] tar() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(b)) {
      byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry e = new TarArchiveEntry("a.txt");
      e.setSize(body.length);
      t.putArchiveEntry(e);
      t.write(body);
      t.closeArchiveEntry();
    }
    return b.toByteArray();
  }

  static byte[] zip() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(b)) {
      z.putNextEntry(new ZipEntry("a.txt"));
      z.write("hello".getBytes(StandardCharsets.UTF_8));
      z.closeEntry();
    }
    return b.toByteArray();
  }

  static byte[] gzip(byte[] in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (OutputStream o = new GZIPOutputStream(b)) {
      o.write(in);
    }
    return b.toByteArray();
  }

  static byte[] xz(byte[] in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (OutputStream o = new org.tukaani.xz.XZOutputStream(b, new org.tukaani.xz.LZMA2Options())) {
      o.write(in);
    }
    return b.toByteArray();
  }

  static byte[] bzip2(byte[] in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (OutputStream o = new BZip2CompressorOutputStream(b)) {
      o.write(in);
    }
    return b.toByteArray();
  }
}
