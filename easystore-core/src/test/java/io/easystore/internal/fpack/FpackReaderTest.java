package io.easystore.internal.fpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.CorruptContainerException;
import io.easystore.DesReader;
import io.easystore.IndexEntry;
import io.easystore.io.RangeSources;
import io.easystore.testing.Fixtures;
import io.easystore.testing.FpackFiles;
import io.easystore.testing.HostileInput;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A FilePacker pack opens through {@link DesReader#open} and browses like a DES v2 tree. */
class FpackReaderTest {
  @TempDir Path tmp;

  private static Map<String, JsonNode> manifest() throws IOException {
    Map<String, JsonNode> expected = new LinkedHashMap<>();
    for (JsonNode e : Fixtures.json("fp-dataset-manifest.json")) {
      if (!e.get("hidden").asBoolean()) {
        expected.put(e.get("path").asText(), e);
      }
    }
    return expected;
  }

  @Test
  void referencePackOpensDirectlyWithTheManifestsPathsAndBodies() throws IOException {
    Map<String, JsonNode> expected = manifest();
    try (DesReader r = DesReader.open(Fixtures.file("fp-dataset.fpack"))) {
      assertThat(r.formatVersion()).isEqualTo(1);
      assertThat(r.listFiles()).hasSize(101).containsExactlyInAnyOrderElementsOf(expected.keySet());
      for (String path : r.listFiles()) {
        byte[] body = r.getFile(path);
        assertThat(Fixtures.sha256(body)).as(path).isEqualTo(expected.get(path).get("sha256").asText());
        assertThat(r.openStream(path).readAllBytes()).isEqualTo(body);
        assertThat(r.getMeta(path).toString()).isEqualTo("{\"size\":" + body.length + "}");
        assertThat(r.entry(path).size()).isEqualTo(expected.get(path).get("size").asLong());
      }
      assertThat(r.isDirectory("images")).isTrue();
      assertThat(r.isDirectory("images/train")).isTrue();
      assertThat(r.exists("README.txt")).isTrue();
      assertThat(r.isDirectory("README.txt")).isFalse();
      assertThat(r.exists(".hidden/secret.txt")).as("FilePacker skipped hidden files").isFalse();
      assertThat(r.list("").stream().filter(IndexEntry::isDirectory).map(IndexEntry::name)).contains("images");
      assertThat(r.verify().ok()).isTrue();
      assertThat(r.verify().entriesChecked()).isEqualTo(101);
      assertThat(r.stats().liveEntries()).isEqualTo(101);
      assertThat(r.getFiles(r.listFiles()).keySet()).containsExactlyElementsOf(r.listFiles());
    }
  }

  @Test
  void listingIsSortedPagedAndRefusesFilesAndMissingDirectories() throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("b/z.txt", new byte[] {1});
    files.put("b/a.txt", new byte[] {2, 2});
    files.put("a.txt", new byte[] {3});
    files.put("b/c/d.txt", new byte[0]);
    Path pack = FpackFiles.write(tmp.resolve("p.fpack"), "base", files);
    try (DesReader r = DesReader.open(pack)) {
      assertThat(r.list("")).extracting(IndexEntry::name).containsExactly("a.txt", "b");
      assertThat(r.list("b")).extracting(IndexEntry::baseName).containsExactly("a.txt", "c", "z.txt");
      assertThat(r.list("b", "a.txt", 1)).extracting(IndexEntry::baseName).containsExactly("c");
      assertThat(r.listFiles()).containsExactly("b/z.txt", "b/a.txt", "a.txt", "b/c/d.txt");
      assertThatThrownBy(() -> r.list("a.txt")).isInstanceOf(NotDirectoryException.class);
      assertThatThrownBy(() -> r.list("nope")).isInstanceOf(NoSuchFileException.class);
      assertThatThrownBy(() -> r.getFile("b")).isInstanceOf(FileSystemException.class).hasMessageContaining("is a directory");
      try (SeekableByteChannel ch = r.newChannel("b/a.txt")) {
        assertThat(ch.size()).isEqualTo(2);
      }
      try (Stream<IndexEntry> s = r.entries()) {
        assertThat(s.map(IndexEntry::name)).containsExactly("b/z.txt", "b/a.txt", "a.txt", "b/c/d.txt", "b", "b/c");
      }
    }
  }

  static Stream<List<String>> hostileNames() {
    return Stream.of(List.of("../escape.txt"), List.of("/etc/passwd"), List.of("a//b"), List.of("a/./b"),
        List.of("dup.txt", "dup.txt"), List.of("a", "a/b"), List.of("a/b", "a"), List.of("x\\y"));
  }

  @ParameterizedTest
  @MethodSource("hostileNames")
  void packsWithUnsafeOrContradictoryNamesAreRefusedAsCorrupt(List<String> names) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    byte[] body = {'x'};
    Path pack = tmp.resolve("h.fpack");
    if (names.size() == 2 && names.get(0).equals(names.get(1))) {
      // A map cannot hold the duplicate: write two distinct names, then make the second equal the first.
      files.put("dup.txt", body);
      files.put("dup.tx_", body);
      FpackFiles.write(pack, "b", files);
      byte[] bytes = Files.readAllBytes(pack);
      bytes[265 + 128 + 6] = 't';
      Files.write(pack, bytes);
    } else {
      names.forEach(n -> files.put(n, body));
      FpackFiles.write(pack, "b", files);
    }
    assertThatThrownBy(() -> DesReader.open(pack)).isInstanceOf(CorruptContainerException.class)
        .hasMessageMatching(".*h\\.fpack @ offset (265|393) \\[entry '.+'\\]: .+");
  }

  @Test
  void aTruncatedPackSaysItIsNeitherDesNorASoundPack() throws IOException {
    byte[] pack = Files.readAllBytes(Fixtures.file("fp-dataset.fpack"));
    Path cut = tmp.resolve("cut.fpack");
    Files.write(cut, java.util.Arrays.copyOf(pack, pack.length - 10));
    assertThatThrownBy(() -> DesReader.open(cut)).isInstanceOf(CorruptContainerException.class)
        .hasMessageContaining("neither a DES container").hasMessageContaining("FilePacker");
  }

  static LongStream seeds() {
    return LongStream.range(0, 120);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void damagedPacksOpenedThroughDesReaderGiveOnlyTypedErrors(long seed) throws IOException {
    byte[] pack = Files.readAllBytes(Fixtures.file("fp-dataset.fpack"));
    Random rnd = new Random(seed);
    byte[] bad = pack.clone();
    switch (rnd.nextInt(3)) {
      case 0 -> bad = java.util.Arrays.copyOf(pack, rnd.nextInt(pack.length));
      case 1 -> {
        for (int i = 0; i < 1 + rnd.nextInt(4); i++) {
          int at = rnd.nextInt(265 + 136 * 101);
          bad[at] ^= (byte) (1 << rnd.nextInt(8));
        }
      }
      default -> {
        int name = 265 + 128 * rnd.nextInt(101);
        byte[] evil = "../../x".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        System.arraycopy(evil, 0, bad, name, evil.length);
      }
    }
    HostileInput.exercise("bad.fpack", bad, "seed " + seed);
  }

  @Test
  void desContainersStillOpenAsDes() throws IOException {
    try (DesReader r = DesReader.open(RangeSources.file(Fixtures.file("v1-basic.des")),
        io.easystore.ReaderOptions.defaults())) {
      assertThat(r).isNotInstanceOf(FpackContainerReader.class);
      assertThat(r.listFiles()).hasSize(4);
    }
  }
}
