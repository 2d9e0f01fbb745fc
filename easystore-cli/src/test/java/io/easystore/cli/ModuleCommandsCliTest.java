package io.easystore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code des records} and {@code des els} are wired into the des command and use its streams. */
class ModuleCommandsCliTest {
  @TempDir Path tmp;

  private static String[] run(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
  }

  @Test
  void appendThenCatThroughDes() {
    String archive = tmp.resolve("log.rec").toString();
    String[] append = run("{\"id\":\"a\",\"n\":1}\n{\"id\":\"b\",\"n\":2}\n", "records", "append", archive);
    assertThat(append[0]).as(append[2]).isEqualTo("0");
    String[] cat = run("", "records", "cat", archive);
    assertThat(cat[0]).as(cat[2]).isEqualTo("0");
    assertThat(cat[1]).contains("\"id\":\"a\"").contains("\"id\":\"b\"");
    String[] missing = run("", "records", "cat", tmp.resolve("nope.rec").toString());
    assertThat(missing[0]).isNotEqualTo("0");
    assertThat(missing[2].lines()).hasSize(1);
  }

  @Test
  void elsPutGetThroughDes() {
    String store = tmp.resolve("store").toString();
    String[] put = run("value from stdin", "els", "put", store, "bucket/key");
    assertThat(put[0]).as(put[2]).isEqualTo("0");
    String[] get = run("", "els", "get", store, "bucket/key");
    assertThat(get[0]).as(get[2]).isEqualTo("0");
    assertThat(get[1]).isEqualTo("value from stdin");
  }
}
