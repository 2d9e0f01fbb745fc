package io.easystore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/ARCHITECTURE.md exact where it is easiest to let it drift: the list of the public API
 * (every public top-level type of every package core's module-info exports without a {@code to})
 * and the dependencies between the internal packages, with the rules it states for them (no
 * cycle, one hook into updates). Checked on the compiled classes, so a type
 * moved into an internal package, made package-private or added shows up here with the list to
 * paste into the doc.
 */
class ArchitectureDocTest {
  private static final String BEGIN = "<!-- api-list:begin -->";
  private static final String END = "<!-- api-list:end -->";
  private static final Pattern EXPORT = Pattern.compile("^\\s*exports\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
  private static final Pattern ROW = Pattern.compile("^\\|\\s*`([\\w.]+)`\\s*\\|(.*)\\|\\s*$");
  private static final Pattern NAME = Pattern.compile("`(\\w+)`");
  private static final String INTERNAL = "io/easystore/internal/";
  private static final String DEPS_BEGIN = "<!-- internal-deps:begin -->";
  private static final String DEPS_END = "<!-- internal-deps:end -->";
  private static final Pattern DEP_LINE = Pattern.compile("^(\\w+)\\s+→\\s+(.*?)\\s*$");

  @Test
  void apiListInArchitectureDocIsThePublicTypesOfTheExportedPackages() throws IOException {
    Map<String, Set<String>> actual = new TreeMap<>();
    for (String pkg : exportedPackages()) {
      actual.put(pkg, publicTopLevelTypes(pkg));
    }
    assertThat(actual).as("exported packages").hasSizeGreaterThanOrEqualTo(5);
    Map<String, Set<String>> documented = documentedApi();
    assertThat(documented)
        .as("the API list of docs/ARCHITECTURE.md (between %s and %s) differs from the code; the"
            + " correct rows are:%n%s", BEGIN, END, render(actual))
        .isEqualTo(actual);
  }

  @Test
  void internalDependenciesAreTheDocumentedOnes() throws IOException {
    Map<String, Set<String>> actual = internalDependencies();
    Map<String, Set<String>> documented = new TreeMap<>();
    for (String line : section(DEPS_BEGIN, DEPS_END).split("\n")) {
      Matcher m = DEP_LINE.matcher(line);
      if (m.matches()) {
        Set<String> to = new TreeSet<>();
        if (!m.group(2).equals("(none)")) {
          to.addAll(List.of(m.group(2).split(",\\s*")));
        }
        documented.put(m.group(1), to);
      }
    }
    StringBuilder correct = new StringBuilder();
    actual.forEach((pkg, to) -> correct.append(String.format("%-10s → %s%n", pkg,
        to.isEmpty() ? "(none)" : String.join(", ", to))));
    assertThat(documented)
        .as("internal package dependencies in docs/ARCHITECTURE.md (between %s and %s) differ from the"
            + " compiled classes; they are:%n%s", DEPS_BEGIN, DEPS_END, correct)
        .isEqualTo(actual);
  }

  @Test
  void internalPackagesHaveNoCycle() throws IOException {
    Map<String, Set<String>> deps = internalDependencies();
    assertThat(deps).as("internal packages").containsKeys("bytes", "common", "container", "v1", "v2", "updates");
    List<String> cycle = findCycle(deps);
    assertThat(cycle).as("a cycle between internal packages; dependencies: %s", deps).isEmpty();
  }

  @Test
  void onlyContainerReadersAndTheUpdaterApiReachIntoUpdates() throws IOException {
    List<String> users = new ArrayList<>();
    for (Path c : classFiles(classesRoot().resolve("io/easystore"), true)) {
      String rel = classesRoot().relativize(c).toString().replace('\\', '/');
      if (!rel.startsWith(INTERNAL + "updates/") && constants(c).contains(INTERNAL + "updates/")) {
        users.add(rel.substring(0, rel.length() - ".class".length()));
      }
    }
    assertThat(users).as("classes outside internal.updates that refer to it")
        .containsExactlyInAnyOrder("io/easystore/internal/container/ContainerReaders", "io/easystore/mutate/DesUpdater");
    assertThat(internalDependencies().get("v2")).as("internal packages v2 refers to").doesNotContain("updates");
  }

  private static String section(String beginMarker, String endMarker) throws IOException {
    String doc = Files.readString(moduleDir().getParent().resolve("docs/ARCHITECTURE.md"));
    int begin = doc.indexOf(beginMarker);
    int end = doc.indexOf(endMarker);
    assertThat(begin).as("marker %s in docs/ARCHITECTURE.md", beginMarker).isNotNegative();
    assertThat(end).as("marker %s after %s", endMarker, beginMarker).isGreaterThan(begin);
    return doc.substring(begin + beginMarker.length(), end);
  }

  private static Map<String, Set<String>> documentedApi() throws IOException {
    Map<String, Set<String>> documented = new TreeMap<>();
    for (String line : section(BEGIN, END).split("\n")) {
      Matcher row = ROW.matcher(line);
      if (row.matches()) {
        Set<String> names = new TreeSet<>();
        Matcher n = NAME.matcher(row.group(2));
        while (n.find()) {
          names.add(n.group(1));
        }
        documented.put(row.group(1), names);
      }
    }
    return documented;
  }

  private static String render(Map<String, Set<String>> api) {
    StringBuilder b = new StringBuilder("| package | public types |\n|---|---|\n");
    api.forEach((pkg, types) -> b.append("| `").append(pkg).append("` | ")
        .append(String.join(", ", types.stream().map(t -> "`" + t + "`").toList())).append(" |\n"));
    return b.toString();
  }

  private static List<String> exportedPackages() throws IOException {
    String info = Files.readString(moduleDir().resolve("src/main/java/module-info.java"));
    List<String> pkgs = new ArrayList<>();
    Matcher m = EXPORT.matcher(info);
    while (m.find()) {
      pkgs.add(m.group(1));
    }
    return pkgs;
  }

  private static Set<String> publicTopLevelTypes(String pkg) throws IOException {
    Set<String> types = new TreeSet<>();
    for (Path c : classFiles(classesRoot().resolve(pkg.replace('.', '/')), false)) {
      String simple = c.getFileName().toString().replace(".class", "");
      if (simple.contains("$") || simple.equals("package-info")) {
        continue;
      }
      try {
        Class<?> type = Class.forName(pkg + "." + simple, false, ArchitectureDocTest.class.getClassLoader());
        if (Modifier.isPublic(type.getModifiers())) {
          types.add(simple);
        }
      } catch (ClassNotFoundException e) {
        throw new AssertionError("compiled class " + c + " does not load", e);
      }
    }
    return types;
  }

  /** Internal package → the other internal packages its classes refer to. */
  private static Map<String, Set<String>> internalDependencies() throws IOException {
    Map<String, Set<String>> deps = new TreeMap<>();
    Pattern ref = Pattern.compile(Pattern.quote(INTERNAL) + "(\\w+)/");
    try (Stream<Path> dirs = Files.list(classesRoot().resolve(INTERNAL))) {
      for (Path dir : dirs.filter(Files::isDirectory).toList()) {
        String pkg = dir.getFileName().toString();
        Set<String> to = new TreeSet<>();
        for (Path c : classFiles(dir, false)) {
          Matcher m = ref.matcher(constants(c));
          while (m.find()) {
            to.add(m.group(1));
          }
        }
        to.remove(pkg);
        deps.put(pkg, to);
      }
    }
    return deps;
  }

  private static List<String> findCycle(Map<String, Set<String>> deps) {
    Map<String, Integer> state = new TreeMap<>();
    List<String> path = new ArrayList<>();
    for (String start : deps.keySet()) {
      if (visit(start, deps, state, path)) {
        return path;
      }
    }
    return List.of();
  }

  private static boolean visit(String p, Map<String, Set<String>> deps, Map<String, Integer> state, List<String> path) {
    Integer s = state.get(p);
    if (s != null) {
      if (s == 1) {
        path.add(p);
        return true;
      }
      return false;
    }
    state.put(p, 1);
    path.add(p);
    for (String q : deps.getOrDefault(p, Set.of())) {
      if (visit(q, deps, state, path)) {
        return true;
      }
    }
    path.remove(path.size() - 1);
    state.put(p, 2);
    return false;
  }

  /** The class file as text: every class a class refers to is in its constant pool as a/b/C. */
  private static String constants(Path classFile) {
    try {
      return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> classFiles(Path dir, boolean recursive) throws IOException {
    try (Stream<Path> s = recursive ? Files.walk(dir) : Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".class")).sorted().toList();
    }
  }

  private static Path classesRoot() {
    try {
      return Path.of(DesReader.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  /** easystore-core: the parent of target/classes. */
  private static Path moduleDir() {
    return classesRoot().getParent().getParent();
  }
}
