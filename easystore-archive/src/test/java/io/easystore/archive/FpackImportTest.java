package io.easystore.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.easystore.DesReader;
import io.easystore.WriterOptions;
import io.easystore.testing.Fixtures;
import io.easystore.tree.FileTree;
import io.easystore.tree.FileTrees;
import io.easystore.tree.PackListener;
import io.easystore.tree.PackOptions;
import io.easystore.tree.TreePacker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reference FilePacker pack imports exactly, and packing its source tree gives the same files. */
class FpackImportTest {
  @TempDir Path tmp;

  private static Map<String, String> manifest(boolean withHidden) throws IOException {
    Map<String, String> sha = new LinkedHashMap<>();
    for (JsonNode e : Fixtures.json("fp-dataset-manifest.json")) {
      if (withHidden || !e.get("hidden").asBoolean()) {
        sha.put(e.get("path").asText(), e.get("sha256").asText());
      }
    }
    return sha;
  }

  private static Map<String, String> digests(Path container) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    ArchiveFixtures.files(container).forEach((k, v) -> out.put(k, Fixtures.sha256(v)));
    return out;
  }

  @Test
  void theReferencePackImportsWithTheManifestsHundredAndOnePathsAndBodies() throws IOException {
    Path c = tmp.resolve("fp.des");
    ImportResult r = Importers.importFile(Fixtures.file("fp-dataset.fpack"), c, WriterOptions.defaults(),
        ImportOptions.defaults());
    assertThat(r.format()).isEqualTo("fpack");
    assertThat(r.files()).isEqualTo(101);
    assertThat(r.skipped()).isEmpty();
    assertThat(digests(c)).hasSize(101).containsExactlyInAnyOrderEntriesOf(manifest(false));
    try (DesReader d = DesReader.open(c)) {
      assertThat(d.formatVersion()).isEqualTo(2);
      assertThat(d.isDirectory("images/train")).isTrue();
      assertThat(d.getMeta("README.txt").toString()).isEqualTo("{\"size\":15}");
    }
  }

  @Test
  void theSourceTreeTarImportsWithItsHiddenFilesToo() throws IOException {
    Path c = tmp.resolve("tree.des");
    ImportResult r = Importers.importFile(Fixtures.file("fp-dataset-tree.tar"), c, WriterOptions.defaults(),
        ImportOptions.defaults());
    assertThat(r.format()).isEqualTo("tar");
    assertThat(r.skipped()).isEmpty();
    assertThat(digests(c)).containsExactlyInAnyOrderEntriesOf(manifest(true));
  }

  @Test
  void packingTheSourceTreeWithDefaultsKeepsWhatFilePackerKept() throws IOException {
    Path dir = tmp.resolve("tree");
    try (InputStream in = Files.newInputStream(Fixtures.file("fp-dataset-tree.tar"));
        TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        Path p = dir.resolve(e.getName()).normalize();
        if (e.isDirectory()) {
          Files.createDirectories(p);
        } else {
          Files.createDirectories(p.getParent());
          Files.copy(tar, p);
        }
      }
    }
    Path c = tmp.resolve("packed.des");
    TreePacker.pack(dir, c, WriterOptions.defaults(), PackOptions.defaults(), PackListener.NONE);
    assertThat(digests(c)).containsExactlyInAnyOrderEntriesOf(manifest(false));
    try (FileTree packed = FileTrees.open(c); FileTree fpack = FileTrees.open(Fixtures.file("fp-dataset.fpack"))) {
      assertThat(packed.list("images")).isEqualTo(fpack.list("images"));
      assertThat(packed.list("")).isEqualTo(fpack.list(""));
    }
  }
}
