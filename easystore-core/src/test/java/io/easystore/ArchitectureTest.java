package io.easystore;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.easystore.internal.io.LockFiles;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guard rails of the module's shape (issue #14, item 9): each test names the problem it keeps from
 * coming back. The exported packages are read from the compiled module descriptor, so a new
 * export is covered without touching this class.
 */
class ArchitectureTest {
  /**
   * Public top-level types in exported packages. Lower it when the API shrinks; raising it means
   * a new public type, which should be a deliberate API decision.
   */
  private static final int API_BUDGET = 72;

  private static final JavaClasses CORE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
      .importPackages("io.easystore");

  private static final Set<String> EXPORTED = exportedPackages();

  @Test
  void internalPackagesHaveNoCycles() {
    slices().matching("io.easystore.internal.(*)..").should().beFreeOfCycles().check(CORE);
  }

  @Test
  void noInternalTypeLeaksIntoTheApi() {
    List<String> leaks = new ArrayList<>();
    for (JavaClass c : apiClasses(true)) {
      Stream.concat(Stream.of(c.getSuperclass().stream()).flatMap(s -> s), c.getInterfaces().stream())
          .forEach(t -> leak(leaks, c.getName() + " extends/implements", t));
      for (JavaMember m : c.getMembers()) {
        if (!m.getModifiers().contains(JavaModifier.PUBLIC) && !m.getModifiers().contains(JavaModifier.PROTECTED)) {
          continue;
        }
        if (m instanceof JavaField f) {
          leak(leaks, f.getFullName(), f.getType());
        } else if (m instanceof JavaCodeUnit u) {
          leak(leaks, u.getFullName() + " returns", u.getReturnType());
          u.getParameterTypes().forEach(p -> leak(leaks, u.getFullName() + " takes", p));
          u.getThrowsClause().getTypes().forEach(t -> leak(leaks, u.getFullName() + " throws", t));
        }
      }
    }
    assertThat(leaks).as("API members whose types are internal (io.easystore.internal.., io.easystore.nio..)")
        .isEmpty();
  }

  @Test
  void ioDoesNotDependOnRemote() {
    noClasses().that().resideInAnyPackage("io.easystore.io..", "io.easystore.internal.io..")
        .should().dependOnClassesThat().resideInAnyPackage("io.easystore.remote..", "io.easystore.internal.remote..")
        .check(CORE);
  }

  @Test
  void plainV2ReadPathDoesNotTouchUpdates() {
    noClasses().that().resideInAPackage("io.easystore.internal.v2..")
        .should().dependOnClassesThat().resideInAPackage("io.easystore.internal.updates..")
        .orShould().dependOnClassesThat().haveFullyQualifiedName(LockFiles.class.getName())
        .check(CORE);
  }

  @Test
  void apiStaysSmall() {
    List<String> api = apiClasses(false).stream().map(JavaClass::getName).sorted().toList();
    assertThat(api.size())
        .as("public top-level types in exported packages (budget %d):%n  %s", API_BUDGET, String.join("\n  ", api))
        .isLessThanOrEqualTo(API_BUDGET);
  }

  @Test
  void everyPublicApiTypeHasClassJavadoc() throws IOException {
    Path src = Path.of("src/main/java");
    List<String> missing = new ArrayList<>();
    for (JavaClass c : apiClasses(false)) {
      Path file = src.resolve(c.getName().replace('.', '/') + ".java");
      if (!hasJavadocBeforeDeclaration(Files.readString(file, StandardCharsets.UTF_8), c.getSimpleName())) {
        missing.add(c.getName());
      }
    }
    assertThat(missing).as("public API types without class javadoc").isEmpty();
  }

  @Test
  void javadocCheckTellsCommentsFromJavadoc() {
    assertThat(hasJavadocBeforeDeclaration("package p;\n\n/** Doc. */\npublic final class A {}\n", "A")).isTrue();
    assertThat(hasJavadocBeforeDeclaration("/**\n * Doc.\n */\n@Deprecated\npublic interface A {}\n", "A")).isTrue();
    assertThat(hasJavadocBeforeDeclaration("/* Not javadoc. */\npublic class A {}\n", "A")).isFalse();
    assertThat(hasJavadocBeforeDeclaration("import x.Y;\n\npublic record A() {}\n", "A")).isFalse();
    assertThat(hasJavadocBeforeDeclaration("/**\n * Globs like {@code a/**}.\n */\npublic class A {}\n", "A")).isTrue();
  }

  /** Whether the declaration of {@code name} is preceded (annotations aside) by a closed javadoc comment. */
  static boolean hasJavadocBeforeDeclaration(String source, String name) {
    String[] lines = source.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i];
      if (l.startsWith("public ") && l.matches("public .*\\b(class|interface|record|enum|@interface) " + name + "\\b.*")) {
        int j = i - 1;
        while (j >= 0 && (lines[j].startsWith("@") || lines[j].startsWith("  ") && !lines[j].trim().startsWith("*"))) {
          j--;
        }
        if (j < 0 || !lines[j].trim().endsWith("*/")) {
          return false;
        }
        while (j >= 0 && !lines[j].trim().startsWith("/*")) {
          j--;
        }
        return j >= 0 && lines[j].trim().startsWith("/**");
      }
    }
    return false;
  }

  private static void leak(List<String> leaks, String where, JavaType type) {
    for (JavaClass t : type.getAllInvolvedRawTypes()) {
      String n = t.getName();
      if (n.startsWith("io.easystore.internal.") || n.startsWith("io.easystore.nio.")) {
        leaks.add(where + " " + n);
      }
    }
  }

  /** Public classes of exported packages; with {@code nested}, also public nested classes of those. */
  private static Set<JavaClass> apiClasses(boolean nested) {
    return CORE.stream()
        .filter(c -> EXPORTED.contains(c.getPackageName()))
        .filter(c -> nested ? isAccessible(c) : c.isTopLevelClass() && c.getModifiers().contains(JavaModifier.PUBLIC))
        .collect(Collectors.toCollection(() -> new TreeSet<>((a, b) -> a.getName().compareTo(b.getName()))));
  }

  private static boolean isAccessible(JavaClass c) {
    for (JavaClass k = c; k != null; k = k.getEnclosingClass().orElse(null)) {
      Set<JavaModifier> mods = k.getModifiers();
      boolean open = mods.contains(JavaModifier.PUBLIC) || (k != c || !k.isTopLevelClass()) && mods.contains(JavaModifier.PROTECTED);
      if (!open || k.isAnonymousClass() || k.isLocalClass()) {
        return false;
      }
    }
    return true;
  }

  /** The unqualified exports of the compiled module descriptor (target/classes/module-info.class). */
  private static Set<String> exportedPackages() {
    try {
      Path classes = Path.of(DesReader.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
        Set<String> out = ModuleDescriptor.read(in).exports().stream()
            .filter(e -> !e.isQualified()).map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
        assertThat(out).contains("io.easystore");
        return out;
      }
    } catch (IOException | URISyntaxException e) {
      throw new AssertionError("cannot read the module descriptor of easystore-core", e);
    }
  }
}
