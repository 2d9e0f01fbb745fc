package io.easystore.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java example in docs/RECORDS.md is {@code src/test/java/RecordsExample.java}, character for
 * character: this test runs it and checks that the document still shows exactly that file.
 */
class RecordsDocExampleTest {
  @TempDir Path dir;

  private static Path source() {
    return Path.of("src", "test", "java", "RecordsExample.java");
  }

  @Test
  void theRecordsGuideJavaExampleRunsAsWritten() throws Exception {
    // RecordsExample is in the unnamed package (as the document shows it), so reflection reaches it.
    var run = Class.forName("RecordsExample").getDeclaredMethod("run", Path.class);
    run.setAccessible(true);
    String summary = (String) run.invoke(null, dir);
    assertThat(summary).matches("from \\d+:1: \\[o-2, o-3\\]; total 5550; alice: 2 orders; log messages 'started': 1");
    assertThat(dir.resolve("orders.rec")).exists();
    assertThat(dir.resolve("orders.rec.user.rix")).exists();
  }

  @Test
  void theRecordsGuideShowsTheTestedExample() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "RECORDS.md"), StandardCharsets.UTF_8);
    String code = Files.readString(source(), StandardCharsets.UTF_8);
    assertThat(doc).contains("```java\n" + code + "```\n");
  }
}
