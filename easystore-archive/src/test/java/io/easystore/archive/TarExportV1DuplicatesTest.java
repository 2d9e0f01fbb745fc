package io.easystore.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.easystore.DesReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** D10: the original DES writer repeats names; export keeps the last record, whole, once. */
class TarExportV1DuplicatesTest {
  @TempDir
  Path tmp;

  /** A v1 container laid out as the original writer does, with {@code ok.txt} written twice. */
  private static byte[] v1WithDuplicate() {
    String[][] files = {{"ok.txt", "first version!"}, {"b.txt", "bee"}, {"ok.txt", "2"}};
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("DESHEAD1".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(new byte[] {1, 0, 0, 0, 0, 0, 0, 0});
    long[] data = new long[files.length];
    long[] meta = new long[files.length];
    byte[][] metas = new byte[files.length][];
    for (int i = 0; i < files.length; i++) {
      data[i] = out.size();
      out.writeBytes(files[i][1].getBytes(StandardCharsets.UTF_8));
    }
    long metaStart = out.size();
    for (int i = 0; i < files.length; i++) {
      meta[i] = out.size();
      metas[i] = ("{\"size\":" + files[i][1].length() + "}").getBytes(StandardCharsets.UTF_8);
      out.writeBytes(metas[i]);
    }
    long indexStart = out.size();
    for (int i = 0; i < files.length; i++) {
      byte[] name = files[i][0].getBytes(StandardCharsets.UTF_8);
      ByteBuffer b = ByteBuffer.allocate(2 + name.length + 36).order(ByteOrder.LITTLE_ENDIAN);
      b.putShort((short) name.length).put(name).putLong(data[i]).putLong(files[i][1].length()).putLong(meta[i])
          .putLong(metas[i].length).putInt(0);
      out.writeBytes(b.array());
    }
    long end = out.size();
    ByteBuffer f = ByteBuffer.allocate(72).order(ByteOrder.LITTLE_ENDIAN);
    f.put("DESFOOT1".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put(new byte[7]).putLong(16)
        .putLong(metaStart - 16).putLong(metaStart).putLong(indexStart - metaStart).putLong(indexStart)
        .putLong(end - indexStart).putLong(files.length);
    out.writeBytes(f.array());
    return out.toByteArray();
  }

  @Test
  void v1DuplicateNameExportsTheLastRecordOnceWithAWarning() throws IOException {
    Path c = tmp.resolve("dups.des");
    Files.write(c, v1WithDuplicate());
    Path tar = tmp.resolve("out.tar");
    ExportResult x;
    try (DesReader r = DesReader.open(c)) {
      x = TarExporter.export(r, tar, 0);
    }
    assertThat(x.files()).isEqualTo(2);
    assertThat(x.skipped()).singleElement().asString().contains("ok.txt").contains("twice");
    Map<String, String> got = new LinkedHashMap<>();
    try (InputStream in = Files.newInputStream(tar); TarArchiveInputStream t = new TarArchiveInputStream(in)) {
      for (TarArchiveEntry e = t.getNextEntry(); e != null; e = t.getNextEntry()) {
        got.put(e.getName(), new String(t.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    // Exports are depth first (sorted), so order is not the container's; each name once, with the last body.
    assertThat(got).containsOnly(Map.entry("ok.txt", "2"), Map.entry("b.txt", "bee"));
  }
}
