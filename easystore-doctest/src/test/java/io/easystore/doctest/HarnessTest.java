package io.easystore.doctest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness itself can fail, and says where: a broken block is never reported as passing. */
class HarnessTest {
  @TempDir Path tmp;

  @Test
  void javaSnippetThatDoesNotCompileIsReportedAtItsDocumentLine() throws Exception {
    // README's FileTree example before issue #13 (B10): a checked IOException inside a lambda.
    DocBlock b = DocBlock.parse("X.md", List.of(
        "text", "```java",
        "import io.easystore.tree.*;",
        "import java.nio.file.Path;",
        "try (FileTree t = FileTrees.open(Path.of(\"d\"))) {",
        "  t.list(\"\").forEach(f -> t.readAllBytes(f));",
        "}",
        "```")).get(0);
    JavaBlocksTest.Source src = JavaBlocksTest.source(b);
    Path file = Files.writeString(tmp.resolve("Snippet.java"), src.text());
    List<String> errors = JavaBlocksTest.compileErrors(b, src, file, Files.createDirectories(tmp.resolve("c")));
    assertThat(errors).anySatisfy(e -> assertThat(e).startsWith("X.md:6:").contains("IOException"));
  }

  @Test
  void javaSnippetWithItsImportsCompiles() throws Exception {
    DocBlock b = DocBlock.parse("X.md", List.of(
        "```java", "import java.util.List;", "", "List<String> names = List.of(\"a\");", "```")).get(0);
    JavaBlocksTest.Source src = JavaBlocksTest.source(b);
    Path file = Files.writeString(tmp.resolve("Snippet.java"), src.text());
    assertThat(JavaBlocksTest.compileErrors(b, src, file, Files.createDirectories(tmp.resolve("c")))).isEmpty();
  }

  @Test
  void failingShellLineIsNamedByDocumentLine() throws Exception {
    List<DocBlock> blocks = DocBlock.parse("X.md", List.of("intro", "```bash", "true", "false", "echo never", "```"));
    DocEnv.Result r = runShell(blocks.get(0));
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.output()).contains("doctest: X.md:4 exited 1: false").doesNotContain("never");
  }

  @Test
  void failureInsideAPipelineFailsTheBlock() throws Exception {
    DocEnv.Result r = runShell(DocBlock.parse("X.md", List.of("```bash", "false | cat", "```")).get(0));
    assertThat(r.exit()).isNotZero();
  }

  @Test
  void exportedVariablesAndFilesCarryToTheNextBlockOfTheDocument() throws Exception {
    List<DocBlock> blocks = DocBlock.parse("X.md", List.of(
        "```bash", "export GREETING=hello", "echo data > made-here.txt", "```",
        "```bash", "test \"$GREETING\" = hello", "test -f made-here.txt", "```"));
    assertThat(runShell(blocks.get(0)).exit()).isZero();
    DocEnv.Result second = runShell(blocks.get(1));
    assertThat(second.exit()).as(second.output()).isZero();
  }

  @Test
  void unsetVariablesAreErrors() throws Exception {
    DocEnv.Result r = runShell(DocBlock.parse("X.md", List.of("```bash", "echo \"$NOT_SET_ANYWHERE\"", "```")).get(0));
    assertThat(r.exit()).isNotZero();
  }

  private DocEnv.Result runShell(DocBlock b) throws Exception {
    Path scratch = Files.createDirectories(tmp.resolve("scratch"));
    Path state = tmp.resolve("state.sh");
    if (!Files.exists(state)) {
      Files.writeString(state, "");
    }
    Path script = Files.writeString(tmp.resolve("block.sh"), ShellBlocksTest.script(b));
    Map<String, String> env = new HashMap<>();
    env.put("DOCTEST_STATE", state.toString());
    env.put("DOCTEST_SCRATCH", scratch.toString());
    env.put("NOT_SET_ANYWHERE", null);
    env.put("GREETING", null);
    return DocEnv.run(List.of("bash", "-euo", "pipefail", script.toString()), tmp, env, Duration.ofSeconds(60));
  }
}
