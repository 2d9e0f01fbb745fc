package io.easystore.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.easystore.DesReader;
import io.easystore.DesWriter;
import io.easystore.EntryAttributes;
import io.easystore.IndexEntry;
import io.easystore.internal.json.ReferenceJson;
import io.easystore.internal.v1.V1Footer;
import io.easystore.internal.v1.V1Index;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export order and v1 duplicates: what GNU tar restores from our tars. */
class TarExportOrderTest {
  @TempDir Path tmp;

  private static final long BASE = 1_500_000_000_000L;

  /** Directories d0..d4, each with sub-directories and files, all with distinct old times. */
  private Path tree() throws IOException {
    Path c = tmp.resolve("tree.des");
    try (DesWriter w = DesWriter.create(c)) {
      for (int d = 0; d < 5; d++) {
        w.addDirectory("d" + d, new EntryAttributes(BASE + d * 86_400_000L, 0755));
        for (int s = 0; s < 3; s++) {
          String sub = "d" + d + "/s" + s;
          w.addDirectory(sub, new EntryAttributes(BASE + (d * 10 + s + 100) * 86_400_000L, 0750));
          for (int f = 0; f < 3; f++) {
            w.addFile(sub + "/f" + f + ".txt", new java.io.ByteArrayInputStream(("f" + f).getBytes()), null,
                new EntryAttributes(BASE, 0644));
          }
        }
        w.addFile("d" + d + ".txt", new java.io.ByteArrayInputStream("x".getBytes()), null, new EntryAttributes(BASE, 0644));
      }
    }
    return c;
  }

  @Test
  void gnuTarRestoresEveryDirectoryMtimeOfAnExport() throws Exception {
    assumeTrue(ArchiveInteropTest.gnuTar(), "GNU tar not installed");
    Path out = tmp.resolve("t.tar.gz");
    try (DesReader r = DesReader.open(tree())) {
      TarExporter.export(r, out, 0);
    }
    Path x = Files.createDirectories(tmp.resolve("x"));
    ArchiveInteropTest.sh(x, "tar -xzf " + out);
    Map<String, Long> expected = new TreeMap<>();
    Map<String, Long> actual = new TreeMap<>();
    for (int d = 0; d < 5; d++) {
      expected.put("d" + d, BASE + d * 86_400_000L);
      actual.put("d" + d, Files.getLastModifiedTime(x.resolve("d" + d)).toMillis());
      for (int s = 0; s < 3; s++) {
        String sub = "d" + d + "/s" + s;
        expected.put(sub, BASE + (d * 10 + s + 100) * 86_400_000L);
        actual.put(sub, Files.getLastModifiedTime(x.resolve(sub)).toMillis());
      }
    }
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void exportListsEachDirectoryBeforeItsContentsDepthFirst() throws IOException {
    Path out = tmp.resolve("t.tar");
    try (DesReader r = DesReader.open(tree())) {
      TarExporter.export(r, out, 0);
    }
    List<String> names = new ArrayList<>();
    try (InputStream in = Files.newInputStream(out); TarArchiveInputStream t = new TarArchiveInputStream(in)) {
      TarArchiveEntry e;
      while ((e = t.getNextEntry()) != null) {
        names.add(e.getName());
      }
    }
    assertThat(names.subList(0, 7)).containsExactly("d0/", "d0/s0/", "d0/s0/f0.txt", "d0/s0/f1.txt", "d0/s0/f2.txt",
        "d0/s1/", "d0/s1/f0.txt");
    // Everything below a directory comes right after it, in one block: nothing below it later on.
    for (int i = 0; i < names.size(); i++) {
      String dir = names.get(i);
      if (!dir.endsWith("/")) {
        continue;
      }
      int j = i + 1;
      while (j < names.size() && names.get(j).startsWith(dir)) {
        j++;
      }
      assertThat(names.subList(j, names.size())).as("after the block of %s", dir)
          .noneMatch(n -> n.startsWith(dir));
    }
  }

  /** A v1 container built byte by byte holding {@code ok.txt} twice: 13 bytes, then 2 (readers serve the last). */
  private Path v1WithDuplicate() throws IOException {
    byte[] first = "first version".getBytes(StandardCharsets.UTF_8);
    byte[] second = "v2".getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(V1Footer.header());
    long d1 = out.size();
    out.writeBytes(first);
    long d2 = out.size();
    out.writeBytes(second);
    long metaStart = out.size();
    byte[] m1 = ReferenceJson.toBytes(ReferenceJson.object().put("size", first.length));
    byte[] m2 = ReferenceJson.toBytes(ReferenceJson.object().put("size", second.length));
    out.writeBytes(m1);
    out.writeBytes(m2);
    long indexStart = out.size();
    byte[] name = "ok.txt".getBytes(StandardCharsets.UTF_8);
    ByteBuffer index = ByteBuffer.allocate(2 * V1Index.encodedSize(name));
    V1Index.encode(index, name, IndexEntry.v1("ok.txt", d1, first.length, metaStart, m1.length, 0));
    V1Index.encode(index, name, IndexEntry.v1("ok.txt", d2, second.length, metaStart + m1.length, m2.length, 0));
    out.writeBytes(index.array());
    out.writeBytes(new V1Footer(V1Footer.HEADER_SIZE, metaStart - V1Footer.HEADER_SIZE, metaStart,
        m1.length + m2.length, indexStart, index.capacity(), 2).encode());
    return Files.write(tmp.resolve("dups.des"), out.toByteArray());
  }

  @Test
  void exportOfAV1ContainerWithADuplicateNameWritesTheBodyReadersServe() throws IOException {
    Path out = tmp.resolve("dups.tar");
    ExportResult x;
    try (DesReader r = DesReader.open(v1WithDuplicate())) {
      assertThat(new String(r.getFile("ok.txt"), StandardCharsets.UTF_8)).isEqualTo("v2");
      x = TarExporter.export(r, out, 0);
    }
    assertThat(x.files()).isEqualTo(1);
    assertThat(x.skipped()).singleElement().asString().contains("appears twice");
    try (InputStream in = Files.newInputStream(out); TarArchiveInputStream t = new TarArchiveInputStream(in)) {
      TarArchiveEntry e = t.getNextEntry();
      assertThat(e.getName()).isEqualTo("ok.txt");
      assertThat(new String(t.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("v2");
      assertThat(t.getNextEntry()).isNull();
    }
  }
}
