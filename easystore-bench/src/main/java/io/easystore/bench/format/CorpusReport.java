package io.easystore.bench.format;

import io.easystore.ContainerStats;
import io.easystore.DesReader;
import io.easystore.DesWriter;
import io.easystore.EntryAttributes;
import io.easystore.WriterOptions;
import io.easystore.codec.CodecId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Compressed size and speed on a real corpus (the JDK sources, src.zip): DES v2 with each codec
 * against .tar.gz, .tar.zst and zip of the same files, packed by the standard tools. Every DES
 * container stays randomly readable, which the report checks by reading every file back in random
 * order. Not JMH: these are single long operations, timed once each.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.easystore.bench.format.CorpusReport [src.zip] [workdir]}
 */
public final class CorpusReport {
  private CorpusReport() {}

  public static void main(String[] args) throws Exception {
    Path srcZip = Paths.get(args.length > 0 ? args[0] : "/usr/lib/jvm/temurin-25-jdk-amd64/lib/src.zip");
    Path work = Paths.get(args.length > 1 ? args[1] : "/tmp/des-corpus");
    Path tree = work.resolve("src");
    if (!Files.isDirectory(tree)) {
      extract(srcZip, tree);
    }
    List<Path> files = new ArrayList<>();
    long bytes = 0;
    try (Stream<Path> s = Files.walk(tree)) {
      for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile).sorted()::iterator) {
        files.add(p);
        bytes += Files.size(p);
      }
    }
    System.out.printf(Locale.ROOT, "corpus: %s, %d files, %d bytes%n%n", srcZip, files.size(), bytes);
    System.out.println("| format | size (bytes) | vs .tar.gz | pack s | random read of every file, us/file |");
    System.out.println("|---|---:|---:|---:|---:|");
    long tgz = tool("tar.gz", "tar -C " + tree + " -cf - . | gzip -6 > " + work.resolve("c.tar.gz"), -1);
    tool("tar.zst -3", "tar -C " + tree + " -cf - . | zstd -q -3 -T1 -f -o " + work.resolve("c3.tar.zst"), tgz);
    tool("tar.zst -19", "tar -C " + tree + " -cf - . | zstd -q -19 -T1 -f -o " + work.resolve("c19.tar.zst"),
        tgz);
    tool("zip -6 (Info-ZIP)", "cd " + tree + " && rm -f " + work.resolve("c.zip") + " && zip -q -r -6 "
        + work.resolve("c.zip") + " .", tgz);
    System.out.printf(Locale.ROOT, "| src.zip as shipped | %d | %.3f | | |%n", Files.size(srcZip),
        Files.size(srcZip) / (double) tgz);
    WriterOptions d = WriterOptions.defaults();
    des(work, tree, files, "DES v2 none", d.withCodec(CodecId.NONE), tgz);
    des(work, tree, files, "DES v2 deflate -6", d.withCodec(CodecId.DEFLATE), tgz);
    des(work, tree, files, "DES v2 zstd -3", d, tgz);
    des(work, tree, files, "DES v2 zstd -19", d.withLevel(19), tgz);
    des(work, tree, files, "DES v2 zstd -3 + dict 32K", d.withDictionaries(true), tgz);
    des(work, tree, files, "DES v2 zstd -19 + dict 32K", d.withDictionaries(true).withLevel(19), tgz);
    des(work, tree, files, "DES v2 zstd -19 + dict 112K", d.withDictionaries(true).withLevel(19)
        .withDictionaryBytes(112 << 10), tgz);
  }

  private static void extract(Path zip, Path to) throws IOException {
    try (ZipFile z = new ZipFile(zip.toFile())) {
      for (ZipEntry e : Collections.list(z.entries())) {
        if (e.isDirectory()) {
          continue;
        }
        Path out = to.resolve(e.getName()).normalize();
        if (!out.startsWith(to)) {
          throw new IOException("unsafe entry " + e.getName());
        }
        Files.createDirectories(out.getParent());
        try (InputStream in = z.getInputStream(e)) {
          Files.copy(in, out);
        }
      }
    }
  }

  private static long tool(String label, String cmd, long tgz) throws Exception {
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder("bash", "-c", cmd).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IOException(cmd + " failed");
    }
    double s = (System.nanoTime() - t0) / 1e9;
    String out = cmd.substring(cmd.lastIndexOf(' ') + 1);
    if (cmd.contains("zip -q")) {
      out = cmd.substring(cmd.indexOf("zip -q -r -6 ") + 13, cmd.lastIndexOf(" ."));
    }
    long size = Files.size(Paths.get(out));
    System.out.printf(Locale.ROOT, "| %s | %d | %s | %.1f | n/a (sequential archive%s) |%n", label, size,
        tgz < 0 ? "1.000" : String.format(Locale.ROOT, "%.3f", size / (double) tgz), s,
        label.startsWith("zip") ? "; zip is random-access, see LookupBenchmark" : "");
    return size;
  }

  private static void des(Path work, Path tree, List<Path> files, String label, WriterOptions o, long tgz)
      throws IOException {
    Path out = work.resolve("c.des");
    long t0 = System.nanoTime();
    try (DesWriter w = DesWriter.create(out, o)) {
      for (Path f : files) {
        w.addFile(tree.relativize(f).toString(), f, null, EntryAttributes.of(f));
      }
    }
    double pack = (System.nanoTime() - t0) / 1e9;
    List<Path> shuffled = new ArrayList<>(files);
    Collections.shuffle(shuffled, new Random(1));
    long t1;
    long read = 0;
    ContainerStats st;
    try (DesReader r = DesReader.open(out)) {
      st = r.stats();
      t1 = System.nanoTime();
      for (Path f : shuffled) {
        read += r.getFile(tree.relativize(f).toString()).length;
      }
    }
    double perFile = (System.nanoTime() - t1) / 1e3 / files.size();
    System.out.printf(Locale.ROOT, "| %s | %d | %.3f | %.1f | %.1f (dictionaries: %d, page %d KiB, %d levels) |%n",
        label, Files.size(out), Files.size(out) / (double) tgz, pack, perFile, st.dictionaries(),
        st.pageSize() >> 10, st.indexLevels());
    if (read != st.bodyBytes()) {
      throw new IllegalStateException("read " + read + " bytes, container holds " + st.bodyBytes());
    }
  }
}
