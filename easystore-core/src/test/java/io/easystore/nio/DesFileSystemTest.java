package io.easystore.nio;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.easystore.DesWriter;
import io.easystore.EntryAttributes;
import io.easystore.testing.Fixtures;
import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is particular to des file systems: URIs, registration, options, v1 containers, paging. */
class DesFileSystemTest {
  @TempDir
  Path dir;

  private static URI desUri(Path container) {
    return URI.create("des:" + container.toUri());
  }

  @Test
  void uriOpenedFileSystemsAreFoundByUriUntilClosed() throws IOException {
    Path container = NioTestTree.container(dir);
    URI uri = desUri(container);
    FileSystem fs = FileSystems.newFileSystem(uri, Map.of("readOnly", "true"));
    try {
      assertThat(fs).isInstanceOf(DesFileSystem.class);
      assertThat(FileSystems.getFileSystem(uri)).isSameAs(fs);
      assertThatThrownBy(() -> FileSystems.newFileSystem(uri, Map.of("readOnly", "true")))
          .isInstanceOf(FileSystemAlreadyExistsException.class);
      Path readme = Path.of(URI.create(uri + "!/docs/readme.md"));
      assertThat(readme.getFileSystem()).isSameAs(fs);
      assertThat(readme.toString()).isEqualTo("/docs/readme.md");
      assertThat(Files.readString(readme)).isEqualTo("grüße λόγος 日本語\n");
      assertThat(readme.toUri().toString()).isEqualTo(uri + "!/docs/readme.md");
      Path odd = fs.getPath("/a b/ü#?%.txt");
      assertThat(odd.toUri().toString()).startsWith("des:file:").contains("!/a%20b/");
      assertThat(Path.of(odd.toUri())).isEqualTo(odd);
      assertThat(Path.of(uri).toString()).isEqualTo("/");
      assertThat(fs.toString()).isEqualTo("des:" + container.toUri());
    } finally {
      fs.close();
    }
    assertThatThrownBy(() -> FileSystems.getFileSystem(uri)).isInstanceOf(FileSystemNotFoundException.class);
    assertThatThrownBy(() -> Path.of(URI.create(uri + "!/hello.txt"))).isInstanceOf(FileSystemNotFoundException.class);
  }

  @Test
  void pathOpenedFileSystemsArePrivateAndMayCoexist() throws IOException {
    Path container = NioTestTree.container(dir);
    try (FileSystem a = FileSystems.newFileSystem(container, Map.of("readOnly", "true"));
        FileSystem b = DesFileSystem.open(container, Map.of("readOnly", true))) {
      assertThat(a).isInstanceOf(DesFileSystem.class).isNotSameAs(b);
      assertThat(Files.readString(a.getPath("hello.txt"))).isEqualTo(Files.readString(b.getPath("/hello.txt")));
      Path p = a.getPath("/hello.txt");
      assertThatThrownBy(() -> Path.of(p.toUri())).isInstanceOf(FileSystemNotFoundException.class);
      assertThat(a.getRootDirectories()).containsExactly(a.getPath("/"));
      assertThat(a.getSeparator()).isEqualTo("/");
      assertThat(a.supportedFileAttributeViews()).containsExactlyInAnyOrder("basic", "owner", "posix");
      assertThat(a.getFileStores()).singleElement().satisfies(s -> {
        assertThat(s.type()).isEqualTo("des");
        assertThat(s.isReadOnly()).isTrue();
        assertThat(s.getTotalSpace()).isPositive();
      });
      assertThat(Files.getOwner(p).getName()).isEqualTo(Files.getOwner(container).getName());
      assertThat(a.getUserPrincipalLookupService().lookupPrincipalByName("x").getName()).isEqualTo("x");
    }
  }

