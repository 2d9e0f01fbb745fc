package io.easystore.doctest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Nothing escapes the doc tests: every block has a language they know and a valid marker. */
class DocBlockTagsTest {
  @Test
  void everyBlockHasAKnownLanguage() throws IOException {
    List<String> unknown = DocBlock.all(DocEnv.root()).stream()
        .filter(b -> !DocBlock.LANGUAGES.contains(b.lang()))
        .map(b -> b.where() + ": tag it as one of " + DocBlock.LANGUAGES
            + " (java and bash/sh blocks are compiled and run; text is for layouts, grammars and output)")
        .toList();
    assertThat(unknown).as("blocks with an unknown language tag").isEmpty();
  }

  @Test
  void everyMarkerIsValidAndFitsItsBlock() throws IOException {
    List<String> bad = DocBlock.all(DocEnv.root()).stream().map(DocBlockTagsTest::markerProblem)
        .filter(p -> p != null).toList();
    assertThat(bad).as("doctest markers that are wrong or on the wrong kind of block").isEmpty();
  }

  @Test
  void theDocumentsHaveBlocksToTest() throws IOException {
    // Guards the parser: if it stopped finding blocks, every other doc test would pass vacuously.
    List<DocBlock> blocks = DocBlock.all(DocEnv.root());
    assertThat(blocks.stream().filter(DocBlock::isShell).count()).isGreaterThanOrEqualTo(8);
    assertThat(blocks.stream().filter(b -> b.lang().equals("java")).count()).isGreaterThanOrEqualTo(8);
  }

  @Test
  void unknownTagsAndMarkersAreReported() {
    // The checks above must be able to fail: a made-up document with each kind of mistake.
    List<DocBlock> blocks = DocBlock.parse("X.md", List.of(
        "```python", "print(1)", "```",
        "<!-- doctest: sometimes -->", "```bash", "true", "```",
        "<!-- doctest: compile-only no S3 here -->", "", "```bash", "true", "```",
        "```", "untagged", "```"));
    assertThat(blocks).extracting(DocBlock::lang).containsExactly("python", "bash", "bash", "");
    assertThat(DocBlock.LANGUAGES).doesNotContain("python", "");
    assertThat(blocks.get(1).markerError()).contains("unknown doctest marker 'sometimes'");
    assertThat(markerProblem(blocks.get(2))).contains("X.md:10").contains("compile-only");
    assertThat(blocks.get(2).line()).isEqualTo(10);
  }

  static String markerProblem(DocBlock b) {
    if (b.markerError() != null) {
      return b.where() + ": " + b.markerError();
    }
    if (b.marker() == null) {
      return null;
    }
    return switch (b.marker().kind()) {
      case SKIP -> b.isShell() || b.lang().equals("java") ? null : b.where() + ": skip on a block that never runs";
      case EXPECT_EXIT -> b.isShell() ? null : b.where() + ": expect-exit only applies to bash/sh blocks";
      case COMPILE_ONLY -> b.lang().equals("java") ? null : b.where() + ": compile-only only applies to java blocks";
    };
  }
}
