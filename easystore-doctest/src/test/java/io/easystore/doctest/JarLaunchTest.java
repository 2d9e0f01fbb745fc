package io.easystore.doctest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar des.jar} as the README's install section runs it. It lives here rather than in
 * easystore-cli because this module is built after easystore-cli has packaged the jar.
 */
class JarLaunchTest {
  @TempDir Path tmp;

  private static String run(Path cwd, String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return "exit " + p.exitValue() + "\n" + out;
  }

  @Test
  void javaDashJarOnJdk25PrintsNoNativeAccessWarnings() throws Exception {
    Path java25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
    Path jar = Path.of("..", "easystore-cli", "target", "des.jar").toAbsolutePath().normalize();
    Assumptions.assumeTrue(Files.isExecutable(java25), "no JDK 25 at " + java25);
    Assumptions.assumeTrue(Files.isRegularFile(jar),
        jar + " is not built: the jar exists from the package phase on (run ./mvnw verify)");
    Path src = Files.createDirectories(tmp.resolve("src"));
    Files.writeString(src.resolve("a.txt"), "a body long enough to be worth compressing ".repeat(20));
    // pack and cat load zstd-jni, whose native library is what JDK 22+ warns about.
    String pack = run(tmp, java25.toString(), "-jar", jar.toString(), "pack", src.toString(), "-o",
        tmp.resolve("c.des").toString());
    assertThat(pack).startsWith("exit 0\n").doesNotContain("WARNING");
    String cat = run(tmp, java25.toString(), "-jar", jar.toString(), "cat", tmp.resolve("c.des").toString(), "a.txt");
    assertThat(cat).startsWith("exit 0\n").doesNotContain("WARNING");
  }
}