  @Test
  void optionsAreValidatedAndNamed() throws IOException {
    Path container = NioTestTree.container(dir);
    assertThatThrownBy(() -> DesFileSystem.open(container, Map.of("readonly", "true")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'readonly'");
    assertThatThrownBy(() -> DesFileSystem.open(container, Map.of("readOnly", "yes")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("readOnly");
    assertThatThrownBy(() -> DesFileSystem.open(container, Map.of("readOnly", "true", "commit", "often")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("commit");
    assertThatThrownBy(() -> DesFileSystem.open(container, Map.of("readOnly", "true", "create", "true")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("create and readOnly");
    assertThatThrownBy(() -> DesFileSystem.open(container, Map.of("readOnly", "true", "s3.endpoint", "http://x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("remote");
    assertThatThrownBy(() -> FileSystems.newFileSystem(URI.create("des:http://127.0.0.1:9/x.des"),
        Map.of("create", "true"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("read-only");
    Path missing = dir.resolve("missing.des");
    assertThatThrownBy(() -> DesFileSystem.open(missing, Map.of("readOnly", "true")))
        .isInstanceOf(NoSuchFileException.class).hasMessageContaining(missing.toString());
    try (FileSystem fs = DesFileSystem.open(container, Map.of("readOnly", "true", "owner", "alice", "group", "staff"))) {
      Path hello = fs.getPath("/hello.txt");
      assertThat(Files.getOwner(hello).getName()).isEqualTo("alice");
      assertThat(Files.getAttribute(hello, "posix:group").toString()).isEqualTo("staff");
    }
  }

  @Test
  void v1ContainersAreOneFlatDirectory() throws IOException {
    Path v1 = Fixtures.file("v1-basic.des");
    JsonNode manifest = Fixtures.json("v1-manifest.json").get("v1-basic.des");
    try (FileSystem fs = FileSystems.newFileSystem(v1, Map.of("readOnly", "true"))) {
      List<String> expected = new ArrayList<>();
      for (JsonNode e : manifest) {
        expected.add(e.get("name").asText());
        Path p = fs.getPath("/", e.get("name").asText());
        assertThat(Files.size(p)).isEqualTo(e.get("size").asLong());
        assertThat(Fixtures.sha256(Files.readAllBytes(p))).isEqualTo(e.get("sha256").asText());
        assertThat(Files.getLastModifiedTime(p)).isEqualTo(Files.getLastModifiedTime(v1));
      }
      try (Stream<Path> s = Files.list(fs.getPath("/"))) {
        assertThat(s.map(p -> p.getFileName().toString()).collect(Collectors.toList()))
            .containsExactlyInAnyOrderElementsOf(expected);
      }
      Path nested = fs.getPath("/dir/x");
      assertThatThrownBy(() -> Files.readAllBytes(nested)).isInstanceOf(NoSuchFileException.class)
          .hasMessageContaining(nested.toString());
    }
  }

  @Test
  void largeDirectoriesAreListedPageByPageInNameOrder() throws IOException {
    Path c = dir.resolve("many.des");
    int n = DesDirectoryStream.PAGE * 2 + 37;
    try (DesWriter w = DesWriter.create(c)) {
      for (int i = 0; i < n; i++) {
        w.addFile(String.format("d/f%05d.%s", i, i % 3 == 0 ? "txt" : "bin"), ("" + i).getBytes(UTF_8), null,
            EntryAttributes.NONE);
      }
    }
    try (FileSystem fs = DesFileSystem.open(c, Map.of("readOnly", "true"))) {
      List<String> names = new ArrayList<>();
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(fs.getPath("/d"))) {
        ds.forEach(p -> names.add(p.getFileName().toString()));
      }
      assertThat(names).hasSize(n).isSorted();
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(fs.getPath("/d"), "*.txt")) {
        int count = 0;
        for (Path p : ds) {
          assertThat(p.toString()).endsWith(".txt");
          count++;
        }
        assertThat(count).isEqualTo((n + 2) / 3);
      }
      assertThat(Files.readString(fs.getPath("/d/f01000.bin"))).isEqualTo("1000");
      assertThat(Files.getLastModifiedTime(fs.getPath("/d"))).isEqualTo(Files.getLastModifiedTime(c));
      assertThat(Files.getLastModifiedTime(fs.getPath("/"))).isEqualTo(Files.getLastModifiedTime(c));
    }
  }
}
