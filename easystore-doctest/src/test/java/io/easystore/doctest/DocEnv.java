package io.easystore.doctest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the doc tests need from the build (the repository root, the des command's classpath, the
 * classpath snippets compile against) and one way to run a process with a time limit, its output
 * kept in a file so that a chatty process never blocks on a full pipe. Stateless; thread-safe.
 */
final class DocEnv {
  private DocEnv() {}

  static Path root() {
    return Path.of(System.getProperty("doctest.root", "..")).toAbsolutePath().normalize();
  }

  static String desClasspath() throws IOException {
    return readClasspath("doctest.desClasspath", "target/des.classpath");
  }

  static String snippetClasspath() throws IOException {
    return readClasspath("doctest.snippetClasspath", "target/snippet.classpath");
  }

  private static String readClasspath(String property, String fallback) throws IOException {
    Path file = Path.of(System.getProperty(property, fallback));
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(file + " is missing: run the doc tests through Maven"
          + " (./mvnw -pl easystore-doctest -am test), which writes it in generate-test-resources");
    }
    return Files.readString(file, StandardCharsets.UTF_8).strip();
  }

  static Path javaBin() {
    return Path.of(System.getProperty("java.home"), "bin");
  }

  /** JVM options for every java the tests start: quiet on JDK 22+ and quick to start. */
  static List<String> jvmOptions() {
    List<String> opts = new ArrayList<>(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx512m"));
    if (Runtime.version().feature() >= 22) {
      opts.add("--enable-native-access=ALL-UNNAMED");
    }
    return opts;
  }

  /** The result of a process: its exit code and its stdout and stderr, interleaved. */
  record Result(int exit, String output, boolean timedOut) {
    /** The last {@code n} lines of the output, enough to see why a block failed. */
    String tail(int n) {
      List<String> lines = output.lines().toList();
      int from = Math.max(0, lines.size() - n);
      return (from > 0 ? "    [... " + from + " earlier lines]\n" : "")
          + String.join("\n", lines.subList(from, lines.size()).stream().map(l -> "    | " + l).toList());
    }
  }

  static Result run(List<String> command, Path cwd, Map<String, String> env, Duration timeout)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("doctest", ".out");
    try {
      ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile())
          .redirectErrorStream(true).redirectOutput(out.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      // A null value removes the variable: the tests must not see the user's own settings.
      env.forEach((k, v) -> {
        if (v == null) {
          pb.environment().remove(k);
        } else {
          pb.environment().put(k, v);
        }
      });
      Process p = pb.start();
      boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!done) {
        // A block that never ends (tail -f, a prompt) must not hang the build: end its whole tree.
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor();
      }
      String text = new String(Files.readAllBytes(out), StandardCharsets.UTF_8);
      return new Result(done ? p.exitValue() : -1, text, !done);
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
