package io.easystore.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.corrupt.V1Bytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DES v1 names are not validated as paths (the original writer stores what it is given, and
 * hostile files anything): a tree over such a container must list only names it can read back,
 * and report the others, never throw a raw runtime exception for a name it listed.
 */
class UnaddressableNamesTest {
  @TempDir
  Path tmp;

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private Path hostileV1() throws IOException {
    Path c = tmp.resolve("h.des");
    Files.write(c, new V1Bytes()
        .add("ok.txt", b("ok"), null)
        .add("x\0y", b("nul"), null)
        .add("../v1evil1", b("evil"), null)
        .add(".", b("dot"), null)
        .add("z.txt", b("zed"), null)
        .build());
    return c;
  }

  @Test
  void v1TreeListsOnlyNamesItCanReadAndReportsTheOthers() throws IOException {
    try (FileTree t = FileTrees.open(hostileV1())) {
      assertThat(t.list("")).containsExactly("ok.txt", "z.txt");
      List<String> walked = new ArrayList<>();
      try (Stream<WalkEntry> w = t.walk("")) {
        w.forEach(e -> e.files().forEach(f -> walked.add(e.resolve(f))));
      }
      assertThat(walked).containsExactly("ok.txt", "z.txt");
      for (String name : walked) {
        assertThat(t.isFile(name)).isTrue();
        assertThat(t.readAllBytes(name)).hasSize((int) t.size(name));
      }
      assertThat(t.unaddressable()).containsExactly("x\0y", "../v1evil1", ".");
    }
  }

  @Test
  void nulPathGivesInvalidPathExceptionNotARawIllegalArgument() throws IOException {
    try (FileTree t = FileTrees.open(hostileV1())) {
      assertThatThrownBy(() -> t.readAllBytes("x\0y")).isInstanceOf(InvalidPathException.class)
          .hasMessageContaining("NUL");
      assertThatThrownBy(() -> t.isFile("x\0y")).isInstanceOf(InvalidPathException.class);
    }
  }

  @Test
  void validContainersReportNothingUnaddressable() throws IOException {
    Path c = tmp.resolve("ok.des");
    Files.write(c, new V1Bytes().add("a.txt", b("a"), null).build());
    try (FileTree t = FileTrees.open(c)) {
      assertThat(t.unaddressable()).isEmpty();
      assertThat(t.list("")).containsExactly("a.txt");
    }
  }
}
