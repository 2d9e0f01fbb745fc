package io.easystore.doctest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every ```java block of README.md and docs/*.md compiles against the library (the snippet lists
 * its own imports; the statements after them become the body of a {@code main} that may throw
 * anything) and then runs in a fresh working directory, unless it is marked
 * {@code <!-- doctest: compile-only REASON -->} (it needs a remote store, say) or skipped.
 * A block that declares a top-level class is compiled as it stands.
 */
class JavaBlocksTest {
  private static final Pattern IMPORT = Pattern.compile("^\\s*(import\\s+[\\w.*]+\\s*;|import\\s+static\\s+[\\w.*]+\\s*;|//.*|)\\s*$");
  private static final Pattern TOP_CLASS = Pattern.compile("^(public\\s+)?(final\\s+)?class\\s+(\\w+)", Pattern.MULTILINE);
  private static final Duration RUN_LIMIT = Duration.ofSeconds(120);

  @TempDir Path tmp;

  @TestFactory
  List<DynamicTest> javaBlocks() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (DocBlock b : DocBlock.all(DocEnv.root())) {
      if (b.lang().equals("java")) {
        tests.add(DynamicTest.dynamicTest(b.where(), () -> check(b)));
      }
    }
    return tests;
  }

  private void check(DocBlock b) throws Exception {
    if (b.marker() != null && b.marker().kind() == DocBlock.Kind.SKIP) {
      Assumptions.abort("doctest skip: " + b.where() + ": " + b.marker().reason());
    }
    Path dir = Files.createTempDirectory(tmp, "snippet");
    Path classes = Files.createDirectories(dir.resolve("classes"));
    Source src = source(b);
    Path file = dir.resolve(src.className() + ".java");
    Files.writeString(file, src.text(), StandardCharsets.UTF_8);
    compile(b, src, file, classes);
    if (b.marker() != null && b.marker().kind() == DocBlock.Kind.COMPILE_ONLY) {
      System.out.println("doctest: " + b.where() + " compiled, not run: " + b.marker().reason());
      return;
    }
    Path work = Files.createDirectories(dir.resolve("work"));
    List<String> cmd = new ArrayList<>(List.of(DocEnv.javaBin().resolve("java").toString()));
    cmd.addAll(DocEnv.jvmOptions());
    cmd.addAll(List.of("-cp", classes + File.pathSeparator + DocEnv.snippetClasspath(), src.className()));
    DocEnv.Result r = DocEnv.run(cmd, work, Map.of(), RUN_LIMIT);
    assertThat(r.exit())
        .withFailMessage("%s: the snippet %s; its output:%n%s", b.where(),
            r.timedOut() ? "did not finish in " + RUN_LIMIT.toSeconds() + " s" : "exited " + r.exit(), r.tail(40))
        .isZero();
  }

  /** The compilation unit for a block; its line k is the block's line k, so diagnostics map back. */
  record Source(String className, String text, int headerLine) {}

  private static final String HEADER = "public class Snippet { public static void main(String[] args) throws Exception { ";

  static Source source(DocBlock b) {
    Matcher top = TOP_CLASS.matcher(b.text());
    if (top.find()) {
      return new Source(top.group(3), b.text(), 0);
    }
    String[] lines = b.text().split("\n", -1);
    StringBuilder out = new StringBuilder();
    int headerLine = 0;
    for (int i = 0; i < lines.length; i++) {
      if (headerLine == 0 && !IMPORT.matcher(lines[i]).matches()) {
        out.append(HEADER);
        headerLine = i + 1;
      }
      out.append(lines[i]).append('\n');
    }
    if (headerLine == 0) {
      out.append(HEADER);
    }
    out.append("}}\n");
    return new Source("Snippet", out.toString(), headerLine);
  }

  private static void compile(DocBlock b, Source src, Path file, Path classes) throws IOException {
    List<String> errors = compileErrors(b, src, file, classes);
    assertThat(errors).withFailMessage("%s does not compile:%n  %s", b.where(), String.join("\n  ", errors)).isEmpty();
  }

  /** The compiler's errors, each as {@code DOC:LINE:COLUMN: message} and the offending line. */
  static List<String> compileErrors(DocBlock b, Source src, Path file, Path classes) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac).as("a JDK's compiler (the doc tests need a JDK, not a JRE)").isNotNull();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      List<String> options = List.of("--release", "17", "-proc:none", "-encoding", "UTF-8",
          "-classpath", DocEnv.snippetClasspath(), "-d", classes.toString());
      boolean ok = javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjects(file)).call();
      List<String> errors = new ArrayList<>();
      for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
        if (d.getKind() == Diagnostic.Kind.ERROR) {
          long docLine = b.line() + d.getLineNumber();
          String[] text = b.text().split("\n", -1);
          String code = d.getLineNumber() >= 1 && d.getLineNumber() <= text.length ? text[(int) d.getLineNumber() - 1].strip() : "";
          long column = d.getColumnNumber() - (d.getLineNumber() == src.headerLine() ? HEADER.length() : 0);
          errors.add(b.doc() + ":" + docLine + ":" + column + ": " + d.getMessage(Locale.ROOT).replace("\n", " ")
              + "\n      " + code);
        }
      }
      if (!ok && errors.isEmpty()) {
        errors.add(b.where() + ": the compiler failed without an error message");
      }
      return errors;
    }
  }
}
