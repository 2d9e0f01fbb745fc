package io.easystore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How des is started from a shell: the ./des script through a link on PATH. ({@code java -jar des.jar}
 * is tested in easystore-doctest, which runs after this module has packaged the jar.)
 */
class LauncherTest {
  @TempDir Path tmp;

  private static String run(Path cwd, String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return "exit " + p.exitValue() + "\n" + out;
  }

  @Test
  void theDesScriptWorksThroughASymbolicLinkOnPath() throws Exception {
    Path script = Path.of("..", "des").toAbsolutePath().normalize();
    Assumptions.assumeTrue(Files.isRegularFile(script), "the des script is at the repository root");
    // A checkout whose jar is already built (a launcher jar over the test class path), so the script
    // has nothing to build: only whether it finds its checkout through the link is under test.
    Path checkout = Files.createDirectories(tmp.resolve("checkout"));
    Files.copy(script, checkout.resolve("des"));
    checkout.resolve("des").toFile().setExecutable(true);
    Path jar = Files.createDirectories(checkout.resolve("easystore-cli/target")).resolve("des.jar");
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
    m.getMainAttributes().put(Attributes.Name.CLASS_PATH, Stream.of(System.getProperty("java.class.path")
        .split(java.io.File.pathSeparator)).map(e -> Path.of(e).toUri().toString()).collect(Collectors.joining(" ")));
    new JarOutputStream(Files.newOutputStream(jar), m).close();
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Files.createSymbolicLink(bin.resolve("des"), checkout.resolve("des"));
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    String out = run(elsewhere, bin.resolve("des").toString(), "--version");
    assertThat(out).startsWith("exit 0\n").contains("des ");
  }
}
